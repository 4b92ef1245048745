using System.Text;

namespace TokenOptimizer.Query.ExportingCsv;

/// <summary>
/// A CSV file written straight to the response as its rows are produced: nothing holds the whole file, so an
/// export of any size costs a row's memory. <paramref name="writeRows"/> should start its query before writing
/// anything, so a failure to start is still an error status; a failure mid-way aborts the response, which the
/// client sees as a broken download, never as a short but complete-looking file.
/// </summary>
public sealed class CsvDownload(string fileName, Func<CsvWriter, CancellationToken, Task> writeRows) : IResult
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var text = new StreamWriter(response.Body, Utf8, bufferSize: 16 * 1024, leaveOpen: true);
        await writeRows(new CsvWriter(text), httpContext.RequestAborted);
        await text.FlushAsync(httpContext.RequestAborted);
    }
}

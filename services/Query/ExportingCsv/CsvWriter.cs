using System.Globalization;
using System.Text;

namespace TokenOptimizer.Query.ExportingCsv;

/// <summary>
/// RFC 4180 rows onto a text writer: comma-separated, CRLF-terminated, a field quoted (with quotes doubled) when
/// it holds a comma, quote, CR or LF; invariant culture; decimals exact; instants ISO-8601 UTC; null as an empty
/// field. Text cells that a spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
/// tab or CR) get a leading <c>'</c>, the usual CSV-injection guard; numbers are written as they are, so a
/// negative amount stays a number.
/// </summary>
public sealed class CsvWriter(TextWriter output)
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];
    private readonly StringBuilder _row = new();
    private bool _rowStarted;

    public CsvWriter Text(string? value)
    {
        Separate();
        if (value is null)
        {
            return this;
        }

        var cell = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        if (cell.IndexOfAny(NeedsQuotes) < 0)
        {
            _row.Append(cell);
        }
        else
        {
            _row.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return this;
    }

    public CsvWriter Number(long? value) => Raw(value?.ToString(CultureInfo.InvariantCulture));

    public CsvWriter Number(double? value) => Raw(value?.ToString("R", CultureInfo.InvariantCulture));

    public CsvWriter Number(decimal? value) => Raw(value?.ToString(CultureInfo.InvariantCulture));

    public CsvWriter Flag(bool value) => Raw(value ? "true" : "false");

    public CsvWriter Instant(DateTime utc) => Raw(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));

    public CsvWriter Empty() => Raw(null);

    /// <summary>The header: column names are plain identifiers, written as they are.</summary>
    public CsvWriter Names(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            Raw(name);
        }

        return this;
    }

    public async Task EndRowAsync(CancellationToken cancellationToken)
    {
        _row.Append("\r\n");
        await output.WriteAsync(_row, cancellationToken);
        _row.Clear();
        _rowStarted = false;
    }

    /// <summary>Sends what is buffered to the client now.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

    private CsvWriter Raw(string? value)
    {
        Separate();
        _row.Append(value);
        return this;
    }

    private void Separate()
    {
        if (_rowStarted)
        {
            _row.Append(',');
        }

        _rowStarted = true;
    }
}

namespace TokenOptimizer.Query.ExportingCsv;

/// <summary>A query-string parameter of an export that cannot be used; answered as 400 problem details naming it.</summary>
public sealed class BadExportParameter(string parameter, string message) : Exception(message)
{
    public string Parameter => parameter;

    public IResult ToProblem() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [parameter] = [Message] }, detail: Message, title: $"Invalid parameter '{parameter}'.");
}

namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>What is wrong with a price file, keyed as a validation problem's errors: <c>content</c>, or <c>content.&lt;model&gt;.&lt;field&gt;</c>.</summary>
public sealed class PriceFileProblems
{
    // Enough to fix a file without answering with a wall of text.
    private const int MaxNamed = 20;

    private readonly Dictionary<string, string[]> _errors = [];

    public bool Any => _errors.Count > 0;

    public IDictionary<string, string[]> Errors => _errors;

    public void File(string message) => Add("content", message);

    public void Field(string model, string field, string message) => Add($"content.{model}.{field}", message);

    private void Add(string key, string message)
    {
        if (_errors.Count < MaxNamed)
        {
            _errors[key] = _errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
        }
    }
}

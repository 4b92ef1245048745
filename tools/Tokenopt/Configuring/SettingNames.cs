using TokenOptimizer.Tokenopt.Connecting;

namespace TokenOptimizer.Tokenopt.Configuring;

/// <summary>
/// The settings <c>tokenopt config set</c> accepts, named as their flags are (<c>endpoint</c>, <c>api-key</c>): each
/// value is checked before it is saved, and an API key is shown masked, never whole.
/// </summary>
public static class SettingNames
{
    public const string Endpoint = "endpoint";
    public const string ApiKey = "api-key";

    private const string KeyPrefix = "tok_";

    public static IReadOnlyList<string> All { get; } = [Endpoint, ApiKey];

    /// <summary><paramref name="settings"/> with <paramref name="name"/> set to <paramref name="value"/>; a <see cref="CliError"/> naming the setting when either is wrong.</summary>
    public static Settings With(Settings settings, string name, string value) => name.Trim().ToLowerInvariant() switch
    {
        Endpoint => settings with { Endpoint = ValidEndpoint(value.Trim()) },
        ApiKey => settings with { ApiKey = ValidApiKey(value.Trim()) },
        _ => throw new CliError($"Unknown setting '{name}': the settings are {string.Join(" and ", All)}."),
    };

    /// <summary>
    /// The key's public part only: <c>tok_&lt;keyId&gt;_…</c>, which tells keys apart (it is what the admin key list shows)
    /// without the secret.
    /// </summary>
    public static string Masked(string apiKey)
    {
        var secretStart = apiKey.StartsWith(KeyPrefix, StringComparison.Ordinal) ? apiKey.IndexOf('_', KeyPrefix.Length) : -1;
        return secretStart > KeyPrefix.Length ? apiKey[..(secretStart + 1)] + "…" : "…";
    }

    private static string ValidEndpoint(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || string.IsNullOrEmpty(url.Host))
        {
            throw new CliError($"endpoint must be the Query service's http or https URL, e.g. http://localhost:5080; '{value}' is not.");
        }

        if (url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            // A user name or password in the URL would be shown by config show; a query would be lost on every request.
            throw new CliError("endpoint must be a plain URL, without user name, password, query or fragment; give the key as api-key.");
        }

        return value;
    }

    // The value is a secret: the error says what is wrong with it without quoting it.
    private static string ValidApiKey(string value) =>
        value.StartsWith(KeyPrefix, StringComparison.Ordinal) && value.IndexOf('_', KeyPrefix.Length) > KeyPrefix.Length
            && !value.EndsWith('_') && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? value
            : throw new CliError("api-key is not a TokenOptimizer API key: expected tok_<keyId>_<secret>, as the admin API gives it.");
}

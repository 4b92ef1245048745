using Anthropic.Exceptions;

namespace TokenOptimizer.Client.Anthropic;

/// <summary>The HTTP status of what the Anthropic SDK threw, which <see cref="CallErrors"/> cannot see on its own.</summary>
public static class AnthropicErrors
{
    /// <summary>The status of <paramref name="error"/> (or of an inner exception) when the API answered with one; else null.</summary>
    public static int? StatusOf(Exception? error) => error switch
    {
        null => null,
        AnthropicApiException api => (int)api.StatusCode,
        _ => StatusOf(error.InnerException),
    };
}

using TokenOptimizer.GraphQL;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.ReadingUsageLog;

/// <summary>
/// Which page of the log a field asks for: <c>first</c> rows (1–500, default 50) after the cursor <c>after</c>.
/// Errors name the argument at fault.
/// </summary>
public sealed record PageRequest(int First, LogCursor? After)
{
    public const int DefaultSize = 50;

    public const int LargestSize = 500;

    public static FieldBuilder AddArguments(FieldBuilder field) => field
        .Argument("first", "Int", a => a.DefaultValue(DefaultSize).Description($"How many rows, 1–{LargestSize}."))
        .Argument("after", "String", a => a.Description("The endCursor of the page before; omitted for the newest page."));

    public static PageRequest From(ResolveContext context)
    {
        var first = context.Argument<int?>("first") ?? DefaultSize;
        if (first is < 1 or > LargestSize)
        {
            throw Invalid($"first must be between 1 and {LargestSize}; got {first}.");
        }

        var after = context.Argument<string>("after");
        if (after is null)
        {
            return new PageRequest(first, null);
        }

        return new PageRequest(first, LogCursor.Decode(after) ?? throw Invalid("after is not a cursor this API gave out; pass a page's endCursor as it was."));
    }

    private static GraphQLException Invalid(string message) => new(message, "BAD_USER_INPUT");
}

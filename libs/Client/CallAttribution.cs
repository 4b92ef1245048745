namespace TokenOptimizer.Client;

/// <summary>Who and what a call was for: the dimensions TokenOptimizer's dashboard filters and budgets by.</summary>
public class CallAttribution
{
    /// <summary>The endpoint or product feature the calls serve, e.g. <c>support-chat</c>; <c>default</c> when not set.</summary>
    public string? Feature { get; set; }

    /// <summary>The team that owns the calls.</summary>
    public string? Team { get; set; }

    /// <summary>Where the calls run, e.g. <c>production</c>.</summary>
    public string? Environment { get; set; }

    /// <summary>An opaque id of the end user; never an e-mail address or a name.</summary>
    public string? UserId { get; set; }
}

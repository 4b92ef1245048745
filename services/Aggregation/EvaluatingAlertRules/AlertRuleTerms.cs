namespace TokenOptimizer.Aggregation.EvaluatingAlertRules;

/// <summary>What a rule watches, over which window, when it fires, how urgently, and whom it tells.</summary>
public sealed record AlertRuleTerms
{
    public required string Name { get; init; }

    /// <summary>One of <see cref="AlertMetrics.Definable"/>.</summary>
    public required string Metric { get; init; }

    /// <summary>The slice watched, as usage filter dimensions (<c>team</c>, <c>provider</c>, <c>model</c>, …); empty for everything.</summary>
    public IReadOnlyDictionary<string, string> Scope { get; init; } = new Dictionary<string, string>();

    /// <summary>The trailing window the figure is taken over, in minutes.</summary>
    public required int WindowMinutes { get; init; }

    /// <summary>One of <see cref="AlertConditions"/>.</summary>
    public required string Condition { get; init; }

    /// <summary>The threshold of <c>above</c>/<c>below</c>; unused by <c>unusual</c>.</summary>
    public decimal? Threshold { get; init; }

    /// <summary>One of <see cref="Contracts.AlertSeverities"/>.</summary>
    public required string Severity { get; init; }

    /// <summary>Channel ids notified besides the in-app feed.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>A Slack-compatible webhook the rule's firings and resolutions are posted to.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>The scope as people read it: <c>provider=openai, team=search</c>, empty for everything.</summary>
    public string ScopeText => string.Join(", ", Scope.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
}

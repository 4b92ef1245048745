using System.Collections.Frozen;

namespace TokenOptimizer.Catalog;

/// <summary>The kinds of task a model's quality is scored for (see <see cref="ModelQuality"/>).</summary>
public static class TaskKinds
{
    /// <summary>Work that fits no narrower kind; also the fallback when a call's kind is unknown.</summary>
    public const string General = "general";

    /// <summary>Condensing a long input into a short one.</summary>
    public const string Summarization = "summarization";

    /// <summary>Choosing one of a fixed set of labels (triage, routing, moderation, reranking).</summary>
    public const string Classification = "classification";

    /// <summary>Pulling fields out of text into a structure.</summary>
    public const string Extraction = "extraction";

    /// <summary>Writing, reviewing or explaining code.</summary>
    public const string Code = "code";

    /// <summary>Multi-step problem solving: planning, maths, analysis, agents.</summary>
    public const string Reasoning = "reasoning";

    /// <summary>Chat with a person: support, assistants, drafting replies.</summary>
    public const string Conversation = "conversation";

    private static readonly FrozenSet<string> Known =
        new[] { General, Summarization, Classification, Extraction, Code, Reasoning, Conversation }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every task kind, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
        [General, Summarization, Classification, Extraction, Code, Reasoning, Conversation];

    /// <summary>
    /// The canonical (lower-case) spelling of a task kind given in any case, or <see langword="null"/> if
    /// <paramref name="kind"/> names none of <see cref="All"/>.
    /// </summary>
    public static string? Normalize(string? kind) =>
        kind is not null && Known.TryGetValue(kind.Trim(), out var canonical) ? canonical : null;
}

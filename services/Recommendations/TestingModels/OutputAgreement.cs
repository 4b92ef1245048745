namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>
/// How far two answers say the same thing, 0–1: the Jaccard index of their word sets,
/// <c>|A ∩ B| / |A ∪ B|</c>, where a word is a run of letters or digits compared case-insensitively
/// (punctuation, whitespace and markdown are ignored).
/// </summary>
/// <remarks>
/// Chosen because it is deterministic, symmetric, linear in the answers' length and easy to explain
/// ("share of distinct words both answers use"). It ignores word order, so a reworded answer with the
/// same content still scores high, where a longest-common-subsequence ratio would punish reordering and
/// costs time quadratic in the length. It is lexical, not semantic: synonyms count as different, so it
/// is a screen for a human to look closer (a low score says "read these"), not a quality verdict. Two
/// empty answers agree fully (1); an empty and a non-empty one not at all (0).
/// </remarks>
public static class OutputAgreement
{
    public static double Score(string? first, string? second)
    {
        var a = Words(first);
        var b = Words(second);
        if (a.Count == 0 && b.Count == 0)
        {
            return 1d;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    private static HashSet<string> Words(string? text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }
}

using System.Collections.Frozen;
using System.Collections.Immutable;

namespace TokenOptimizer.Catalog;

/// <summary>
/// How good each model is per kind of task, with the source of every score. The shipped data
/// (<c>Data/model-quality.json</c>) holds coarse tier estimates, not benchmark results; users replace or extend
/// it with their own file in the same format. Immutable and safe to read from any number of threads.
/// </summary>
public sealed class ModelQuality
{
    private const string ResourceName = "TokenOptimizer.Catalog.model-quality.json";

    private static readonly Lazy<ModelQuality> DefaultQuality = new(LoadEmbedded);

    private readonly FrozenDictionary<string, ModelQualityEntry> _entries;

    internal ModelQuality(string? source, string? note, IEnumerable<ModelQualityEntry> entries)
    {
        Source = source;
        Note = note;
        _entries = entries.ToFrozenDictionary(e => e.Key, StringComparer.OrdinalIgnoreCase);
        Entries = [.. _entries.Values.OrderBy(e => e.Key, StringComparer.Ordinal)];
    }

    /// <summary>What the file as a whole says about where its scores come from, if it says anything.</summary>
    public string? Source { get; }

    /// <summary>The file's free-text note, if any.</summary>
    public string? Note { get; }

    /// <summary>Every entry, ordered by key.</summary>
    public IReadOnlyList<ModelQualityEntry> Entries { get; }

    /// <summary>The quality data shipped in this assembly (see <c>Data/README.md</c>). Loaded once.</summary>
    public static ModelQuality LoadDefault() => DefaultQuality.Value;

    /// <summary>
    /// Reads quality data in the shipped file's format. Use the result on its own to replace the shipped data,
    /// or pass it to <see cref="OverriddenBy"/> of <see cref="LoadDefault"/> to extend it.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The data is malformed; the message names the model and field at fault (an unknown task kind, a score
    /// outside 0–100, a score without a source, …).
    /// </exception>
    public static ModelQuality Load(Stream json) => QualityFile.Read(json);

    /// <summary>The entry of a catalog key (case-insensitive), or <see langword="null"/> if the data has none.</summary>
    public ModelQualityEntry? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _entries.GetValueOrDefault(key);
    }

    /// <summary>
    /// This data with <paramref name="overrides"/> laid over it: an entry of <paramref name="overrides"/>
    /// replaces this data's entry for the same key as a whole (scores it leaves out are not kept), and its other
    /// entries are added. The file-level source and note become those of <paramref name="overrides"/> where it
    /// states them. This instance is left unchanged.
    /// </summary>
    public ModelQuality OverriddenBy(ModelQuality overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var merged = _entries.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase)
            .SetItems(overrides._entries);
        return new ModelQuality(overrides.Source ?? Source, overrides.Note ?? Note, merged.Values);
    }

    private static ModelQuality LoadEmbedded()
    {
        using var stream = typeof(ModelQuality).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        return QualityFile.Read(stream);
    }
}

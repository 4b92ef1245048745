using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenOptimizer.Catalog;

/// <summary>Reads and checks a quality file (<c>Data/model-quality.json</c> or a user's file in its format).</summary>
internal static class QualityFile
{
    public static ModelQuality Read(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        QualityFileDto file;
        try
        {
            file = JsonSerializer.Deserialize(json, QualityJsonContext.Default.QualityFileDto)
                ?? throw new InvalidDataException("The quality file is empty.");
        }
        catch (JsonException e)
        {
            // Some errors (an unknown field) leave the path out of the message; it says which model is at fault.
            var where = e.Path is { } path && !e.Message.Contains(path, StringComparison.Ordinal) ? $" (at {path})" : "";
            throw new InvalidDataException($"The quality file is not valid: {e.Message}{where}", e);
        }

        if (file.Models is null)
        {
            throw new InvalidDataException("The quality file has no 'models' list.");
        }

        var entries = new List<ModelQualityEntry>(file.Models.Count);
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < file.Models.Count; i++)
        {
            var entry = ToEntry(i, file.Models[i]);
            if (!keys.Add(entry.Key))
            {
                throw new InvalidDataException($"The quality file holds '{entry.Key}' twice (keys are case-insensitive).");
            }

            entries.Add(entry);
        }

        return new ModelQuality(Blank(file.Source), Blank(file.Note), entries);
    }

    private static ModelQualityEntry ToEntry(int index, QualityModelDto? model)
    {
        if (model is null || string.IsNullOrWhiteSpace(model.Key))
        {
            throw new InvalidDataException($"Model #{index + 1} of the quality file has no 'key'.");
        }

        var key = model.Key.Trim();
        if (string.IsNullOrWhiteSpace(model.Family))
        {
            throw new InvalidDataException($"'{key}' has no 'family'.");
        }

        if (model.Scores is null || model.Scores.Count == 0)
        {
            throw new InvalidDataException($"'{key}' has no 'scores'.");
        }

        var scores = new Dictionary<string, QualityScore>(StringComparer.OrdinalIgnoreCase);
        foreach (var (kindName, score) in model.Scores)
        {
            var kind = TaskKinds.Normalize(kindName)
                ?? throw new InvalidDataException(
                    $"'{key}' has a score for an unknown task kind '{kindName}' (known: {string.Join(", ", TaskKinds.All)}).");
            if (!scores.TryAdd(kind, ToScore(key, kind, score, Blank(model.Source))))
            {
                throw new InvalidDataException($"'{key}' scores task kind '{kind}' twice.");
            }
        }

        return new ModelQualityEntry
        {
            Key = key,
            Family = model.Family.Trim(),
            Tier = Blank(model.Tier),
            Scores = scores.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
        };
    }

    private static QualityScore ToScore(string key, string kind, QualityScoreDto? score, string? modelSource)
    {
        if (score?.Score is not { } value)
        {
            throw new InvalidDataException($"'{key}' score '{kind}' has no 'score' value.");
        }

        if (value is < 0 or > 100)
        {
            throw new InvalidDataException($"'{key}' score '{kind}' is {value}, outside 0–100.");
        }

        var source = Blank(score.Source) ?? modelSource
            ?? throw new InvalidDataException(
                $"'{key}' score '{kind}' has no 'source' (give the score or its model a source saying where the number comes from).");
        return new QualityScore(value, source);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

internal sealed class QualityFileDto
{
    public string? Source { get; set; }
    public string? Note { get; set; }
    public List<QualityModelDto?>? Models { get; set; }
}

internal sealed class QualityModelDto
{
    public string? Key { get; set; }
    public string? Family { get; set; }
    public string? Tier { get; set; }

    /// <summary>The source of every score of this model that does not state its own.</summary>
    public string? Source { get; set; }

    public Dictionary<string, QualityScoreDto?>? Scores { get; set; }
}

internal sealed class QualityScoreDto
{
    public int? Score { get; set; }
    public string? Source { get; set; }
}

// A misspelt field would otherwise vanish silently (a "scroes" object, a "sorce" string): reject it.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(QualityFileDto))]
internal sealed partial class QualityJsonContext : JsonSerializerContext;

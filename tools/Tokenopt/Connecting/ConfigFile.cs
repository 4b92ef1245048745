using System.Text.Json;

namespace TokenOptimizer.Tokenopt.Connecting;

/// <summary>
/// <c>~/.config/tokenopt/config.json</c> (or <c>TOKENOPT_CONFIG</c>): the endpoint and API key <c>tokenopt init</c>
/// saved. It holds a secret, so only its owner may read it (0600, in a 0700 folder it creates).
/// </summary>
public sealed class ConfigFile(string path)
{
    public const string PathVariable = "TOKENOPT_CONFIG";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Path => path;

    public static ConfigFile Locate(Func<string, string?> environment) => new(
        environment(PathVariable) is { Length: > 0 } given
            ? given
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "tokenopt", "config.json"));

    public Settings Read()
    {
        if (!File.Exists(path))
        {
            return new Settings();
        }

        try
        {
            return JsonSerializer.Deserialize<Settings>(File.ReadAllText(path)) ?? new Settings();
        }
        catch (JsonException bad)
        {
            throw new CliError($"The config file {path} is not valid JSON ({bad.Message}); run tokenopt init again.");
        }
    }

    public void Write(Settings settings)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, JsonSerializer.Serialize(settings, Indented));
            return;
        }

        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // A new file, 0600 from its creation, renamed over the old one: rewriting the old file in place would keep a mode
        // an older version (or a user) left wider, and narrowing it afterwards leaves a moment in which the key is readable.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                JsonSerializer.Serialize(file, settings, Indented);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

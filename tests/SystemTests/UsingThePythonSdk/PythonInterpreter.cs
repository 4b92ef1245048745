namespace TokenOptimizer.SystemTests.UsingThePythonSdk;

/// <summary>The machine's <c>python3</c>, found on PATH as a shell would (CI has it there, like a developer's machine).</summary>
public static class PythonInterpreter
{
    public static string Locate()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "python3");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"python3 is not on PATH ({path}). The Python SDK's tests need Python 3.9 or newer.");
    }
}

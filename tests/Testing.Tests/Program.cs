using TokenOptimizer.Testing;

namespace TokenOptimizer.Testing.Tests;

/// <summary>
/// Run as <c>dotnet TokenOptimizer.Testing.Tests.dll</c>, the assembly stands in for a test process: it starts the
/// shared PostgreSQL, prints "ready", then waits for its standard input to close (to be killed meanwhile) or, given
/// <c>--return</c>, returns at once without disposing anything. Under <c>dotnet test</c> this is never called.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        await SharedInfrastructure.PostgresAsync();
        Console.WriteLine("ready");
        if (!args.Contains("--return"))
        {
            await Console.In.ReadToEndAsync();
        }
    }
}

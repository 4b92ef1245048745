namespace TokenOptimizer.AppHost;

/// <summary>What the AppHost tells the person who started it: steps, ready resources, and details.</summary>
internal sealed class Console
{
    private readonly Lock _lock = new();

    public void Step(string message) => Write(ConsoleColor.Cyan, "==> " + message);

    public void Ready(string resource, string where) => Write(ConsoleColor.Green, $"  ✓ {resource,-16} {where}");

    public void Detail(string message) => Write(ConsoleColor.DarkGray, "    " + message);

    private void Write(ConsoleColor color, string line)
    {
        lock (_lock)
        {
            System.Console.ForegroundColor = color;
            System.Console.WriteLine(line);
            System.Console.ResetColor();
        }
    }
}

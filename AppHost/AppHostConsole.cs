namespace TokenOptimizer.AppHost;

/// <summary>What the app host tells the person who started it, apart from Aspire's own log lines.</summary>
internal static class AppHostConsole
{
    private static readonly Lock Gate = new();

    public static void Step(string message) => Write(ConsoleColor.Cyan, "==> " + message);

    public static void Ready(string what, string where) => Write(ConsoleColor.Green, $"  ✓ {what,-22} {where}");

    public static void Detail(string message) => Write(ConsoleColor.DarkGray, "    " + message);

    public static void Problem(string message) => Write(ConsoleColor.Red, "  ✗ " + message);

    private static void Write(ConsoleColor color, string line)
    {
        lock (Gate)
        {
            Console.ForegroundColor = color;
            Console.WriteLine(line);
            Console.ResetColor();
        }
    }
}

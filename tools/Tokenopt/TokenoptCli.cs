using System.CommandLine;
using TokenOptimizer.Tokenopt.Budgeting;
using TokenOptimizer.Tokenopt.Configuring;
using TokenOptimizer.Tokenopt.Connecting;
using TokenOptimizer.Tokenopt.ErasingUsers;
using TokenOptimizer.Tokenopt.Exporting;
using TokenOptimizer.Tokenopt.Pricing;
using TokenOptimizer.Tokenopt.Recovering;
using TokenOptimizer.Tokenopt.Reporting;

namespace TokenOptimizer.Tokenopt;

/// <summary>The <c>tokenopt</c> command line: every command, and running one against a <see cref="CliContext"/>.</summary>
public static class TokenoptCli
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("tokenopt: where your LLM money goes, from the TokenOptimizer Query API.")
        {
            ConnectionOptions.Endpoint,
            ConnectionOptions.ApiKey,
        };
        foreach (var command in new[]
        {
            InitCommand.Create(context), StatusCommand.Create(context), BudgetCommands.Create(context), OptimizeCommand.Create(context),
            ExportCommand.Create(context), PricesCommands.Create(context), UnpricedCommand.Create(context), UsersCommands.Create(context),
            DeadLettersCommands.Create(context), FaultedCommands.Create(context), ProjectionsCommands.Create(context),
            ConfigCommands.Create(context),
        })
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>: 0 on success; 1 on a problem it explains, or a usage error System.CommandLine reports.</summary>
    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default) =>
        Build(context).Parse(args).InvokeAsync(new InvocationConfiguration { Output = context.Data, Error = context.ErrorWriter }, cancellationToken);
}

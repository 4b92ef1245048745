using TokenOptimizer.Tokenopt;

return await TokenoptCli.RunAsync(args, CliContext.ForProcess());

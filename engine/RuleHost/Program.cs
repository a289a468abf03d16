using RuleHost.Host.Cli;

// Regex in rule files must not hang evaluation on catastrophic backtracking; this must be set before any Regex is built.
AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromMilliseconds(100));

return await CommandLine.RunAsync(args, Console.Out, Console.Error);

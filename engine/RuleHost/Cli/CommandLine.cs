namespace RuleHost.Host.Cli;

/// <summary>CommandLine reads the verb and flags of <c>rulehost</c> and runs the matching command.</summary>
internal static class CommandLine
{
    public const string Usage = """
        rulehost — alert rules as C# scripts, hot-reloaded, delivered reliably

        usage:
          rulehost run [--rules DIR] [--plugins DIR] [--config FILE] [--data DIR] [--urls URL]
          rulehost check [rules-dir]
          rulehost test [tests-dir] [--junit FILE]
          rulehost replay EVENTS.ndjson [--rules DIR] [--against OLD-DIR]
          rulehost new rule NAME [--rules DIR]
          rulehost editor [--rules DIR]

        defaults: --rules rules/  --config rulehost.json  --data data/  --urls http://127.0.0.1:5080
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (!Flags.TryParse(args[1..], out var flags, out var problem))
        {
            await error.WriteLineAsync($"rulehost {args[0]}: {problem}\n\n{Usage}");
            return 2;
        }

        return args[0] switch
        {
            "run" => await RunCommand.RunAsync(flags, error),
            "check" => await CheckCommand.RunAsync(flags, output),
            "test" => await TestCommand.RunAsync(flags, output),
            "replay" => await ReplayCommand.RunAsync(flags, output, error),
            "new" => await NewRuleCommand.RunAsync(flags, output, error),
            "editor" => await EditorCommand.RunAsync(flags, output, error),
            _ => await Unknown(args[0], error),
        };
    }

    private static async Task<int> Unknown(string verb, TextWriter error)
    {
        await error.WriteLineAsync($"rulehost: unknown command '{verb}'\n\n{Usage}");
        return 2;
    }
}

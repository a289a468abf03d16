namespace RuleHost.Host.Cli;

/// <summary>RunCommand runs the host until it is stopped (Ctrl+C or SIGTERM).</summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(Flags flags, TextWriter error)
    {
        var settings = new HostSettings(flags["--rules"], flags["--plugins"], flags["--config"], flags["--data"], flags["--urls"]);
        WebApplication app;
        try
        {
            app = RuleHostApp.Build(settings);
        }
        catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or InvalidDataException)
        {
            await error.WriteLineAsync($"rulehost run: {e.Message}");
            return 2;
        }

        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            await error.WriteLineAsync($"rulehost run: invalid settings: {string.Join("; ", e.Failures)}");
            return 2;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"rulehost run: {e.Message}");
            return 2;
        }
    }
}

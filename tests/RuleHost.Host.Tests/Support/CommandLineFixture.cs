using RuleHost.Host.Cli;

namespace RuleHost.Host.Tests.Support;

/// <summary>CommandLineFixture runs rulehost verbs in-process through <see cref="CommandLine.RunAsync"/> on a fresh rule folder, and prints what they wrote when a test fails.</summary>
public abstract class CommandLineFixture
{
    private protected RuleFolder Folder { get; private set; } = null!;

    private protected StringWriter Out { get; private set; } = null!;

    private protected StringWriter Err { get; private set; } = null!;

    [SetUp]
    public void PrepareCommandLine()
    {
        Folder = new RuleFolder();
        Out = new StringWriter();
        Err = new StringWriter();
    }

    [TearDown]
    public void CleanupCommandLine()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            TestContext.Out.WriteLine($"out:\n{Out}\nerr:\n{Err}");
        Folder.Dispose();
        Out.Dispose();
        Err.Dispose();
    }

    private protected Task<int> RunAsync(params string[] args) => CommandLine.RunAsync(args, Out, Err);
}

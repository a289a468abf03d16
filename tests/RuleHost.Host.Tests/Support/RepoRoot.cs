namespace RuleHost.Host.Tests.Support;

/// <summary>RepoRoot finds the repository from the test's own folder by walking up to RuleHost.sln.</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RuleHost.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException($"no RuleHost.sln above {TestContext.CurrentContext.TestDirectory}");
    }
}

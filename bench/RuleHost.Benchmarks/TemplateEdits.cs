using System.Diagnostics;
using System.Runtime.Loader;

namespace RuleHost.Benchmarks;

/// <summary>TemplateEdits edits one template many times, rendering after each edit, and prints what stays loaded.</summary>
/// <remarks><c>dotnet run -c Release -- template-edits 1000</c>: the cold first render, then assemblies and working set every 100 edits.</remarks>
internal static class TemplateEdits
{
    public static void Run(int edits)
    {
        using var bench = new TemplateBench();
        var clock = Stopwatch.StartNew();
        Check(bench.Render());
        Console.WriteLine($"cold first render (process start to body, Roslyn and Razor cold): {clock.ElapsedMilliseconds} ms");
        Report(0);
        Cached(bench);
        clock.Restart();
        for (var edit = 1; edit <= edits; edit++)
        {
            bench.Write(TemplateBench.OpsHook.Replace("\"id\":", $"\"edit\": {edit},\n  \"id\":", StringComparison.Ordinal));
            File.SetLastWriteTimeUtc(Path.Combine(bench.Root, "templates", "ops-hook.cshtml"), DateTime.UtcNow.AddHours(-1).AddSeconds(edit));
            Check(bench.Render());
            if (edit % 100 == 0)
                Report(edit);
        }

        Console.WriteLine($"{edits} edits in {clock.Elapsed.TotalSeconds:F1} s ({clock.Elapsed.TotalMilliseconds / edits:F0} ms per edit: recompile and render)");
    }

    /// <summary>Cached times renders of the unchanged template, the path every notification takes.</summary>
    private static void Cached(TemplateBench bench)
    {
        const int Renders = 20_000;
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Renders; i++)
                bench.Render();
            var full = clock.Elapsed.TotalMicroseconds / Renders;
            var live = bench.Renderer.Live("ops-hook.cshtml", Engine.Templates.TemplateKind.Json)!;
            clock.Restart();
            for (var i = 0; i < Renders; i++)
                live.Render(bench.Model);
            var run = clock.Elapsed.TotalMicroseconds / Renders;
            clock.Restart();
            for (var i = 0; i < Renders; i++)
                _ = new FileInfo(Path.Combine(bench.Root, "templates", "ops-hook.cshtml")).LastWriteTimeUtc;
            var stat = clock.Elapsed.TotalMicroseconds / Renders;
            Console.WriteLine($"cached render, round {round}: {full:F1} µs per render (running the template {run:F1} µs, the file stat {stat:F1} µs)");
        }
    }

    private static void Check(Engine.Templates.RenderedBody rendered)
    {
        if (rendered.Problem is { } problem)
            throw new InvalidOperationException(problem);
    }

    private static void Report(int edits)
    {
        for (var i = 0; i < 5; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        var collectible = AssemblyLoadContext.All.Count(c => c.IsCollectible);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(
            $"after {edits,5} edits: {AppDomain.CurrentDomain.GetAssemblies().Length} assemblies loaded, {collectible} collectible contexts alive, "
            + $"working set {process.WorkingSet64 / (1024 * 1024)} MB, managed heap {GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024)} MB");
    }
}

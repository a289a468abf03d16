using RuleHost.Engine.Compilation;
using RuleHost.Rules;

namespace RuleHost.Engine.Rules;

/// <summary>RuleCatalog knows every rule file in the rules folder, its last good version and its last diagnostics.</summary>
/// <remarks>
/// Files whose name starts with '_' are helpers: they load only through <c>#load</c>, and a change to one
/// recompiles the files that load it. Files and folders whose name starts with '.' are not looked at. A file that fails keeps its last good version in the rule set. A file
/// refused only because of another file (a name taken there, a rule missing there) is retried on every refresh,
/// since fixing the other file is what fixes it.
/// </remarks>
internal sealed class RuleCatalog(RuleCompiler compiler)
{
    private readonly Dictionary<string, Entry> _files = new(StringComparer.Ordinal);
    private long _generation;
    private volatile IReadOnlyList<RuleFileStatus> _status = [];

    public string Root => compiler.RulesRoot;

    private volatile RuleSet _current = RuleSet.Empty;

    /// <summary>Current is the latest rule set built from the good versions of all files; safe to read from any thread.</summary>
    public RuleSet Current { get => _current; private set => _current = value; }

    /// <summary>Status is a snapshot of every file, safe to read from any thread.</summary>
    public IReadOnlyList<RuleFileStatus> Status => _status;

    public RuleCatalogChange LoadAll() => Refresh(FilesOnDisk());

    /// <summary>LoadAllAndForgetMissing rescans the folder, as after a watcher overflow or a moved folder: files gone from disk are dropped.</summary>
    public RuleCatalogChange LoadAllAndForgetMissing() => Refresh([.. FilesOnDisk().Concat(_files.Keys)]);

    private List<string> FilesOnDisk() =>
        Directory.Exists(Root) ? [.. Directory.EnumerateFiles(Root, "*.csx", SearchOption.AllDirectories).Where(p => !Ignores(p))] : [];

    /// <summary>Ignores is true for a path in the rules folder whose name, or a folder's on the way, starts with '.': editor and tool files (.rulehost/, .vscode/, .git/), never rules.</summary>
    public bool Ignores(string path) =>
        Path.GetRelativePath(Root, Path.GetFullPath(path)).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.') && part != "..");

    /// <summary>Refresh recompiles the given changed paths (and the files that #load them) and rebuilds the rule set.</summary>
    public RuleCatalogChange Refresh(IReadOnlyCollection<string> changedPaths)
    {
        var changed = changedPaths.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var compiled = new SortedDictionary<string, CompiledRuleFile>(StringComparer.Ordinal);
        var replaced = new List<CompiledRuleFile>();
        var any = false;
        foreach (var path in Affected(changed))
        {
            if (!File.Exists(path))
            {
                if (_files.Remove(path, out var gone))
                {
                    any = true;
                    if (gone.Good is { } good)
                        replaced.Add(good);
                }

                continue;
            }

            if (!_files.TryGetValue(path, out var entry))
                _files[path] = entry = new Entry(path);
            var text = ReadText(path);
            if (text is null || (text == entry.Text && !entry.Blocked && !LoadsAny(entry, changed)))
                continue;
            entry.Text = text;
            var result = compiler.Compile(path, text);
            entry.Loads = result.Loads;
            if (result.File is { } file)
                compiled[path] = file;
            else
                entry.Fail(result.Diagnostics);
        }

        any |= AcceptAll(compiled, replaced);

        if (any)
            Current = new RuleSet(++_generation, [.. Goods().SelectMany(f => f.Rules)], [.. Goods().SelectMany(f => f.Routes)]);
        _status = [.. _files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).Select(ToStatus)];
        return new RuleCatalogChange(Current, any, replaced);
    }

    /// <summary>Affected are the changed rule files, the files that #load a changed file, and the files other files refused, which any change may let in.</summary>
    private IEnumerable<string> Affected(HashSet<string> changed)
    {
        var roots = new SortedSet<string>(changed.Where(IsRuleFile), StringComparer.Ordinal);
        foreach (var entry in _files.Values.Where(e => e.Blocked || LoadsAny(e, changed)))
            roots.Add(entry.Path);
        return roots;
    }

    private static bool LoadsAny(Entry entry, HashSet<string> changed) => entry.Loads.Overlaps(changed);

    private bool IsRuleFile(string path) =>
        path.EndsWith(".csx", StringComparison.Ordinal)
        && !Path.GetFileName(path).StartsWith('_')
        && path.StartsWith(Root, StringComparison.Ordinal)
        && !Ignores(path);

    /// <summary>AcceptAll takes in the compiled files that pass the cross-file checks against what runs so far.</summary>
    /// <remarks>
    /// A file is checked against the running version of every other file (the new one once it is accepted), never
    /// against a new version still waiting, so a file refused later cannot take another down with it. Refused files
    /// are retried while any file gets in, so the order of files in one refresh does not matter (a rule moved
    /// between two files, a composite over a rule in a new file).
    /// </remarks>
    private bool AcceptAll(SortedDictionary<string, CompiledRuleFile> compiled, List<CompiledRuleFile> replaced)
    {
        var accepted = false;
        var refused = new Dictionary<string, List<RuleDiagnostic>>(StringComparer.Ordinal);
        for (var progress = true; progress;)
        {
            progress = false;
            foreach (var (path, file) in compiled.ToList())
            {
                var problems = CrossFileProblems(path, file).ToList();
                if (problems.Count > 0)
                {
                    refused[path] = problems;
                    continue;
                }

                Accept(_files[path], file, replaced);
                compiled.Remove(path);
                progress = accepted = true;
            }
        }

        foreach (var (path, file) in compiled)
        {
            file.Unload();
            _files[path].Fail(refused[path], blocked: true);
        }

        return accepted;
    }

    private static void Accept(Entry entry, CompiledRuleFile file, List<CompiledRuleFile> replaced)
    {
        if (entry.Good is { } old)
            replaced.Add(old);
        entry.Good = file;
        entry.Version++;
        entry.Diagnostics = file.Warnings;
        entry.Error = false;
        entry.Blocked = false;
    }

    /// <summary>CrossFileProblems finds what one file cannot see alone: names taken elsewhere, unknown or cyclic composites.</summary>
    private IEnumerable<RuleDiagnostic> CrossFileProblems(string path, CompiledRuleFile file)
    {
        var others = _files.Values
            .Where(e => e.Path != path)
            .Select(e => e.Good)
            .OfType<CompiledRuleFile>()
            .SelectMany(f => f.Rules.Select(r => (Rule: r, f.Path)))
            .ToLookup(x => x.Rule.Name, StringComparer.Ordinal);
        foreach (var rule in file.Rules.Where(r => others.Contains(r.Name)))
            yield return RuleDiagnostic.Error(rule.File, rule.Line, "RH0106", $"a rule named '{rule.Name}' is already registered in {DisplayPath.Of(others[rule.Name].First().Path)}");

        var known = file.Rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var group in others)
            known.TryAdd(group.Key, group.First().Rule);
        foreach (var composite in file.Rules.Where(r => r.Kind == RuleKind.Composite))
        {
            foreach (var unknown in composite.Components.Where(c => !known.ContainsKey(c)))
                yield return RuleDiagnostic.Error(composite.File, composite.Line, "RH0107", $"Composite '{composite.Name}' names unknown rule '{unknown}'");
            if (ReachesItself(composite.Name, composite, known, []))
                yield return RuleDiagnostic.Error(composite.File, composite.Line, "RH0108", $"Composite '{composite.Name}' depends on itself");
        }
    }

    private static bool ReachesItself(string start, RuleSpec rule, Dictionary<string, RuleSpec> known, HashSet<string> seen)
    {
        foreach (var component in rule.Components)
        {
            if (component == start)
                return true;
            if (seen.Add(component) && known.TryGetValue(component, out var next) && ReachesItself(start, next, known, seen))
                return true;
        }

        return false;
    }

    private IEnumerable<CompiledRuleFile> Goods() =>
        _files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => f.Good).OfType<CompiledRuleFile>();

    private RuleFileStatus ToStatus(Entry entry) =>
        new(Path.GetRelativePath(Root, entry.Path), entry.Version, entry.Error, entry.Diagnostics, entry.Good?.Rules ?? []);

    private static string? ReadText(string path)
    {
        // An editor may still hold the file while saving; a few short retries ride that out.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (DirectoryNotFoundException)
            {
                return null;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(20);
            }
        }
    }

    private sealed class Entry(string path)
    {
        public string Path { get; } = path;
        public string? Text { get; set; }
        public CompiledRuleFile? Good { get; set; }
        public int Version { get; set; }
        public bool Error { get; set; }

        /// <summary>Blocked tells that the last attempt compiled but was refused because of other files.</summary>
        public bool Blocked { get; set; }

        /// <summary>Loads are the files the last attempt pulled in, so a fix to one of them retries this file.</summary>
        public IReadOnlySet<string> Loads { get; set; } = new HashSet<string>();

        public IReadOnlyList<RuleDiagnostic> Diagnostics { get; set; } = [];

        public void Fail(IReadOnlyList<RuleDiagnostic> diagnostics, bool blocked = false)
        {
            Error = true;
            Blocked = blocked;
            Diagnostics = diagnostics;
        }
    }
}

using RuleHost.Engine.Compilation;
using RuleHost.Rules;

namespace RuleHost.Engine.Rules;

/// <summary>RuleCatalog knows every rule file in the rules folder, its last good version and its last diagnostics.</summary>
/// <remarks>
/// Files whose name starts with '_' are helpers: they load only through <c>#load</c>, and a change to one
/// recompiles the files that load it. A file that fails keeps its last good version in the rule set.
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
        Directory.Exists(Root) ? [.. Directory.EnumerateFiles(Root, "*.csx", SearchOption.AllDirectories)] : [];

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
            if (text is null || (text == entry.Text && !LoadsAny(entry, changed) && !entry.RefusedByOthers))
                continue;
            entry.Text = text;
            var result = compiler.Compile(path, text);
            if (result.File is { } file)
                compiled[path] = file;
            else
                entry.Fail(result.Diagnostics);
        }

        foreach (var (path, file) in compiled.ToList())
            any |= Accept(_files[path], file, compiled, replaced);

        if (any)
            Current = new RuleSet(++_generation, [.. Goods().SelectMany(f => f.Rules)], [.. Goods().SelectMany(f => f.Routes)]);
        _status = [.. _files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).Select(ToStatus)];
        return new RuleCatalogChange(Current, any, replaced);
    }

    /// <summary>Affected are the changed rule files, the files that #load a changed file, and the files other files refused, which any change may let in.</summary>
    private IEnumerable<string> Affected(HashSet<string> changed)
    {
        var roots = new SortedSet<string>(changed.Where(IsRuleFile), StringComparer.Ordinal);
        foreach (var entry in _files.Values.Where(e => LoadsAny(e, changed) || e.RefusedByOthers))
            roots.Add(entry.Path);
        return roots;
    }

    private static bool LoadsAny(Entry entry, HashSet<string> changed) => entry.Good?.Loads.Overlaps(changed) == true;

    private bool IsRuleFile(string path) =>
        path.EndsWith(".csx", StringComparison.Ordinal)
        && !Path.GetFileName(path).StartsWith('_')
        && path.StartsWith(Root, StringComparison.Ordinal);

    private bool Accept(Entry entry, CompiledRuleFile file, SortedDictionary<string, CompiledRuleFile> batch, List<CompiledRuleFile> replaced)
    {
        var problems = CrossFileProblems(entry.Path, file, batch).ToList();
        if (problems.Count > 0)
        {
            file.Unload();
            batch.Remove(entry.Path);
            entry.Fail(problems, refusedByOthers: true);
            return false;
        }

        if (entry.Good is { } old)
            replaced.Add(old);
        entry.Load(file);
        return true;
    }

    /// <summary>CrossFileProblems finds what one file cannot see alone: names taken elsewhere, unknown or cyclic composites.</summary>
    private IEnumerable<RuleDiagnostic> CrossFileProblems(string path, CompiledRuleFile file, SortedDictionary<string, CompiledRuleFile> batch)
    {
        var others = _files.Values
            .Where(e => e.Path != path)
            .Select(e => batch.GetValueOrDefault(e.Path) ?? e.Good)
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
        public CompiledRuleFile? Good { get; private set; }
        public int Version { get; private set; }
        public bool Error { get; private set; }
        public IReadOnlyList<RuleDiagnostic> Diagnostics { get; private set; } = [];

        /// <summary>RefusedByOthers tells that the file compiled but clashed with other files (a taken name, an unknown composite part).</summary>
        public bool RefusedByOthers { get; private set; }

        public void Fail(IReadOnlyList<RuleDiagnostic> diagnostics, bool refusedByOthers = false)
        {
            Error = true;
            Diagnostics = diagnostics;
            RefusedByOthers = refusedByOthers;
        }

        public void Load(CompiledRuleFile file)
        {
            Good = file;
            Version++;
            Diagnostics = file.Warnings;
            Error = false;
            RefusedByOthers = false;
        }
    }
}

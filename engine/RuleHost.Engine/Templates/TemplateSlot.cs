using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using RuleHost.Engine.Compilation;

namespace RuleHost.Engine.Templates;

/// <summary>TemplateSlot is one template (a file rendered as one kind, or one sink's default): its live version and its last errors.</summary>
/// <remarks>A new source is compiled once; it replaces the live version only when it compiles, so a bad edit keeps the last good one.
/// The replaced version is unloaded (renders still running on it finish first: unloading waits for them).</remarks>
internal sealed class TemplateSlot(string? file, string path, TemplateKind kind, TimeProvider? fileClock = null)
{
    /// <summary>SettleTime is how long a file must stay unwritten before it is read, so a save in progress is not compiled half-written.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private volatile CompiledTemplate? _live;
    private string? _source;
    private (DateTime Written, long Length) _stamp;

    public string Path { get; } = path;

    public TemplateKind Kind { get; } = kind;

    public CompiledTemplate? Live => _live;

    /// <summary>Version counts the sources that compiled; Hash names the live one (SHA-256 of its text, shortened).</summary>
    public int Version { get; private set; }

    public string? Hash { get; private set; }

    /// <summary>Errors are the diagnostics of the latest source, empty when it compiled.</summary>
    public IReadOnlyList<RuleDiagnostic> Errors { get; private set; } = [];

    /// <summary>RenderError is the last failure of the live version to render, if it failed since it was loaded.</summary>
    public string? RenderError { get; set; }

    public DateTimeOffset? RenderErrorAt { get; set; }

    public bool Ok => Errors.Count == 0 && _live is not null;

    /// <summary>UseFile brings the slot up to date with the file: a stat per call, a read and compile only when the file changed.</summary>
    public TemplateUpdate UseFile(TemplateCompiler compiler)
    {
        var fullPath = file ?? throw new InvalidOperationException($"{Path} is not a file template");
        var info = new FileInfo(fullPath);
        if (!info.Exists)
            return Fail(new RuleDiagnostic(Path, 1, 1, "RH0100", IsError: true, "template file not found"), unload: true);
        var stamp = (info.LastWriteTimeUtc, info.Length);
        if (stamp == _stamp && _source is not null)
            return TemplateUpdate.Unchanged;
        if (_live is not null && Settling(info, fileClock))
            return TemplateUpdate.Unchanged; // an editor may be mid-save: keep the live version, look again next render
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (IOException e)
        {
            return Fail(new RuleDiagnostic(Path, 1, 1, "RH0100", IsError: true, $"template file unreadable: {e.Message}"), unload: false);
        }

        // Written to while it was read (the stat and the read are not one step): keep the live version, read again next render.
        info.Refresh();
        if (bytes.Length != stamp.Length || !info.Exists || (info.LastWriteTimeUtc, info.Length) != stamp)
        {
            return _live is not null
                ? TemplateUpdate.Unchanged
                : Fail(new RuleDiagnostic(Path, 1, 1, "RH0100", IsError: true, "template file changed while it was read"), unload: false);
        }

        var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd();
        if (string.IsNullOrWhiteSpace(text))
            return Fail(new RuleDiagnostic(Path, 1, 1, "RH0102", IsError: true, "template file is empty"), unload: false);

        var update = Use(text, compiler);
        _stamp = stamp;
        return update;
    }

    /// <summary>Use compiles <paramref name="source"/> unless it is the source last seen.</summary>
    public TemplateUpdate Use(string source, TemplateCompiler compiler)
    {
        if (ReferenceEquals(source, _source))
            return TemplateUpdate.Unchanged;
        lock (_gate)
        {
            if (string.Equals(source, _source, StringComparison.Ordinal))
            {
                _source = source;
                return TemplateUpdate.Unchanged;
            }

            var clock = Stopwatch.StartNew();
            var result = compiler.Compile(Path, source, Kind);
            _source = source;
            Errors = result.Errors;
            if (result.Template is null)
                return new TemplateUpdate(TemplateUpdateKind.Failed, clock.Elapsed);
            var replaced = _live;
            _live = result.Template;
            Version++;
            Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..12];
            RenderError = null;
            RenderErrorAt = null;
            replaced?.Unload();
            return new TemplateUpdate(TemplateUpdateKind.Compiled, clock.Elapsed);
        }
    }

    /// <summary>Settling is true while the file was written too recently to trust that the save has finished.</summary>
    /// <remarks>File times are the wall clock's, so this compares with the wall clock (<see cref="TimeProvider.System"/> by default).</remarks>
    private static bool Settling(FileInfo info, TimeProvider? clock) =>
        (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime - info.LastWriteTimeUtc < SettleTime;

    /// <summary>Fail records a file problem; a deleted file also takes its live version away (an unreadable one, mid-save, does not).</summary>
    private TemplateUpdate Fail(RuleDiagnostic error, bool unload)
    {
        lock (_gate)
        {
            var changed = Errors.Count != 1 || Errors[0] != error;
            Errors = [error];
            _source = null;
            _stamp = default;
            if (unload && _live is { } live)
            {
                _live = null;
                live.Unload();
            }

            return changed ? new TemplateUpdate(TemplateUpdateKind.Failed, TimeSpan.Zero) : TemplateUpdate.Unchanged;
        }
    }
}

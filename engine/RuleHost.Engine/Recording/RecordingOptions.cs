namespace RuleHost.Engine.Recording;

/// <summary>RecordingOptions turn on writing received events to NDJSON files (section "RuleHost:Recording"), for <c>rulehost replay</c>.</summary>
internal sealed class RecordingOptions
{
    public bool Enabled { get; set; }

    /// <summary>Path is the folder of the recordings; relative paths are under the data folder.</summary>
    public string Path { get; set; } = "recordings";

    /// <summary>MaxFileBytes starts a new file once the current one is this large.</summary>
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>KeepFiles is how many files are kept; the oldest go first.</summary>
    public int KeepFiles { get; set; } = 10;
}

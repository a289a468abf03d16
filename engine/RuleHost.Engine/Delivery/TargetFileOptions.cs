namespace RuleHost.Engine.Delivery;

/// <summary>TargetFileOptions name the configuration file the targets are read from (<c>--config</c>), watched so that an edit reloads them.</summary>
internal sealed class TargetFileOptions
{
    /// <summary>Path is the configuration file's full path; null: the targets are read once, at start.</summary>
    public string? Path { get; set; }
}

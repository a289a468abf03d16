using System.Text;
using System.Text.Json;
using RuleHost.Engine.Ingest;
using RuleHost.Engine.Recording;

namespace RuleHost.Engine.Evaluation;

/// <summary>HeartbeatTrack remembers when a key was last heard from (host clock) and its last event.</summary>
internal sealed class HeartbeatTrack : AlertTrack
{
    private static readonly EventParser Parser = new(TimeProvider.System);

    public Event? LastEvent { get; set; }

    public override TrackState Save(RuleIdentity rule) => base.Save(rule) with { LastEvent = LastEvent is null ? null : ToJson(LastEvent) };

    public override void Load(TrackState saved, RuleHost.Rules.RuleSpec spec)
    {
        base.Load(saved, spec);
        LastEvent = saved.LastEvent is { } json && Parser.Parse(Encoding.UTF8.GetBytes(json)) is { IsValid: true, Events: [var e] } ? e : null;
    }

    private static string ToJson(Event e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
            EventJson.Write(json, e);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

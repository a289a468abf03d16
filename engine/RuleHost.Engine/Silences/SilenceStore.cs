using Microsoft.Extensions.Logging;
using RuleHost.Engine.Hosting;
using RuleHost.Engine.Storage;

namespace RuleHost.Engine.Silences;

/// <summary>SilenceStore keeps the silences in the <c>silences</c> table and an in-memory copy that muting reads without locks.</summary>
/// <remarks>
/// Writes are rare (people and scripts creating silences): each one commits to SQLite before the copy is swapped, so a
/// silence acknowledged to the client survives kill -9. Expired silences stay listed for <see cref="Retention"/> (Alertmanager's default), then go.
/// </remarks>
internal sealed class SilenceStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(5);

    private readonly StateDatabase _database;
    private readonly TimeProvider _clock;
    private readonly ILogger<SilenceStore> _logger;
    private readonly Lock _write = new();
    private volatile Silence[] _silences;

    public SilenceStore(StateDatabase database, TimeProvider clock, ILogger<SilenceStore> logger)
    {
        _database = database;
        _clock = clock;
        _logger = logger;
        database.Execute(SilenceRows.Schema);
        using var connection = database.Open();
        _silences = [.. SilenceRows.ReadAll(connection)];
        Log.SilencesLoaded(logger, _silences.Length, database.Path);
    }

    /// <summary>All is every silence not yet past retention, as of the last write.</summary>
    public IReadOnlyList<Silence> All => _silences;

    public Silence? Find(string id) => Array.Find(_silences, s => s.Id == id);

    /// <summary>Save creates a silence (empty id) or updates one as Alertmanager does: in place while its matchers stay the same, it has not expired and an active one keeps its start; otherwise the old one is expired and the new one gets a new id.</summary>
    public (SilenceSaveOutcome Outcome, Silence? Saved) Save(Silence silence)
    {
        lock (_write)
        {
            var now = SilenceValidator.Milliseconds(_clock.GetUtcNow());
            if (silence.Id.Length == 0)
                return (SilenceSaveOutcome.Created, Create(silence, now));
            if (Find(silence.Id) is not { } previous)
                return (SilenceSaveOutcome.NotFound, null);
            if (CanUpdate(previous, silence, now))
            {
                Write([silence with { UpdatedAt = now }], now);
                Log.SilenceUpdated(_logger, silence.Id);
                return (SilenceSaveOutcome.Updated, silence);
            }

            var created = Create(silence, now, previous.StateAt(now) == SilenceState.Expired ? null : ExpiredAt(previous, now));
            return (SilenceSaveOutcome.Replaced, created);
        }
    }

    /// <summary>Expire ends a silence now (a pending one never starts); null when the id is unknown. An expired silence stays as it was.</summary>
    public Silence? Expire(string id)
    {
        lock (_write)
        {
            var now = SilenceValidator.Milliseconds(_clock.GetUtcNow());
            if (Find(id) is not { } silence)
                return null;
            if (silence.StateAt(now) == SilenceState.Expired)
                return silence;
            var expired = ExpiredAt(silence, now);
            Write([expired], now);
            Log.SilenceExpired(_logger, id);
            return expired;
        }
    }

    private Silence Create(Silence silence, DateTimeOffset now, Silence? expiring = null)
    {
        // As Alertmanager: a new silence never starts in the past.
        var created = silence with
        {
            Id = Guid.NewGuid().ToString("D"),
            StartsAt = silence.StartsAt < now ? now : silence.StartsAt,
            UpdatedAt = now,
        };
        Write(expiring is null ? [created] : [expiring, created], now);
        Log.SilenceCreated(_logger, created.Id, string.Join(", ", created.Matchers.Select(Describe)), created.EndsAt, created.CreatedBy);
        return created;
    }

    private static bool CanUpdate(Silence previous, Silence next, DateTimeOffset now)
    {
        if (previous.Matchers.Count != next.Matchers.Count || previous.Matchers.Where((m, i) => !m.SameAs(next.Matchers[i])).Any())
            return false;
        return previous.StateAt(now) switch
        {
            SilenceState.Active => next.StartsAt == previous.StartsAt,
            SilenceState.Pending => next.StartsAt >= now,
            _ => false,
        };
    }

    private static Silence ExpiredAt(Silence silence, DateTimeOffset now) =>
        silence.StateAt(now) == SilenceState.Pending
            ? silence with { StartsAt = now, EndsAt = now, UpdatedAt = now }
            : silence with { EndsAt = now, UpdatedAt = now };

    /// <summary>Write commits the changed silences (and drops those past retention), then publishes the new copy.</summary>
    private void Write(IReadOnlyList<Silence> changed, DateTimeOffset now)
    {
        var cutoff = now - Retention;
        _database.Write(connection =>
        {
            foreach (var silence in changed)
                SilenceRows.Upsert(connection, silence);
            SilenceRows.DeleteExpiredBefore(connection, cutoff);
        });

        var ids = changed.Select(s => s.Id).ToHashSet();
        _silences = [.. _silences.Where(s => !ids.Contains(s.Id) && s.EndsAt >= cutoff), .. changed];
    }

    private static string Describe(SilenceMatcher m) =>
        $"{m.Name}{(m.IsEqual ? "" : "!")}{(m.IsRegex ? "~" : "=")}\"{m.Value}\"";
}

namespace RuleHost.Engine.Silences;

/// <summary>SilenceMuter mutes an alert's notifications while any active silence matches it; expiry needs no event, only the clock passing <c>endsAt</c>.</summary>
internal sealed class SilenceMuter(SilenceStore store) : IMuter
{
    public bool IsMuted(Alert alert, DateTimeOffset now)
    {
        foreach (var silence in store.All)
        {
            if (silence.Mutes(alert, now))
                return true;
        }

        return false;
    }
}

using Microsoft.Data.Sqlite;

namespace RuleHost.Engine.Storage;

/// <summary>Insist runs a write until it succeeds: a failing disk holds the caller back rather than losing what it writes.</summary>
/// <remarks>Each failure is reported, then the next try waits 0.1 s, doubling up to 5 s.</remarks>
internal static class Insist
{
    public static void Write(Action write, Action<SqliteException> failed)
    {
        for (var wait = 100; ; wait = Math.Min(wait * 2, 5000))
        {
            try
            {
                write();
                return;
            }
            catch (SqliteException e)
            {
                failed(e);
                Thread.Sleep(wait);
            }
        }
    }
}

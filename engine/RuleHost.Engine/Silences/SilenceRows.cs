using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace RuleHost.Engine.Silences;

/// <summary>SilenceRows reads and writes the <c>silences</c> table: one row per silence, matchers as JSON, times as unix milliseconds.</summary>
internal static class SilenceRows
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS silences (
            id TEXT PRIMARY KEY,
            matchers TEXT NOT NULL,
            starts_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            comment TEXT NOT NULL,
            updated_at INTEGER NOT NULL);
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static List<Silence> ReadAll(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, matchers, starts_at, ends_at, created_by, comment, updated_at FROM silences";
        using var reader = command.ExecuteReader();
        var silences = new List<Silence>();
        while (reader.Read())
        {
            var matchers = JsonSerializer.Deserialize<List<SilenceMatcherDraft>>(reader.GetString(1), Json) ?? [];
            silences.Add(new Silence
            {
                Id = reader.GetString(0),
                Matchers = matchers.Select(m => new SilenceMatcher(m.Name!, m.Value!, m.IsRegex, m.IsEqual ?? true)).ToList(),
                StartsAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                EndsAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                CreatedBy = reader.GetString(4),
                Comment = reader.GetString(5),
                UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
            });
        }

        return silences;
    }

    public static void Upsert(SqliteConnection connection, Silence silence)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO silences (id, matchers, starts_at, ends_at, created_by, comment, updated_at)
            VALUES ($id, $matchers, $starts, $ends, $by, $comment, $updated)
            ON CONFLICT(id) DO UPDATE SET matchers = $matchers, starts_at = $starts, ends_at = $ends,
                created_by = $by, comment = $comment, updated_at = $updated
            """;
        command.Parameters.AddWithValue("$id", silence.Id);
        command.Parameters.AddWithValue("$matchers", JsonSerializer.Serialize(silence.Matchers.Select(SilenceMatcherDraft.Of), Json));
        command.Parameters.AddWithValue("$starts", silence.StartsAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$ends", silence.EndsAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$by", silence.CreatedBy);
        command.Parameters.AddWithValue("$comment", silence.Comment);
        command.Parameters.AddWithValue("$updated", silence.UpdatedAt.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }

    public static void DeleteExpiredBefore(SqliteConnection connection, DateTimeOffset cutoff)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM silences WHERE ends_at < $cutoff";
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }
}

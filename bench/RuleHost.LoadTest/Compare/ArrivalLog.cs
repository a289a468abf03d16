using System.Globalization;
using System.Text;

namespace RuleHost.LoadTest.Compare;

/// <summary>ArrivalLog follows an nginx access log written with <c>log_format '$msec $http_webhook_id'</c>: one line per notification that reached nginx.</summary>
/// <remarks>
/// <c>$msec</c> is the unix time, millisecond resolution, at which nginx finished the request, on this machine's clock,
/// so it compares directly with <see cref="DateTimeOffset.UtcNow"/> taken by this process.
/// </remarks>
internal sealed class ArrivalLog : IDisposable
{
    private readonly FileStream _file;
    private readonly StringBuilder _partial = new();

    public ArrivalLog(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        _file.Seek(0, SeekOrigin.End);
    }

    public string Path { get; }

    /// <summary>ReadNew returns the complete lines written since the last call.</summary>
    public List<Arrival> ReadNew()
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = _file.Read(buffer)) > 0)
            _partial.Append(Encoding.ASCII.GetString(buffer, 0, read));
        var text = _partial.ToString();
        var end = text.LastIndexOf('\n');
        _partial.Clear().Append(text.AsSpan(end + 1));
        return [.. text[..(end + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];
    }

    /// <summary>WaitForAsync collects new lines until there are <paramref name="count"/> of them, or throws when <paramref name="timeout"/> passes first.</summary>
    public async Task<List<Arrival>> WaitForAsync(int count, TimeSpan timeout)
    {
        var arrivals = new List<Arrival>(count);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            arrivals.AddRange(ReadNew());
            if (arrivals.Count >= count)
                return arrivals;
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"{Path}: only {arrivals.Count:N0} of {count:N0} notifications arrived within {timeout.TotalSeconds:F0} s");
            await Task.Delay(20);
        }
    }

    public void Dispose() => _file.Dispose();

    private Arrival Parse(string line)
    {
        var fields = line.Split(' ');
        if (fields.Length != 2 || !decimal.TryParse(fields[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
            throw new FormatException($"{Path}: expected '$msec $http_webhook_id', got '{line}'");
        return new Arrival(DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)), fields[1]);
    }
}

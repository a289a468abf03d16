using System.Text;

namespace RuleHost.Host.Tests.Support;

/// <summary>ConsoleRecorder stands in for the console the notifier prints to: it keeps every line and lets a test await one.</summary>
internal sealed class ConsoleRecorder : TextWriter
{
    private readonly Lock _gate = new();
    private readonly AwaitableLines _lines = new("console");
    private readonly StringBuilder _partial = new();

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines => _lines.Lines;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value != '\n')
            {
                _partial.Append(value);
                return;
            }

            Add(_partial.ToString().TrimEnd('\r'));
            _partial.Clear();
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            Add(_partial.Append(value).ToString());
            _partial.Clear();
        }
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    /// <summary>WaitForLineAsync completes with the first line, already printed or still to come, that matches.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, string what) => _lines.WaitForLineAsync(match, what);

    private void Add(string line) => _lines.Add(line);
}

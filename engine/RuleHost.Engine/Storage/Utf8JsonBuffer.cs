using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RuleHost.Engine.Storage;

/// <summary>Utf8JsonBuffer writes a value as UTF-8 JSON into one buffer reused row after row, for <see cref="Statement.Bind(int, ReadOnlySpan{byte})"/>: no string per row.</summary>
/// <remarks>Each write overwrites the last, and SQLite copies what is bound, so bind before the next write. One writer at a time (a store's write turn).</remarks>
internal sealed class Utf8JsonBuffer
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer = new(Stream.Null);

    public ReadOnlySpan<byte> Write<T>(T value, JsonTypeInfo<T> type)
    {
        Reset();
        JsonSerializer.Serialize(_writer, value, type);
        return _buffer.WrittenSpan;
    }

    public ReadOnlySpan<byte> Write<T>(T value, JsonSerializerOptions options)
    {
        Reset();
        JsonSerializer.Serialize(_writer, value, options);
        return _buffer.WrittenSpan;
    }

    private void Reset()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
    }
}

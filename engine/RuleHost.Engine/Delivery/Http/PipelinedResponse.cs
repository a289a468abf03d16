using System.Buffers.Text;
using System.Net;
using System.Text;

namespace RuleHost.Engine.Delivery.Http;

/// <summary>PipelinedResponse is one HTTP/1.1 response read from the front of a buffer: status, headers, body (Content-Length, chunked, or up to the close).</summary>
internal sealed class PipelinedResponse
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    private PipelinedResponse(int status, string reason, List<(string Name, string Value)> headers, byte[] body, int length, bool close) =>
        (Status, Reason, Headers, Body, Length, Close) = (status, reason, headers, body, length, close);

    public int Status { get; }

    public string Reason { get; }

    public List<(string Name, string Value)> Headers { get; }

    public byte[] Body { get; }

    /// <summary>Length is how many bytes of the buffer the response took.</summary>
    public int Length { get; }

    /// <summary>Close: the receiver closes the connection after this response (<c>Connection: close</c>, or HTTP/1.0).</summary>
    public bool Close { get; }

    /// <summary>TryParse reads a complete response from the front of <paramref name="data"/>; false when more bytes are needed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out PipelinedResponse response) => TryParse(data, atEnd: false, out response);

    /// <summary>TryParseAtEnd is TryParse once the receiver closed: a response without a length ends here.</summary>
    public static bool TryParseAtEnd(ReadOnlySpan<byte> data, out PipelinedResponse response) => TryParse(data, atEnd: true, out response);

    private static bool TryParse(ReadOnlySpan<byte> data, bool atEnd, out PipelinedResponse response)
    {
        response = null!;
        var headEnd = data.IndexOf(HeaderEnd);
        if (headEnd < 0)
        {
            if (data.Length > 64 * 1024)
                throw new IOException("response headers longer than 64 KB");
            return false;
        }

        var lines = Encoding.Latin1.GetString(data[..headEnd]).Split("\r\n");
        var (version, status, reason) = StatusLine(lines[0]);
        var headers = new List<(string, string)>(lines.Length - 1);
        long? contentLength = null;
        var (chunked, close) = (false, version == "HTTP/1.0");
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
                throw new IOException($"malformed response header line '{line}'");
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            headers.Add((name, value));
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                contentLength = long.TryParse(value, out var n) && n >= 0 ? n : throw new IOException($"malformed Content-Length '{value}'");
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                chunked = value.EndsWith("chunked", StringComparison.OrdinalIgnoreCase);
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                close = value.Contains("close", StringComparison.OrdinalIgnoreCase) || (close && !value.Contains("keep-alive", StringComparison.OrdinalIgnoreCase));
        }

        var bodyStart = headEnd + HeaderEnd.Length;
        var rest = data[bodyStart..];
        int used;
        byte[] body;
        if (status is < 200 or 204 or 304)
            (body, used) = ([], 0);
        else if (chunked)
        {
            if (!TryDechunk(rest, out body, out used))
                return false;
        }
        else if (contentLength is { } length)
        {
            if (rest.Length < length)
                return false;
            (body, used) = (rest[..(int)length].ToArray(), (int)length);
        }
        else
        {
            if (!atEnd)
                return false; // the body runs to the close
            (body, used, close) = (rest.ToArray(), rest.Length, true);
        }

        response = new PipelinedResponse(status, reason, headers, body, bodyStart + used, close);
        return true;
    }

    private static (string Version, int Status, string Reason) StatusLine(string line)
    {
        var parts = line.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(parts[1], out var status) || status is < 100 or > 999)
            throw new IOException($"malformed response status line '{line}'");
        return (parts[0], status, parts.Length > 2 ? parts[2] : "");
    }

    /// <summary>TryDechunk joins a chunked body's chunks (chunk extensions and trailers are read past and dropped).</summary>
    private static bool TryDechunk(ReadOnlySpan<byte> data, out byte[] body, out int used)
    {
        (body, used) = ([], 0);
        var joined = new MemoryStream();
        var at = 0;
        while (true)
        {
            var lineEnd = data[at..].IndexOf(LineEnd);
            if (lineEnd < 0)
                return false;
            var sizeText = data.Slice(at, lineEnd);
            var semicolon = sizeText.IndexOf((byte)';');
            if (semicolon >= 0)
                sizeText = sizeText[..semicolon];
            if (!Utf8Parser.TryParse(sizeText.Trim((byte)' '), out int size, out _, 'x') || size < 0)
                throw new IOException("malformed chunk size");
            at += lineEnd + LineEnd.Length;
            if (size == 0)
            {
                // trailers, then an empty line
                while (true)
                {
                    var trailerEnd = data[at..].IndexOf(LineEnd);
                    if (trailerEnd < 0)
                        return false;
                    at += trailerEnd + LineEnd.Length;
                    if (trailerEnd == 0)
                    {
                        (body, used) = (joined.ToArray(), at);
                        return true;
                    }
                }
            }

            if (data.Length < at + size + LineEnd.Length)
                return false;
            joined.Write(data.Slice(at, size));
            at += size + LineEnd.Length;
        }
    }

    /// <summary>ToMessage makes the <see cref="HttpResponseMessage"/> the caller sees.</summary>
    public HttpResponseMessage ToMessage(HttpRequestMessage request)
    {
        var message = new HttpResponseMessage((HttpStatusCode)Status)
        {
            ReasonPhrase = Reason,
            Version = HttpVersion.Version11,
            RequestMessage = request,
            Content = new ByteArrayContent(Body),
        };
        foreach (var (name, value) in Headers)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!message.Headers.TryAddWithoutValidation(name, value))
                message.Content.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }
}

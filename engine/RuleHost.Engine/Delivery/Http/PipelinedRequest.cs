using System.Net.Http.Headers;
using System.Text;

namespace RuleHost.Engine.Delivery.Http;

/// <summary>PipelinedRequest writes a request as HTTP/1.1 bytes: request line, Host, the request's and content's headers, Content-Length, body.</summary>
internal static class PipelinedRequest
{
    public static async ValueTask<byte[]> SerializeAsync(HttpRequestMessage request, Uri uri, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var head = new StringBuilder(256)
            .Append(request.Method.Method).Append(' ').Append(uri.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}").Append("\r\n");
        Append(head, request.Headers.NonValidated, skip: "Host");
        if (request.Content is not null)
            Append(head, request.Content.Headers.NonValidated, skip: "Content-Length");
        if (request.Content is not null || request.Method != HttpMethod.Get)
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        head.Append("\r\n");
        var bytes = new byte[Encoding.UTF8.GetByteCount(head.ToString()) + body.Length];
        var written = Encoding.UTF8.GetBytes(head.ToString(), bytes);
        body.CopyTo(bytes, written);
        return bytes;
    }

    private static void Append(StringBuilder head, HttpHeadersNonValidated headers, string skip)
    {
        foreach (var (name, values) in headers)
        {
            if (name.Equals(skip, StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                continue;
            var value = string.Join(", ", values);
            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0 || name.AsSpan().IndexOfAny('\r', '\n', ':') >= 0)
                throw new HttpRequestException($"the header '{name}' holds a line break: not sent");
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
    }
}

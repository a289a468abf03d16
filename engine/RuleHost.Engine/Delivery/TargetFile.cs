using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace RuleHost.Engine.Delivery;

/// <summary>TargetFile reads the configuration file again, layered as at start: the JSON file, then environment variables (<c>RULEHOST__…</c>) over it.</summary>
internal static class TargetFile
{
    /// <summary>Read returns the file's bytes, or the problem that kept it from being read.</summary>
    public static (byte[]? Bytes, string? Problem) Read(string path)
    {
        try
        {
            return (File.ReadAllBytes(path), null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, "the file is missing");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"the file could not be read: {e.Message}");
        }
    }

    /// <summary>Parse makes the configuration of the file's bytes, or returns why it is not valid JSON.</summary>
    public static (IConfiguration? Configuration, string? Problem) Parse(byte[] bytes)
    {
        try
        {
            return (new ConfigurationBuilder().AddJsonStream(new MemoryStream(bytes)).AddEnvironmentVariables().Build(), null);
        }
        catch (Exception e) when ((e as JsonException ?? e.InnerException as JsonException) is { } json)
        {
            return (null, Describe(json));
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            return (null, $"not valid JSON: {e.Message}");
        }
    }

    /// <summary>Describe says where the JSON broke: JsonException counts lines and bytes from 0 and appends them to its message; editors count from 1.</summary>
    private static string Describe(JsonException json)
    {
        var message = json.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var what = cut > 0 ? message[..cut] : message;
        return json.LineNumber is { } line
            ? $"not valid JSON at line {line + 1}, position {(json.BytePositionInLine ?? 0) + 1}: {what}"
            : $"not valid JSON: {what}";
    }
}

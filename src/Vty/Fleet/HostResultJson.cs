using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vty.Hosts;
using Vty.Protocols;

namespace Vty.Fleet;

/// <summary>
/// The one-line JSON form of a host result, version 1 of the schema in
/// <c>docs/schema/result-1.json</c> (<see cref="SchemaId"/>). Fields are only ever added within a
/// version; a renamed or removed field or a changed meaning gets a new version.
/// </summary>
public static class HostResultJson
{
    /// <summary>The value of every line's <c>schema</c> field.</summary>
    public const string SchemaId = "vty.result/1";

    internal static readonly JsonWriterOptions LineWriterOptions = new()
    {
        // Device output is full of '<', '>' and '&'; keep it readable, it is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Serialises <paramref name="result"/> as one line (no trailing newline).</summary>
    public static string Serialize(HostResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, LineWriterOptions))
            Write(json, result);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <paramref name="result"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter json, HostResult result)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(result);
        json.WriteStartObject();
        json.WriteString("schema", SchemaId);
        json.WriteString("host", result.Host.Name);
        json.WriteString("url", SafeUrl(result.Host.Url));
        WriteNullable(json, "driver", result.Driver);
        WriteNullable(json, "driverMethod", result.DriverMethod is { } method ? MethodWord(method) : null);
        WriteNullable(json, "driverReason", result.DriverReason);
        json.WriteBoolean("ok", result.Ok);
        json.WriteString("status", result.Status);
        json.WriteNumber("attempts", result.Attempts);
        if (result.StartedAt is { } started)
            json.WriteString("startedAt", started.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        else
            json.WriteNull("startedAt");
        json.WriteNumber("elapsedMs", (long)result.Elapsed.TotalMilliseconds);
        json.WriteStartArray("results");
        foreach (CommandOutput output in result.Results)
            WriteCommand(json, output);
        json.WriteEndArray();
        WriteNullable(json, "error", result.Error);
        json.WriteEndObject();
    }

    private static void WriteCommand(Utf8JsonWriter json, CommandOutput output)
    {
        json.WriteStartObject();
        json.WriteString("command", output.Command);
        json.WriteString("output", output.Output);
        json.WriteBoolean("ok", output.Ok);
        WriteNullable(json, "error", output.Error);
        json.WriteNumber("elapsedMs", (long)output.Elapsed.TotalMilliseconds);
        if (output.Parsed is not null)
        {
            json.WritePropertyName("parsed");
            Parsing.ParsedJson.WriteRows(json, output.Parsed);
        }
        else if (output.ParseError is not null)
        {
            json.WriteNull("parsed");
            json.WriteString("parseError", output.ParseError);
        }
        json.WriteEndObject();
    }

    /// <summary>The schema's word for a driver selection method.</summary>
    public static string MethodWord(DriverSelectionMethod method) => method switch
    {
        DriverSelectionMethod.Named => "named",
        DriverSelectionMethod.Passive => "guessed",
        DriverSelectionMethod.Probed => "probed",
        _ => "fallback",
    };

    /// <summary>The host's URL with any password replaced by <c>***</c>; results never carry secrets.</summary>
    public static string SafeUrl(string url)
    {
        try
        {
            return HostUrl.Parse(url).ToRedactedString();
        }
        catch (HostUrlFormatException)
        {
            // Not parseable: drop the whole user-info part rather than risk printing a password.
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            int at = url.LastIndexOf('@');
            return scheme >= 0 && at > scheme ? url[..(scheme + 3)] + url[(at + 1)..] : url;
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }
}

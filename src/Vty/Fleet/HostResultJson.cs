using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vty.Fleet;

/// <summary>
/// The one-line JSON form of a host result:
/// <c>{"host","ok","driver","results":[{"command","output"}],"error","attempts","elapsedMs"}</c>.
/// </summary>
public static class HostResultJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Device output is full of '<', '>' and '&'; keep it readable, it is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Serialises <paramref name="result"/> as one line (no trailing newline).</summary>
    public static string Serialize(HostResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            Write(json, result);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <paramref name="result"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter json, HostResult result)
    {
        json.WriteStartObject();
        json.WriteString("host", result.Host.Name);
        json.WriteBoolean("ok", result.Ok);
        if (result.Driver is null) json.WriteNull("driver"); else json.WriteString("driver", result.Driver);
        if (result.DriverReason is not null) json.WriteString("driver_reason", result.DriverReason);
        json.WriteStartArray("results");
        foreach (CommandOutput output in result.Results)
        {
            json.WriteStartObject();
            json.WriteString("command", output.Command);
            json.WriteString("output", output.Output);
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
        json.WriteEndArray();
        if (result.Error is null) json.WriteNull("error"); else json.WriteString("error", result.Error);
        json.WriteNumber("attempts", result.Attempts);
        json.WriteNumber("elapsedMs", (long)result.Elapsed.TotalMilliseconds);
        json.WriteEndObject();
    }
}

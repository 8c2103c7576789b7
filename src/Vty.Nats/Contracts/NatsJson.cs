using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Vty.Fleet;
using Vty.Inventory;

namespace Vty.Nats.Contracts;

/// <summary>
/// JSON of the messages on NATS. The fleet's own types (<see cref="HostResult"/>,
/// <see cref="InventoryHost"/>) travel as they are, so a field added to them travels too; what must
/// not travel is cut here: exceptions, computed properties, a result's host (the manifest has it)
/// and any literal password.
/// </summary>
public static class NatsJson
{
    /// <summary>The serializer options of every Vty message on NATS.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serialises a message as UTF-8 JSON.</summary>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Reads a message; a malformed one is an error naming the type expected.</summary>
    /// <exception cref="JsonException">The bytes are not such a message.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<T>(utf8, Options) ?? throw new JsonException($"an empty {typeof(T).Name} message");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Device output is full of '<', '>' and '&'; keep messages readable and small.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { CutWhatMustNotTravel } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new ParsedCellConverter());
        options.MakeReadOnly();
        return options;
    }

    private static void CutWhatMustNotTravel(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
            return;
        for (int i = info.Properties.Count - 1; i >= 0; i--)
        {
            JsonPropertyInfo property = info.Properties[i];
            bool cut = typeof(Exception).IsAssignableFrom(property.PropertyType)
                || property.Set is null && !IsConstructorParameter(info, property)
                || info.Type == typeof(HostResult) && property.PropertyType == typeof(InventoryHost)
                || info.Type == typeof(HostSettings) && property.Name == "password";
            if (cut)
                info.Properties.RemoveAt(i);
        }
    }

    private static bool IsConstructorParameter(JsonTypeInfo info, JsonPropertyInfo property) =>
        info.Type.GetConstructors().Any(c => c.GetParameters().Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Parsed rows hold strings, lists of strings and group dictionaries; read them back as such.</summary>
    private sealed class ParsedCellConverter : JsonConverter<object>
    {
        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadCell(ref reader);

        private static object? ReadCell(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.StartArray:
                    var items = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        items.Add(ReadCell(ref reader));
                    return items;
                case JsonTokenType.StartObject:
                    var groups = new Dictionary<string, string?>(StringComparer.Ordinal);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        string name = reader.GetString()!;
                        reader.Read();
                        groups[name] = reader.TokenType == JsonTokenType.Null ? null : reader.TokenType == JsonTokenType.String ? reader.GetString() : JsonDocument.ParseValue(ref reader).RootElement.GetRawText();
                    }
                    return groups;
                default:
                    return JsonDocument.ParseValue(ref reader).RootElement.GetRawText();
            }
        }

        public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) =>
            Parsing.ParsedJson.WriteCell(writer, value);
    }
}

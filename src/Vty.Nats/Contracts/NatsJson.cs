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
/// and any literal password. The metadata is source-generated (<see cref="NatsJsonContext"/>), which
/// sets init-only properties in the object initializer: a field missing from a message reads as its
/// type's default, not the property's initializer, so every such field is always written.
/// </summary>
public static class NatsJson
{
    /// <summary>The serializer options of every Vty message on NATS.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serialises a message as UTF-8 JSON.</summary>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    /// <summary>Reads a message; a malformed one is an error naming the type expected.</summary>
    /// <exception cref="JsonException">The bytes are not such a message.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, TypeInfo<T>()) ?? throw new JsonException($"an empty {typeof(T).Name} message");

    // Metadata comes from the generated context; a type that is not a message is a programming error.
    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateOptions()
    {
        // The context's options carry Web defaults, null skipping and string enums; a copy adds what
        // attributes cannot say, and the resolver stays the source-generated one (no reflection).
        var options = new JsonSerializerOptions(NatsJsonContext.Default.Options)
        {
            // Device output is full of '<', '>' and '&'; keep messages readable and small.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = NatsJsonContext.Default.WithAddedModifier(CutWhatMustNotTravel),
        };
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
            // A property with neither a setter nor a constructor (or init) parameter is computed
            // from others (Ok, Status, Driver, ChangesDevices): it is not part of the message.
            if (property.Set is null && property.AssociatedParameter is null)
                info.Properties.RemoveAt(i);
            else if (MustNotTravel(info.Type, property))
                Cut(info, i, property);
        }
    }

    private static bool MustNotTravel(Type owner, JsonPropertyInfo property) =>
        typeof(Exception).IsAssignableFrom(property.PropertyType)
        || owner == typeof(HostResult) && property.PropertyType == typeof(InventoryHost)
        || owner == typeof(HostSettings) && property.Name == "password";

    /// <summary>
    /// Removes a property from the message. Generated metadata sets init-only properties through
    /// the object initializer, so such a property cannot leave the contract; it stays, never
    /// written, never required, and read as nothing.
    /// </summary>
    private static void Cut(JsonTypeInfo info, int index, JsonPropertyInfo property)
    {
        if (property.AssociatedParameter is null)
        {
            info.Properties.RemoveAt(index);
            return;
        }
        property.ShouldSerialize = static (_, _) => false;
        property.IsRequired = false;
        property.CustomConverter = IgnoredOnRead(property.PropertyType)
            ?? throw new InvalidOperationException($"NatsJson cannot keep {info.Type.Name}.{property.Name} ({property.PropertyType.Name}) off the wire: add its type to NatsJson.IgnoredOnRead");
    }

    // Closed generic types spelled out: making one at run time would need dynamic code (Native AOT).
    private static JsonConverter? IgnoredOnRead(Type type) =>
        type == typeof(string) ? new IgnoredOnReadConverter<string>()
        : type == typeof(InventoryHost) ? new IgnoredOnReadConverter<InventoryHost>()
        : null;

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

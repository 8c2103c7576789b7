using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vty.Nats.Contracts;

/// <summary>
/// Reads a value that must not travel (a literal password, an exception, a result's host) as
/// nothing, so a hand-made message carrying one is treated as if it did not. Never used to write:
/// such properties are not serialised at all.
/// </summary>
internal sealed class IgnoredOnReadConverter<T> : JsonConverter<T>
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        reader.Skip();
        return default;
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteNullValue();
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vty.Nats.Contracts;

/// <summary>
/// Compile-time JSON metadata of the messages on NATS (and everything they contain), so the
/// contracts need no reflection and the CLI can be published ahead of time. The options that
/// actually travel are <see cref="NatsJson.Options"/>, built on top of this context.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunManifest))]
[JsonSerializable(typeof(HostJobMessage))]
[JsonSerializable(typeof(HostResultMessage))]
[JsonSerializable(typeof(ClaimMessage))]
internal sealed partial class NatsJsonContext : JsonSerializerContext;

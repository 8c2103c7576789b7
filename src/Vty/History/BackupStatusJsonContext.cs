using System.Text.Json.Serialization;

namespace Vty.History;

/// <summary>Compile-time JSON for the status file (no reflection, so the tool can be published ahead of time).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BackupStatusFile))]
internal sealed partial class BackupStatusJsonContext : JsonSerializerContext;

using Vty.Ssh.Keys.Types;

namespace Vty.Ssh.Keys.Formats;

/// <summary>A key read from a file, with the comment the file carried (empty when the format has none).</summary>
internal sealed record ParsedPrivateKey(PrivateKeyAlgorithm Key, string Comment);

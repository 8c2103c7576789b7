using Vty.Ssh.Keys;

namespace Vty.Ssh.Authentication;

/// <summary>
/// One key or certificate "publickey" authentication offers, with what signs for it: a loaded key
/// file or the ssh-agent. <see cref="Source"/> names it in logs and errors (a file or "agent: comment").
/// </summary>
internal sealed record ClientIdentity(SshPublicKey Key, string Source,
    Func<string, ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> Sign);

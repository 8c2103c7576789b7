using Vty.Ssh.Keys;

namespace Vty.Ssh.Authentication;

/// <summary>
/// One key or certificate "publickey" authentication offers, with what signs for it: a loaded key
/// file or the ssh-agent. <see cref="Source"/> names it in logs and errors (a file or "agent: comment").
/// <see cref="QueryFirst"/>: ask the server whether it would accept the key before signing (RFC 4252
/// section 7), for signatures that are slow (RSA, DSA) or may need a confirmation (the agent); a key in
/// memory that signs in microseconds signs at once and saves the round trip, as RFC 4252 allows.
/// </summary>
internal sealed record ClientIdentity(SshPublicKey Key, string Source,
    Func<string, ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> Sign, bool QueryFirst = true);

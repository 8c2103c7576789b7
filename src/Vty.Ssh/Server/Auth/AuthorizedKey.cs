using Vty.Ssh.Keys;

namespace Vty.Ssh.Server.Auth;

/// <summary>One key line of an authorized_keys file: the key, its options (raw, e.g. <c>from="10.0.0.*",no-pty</c>) and comment.</summary>
public sealed record AuthorizedKey(SshPublicKey Key, string? Options, string? Comment, int LineNumber);

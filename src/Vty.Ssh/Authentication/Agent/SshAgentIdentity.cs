using Vty.Ssh.Keys;

namespace Vty.Ssh.Authentication.Agent;

/// <summary>A key (or certificate) the agent holds, with the comment it was added with.</summary>
public sealed record SshAgentIdentity(SshPublicKey Key, string Comment);

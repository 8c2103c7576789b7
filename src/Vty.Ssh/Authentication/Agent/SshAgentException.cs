namespace Vty.Ssh.Authentication.Agent;

/// <summary>The ssh-agent could not be reached, refused a request, or answered something unexpected.</summary>
public sealed class SshAgentException(string message, Exception? inner = null) : SshException(message, inner);

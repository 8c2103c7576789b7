namespace Vty.Ssh;

/// <summary>One SSH_MSG_USERAUTH_INFO_REQUEST (RFC 4256 §3.2): answer with one string per prompt, in order.</summary>
public sealed record SshKeyboardInteractivePrompt(string Name, string Instruction, IReadOnlyList<SshPrompt> Prompts);

/// <summary>One prompt of a keyboard-interactive request; <see cref="Echo"/> false means a secret.</summary>
public sealed record SshPrompt(string Text, bool Echo);

namespace Vty.Ssh.Server.Auth;

/// <summary>One question of a keyboard-interactive round (RFC 4256): the text shown and whether the answer is echoed.</summary>
public sealed record SshKeyboardInteractiveQuestion(string Prompt, bool Echo = false);

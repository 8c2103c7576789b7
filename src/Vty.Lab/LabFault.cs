namespace Vty.Lab;

/// <summary>A misbehaviour injected into an emulated device, for fleet and timeout tests.</summary>
public enum LabFault
{
    /// <summary>Behaves normally.</summary>
    None,
    /// <summary>Refuses every credential with the OS's own failure text, then closes after the last attempt.</summary>
    RejectLogin,
    /// <summary>Prints the first prompt after login, then reads and ignores everything without answering.</summary>
    HangAfterLogin,
    /// <summary>Accepts the connection but never sends a byte.</summary>
    HangBeforeBanner,
    /// <summary>Closes the stream right after a successful login, before the first prompt.</summary>
    DropAfterLogin,
    /// <summary>
    /// Applies (and logs) the first line typed in configuration mode, then closes the stream
    /// without answering: a session that breaks after configuration was delivered.
    /// </summary>
    DropAfterConfigLine,
    /// <summary>
    /// After the banner, prints lines forever instead of a login dialog or a prompt (a hostile or
    /// broken device); SSH exec hangs instead.
    /// </summary>
    EndlessOutput,
    /// <summary>Sends NUL bytes forever from the start, before any banner (a hostile device); SSH exec hangs instead.</summary>
    NulFlood,
    /// <summary>
    /// Answers normally until a command prints more than 20 lines; of that output it sends the first
    /// half, then reads and ignores everything (a device that stops in the middle of a configuration).
    /// </summary>
    StallMidOutput,
}

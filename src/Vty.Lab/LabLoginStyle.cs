namespace Vty.Lab;

/// <summary>How an emulated device asks for credentials before the first prompt.</summary>
public enum LabLoginStyle
{
    /// <summary>Username prompt, then password prompt.</summary>
    UserPassword,
    /// <summary>Password prompt only (a Cisco "line vty" password).</summary>
    PasswordOnly,
    /// <summary>No login dialog: the prompt follows the banner.</summary>
    None,
}

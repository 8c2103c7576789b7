namespace Vty.Drivers;

/// <summary>Which secret of the account answers a prompt during a mode change.</summary>
public enum ModeCredential
{
    /// <summary>The account name.</summary>
    Username,

    /// <summary>The login password.</summary>
    Password,

    /// <summary>The authorization (enable) password; the login password when the account has none.</summary>
    EnablePassword,
}

namespace Vty.Ssh.Server.Auth;

/// <summary>The three results of one authentication step.</summary>
public enum SshAuthOutcome
{
    /// <summary>Rejected.</summary>
    Failure,

    /// <summary>Authenticated.</summary>
    Success,

    /// <summary>This step passed; another method is required.</summary>
    PartialSuccess,
}

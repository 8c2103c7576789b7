namespace Vty.Lab;

/// <summary>The texts of an OS's login dialog. Templates may use <c>{host}</c>.</summary>
public sealed record LabLoginDialog
{
    /// <summary>Printed when the connection opens, before any prompt (pre-login banner).</summary>
    public string Banner { get; init; } = "";

    /// <summary>Printed once before the first credential prompt, only when the dialog runs ("User Access Verification").</summary>
    public string DialogIntro { get; init; } = "";

    /// <summary>Username prompt (Cisco "Username: ", Linux "{host} login: ").</summary>
    public string UsernamePrompt { get; init; } = "Username: ";

    /// <summary>Password prompt.</summary>
    public string PasswordPrompt { get; init; } = "Password: ";

    /// <summary>Printed after refused credentials, before the prompt is repeated.</summary>
    public string FailureMessage { get; init; } = "% Login invalid\n";

    /// <summary>Printed after refused credentials with the password-only dialog.</summary>
    public string PasswordOnlyFailureMessage { get; init; } = "";

    /// <summary>Printed after the last refused attempt, before the device closes the connection.</summary>
    public string FinalFailureMessage { get; init; } = "";

    /// <summary>Printed after the last refused attempt with the password-only dialog.</summary>
    public string PasswordOnlyFinalFailureMessage { get; init; } = "% Bad passwords\n";

    /// <summary>Printed after a successful login (MOTD, "Last login: …"), also on pre-authenticated sessions.</summary>
    public string Motd { get; init; } = "";

    /// <summary>Printed after <see cref="Motd"/>; the session then waits for one key before the first prompt (ProCurve). Empty: no wait.</summary>
    public string PressAnyKey { get; init; } = "";
}

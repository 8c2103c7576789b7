namespace Vty.Lab;

/// <summary>The texts of an OS's privilege-raising dialog (Cisco <c>enable</c>).</summary>
public sealed record LabEnableDialog
{
    /// <summary>Password prompt.</summary>
    public string PasswordPrompt { get; init; } = "Password: ";

    /// <summary>Printed after a wrong password before asking again.</summary>
    public string FailureMessage { get; init; } = "";

    /// <summary>Printed after the last wrong password.</summary>
    public string FinalFailureMessage { get; init; } = "% Bad secrets\n";

    /// <summary>Attempts before giving up.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Mode <c>enable</c> leads to.</summary>
    public string TargetMode { get; init; } = "privileged";
}

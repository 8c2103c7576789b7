namespace Vty.Fleet;

/// <summary>
/// The <c>status</c> words of the result schema (<c>docs/schema/result-1.json</c>): stable,
/// lower-case, one per <see cref="FailureKind"/>.
/// </summary>
public static class HostStatus
{
    /// <summary>The schema's word for <paramref name="kind"/>.</summary>
    public static string Of(FailureKind kind) => kind switch
    {
        FailureKind.None => "ok",
        FailureKind.CommandError => "command-error",
        FailureKind.LoginFailed => "login-failed",
        FailureKind.HostKey => "host-key",
        FailureKind.Timeout => "timeout",
        FailureKind.Unreachable => "unreachable",
        FailureKind.Cancelled => "cancelled",
        FailureKind.NotStarted => "not-started",
        FailureKind.Configuration => "configuration",
        FailureKind.LocalFile => "local-file",
        _ => "error",
    };

    /// <summary>Every word <see cref="Of"/> can return, in the schema's order.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["ok", "command-error", "login-failed", "host-key", "timeout", "unreachable", "cancelled", "not-started", "configuration", "local-file", "error"];
}

using Vty.Fleet;

namespace Vty.Diagnostics;

/// <summary>The status words of telemetry: <c>ok</c>, or the failure kind in kebab case (<c>login-failed</c>, <c>command-error</c>, …).</summary>
internal static class HostStatus
{
    public const string Ok = "ok";

    public const string NotStarted = "not-started";

    public static string Of(FailureKind kind)
    {
        if (kind == FailureKind.None)
            return Ok;
        string name = kind.ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                text.Append('-');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    /// <summary>The status of a session operation that threw <paramref name="error"/>.</summary>
    public static string Of(Exception error) => error switch
    {
        CommandErrorException => "command-error",
        LoginFailedException => "login-failed",
        OperationCanceledException => "cancelled",
        TimeoutException or ExpectTimeoutException => "timeout",
        ConnectionFailedException or ConnectionClosedException => "unreachable",
        _ => "error",
    };
}

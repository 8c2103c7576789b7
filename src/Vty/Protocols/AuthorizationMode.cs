namespace Vty.Protocols;

/// <summary>Whether login raises privileges (enable) after authenticating.</summary>
public enum AuthorizationMode
{
    /// <summary>Send the driver's enable command unless the prompt already shows privileged mode or the driver has none.</summary>
    Auto,

    /// <summary>Never authorize during login; call <c>AutoAppAuthorizeAsync</c> yourself when needed.</summary>
    Never,
}

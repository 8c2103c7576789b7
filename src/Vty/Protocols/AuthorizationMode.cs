namespace Vty.Protocols;

/// <summary>Whether login raises privileges (enable) after authenticating.</summary>
public enum AuthorizationMode
{
    /// <summary>Send the driver's enable command unless the prompt already shows privileged mode or the driver has none.</summary>
    Auto,

    /// <summary>Never authorize during login; call <c>AutoAppAuthorizeAsync</c> yourself when needed.</summary>
    Never,

    /// <summary>
    /// Raise privileges and fail when that is impossible: the driver does not know how the platform
    /// grants them (the generic driver) or the device stayed unprivileged. What <c>--enable</c> asks for.
    /// </summary>
    Required,
}

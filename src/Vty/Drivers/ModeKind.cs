namespace Vty.Drivers;

/// <summary>What a driver mode is for: how Enable, ConfigMode and the privilege checks treat it.</summary>
public enum ModeKind
{
    /// <summary>Unprivileged command mode (IOS <c>&gt;</c>); enable leaves it.</summary>
    User,

    /// <summary>Privileged command mode (IOS <c>#</c>, Junos operational); the target of enable.</summary>
    Privileged,

    /// <summary>A configuration mode (IOS <c>(config)#</c>, Junos <c>[edit]</c>); the first one is the target of config mode.</summary>
    Config,

    /// <summary>Any other mode (a device shell, an admin plane); reached only by name.</summary>
    Other,
}

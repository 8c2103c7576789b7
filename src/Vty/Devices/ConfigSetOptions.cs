namespace Vty.Devices;

/// <summary>How <see cref="DeviceSession.SendConfigSetAsync"/> sends a configuration set.</summary>
public sealed record ConfigSetOptions
{
    /// <summary>Stop at the first line the device rejects (the default) and throw; false: record the error and go on.</summary>
    public bool StopOnError { get; init; } = true;

    /// <summary>Enter configuration mode first (when not already in it).</summary>
    public bool EnterConfigMode { get; init; } = true;

    /// <summary>Leave configuration mode afterwards (also after an error).</summary>
    public bool ExitConfigMode { get; init; } = true;

    /// <summary>Commit after the set (Junos, IOS-XR); null: no commit.</summary>
    public CommitOptions? Commit { get; init; }

    /// <summary>Called as each line's answer arrives (accepted, or rejected when not stopping on errors).</summary>
    public Action<ConfigLineResult>? LineCompleted { get; init; }

    /// <summary>Time per configuration line; null: the session's command timeout.</summary>
    public TimeSpan? LineTimeout { get; init; }
}

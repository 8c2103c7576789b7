namespace Vty.Protocols;

/// <summary>What an interact key handler wants next.</summary>
public enum InteractKeyResult
{
    /// <summary>Keep the interactive session going.</summary>
    Continue,

    /// <summary>End the interactive session (the connection stays open).</summary>
    Stop,
}

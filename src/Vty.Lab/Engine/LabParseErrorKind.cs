namespace Vty.Lab;

/// <summary>Why a command line did not match the command table.</summary>
public enum LabParseErrorKind
{
    /// <summary>The first word is not a command at all.</summary>
    UnknownCommand,
    /// <summary>A later word does not fit.</summary>
    InvalidInput,
    /// <summary>The line ended before the command was complete.</summary>
    Incomplete,
    /// <summary>A word abbreviates more than one keyword.</summary>
    Ambiguous,
}

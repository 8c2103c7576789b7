namespace Vty.Telnet.Protocol;

/// <summary>Telnet commands (RFC 854) that carry no option: they follow IAC on their own.</summary>
public enum TelnetCommand : byte
{
    /// <summary>No operation.</summary>
    NoOperation = 241,
    /// <summary>Data Mark: the data-stream part of a Synch.</summary>
    DataMark = 242,
    /// <summary>Break (NVT BRK key).</summary>
    Break = 243,
    /// <summary>Interrupt Process.</summary>
    InterruptProcess = 244,
    /// <summary>Abort Output.</summary>
    AbortOutput = 245,
    /// <summary>Are You There.</summary>
    AreYouThere = 246,
    /// <summary>Erase Character.</summary>
    EraseCharacter = 247,
    /// <summary>Erase Line.</summary>
    EraseLine = 248,
    /// <summary>Go Ahead.</summary>
    GoAhead = 249,
}

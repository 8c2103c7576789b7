namespace Vty.Lab.Engine;

/// <summary>One level of a session's mode stack: the mode, its argument (interface name) and the configuration node it edits.</summary>
internal readonly record struct ModeFrame(LabMode Mode, string? Arg, ConfigNode? Node);

namespace Vty.Drivers;

/// <summary>How a platform takes a whole configuration in place of its running one.</summary>
public enum ConfigReplaceMethod
{
    /// <summary>Junos: <c>load override terminal</c>, the text, Ctrl-D, then a commit.</summary>
    JunosLoadOverride,
}

namespace Vty.Drivers;

/// <summary>How a platform takes a whole configuration in place of its running one.</summary>
public enum ConfigReplaceMethod
{
    /// <summary>Junos: <c>load override terminal</c>, the text, Ctrl-D, then a commit.</summary>
    JunosLoadOverride,

    /// <summary>IOS-XR: the file copied to <c>harddisk:</c> over SCP, <c>load</c> in configuration mode, then <c>commit replace</c>.</summary>
    IosXrCommitReplace,

    /// <summary>
    /// EOS: the file copied to <c>flash:</c> over SCP, then a configuration session
    /// (<c>rollback clean-config</c>, <c>copy flash:… session-config</c>, <c>commit</c> or <c>commit timer</c>):
    /// <c>configure replace</c> with a diff and a confirm timer.
    /// </summary>
    EosConfigSession,
}

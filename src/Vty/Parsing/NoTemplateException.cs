namespace Vty.Parsing;

/// <summary>No template index names a template for this platform and command.</summary>
public sealed class NoTemplateException : VtyException
{
    /// <summary>Creates the exception; <paramref name="searched"/> lists the template folders looked in.</summary>
    public NoTemplateException(string platform, string command, IReadOnlyList<string> searched)
        : base($"no TextFSM template for platform '{platform}' and command '{command}' (searched: {string.Join(", ", searched)}); " +
               "add one to a template folder's index (--templates DIR, NET_TEXTFSM or ~/.config/vty/templates), or use the text output")
    {
        Platform = platform;
        Command = command;
        Searched = searched;
    }

    /// <summary>Creates the exception with its own <paramref name="message"/> (e.g. the driver names no platform).</summary>
    public NoTemplateException(string message, string platform, string command, IReadOnlyList<string> searched)
        : base(message)
    {
        Platform = platform;
        Command = command;
        Searched = searched;
    }

    /// <summary>The ntc platform name looked up (e.g. <c>cisco_ios</c>).</summary>
    public string Platform { get; }

    /// <summary>The command as sent.</summary>
    public string Command { get; }

    /// <summary>The template folders searched, in order.</summary>
    public IReadOnlyList<string> Searched { get; }
}

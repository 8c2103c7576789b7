namespace Vty.Tests.Protocols;

/// <summary>What to type on each lab profile for the tests that run over all of them.</summary>
internal static class LabProfileCommands
{
    /// <summary>The command that shows the OS version (or the nearest thing the OS has).</summary>
    public static string Version(string profile) => profile switch
    {
        "linux" => "uname -a",
        "vrp" or "comware" => "display version",
        "fortios" => "get system status",
        "panos" => "show system info",
        "routeros" => "/system resource print",
        "procurve" => "show system",
        _ => "show version",
    };

    /// <summary>The command that prints the whole running configuration.</summary>
    public static string Configuration(string profile) => profile switch
    {
        "junos" => "show configuration",
        "vrp" or "comware" => "display current-configuration",
        "linux" => "ls -la /",
        "fortios" => "show full-configuration system interface",
        "panos" => "show config running",
        "routeros" => "/export",
        "vyos" => "show configuration",
        "sros" => "admin display-config",
        "exos" => "show configuration",
        _ => "show running-config",
    };
}

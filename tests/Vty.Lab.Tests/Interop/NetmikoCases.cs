namespace Vty.Lab.Tests.Interop;

/// <summary>
/// The lab profiles Netmiko supports, over SSH and (where the platform and Netmiko both have it)
/// Telnet. Device types are those of Debian's python3-netmiko.
/// </summary>
public static class NetmikoCases
{
    public static IReadOnlyList<NetmikoCase> All { get; } =
    [
        Ios("ios-ssh", "ios", "cisco_ios", telnet: false),
        Ios("ios-telnet", "ios", "cisco_ios_telnet", telnet: true),
        Ios("iosxe-ssh", "iosxe", "cisco_xe", telnet: false),
        new("iosxr-ssh", "iosxr", "cisco_xr", false, "show version", "Cisco IOS XR Software",
            ["interface Loopback42", "description netmiko-iosxr-ssh"], "show running-config interface Loopback42", "netmiko-iosxr-ssh", Commit: true),
        new("iosxr-telnet", "iosxr", "cisco_xr_telnet", true, "show version", "Cisco IOS XR Software",
            ["interface Loopback43", "description netmiko-iosxr-telnet"], "show running-config interface Loopback43", "netmiko-iosxr-telnet", Commit: true),
        new("nxos-ssh", "nxos", "cisco_nxos", false, "show version", "Cisco Nexus Operating System",
            ["interface loopback42", "description netmiko-nxos-ssh"], "show running-config", "netmiko-nxos-ssh"),
        new("eos-ssh", "eos", "arista_eos", false, "show version", "Arista",
            ["interface Loopback42", "description netmiko-eos-ssh"], "show running-config", "netmiko-eos-ssh", Enable: true),
        new("eos-telnet", "eos", "arista_eos_telnet", true, "show version", "Arista",
            ["interface Loopback43", "description netmiko-eos-telnet"], "show running-config", "netmiko-eos-telnet", Enable: true),
        new("junos-ssh", "junos", "juniper_junos", false, "show version", "Junos:",
            ["set interfaces lo0 description netmiko-junos-ssh"], "show configuration interfaces", "netmiko-junos-ssh", Commit: true),
        new("junos-telnet", "junos", "juniper_junos_telnet", true, "show version", "Junos:",
            ["set interfaces lo0 description netmiko-junos-telnet"], "show configuration interfaces", "netmiko-junos-telnet", Commit: true),
        new("vrp-ssh", "vrp", "huawei", false, "display version", "Huawei Versatile Routing Platform",
            ["interface LoopBack42", "description netmiko-vrp-ssh"], "display current-configuration", "netmiko-vrp-ssh"),
        new("vrp-telnet", "vrp", "huawei_telnet", true, "display version", "Huawei Versatile Routing Platform",
            ["interface LoopBack43", "description netmiko-vrp-telnet"], "display current-configuration", "netmiko-vrp-telnet"),
        new("asa-ssh", "asa", "cisco_asa", false, "show version", "Cisco Adaptive Security Appliance Software",
            ["interface GigabitEthernet1/3", "description netmiko-asa-ssh"], "show running-config", "netmiko-asa-ssh", Enable: true),
        new("os10-ssh", "os10", "dell_os10", false, "show version", "Dell EMC Networking OS10 Enterprise",
            ["interface loopback42", "description netmiko-os10-ssh"], "show running-configuration", "netmiko-os10-ssh"),
        new("linux-ssh", "linux", "linux", false, "uname -a", "Linux",
            ["echo netmiko-linux-ssh > /tmp/netmiko-note"], "cat /tmp/netmiko-note", "netmiko-linux-ssh"),
    ];

    private static NetmikoCase Ios(string name, string profile, string deviceType, bool telnet) =>
        new(name, profile, deviceType, telnet, "show version", "Cisco IOS",
            ["interface Loopback42", $"description netmiko-{name}"], "show running-config", $"netmiko-{name}", Enable: true);
}

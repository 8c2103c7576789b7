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
        new("fortios-ssh", "fortios", "fortinet", false, "get system status", "Version: FortiGate-60F v7.2.5",
            ["config system interface", "edit internal5", "set alias netmiko-fortios-ssh", "next", "end"], "show system interface internal5", "netmiko-fortios-ssh"),
        new("panos-ssh", "panos", "paloalto_panos", false, "show system info", "sw-version: 10.2.4",
            ["set network interface ethernet ethernet1/3 comment netmiko-panos-ssh"], "show config running", "netmiko-panos-ssh", Commit: true),
        new("panos-telnet", "panos", "paloalto_panos_telnet", true, "show system info", "sw-version: 10.2.4",
            ["set network interface ethernet ethernet1/3 comment netmiko-panos-telnet"], "show config running", "netmiko-panos-telnet", Commit: true),
        new("routeros-ssh", "routeros", "mikrotik_routeros", false, "/system resource print", "board-name: RB5009UG+S+",
            ["/interface ethernet set ether3 comment=netmiko-routeros-ssh"], "/export", "netmiko-routeros-ssh"),
        new("vyos-ssh", "vyos", "vyos", false, "show version", "Version:          VyOS 1.3.4",
            ["set interfaces ethernet eth1 description netmiko-vyos-ssh"], "show configuration commands", "netmiko-vyos-ssh", Commit: true),
        new("procurve-ssh", "procurve", "hp_procurve", false, "show system", "Software revision  : WB.16.10.0009",
            ["interface 5", "name netmiko-procurve-ssh"], "show running-config", "netmiko-procurve-ssh", Enable: true),
        new("comware-ssh", "comware", "hp_comware", false, "display version", "HPE Comware Software, Version 7.1.070",
            ["interface GigabitEthernet1/0/3", "description netmiko-comware-ssh"], "display current-configuration", "netmiko-comware-ssh"),
        new("comware-telnet", "comware", "hp_comware_telnet", true, "display version", "HPE Comware Software, Version 7.1.070",
            ["interface GigabitEthernet1/0/4", "description netmiko-comware-telnet"], "display current-configuration", "netmiko-comware-telnet"),
        new("sros-ssh", "sros", "alcatel_sros", false, "show version", "TiMOS-B-23.3.R1",
            ["router", "interface \"netmiko\"", "description \"netmiko-sros-ssh\""], "admin display-config", "netmiko-sros-ssh"),
        new("exos-ssh", "exos", "extreme_exos", false, "show version", "ExtremeXOS version 32.5.1.5",
            ["create vlan netmiko-exos-ssh tag 301"], "show configuration vlan", "netmiko-exos-ssh"),
        new("exos-telnet", "exos", "extreme_exos_telnet", true, "show version", "ExtremeXOS version 32.5.1.5",
            ["create vlan netmiko-exos-telnet tag 302"], "show configuration vlan", "netmiko-exos-telnet"),
        new("icx-ssh", "icx", "ruckus_fastiron", false, "show version", "SW: Version 09.0.10fT213",
            ["interface ethernet 1/1/3", "port-name netmiko-icx-ssh"], "show running-config", "netmiko-icx-ssh", Enable: true),
        new("icx-telnet", "icx", "ruckus_fastiron_telnet", true, "show version", "SW: Version 09.0.10fT213",
            ["interface ethernet 1/1/4", "port-name netmiko-icx-telnet"], "show running-config", "netmiko-icx-telnet", Enable: true),
        new("linux-ssh", "linux", "linux", false, "uname -a", "Linux",
            ["echo netmiko-linux-ssh > /tmp/netmiko-note"], "cat /tmp/netmiko-note", "netmiko-linux-ssh"),
    ];

    private static NetmikoCase Ios(string name, string profile, string deviceType, bool telnet) =>
        new(name, profile, deviceType, telnet, "show version", "Cisco IOS",
            ["interface Loopback42", $"description netmiko-{name}"], "show running-config", $"netmiko-{name}", Enable: true);
}

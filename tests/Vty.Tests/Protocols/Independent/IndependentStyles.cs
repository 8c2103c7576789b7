namespace Vty.Tests.Protocols.Independent;

/// <summary>
/// The independent-style devices: an IOS-like router whose SSH version and banners never say
/// Cisco, a Junos-like router, a Linux host and an EOS-like switch. Texts follow what the real
/// systems print (documented output shapes), written for these tests.
/// </summary>
internal static class IndependentStyles
{
    public static IndependentStyle IosLike { get; } = new()
    {
        Name = "ios-like",
        ExpectedDriver = "ios",
        SshVersion = "RomSShell_4.31",
        LoginPrompt = "Username: ",
        UserPrompt = "edge7>",
        EnabledPrompt = "edge7#",
        EnablePassword = "en-secret",
        PagingOffCommand = "terminal length 0",
        Silent = ["terminal width 0"],
        Outputs = new Dictionary<string, string>
        {
            ["show version"] = string.Join('\n',
                "Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.1(4)M4, RELEASE SOFTWARE (fc1)",
                "Technical Support: http://www.cisco.com/techsupport",
                "Copyright (c) 1986-2012 by Cisco Systems, Inc.",
                "Compiled Tue 20-Mar-12 18:57 by prod_rel_team",
                "",
                "ROM: System Bootstrap, Version 15.0(1r)M15, RELEASE SOFTWARE (fc1)",
                "",
                "edge7 uptime is 2 weeks, 3 days, 4 hours, 5 minutes",
                "System returned to ROM by power-on",
                "System image file is \"flash0:c2900-universalk9-mz.SPA.151-4.M4.bin\"",
                "Last reload type: Normal Reload",
                "",
                "Cisco CISCO2901/K9 (revision 1.0) with 483328K/40960K bytes of memory.",
                "Processor board ID FTX1234A5BC",
                "2 Gigabit Ethernet interfaces",
                "1 terminal line",
                "DRAM configuration is 64 bits wide with parity enabled.",
                "255K bytes of non-volatile configuration memory.",
                "250880K bytes of ATA System CompactFlash 0 (Read/Write)",
                "",
                "License Info:",
                "License UDI:",
                "-------------------------------------------------",
                "Device#   PID                   SN",
                "-------------------------------------------------",
                "*0        CISCO2901/K9          FTX1234A5BC",
                "",
                "Configuration register is 0x2102"),
            ["show clock"] = "*10:15:02.123 UTC Sat Dec 5 2026",
        },
        UnknownCommand = "              ^\n% Invalid input detected at '^' marker.\n",
        Sample = ("show clock", "UTC Sat Dec 5 2026"),
        SplitOutput = ("show running-config",
            "Building configuration...\n\nCurrent configuration : 1187 bytes\n!\nhostname edge7\n!\nbanner motd ^C\nThe core is one hop away; log in there as:\nedge8#",
            "\n^C\n!\nend\n"),
    };

    public static IndependentStyle JunosLike { get; } = new()
    {
        Name = "junos-like",
        ExpectedDriver = "junos",
        SshVersion = "OpenSSH_7.5",
        TelnetBanner = "\r\nmx-edge (ttyp0)\r\n\r\n",
        LoginPrompt = "login: ",
        Motd = "\r\n--- JUNOS 21.4R3.15 Kernel 64-bit  JNPR-12.1-20220614.3 built 2022-06-14 04:31:24 UTC\r\n",
        UserPrompt = "ops@mx-edge> ",
        PagingOffCommand = "set cli screen-length 0",
        Pager = "---(more)---",
        Silent = ["set cli screen-width 0", "set cli complete-on-space off"],
        Outputs = new Dictionary<string, string>
        {
            ["show version"] = "Hostname: mx-edge\nModel: mx204\nJunos: 21.4R3.15\nJUNOS OS Kernel 64-bit  [20220614.3]\nJUNOS OS libs [20220614.3]\nJUNOS OS runtime [20220614.3]",
            ["show system uptime"] = "Current time: 2026-12-05 10:15:02 UTC\nTime Source:  LOCAL CLOCK\nSystem booted: 2026-11-18 06:03:11 UTC (2w3d 04:11 ago)",
        },
        UnknownCommand = "                  ^\nunknown command.\n",
        Sample = ("show system uptime", "System booted:"),
        SplitOutput = ("show configuration system login",
            "message \"before changes on the core, check its prompt:\nops@mx-core> ",
            "\";\nuser ops {\n    class super-user;\n}\n"),
    };

    public static IndependentStyle LinuxLike { get; } = new()
    {
        Name = "linux-like",
        ExpectedDriver = "shell",
        SshVersion = "OpenSSH_9.2p1 Debian-2+deb12u3",
        LoginPrompt = "web1 login: ",
        UserPrompt = "lab@web1:~$ ",
        Outputs = new Dictionary<string, string>
        {
            ["uname -a"] = "Linux web1 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux",
            ["uptime"] = " 10:15:02 up 17 days,  4:11,  1 user,  load average: 0.00, 0.01, 0.05",
        },
        UnknownCommand = "-bash: {1}: command not found\n",
        Sample = ("uptime", "load average"),
        SplitOutput = ("cat notes.txt", "to restart the database, log in there:\nlab@db2:~$ ", "sudo systemctl restart postgresql\n"),
    };

    public static IndependentStyle EosLike { get; } = new()
    {
        Name = "eos-like",
        ExpectedDriver = "eos",
        SshVersion = "OpenSSH_7.8",
        LoginPrompt = "leaf3 login: ",
        UserPrompt = "leaf3>",
        EnabledPrompt = "leaf3#",
        PagingOffCommand = "terminal length 0",
        Silent = ["terminal dont-ask", "terminal width 32767"],
        Outputs = new Dictionary<string, string>
        {
            ["show version"] = string.Join('\n',
                "Arista DCS-7050TX-64-R",
                "Hardware version: 01.11",
                "Serial number: JPE16292961",
                "Hardware MAC address: 444c.a805.6921",
                "System MAC address: 444c.a805.6921",
                "",
                "Software image version: 4.28.3M",
                "Architecture: i686",
                "Internal build version: 4.28.3M-28837868.4283M",
                "",
                "Uptime: 2 weeks, 3 days, 4 hours and 11 minutes",
                "Total memory: 3982512 kB",
                "Free memory: 2436128 kB"),
            ["show clock"] = "Sat Dec  5 10:15:02 2026\nTimezone: UTC\nClock source: local",
        },
        UnknownCommand = "% Invalid input\n",
        Sample = ("show clock", "Timezone: UTC"),
        SplitOutput = ("show running-config",
            "! Command: show running-config\n!\nhostname leaf3\n!\nbanner login\nSpine access goes through:\nleaf4#",
            "\nEOF\n!\nend\n"),
    };

    public static IReadOnlyList<IndependentStyle> All { get; } = [IosLike, JunosLike, LinuxLike, EosLike];
}

namespace Vty.Bench;

/// <summary>The benchmark modes, one line each: name → entry point taking the remaining arguments.</summary>
public static class BenchModes
{
    public static readonly IReadOnlyDictionary<string, Func<string[], Task<int>>> All =
        new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
        {
            ["list"] = _ => { Console.WriteLine(string.Join(Environment.NewLine, All!.Keys)); return Task.FromResult(0); },
            ["ssh"] = Ssh.SshBench.RunAsync, ["ssh-connect-cpu"] = Ssh.ConnectCpuBench.RunAsync, ["ssh-kex-cpu"] = Ssh.KexCpuBench.RunAsync, ["mlkem-cpu"] = Ssh.MlKemCpuBench.RunAsync,
            ["ssh-connect-floor"] = Ssh.Floor.ConnectFloorBench.RunAsync, ["ssh-floor-peer"] = Ssh.Floor.FloorPeer.RunAsync,
            ["ssh-jump"] = Ssh.SshJumpBench.RunAsync, ["crypto-cpu"] = Ssh.CryptoCpuBench.RunAsync,
            ["sntrup-cpu"] = Ssh.SntrupCpuBench.RunAsync,
            ["ssh-server-handshakes"] = Server.SshServerBench.HandshakesAsync, ["ssh-server-idle"] = Server.SshServerBench.IdleAsync, ["ssh-server-idle-clients"] = Server.SshServerBench.IdleClientsAsync, ["ssh-server-serve"] = Server.SshServerBench.ServeAsync,
            ["ssh-server-preauth-flood"] = Server.PreAuthFloodBench.RunAsync,
            ["protocol-output"] = Protocol.ProtocolOutputBench.RunAsync, ["protocol-long-line"] = Protocol.LongLineBench.RunAsync,
            ["micro"] = Micro.MicroBench.RunAsync,
            ["fleet"] = Fleet.FleetBench.RunAsync,
            ["textfsm"] = Parsing.TextFsmBench.RunAsync,
        };
}

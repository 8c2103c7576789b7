using Renci.SshNet;

namespace Vty.Bench.SshNet;

/// <summary>
/// <c>Vty.Bench.SshNet (upload|download) PORT USER KEYFILE LOCAL REMOTE [CIPHER]</c>: one SSH.NET
/// SftpClient transfer against 127.0.0.1, offering only CIPHER (default aes128-gcm@openssh.com),
/// with SSH.NET's default buffer size. The bench script times the whole process, as it does for
/// <c>vty cp</c>, so start-up counts the same for both .NET programs.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "connect-cpu") return await ConnectCpu.RunAsync(args[1..]);
        if (args.Length is < 6 or > 7 || args[0] is not ("upload" or "download"))
        {
            Console.Error.WriteLine("usage: Vty.Bench.SshNet (upload|download) PORT USER KEYFILE LOCAL REMOTE [CIPHER]");
            return 2;
        }
        string cipher = args.Length == 7 ? args[6] : "aes128-gcm@openssh.com";
        var key = new PrivateKeyFile(args[3]);
        var info = new ConnectionInfo("127.0.0.1", int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2],
            new PrivateKeyAuthenticationMethod(args[2], key));
        if (!info.Encryptions.ContainsKey(cipher))
        {
            Console.Error.WriteLine($"SSH.NET has no cipher '{cipher}'; it has: {string.Join(", ", info.Encryptions.Keys)}");
            return 2;
        }
        foreach (string other in info.Encryptions.Keys.Where(k => k != cipher).ToList())
            info.Encryptions.Remove(other);
        using var client = new SftpClient(info);
        // The throwaway bench sshd has a fresh host key each run; nothing to check it against.
        client.HostKeyReceived += (_, e) => e.CanTrust = true;
        client.Connect();
        if (args[0] == "upload")
        {
            using FileStream source = File.OpenRead(args[4]);
            client.UploadFile(source, args[5]);
        }
        else
        {
            using FileStream target = File.Create(args[4]);
            client.DownloadFile(args[5], target);
        }
        client.Disconnect();
        return 0;
    }
}

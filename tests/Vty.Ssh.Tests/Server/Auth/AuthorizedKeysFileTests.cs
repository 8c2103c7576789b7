using Vty.Ssh.Keys;
using Vty.Ssh.Server.Auth;
using Vty.TestSupport.Ssh;

namespace Vty.Ssh.Tests.Server.Auth;

public sealed class AuthorizedKeysFileTests
{
    [Fact]
    public async Task Keys_with_options_and_comments_are_found_and_bad_lines_reported()
    {
        string ed25519 = await SshTestKeys.GetPublicLineAsync("ed25519");
        string rsa = await SshTestKeys.GetPublicLineAsync("rsa");
        string text = $"""
            # admins
            {ed25519}

            command="echo \"hi there\"",no-pty,from="10.0.0.*" {rsa}
            ssh-ed25519 not-base64!!
            ssh-rsa {ed25519.Split(' ')[1]} mismatched type
            """;
        AuthorizedKeysFile file = AuthorizedKeysFile.Parse(text);

        Assert.Equal(2, file.Keys.Count);
        Assert.Null(file.Keys[0].Options);
        Assert.Equal("vty-test-ed25519", file.Keys[0].Comment);
        Assert.Equal("command=\"echo \\\"hi there\\\"\",no-pty,from=\"10.0.0.*\"", file.Keys[1].Options);
        Assert.Equal(4, file.Keys[1].LineNumber);
        Assert.True(file.Contains(SshPublicKey.ParseOpenSshLine(ed25519)));
        Assert.True(file.Contains(SshPublicKey.ParseOpenSshLine(rsa)));
        Assert.False(file.Contains(SshPublicKey.ParseOpenSshLine(await SshTestKeys.GetPublicLineAsync("ecdsa256"))));
        Assert.Equal(2, file.Problems.Count);
        Assert.StartsWith("line 5:", file.Problems[0]);
        Assert.StartsWith("line 6:", file.Problems[1]);
        Assert.Contains("ssh-ed25519", file.Problems[1]);
    }

    [Fact]
    public async Task The_policy_rereads_the_file_when_it_changes()
    {
        using var dir = new Vty.TestSupport.TempDirectory();
        string path = dir.File("authorized_keys");
        var policy = new SshServerAuthentication().UseAuthorizedKeys(user => user == "ops" ? path : null);
        SshPublicKey key = SshPublicKey.ParseOpenSshLine(await SshTestKeys.GetPublicLineAsync("ecdsa256"));
        var context = new SshAuthContext("ops", null, "SSH-2.0-Test", []);
        var request = new SshPublicKeyRequest(context, key, "ecdsa-sha2-nistp256", IsQuery: false);

        Assert.Equal(SshAuthOutcome.Failure, (await policy.PublicKey!(request, default)).Outcome); // no file yet
        await File.WriteAllTextAsync(path, await SshTestKeys.GetPublicLineAsync("ecdsa256") + "\n");
        Assert.Equal(SshAuthOutcome.Success, (await policy.PublicKey!(request, default)).Outcome);
        Assert.Equal(SshAuthOutcome.Failure, (await policy.PublicKey!(request with { Context = new SshAuthContext("root", null, "x", []) }, default)).Outcome);
        await File.WriteAllTextAsync(path, "# revoked\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(SshAuthOutcome.Failure, (await policy.PublicKey!(request, default)).Outcome);
    }
}

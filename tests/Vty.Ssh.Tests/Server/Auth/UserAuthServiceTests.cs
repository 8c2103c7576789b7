using Microsoft.Extensions.Logging.Abstractions;
using Vty.Ssh.Server.Auth;
using Vty.Ssh.Tests.Server.Support;
using Vty.Ssh.Transport;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Tests.Server.Auth;

public sealed class UserAuthServiceTests
{
    private static readonly string[] KeyAlgorithms = ["ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256"];

    private static UserAuthService Create(FakePacketChannel channel, SshServerAuthentication policy, string? banner = null, int maxAttempts = 6) =>
        new(channel, policy, KeyAlgorithms, banner, maxAttempts, null, "SSH-2.0-Test", NullLogger.Instance);

    private static void RequestService(FakePacketChannel channel, string service = "ssh-userauth") => channel.Send(w =>
    {
        w.WriteByte(SshMessageNumber.ServiceRequest);
        w.WriteString(service);
    });

    private static void Password(FakePacketChannel channel, string user, string password) => channel.Send(w =>
    {
        w.WriteByte(SshMessageNumber.UserAuthRequest);
        w.WriteString(user);
        w.WriteString("ssh-connection");
        w.WriteString("password");
        w.WriteBoolean(false);
        w.WriteString(password);
    });

    private static void Method(FakePacketChannel channel, string user, string method, Action<SshWriter>? body = null) => channel.Send(w =>
    {
        w.WriteByte(SshMessageNumber.UserAuthRequest);
        w.WriteString(user);
        w.WriteString("ssh-connection");
        w.WriteString(method);
        body?.Invoke(w);
    });

    private static (string Methods, bool Partial) ReadFailure(byte[] message)
    {
        Assert.Equal(SshMessageNumber.UserAuthFailure, message[0]);
        var r = new SshReader(message.AsSpan(1));
        return (string.Join(',', r.ReadNameList()), r.ReadBoolean());
    }

    [Fact]
    public async Task Password_login_after_a_wrong_try_succeeds_and_the_banner_comes_first()
    {
        var channel = new FakePacketChannel();
        var service = Create(channel, SshServerAuthentication.SinglePassword("lab", "secret"), banner: "Authorized use only\r\n");
        RequestService(channel);
        Method(channel, "lab", "none");
        Password(channel, "lab", "wrong");
        Password(channel, "lab", "secret");

        var run = service.RunAsync(CancellationToken.None);
        Assert.Equal(SshMessageNumber.ServiceAccept, (await channel.NextAsync())[0]);
        byte[] banner = await channel.NextAsync();
        Assert.Equal(SshMessageNumber.UserAuthBanner, banner[0]);
        Assert.Equal("Authorized use only\r\n", new SshReader(banner.AsSpan(1)).ReadString());
        Assert.Equal(("password", false), ReadFailure(await channel.NextAsync()));
        Assert.Equal(("password", false), ReadFailure(await channel.NextAsync()));
        Assert.Equal(SshMessageNumber.UserAuthSuccess, (await channel.NextAsync())[0]);

        var result = await run.WaitAsync(FakePacketChannel.Timeout);
        Assert.NotNull(result);
        Assert.Equal("lab", result.Value.User);
        Assert.Equal(["password"], result.Value.Methods);
    }

    [Fact]
    public async Task Too_many_failures_disconnect_the_client()
    {
        var channel = new FakePacketChannel();
        var service = Create(channel, SshServerAuthentication.SinglePassword("lab", "secret"), maxAttempts: 3);
        RequestService(channel);
        for (int i = 0; i < 5; i++) Password(channel, "lab", "wrong" + i);

        var result = await service.RunAsync(CancellationToken.None).WaitAsync(FakePacketChannel.Timeout);

        Assert.Null(result);
        Assert.Equal(SshDisconnectReason.NoMoreAuthMethodsAvailable, channel.Disconnected?.Reason);
        Assert.Contains("3", channel.Disconnected?.Description);
    }

    [Fact]
    public async Task A_two_step_policy_reports_partial_success_then_asks_keyboard_interactive_questions()
    {
        var channel = new FakePacketChannel();
        string[]? answers = null;
        var policy = new SshServerAuthentication
        {
            Password = (r, _) => ValueTask.FromResult(r.Password == "secret" ? SshAuthDecision.Partial("keyboard-interactive") : SshAuthDecision.Failure),
            KeyboardInteractive = async (ctx, ct) =>
            {
                Assert.Equal(["password"], ctx.Context.CompletedMethods);
                answers = await ctx.AskAsync("Second factor", "Enter the code from your token", [new("Code: ", Echo: true)], ct);
                return answers is ["123456"] ? SshAuthDecision.Success : SshAuthDecision.Failure;
            },
        };
        var service = Create(channel, policy);
        RequestService(channel);
        Password(channel, "ops", "secret");

        var run = service.RunAsync(CancellationToken.None);
        await channel.NextAsync(); // service accept
        Assert.Equal(("keyboard-interactive", true), ReadFailure(await channel.NextAsync()));

        // A second password does not help: only keyboard-interactive is allowed now.
        Password(channel, "ops", "secret");
        Assert.Equal(("keyboard-interactive", false), ReadFailure(await channel.NextAsync()));

        Method(channel, "ops", "keyboard-interactive", w => { w.WriteString(""); w.WriteString(""); });
        byte[] info = await channel.NextAsync();
        Assert.Equal(SshMessageNumber.UserAuthMethodSpecific, info[0]);
        var r = new SshReader(info.AsSpan(1));
        Assert.Equal("Second factor", r.ReadString());
        Assert.Equal("Enter the code from your token", r.ReadString());
        r.ReadString();
        Assert.Equal(1u, r.ReadUInt32());
        Assert.Equal("Code: ", r.ReadString());
        Assert.True(r.ReadBoolean());
        channel.Send(w =>
        {
            w.WriteByte(SshMessageNumber.UserAuthInfoResponse);
            w.WriteUInt32(1);
            w.WriteString("123456");
        });
        Assert.Equal(SshMessageNumber.UserAuthSuccess, (await channel.NextAsync())[0]);

        var result = await run.WaitAsync(FakePacketChannel.Timeout);
        Assert.Equal(["password", "keyboard-interactive"], result!.Value.Methods);
        Assert.Equal(["123456"], answers!);
    }

    [Fact]
    public async Task None_is_accepted_only_when_the_policy_says_so()
    {
        var channel = new FakePacketChannel();
        var policy = new SshServerAuthentication { None = (ctx, _) => ValueTask.FromResult(ctx.User == "guest" ? SshAuthDecision.Success : SshAuthDecision.Failure) };
        var service = Create(channel, policy);
        RequestService(channel);
        Method(channel, "root", "none");
        Method(channel, "root", "none");

        var run = service.RunAsync(CancellationToken.None);
        await channel.NextAsync();
        Assert.Equal(("", false), ReadFailure(await channel.NextAsync()));
        // A different user name mid-way is refused outright.
        Assert.Equal(("", false), ReadFailure(await channel.NextAsync()));
        Method(channel, "guest", "none");
        Assert.Null(await run.WaitAsync(FakePacketChannel.Timeout));
        Assert.Equal(SshDisconnectReason.ProtocolError, channel.Disconnected?.Reason);
    }

    [Fact]
    public async Task An_unknown_service_is_refused()
    {
        var channel = new FakePacketChannel();
        var service = Create(channel, SshServerAuthentication.SinglePassword("a", "b"));
        RequestService(channel, "ssh-connection");

        Assert.Null(await service.RunAsync(CancellationToken.None).WaitAsync(FakePacketChannel.Timeout));
        Assert.Equal(SshDisconnectReason.ServiceNotAvailable, channel.Disconnected?.Reason);
    }

    [Fact]
    public async Task Abandoning_keyboard_interactive_for_another_request_processes_that_request()
    {
        var channel = new FakePacketChannel();
        var policy = new SshServerAuthentication
        {
            Password = (r, _) => ValueTask.FromResult(r.Password == "pw" ? SshAuthDecision.Success : SshAuthDecision.Failure),
            KeyboardInteractive = async (ctx, ct) =>
            {
                await ctx.AskAsync("", "", [new("Password: ")], ct);
                return SshAuthDecision.Success;
            },
        };
        var service = Create(channel, policy);
        RequestService(channel);
        Method(channel, "u", "keyboard-interactive", w => { w.WriteString(""); w.WriteString(""); });
        var run = service.RunAsync(CancellationToken.None);
        await channel.NextAsync();
        Assert.Equal(SshMessageNumber.UserAuthMethodSpecific, (await channel.NextAsync())[0]);

        Password(channel, "u", "pw");
        Assert.Equal(("password,keyboard-interactive", false), ReadFailure(await channel.NextAsync()));
        Assert.Equal(SshMessageNumber.UserAuthSuccess, (await channel.NextAsync())[0]);
        Assert.Equal(["password"], (await run.WaitAsync(FakePacketChannel.Timeout))!.Value.Methods);
    }
}

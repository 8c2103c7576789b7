using System.Buffers.Binary;
using System.Net.Sockets;
using Vty.Ssh.Keys;
using Vty.Ssh.Keys.Certificates;
using Vty.Ssh.Wire;

namespace Vty.Ssh.Authentication.Agent;

/// <summary>
/// A client of an ssh-agent over its Unix socket (draft-miller-ssh-agent): lists the identities the
/// agent holds and asks it to sign, with the rsa-sha2-256/512 flags for RSA keys. One request at a
/// time on one connection; every request has a timeout.
/// </summary>
public sealed class SshAgentClient : IAsyncDisposable
{
    private const byte Failure = 5;
    private const byte RequestIdentities = 11;
    private const byte IdentitiesAnswer = 12;
    private const byte SignRequest = 13;
    private const byte SignResponse = 14;
    private const uint FlagRsaSha256 = 2;
    private const uint FlagRsaSha512 = 4;

    // An agent holding hundreds of RSA-16384 keys still answers in far less.
    private const int MaxMessage = 256 * 1024;
    private const int MaxIdentities = 1024;

    private readonly Socket _socket;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SshAgentClient(Socket socket, string socketPath)
    {
        _socket = socket;
        SocketPath = socketPath;
    }

    /// <summary>The agent's socket.</summary>
    public string SocketPath { get; }

    /// <summary>Limit for one request; signing may wait for the user when a key was added with confirmation (ssh-add -c).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The socket an IdentityAgent value names: null or "SSH_AUTH_SOCK" for $SSH_AUTH_SOCK, "$VAR" for
    /// that variable, "none" for no agent (null), else the path with ~ expanded. Null when the variable is unset or empty.
    /// </summary>
    public static string? ResolveSocketPath(string? identityAgent, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string value = identityAgent ?? "SSH_AUTH_SOCK";
        if (value.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        string? path = value == "SSH_AUTH_SOCK" ? environment("SSH_AUTH_SOCK")
            : value.StartsWith('$') ? environment(value.TrimStart('$').Trim('{', '}'))
            : value;
        if (string.IsNullOrEmpty(path)) return null;
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'));
        return path;
    }

    /// <summary>Connects to the agent's socket; throws <see cref="SshAgentException"/> when it cannot be reached.</summary>
    public static async Task<SshAgentClient> ConnectAsync(string socketPath, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
            return new SshAgentClient(socket, socketPath);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new SshAgentException($"cannot connect to the ssh-agent at {socketPath}: {e.Message} (is the agent running? check SSH_AUTH_SOCK or IdentityAgent)", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The keys and certificates the agent holds, in its order (keys of types Vty cannot use are left out).</summary>
    public async Task<IReadOnlyList<SshAgentIdentity>> ListIdentitiesAsync(CancellationToken ct)
    {
        byte[] answer = await RequestAsync([RequestIdentities], "listing identities", ct);
        if (answer[0] != IdentitiesAnswer) throw Unexpected(answer[0], "listing identities");
        try
        {
            var reader = new SshReader(answer.AsSpan(1));
            uint count = reader.ReadUInt32();
            if (count > MaxIdentities) throw new SshAgentException($"the ssh-agent at {SocketPath} claims {count} identities");
            var identities = new List<SshAgentIdentity>((int)count);
            for (uint i = 0; i < count; i++)
            {
                ReadOnlySpan<byte> blob = reader.ReadStringBytes();
                string comment = reader.ReadString();
                SshPublicKey key = SshPublicKey.Parse(blob);
                if (key.IsSupported) identities.Add(new SshAgentIdentity(key, comment));
            }
            return identities;
        }
        catch (Exception e) when (e is SshWireFormatException or SshKeyException)
        {
            throw new SshAgentException($"the ssh-agent at {SocketPath} sent a malformed identity list: {e.Message}", e);
        }
    }

    /// <summary>
    /// Asks the agent to sign <paramref name="data"/> with <paramref name="key"/> using
    /// <paramref name="algorithm"/> (for RSA keys the flags select rsa-sha2-256/512). Returns the SSH
    /// signature blob; throws <see cref="SshAgentException"/> when the agent refuses or answers with another algorithm.
    /// </summary>
    public async Task<byte[]> SignAsync(SshPublicKey key, ReadOnlyMemory<byte> data, string algorithm, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        string plain = SshCertificateAlgorithms.Plain(algorithm);
        uint flags = plain switch
        {
            "rsa-sha2-256" => FlagRsaSha256,
            "rsa-sha2-512" => FlagRsaSha512,
            _ => 0,
        };
        using var request = new SshWriter(data.Length + key.BlobSpan.Length + 32);
        request.WriteByte(SignRequest);
        request.WriteString(key.BlobSpan);
        request.WriteString(data.Span);
        request.WriteUInt32(flags);
        byte[] answer = await RequestAsync(request.ToArray(), "signing", ct);
        if (answer[0] == Failure)
            throw new SshAgentException($"the ssh-agent at {SocketPath} refused to sign with {key} (the key may need confirmation, or was removed)");
        if (answer[0] != SignResponse) throw Unexpected(answer[0], "signing");
        try
        {
            var reader = new SshReader(answer.AsSpan(1));
            byte[] signature = reader.ReadStringBytes().ToArray();
            string made = new SshReader(signature).ReadString();
            if (made != plain)
                throw new SshAgentException($"the ssh-agent at {SocketPath} signed with {made} when {plain} was asked for (it may be too old for rsa-sha2)");
            return signature;
        }
        catch (SshWireFormatException e)
        {
            throw new SshAgentException($"the ssh-agent at {SocketPath} sent a malformed signature: {e.Message}", e);
        }
    }

    private async Task<byte[]> RequestAsync(byte[] message, string what, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(RequestTimeout);
            try
            {
                byte[] frame = new byte[4 + message.Length];
                BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)message.Length);
                message.CopyTo(frame, 4);
                await _socket.SendAsync(frame, SocketFlags.None, timeout.Token);
                byte[] header = new byte[4];
                await ReceiveExactlyAsync(header, timeout.Token);
                uint length = BinaryPrimitives.ReadUInt32BigEndian(header);
                if (length == 0 || length > MaxMessage)
                    throw new SshAgentException($"the ssh-agent at {SocketPath} sent a {length}-byte answer while {what}");
                byte[] answer = new byte[length];
                await ReceiveExactlyAsync(answer, timeout.Token);
                return answer;
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new SshAgentException($"the ssh-agent at {SocketPath} did not answer within {RequestTimeout.TotalSeconds:0} s while {what}", e);
            }
            catch (SocketException e)
            {
                throw new SshAgentException($"the connection to the ssh-agent at {SocketPath} failed while {what}: {e.Message}", e);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReceiveExactlyAsync(Memory<byte> buffer, CancellationToken ct)
    {
        while (buffer.Length > 0)
        {
            int read = await _socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (read == 0) throw new SshAgentException($"the ssh-agent at {SocketPath} closed the connection");
            buffer = buffer[read..];
        }
    }

    private SshAgentException Unexpected(byte type, string what) =>
        new($"the ssh-agent at {SocketPath} answered with message {type} while {what}");

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }
}

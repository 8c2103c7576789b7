using System.Net;
using System.Net.Sockets;

namespace Vty.Telnet;

/// <summary>Resolves a host and connects to the first address that answers, within one deadline.</summary>
internal static class TcpConnector
{
    public static async Task<Socket> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var name = host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(name, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(name, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TelnetConnectionException($"Resolving '{host}' timed out after {timeout.TotalSeconds:0.#} s. Check the DNS settings or raise TelnetClientOptions.ConnectTimeout.");
        }
        catch (SocketException ex)
        {
            throw new TelnetConnectionException($"Cannot resolve '{host}': {ex.Message}. Check the host name.", ex);
        }

        if (addresses.Length == 0)
        {
            throw new TelnetConnectionException($"'{host}' resolved to no address. Check the host name or use an IP address.");
        }

        var errors = new List<string>();
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), deadline.Token).ConfigureAwait(false);
                return socket;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new TelnetConnectionException(
                    $"Connecting to {host} port {port} timed out after {timeout.TotalSeconds:0.#} s" +
                    (errors.Count > 0 ? $" ({string.Join("; ", errors)})" : string.Empty) + ". Check that the host is reachable, or raise TelnetClientOptions.ConnectTimeout.");
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                errors.Add($"{address}: {ex.Message}");
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new TelnetConnectionException(
            $"Cannot connect to {host} port {port}: {string.Join("; ", errors)}. Is a Telnet server listening there?");
    }
}

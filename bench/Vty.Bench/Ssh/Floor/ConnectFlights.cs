using System.Globalization;
using System.Text;

namespace Vty.Bench.Ssh.Floor;

/// <summary>
/// The shape of one SSH connection on the wire as the client saw it: alternating flights of bytes
/// the client wrote (<c>c</c>) and bytes it read (<c>s</c>), e.g. <c>c1234 s567 c80</c>. Consecutive
/// writes (or reads) with nothing from the other side between them are one flight, so the number of
/// server flights is the number of times the client had to wait for the server. A server flight may
/// carry how long the server took to send it after the client's last write (<c>s567/8.5</c>: 8.5 ms).
/// </summary>
internal sealed record ConnectFlights(IReadOnlyList<Flight> Flights)
{
    public int ClientBytes => Flights.Where(f => f.FromClient).Sum(f => f.Bytes);

    public int ServerBytes => Flights.Where(f => !f.FromClient).Sum(f => f.Bytes);

    public int ServerFlights => Flights.Count(f => !f.FromClient);

    public static ConnectFlights Parse(string text)
    {
        var flights = new List<Flight>();
        foreach (string part in text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            int slash = part.IndexOf('/');
            ReadOnlySpan<char> size = slash < 0 ? part.AsSpan(1) : part.AsSpan(1, slash - 1);
            double delay = 0;
            if (part.Length < 2 || part[0] is not ('c' or 's') || !int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int bytes) || bytes <= 0 ||
                slash >= 0 && (part[0] == 'c' || !double.TryParse(part.AsSpan(slash + 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out delay)))
                throw new ArgumentException($"flight '{part}' is not c<bytes>, s<bytes> or s<bytes>/<ms> (e.g. \"c1234 s567/8.5\")");
            flights.Add(new Flight(part[0] == 'c', bytes, delay));
        }
        if (flights.Count == 0) throw new ArgumentException("no flights given");
        return new ConnectFlights(flights);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (Flight f in Flights)
        {
            text.Append(text.Length == 0 ? "" : " ").Append(f.FromClient ? 'c' : 's').Append(f.Bytes.ToString(CultureInfo.InvariantCulture));
            if (f.DelayMs > 0) text.Append('/').Append(f.DelayMs.ToString("0.0", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>The same flights with the server answering at once.</summary>
    public ConnectFlights WithoutDelays() => new([.. Flights.Select(f => f with { DelayMs = 0 })]);
}

/// <summary>One flight: who sent it, how many bytes, and (server flights) how long after the client's last write it came.</summary>
internal readonly record struct Flight(bool FromClient, int Bytes, double DelayMs = 0);

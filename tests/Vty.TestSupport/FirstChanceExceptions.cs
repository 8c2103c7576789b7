using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Xunit;

namespace Vty.TestSupport;

/// <summary>
/// Counts the exceptions thrown (first chance: every throw, and every re-throw by an awaiting async
/// method) by the code that runs inside a scope: the calling flow and whatever it starts (read
/// loops, in-process servers), since they inherit its execution context. Tests running in parallel
/// in the same process are not counted, because they do not carry the scope.
/// </summary>
public static class FirstChanceExceptions
{
    private static readonly AsyncLocal<Scope?> Current = new();

    static FirstChanceExceptions() => AppDomain.CurrentDomain.FirstChanceException += OnException;

    /// <summary>Starts counting for this flow and what it starts from now on, until the scope is disposed.</summary>
    public static Scope Count()
    {
        var scope = new Scope();
        Current.Value = scope;
        return scope;
    }

    /// <summary>
    /// Runs <paramref name="run"/> twice: once to load and compile what it needs (a first run's
    /// one-time work is not what is counted), then inside a scope, which it returns closed.
    /// </summary>
    public static async Task<(T Result, Scope Thrown)> CountSecondRunAsync<T>(Func<Task<T>> run)
    {
        await run();
        Scope scope = Count();
        try
        {
            return (await run(), scope);
        }
        finally
        {
            scope.Dispose();
        }
    }

    private static void OnException(object? sender, FirstChanceExceptionEventArgs e) => Current.Value?.Record(e.Exception);

    /// <summary>The exceptions thrown inside one scope, with where they were thrown.</summary>
    public sealed class Scope : IDisposable
    {
        private readonly ConcurrentQueue<string> _seen = new();
        private volatile bool _open = true;

        /// <summary>How many were thrown so far.</summary>
        public int Total => _seen.Count;

        /// <summary>Type, message and the first frames of each throw, one per line (for assertion messages).</summary>
        public string Describe() => string.Join("\n", _seen);

        /// <summary>
        /// Throws that are not a peer race: a TCP reset, a write into a socket the peer closed, or a
        /// send that the peer's SSH DISCONNECT overtook after the sender checked the connection was
        /// still up. Those depend on the timing of both ends' closes (a packet still on its way when
        /// the other side shut its socket), so they are real errors of that send, not signals of a
        /// normal close.
        /// </summary>
        public int ExceptPeerRaces => _seen.Count(s => !IsPeerRace(s));

        /// <summary>Throws caused by a peer race (see <see cref="ExceptPeerRaces"/>).</summary>
        public int PeerRaces => _seen.Count(IsPeerRace);

        /// <summary>Fails unless every throw was a peer race, and there were at most <paramref name="most"/> of those.</summary>
        public void AssertOnlyPeerRaces(int most) => AssertOnlyPeerRaces(most, knownSite: null, knownMost: 0);

        /// <summary>
        /// As <see cref="AssertOnlyPeerRaces(int)"/>, but up to <paramref name="knownMost"/> throws whose
        /// stack names <paramref name="knownSite"/> (a known, counted rest) are allowed too.
        /// </summary>
        public void AssertOnlyPeerRaces(int most, string? knownSite, int knownMost)
        {
            int known = knownSite is null ? 0 : _seen.Count(s => !IsPeerRace(s) && s.Contains(knownSite, StringComparison.Ordinal));
            Assert.True(ExceptPeerRaces - known == 0, $"{Total} exceptions thrown:\n{Describe()}");
            Assert.True(known <= knownMost, $"{known} exceptions at {knownSite} (at most {knownMost}):\n{Describe()}");
            Assert.True(PeerRaces <= most, $"{Total} exceptions thrown, {PeerRaces} of them peer races (at most {most}):\n{Describe()}");
        }

        private static bool IsPeerRace(string seen) =>
            seen.Contains("Connection reset by peer", StringComparison.Ordinal)
            || seen.Contains("Broken pipe", StringComparison.Ordinal)
            || (seen.StartsWith("SshDisconnectedException", StringComparison.Ordinal) && seen.Contains("disconnected (reason", StringComparison.Ordinal));

        internal void Record(Exception exception)
        {
            if (!_open) return;
            IEnumerable<string> frames = new StackTrace(2, false).GetFrames()
                .Select(f => f.GetMethod())
                .Where(m => m?.DeclaringType is { } t && t.Namespace?.StartsWith("System.Runtime", StringComparison.Ordinal) != true)
                .Take(8)
                .Select(m => Name(m!));
            _seen.Enqueue($"{exception.GetType().Name} ({exception.Message}) at {string.Join(" < ", frames)}");
        }

        /// <summary>Stops counting: work the scope started and that still runs is not counted any more.</summary>
        public void Dispose()
        {
            _open = false;
            if (Current.Value == this) Current.Value = null;
        }

        // An async method's frames belong to its state machine: name the class that declares it.
        private static string Name(System.Reflection.MethodBase method) =>
            method.DeclaringType is { Name: ['<', ..] } machine && machine.DeclaringType is { } owner
                ? $"{owner.Name}.{machine.Name}"
                : $"{method.DeclaringType?.Name}.{method.Name}";
    }
}

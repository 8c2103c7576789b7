namespace Vty.Accounts;

/// <summary>
/// A set of accounts shared by concurrent sessions. <see cref="AcquireAsync(CancellationToken)"/>
/// leases the least recently used free account (round robin) and waits, in arrival order, when all
/// are leased; disposing the lease returns the account. <see cref="Next"/> hands out accounts round
/// robin without leasing, for accounts that may be used by several sessions at once.
/// </summary>
public sealed class AccountPool
{
    private readonly object _gate = new();
    private readonly List<Account> _accounts = [];
    private readonly LinkedList<Account> _free = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private int _next;

    /// <summary>Creates a pool holding <paramref name="accounts"/>.</summary>
    public AccountPool(IEnumerable<Account>? accounts = null)
    {
        if (accounts is null)
            return;
        foreach (var account in accounts)
            Add(account);
    }

    /// <summary>Number of accounts in the pool.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _accounts.Count;
        }
    }

    /// <summary>Number of accounts not leased right now.</summary>
    public int AvailableCount
    {
        get
        {
            lock (_gate)
                return _free.Count;
        }
    }

    /// <summary>All accounts, leased or not.</summary>
    public IReadOnlyList<Account> Accounts
    {
        get
        {
            lock (_gate)
                return _accounts.ToArray();
        }
    }

    /// <summary>Adds an account; a waiting <see cref="AcquireAsync(CancellationToken)"/> may get it at once.</summary>
    public void Add(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_gate)
        {
            if (_accounts.Contains(account))
                throw new ArgumentException($"{account} is already in the pool.", nameof(account));
            _accounts.Add(account);
            Release(account);
        }
    }

    /// <summary>The next account in round-robin order, without leasing it.</summary>
    /// <exception cref="InvalidOperationException">The pool is empty.</exception>
    public Account Next()
    {
        lock (_gate)
        {
            if (_accounts.Count == 0)
                throw new InvalidOperationException("The account pool is empty; add an account first.");
            var account = _accounts[_next % _accounts.Count];
            _next = (_next + 1) % _accounts.Count;
            return account;
        }
    }

    /// <summary>Leases a free account, waiting until one is returned.</summary>
    public ValueTask<AccountLease> AcquireAsync(CancellationToken cancellationToken = default) =>
        AcquireAsync(match: null, cancellationToken);

    /// <summary>
    /// Leases a free account for which <paramref name="match"/> is true (any when null), waiting
    /// until one is returned or <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <exception cref="InvalidOperationException">No account in the pool can ever match.</exception>
    public ValueTask<AccountLease> AcquireAsync(Func<Account, bool>? match, CancellationToken cancellationToken = default)
    {
        Waiter waiter;
        lock (_gate)
        {
            if (!_accounts.Any(a => match is null || match(a)))
            {
                throw new InvalidOperationException(_accounts.Count == 0
                    ? "The account pool is empty; add an account before leasing one."
                    : "No account in the pool matches the request.");
            }

            for (var node = _free.First; node is not null; node = node.Next)
            {
                if (match is null || match(node.Value))
                {
                    _free.Remove(node);
                    return ValueTask.FromResult(new AccountLease(this, node.Value));
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            waiter = new Waiter(match);
            waiter.Node = _waiters.AddLast(waiter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(static state =>
            {
                var (pool, w, token) = ((AccountPool, Waiter, CancellationToken))state!;
                pool.Abandon(w, token);
            }, (this, waiter, cancellationToken));
        }

        return new ValueTask<AccountLease>(waiter.Completion.Task);
    }

    internal void Return(Account account)
    {
        lock (_gate)
            Release(account);
    }

    private void Release(Account account)
    {
        for (var node = _waiters.First; node is not null; node = node.Next)
        {
            var waiter = node.Value;
            if (waiter.Match is null || waiter.Match(account))
            {
                _waiters.Remove(node);
                waiter.Registration.Dispose();
                if (waiter.Completion.TrySetResult(new AccountLease(this, account)))
                    return;
            }
        }

        // Returned accounts go to the back: the free list stays in least-recently-used order.
        _free.AddLast(account);
    }

    private void Abandon(Waiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
                return;
            _waiters.Remove(waiter.Node);
        }

        waiter.Completion.TrySetCanceled(token);
    }

    private sealed class Waiter(Func<Account, bool>? match)
    {
        public Func<Account, bool>? Match { get; } = match;

        public TaskCompletionSource<AccountLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}

namespace Vty.Accounts;

/// <summary>
/// An account leased from an <see cref="AccountPool"/>; disposing it (once) returns the account.
/// </summary>
public sealed class AccountLease : IDisposable, IAsyncDisposable
{
    private AccountPool? _pool;

    internal AccountLease(AccountPool pool, Account account)
    {
        _pool = pool;
        Account = account;
    }

    /// <summary>The leased account.</summary>
    public Account Account { get; }

    /// <summary>Returns the account to the pool.</summary>
    public void Dispose() => Interlocked.Exchange(ref _pool, null)?.Return(Account);

    /// <summary>Returns the account to the pool.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

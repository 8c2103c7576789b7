namespace Vty;

/// <summary>The running Expect/WaitFor was stopped by <c>Protocol.CancelExpect()</c>.</summary>
public sealed class ExpectCancelledException : CancelledException
{
    /// <summary>Creates the exception.</summary>
    public ExpectCancelledException()
        : base("The wait was cancelled by CancelExpect().")
    {
    }
}

namespace Vty.Lab;

/// <summary>
/// An OS's pager: the prompt printed when a page is full and how it is erased after a key.
/// Space shows the next page, Enter one more line, q (or any other key) stops the output.
/// </summary>
/// <param name="Prompt">The pager prompt exactly as the OS prints it (no line end).</param>
/// <param name="Erase">What the OS prints after the key to remove the prompt.</param>
public sealed record LabPager(string Prompt, string Erase)
{
    /// <summary>A pager that erases its prompt with backspaces, spaces and backspaces.</summary>
    public static LabPager Backspacing(string prompt)
    {
        string bs = new('\b', prompt.Length);
        return new LabPager(prompt, bs + new string(' ', prompt.Length) + bs);
    }

    /// <summary>A pager that erases its prompt with a carriage return and spaces.</summary>
    public static LabPager CarriageReturn(string prompt) =>
        new(prompt, "\r" + new string(' ', prompt.Length) + "\r");
}

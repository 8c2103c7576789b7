namespace Vty.Cli.Output;

/// <summary>Reads a secret from the terminal without echoing it.</summary>
internal static class SecretPrompt
{
    public static ValueTask<string?> AskAsync(string question, CancellationToken cancellationToken)
    {
        Console.Error.Write($"{question}: ");
        var secret = new System.Text.StringBuilder();
        while (!cancellationToken.IsCancellationRequested)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0) secret.Length--;
                continue;
            }
            if (!char.IsControl(key.KeyChar))
                secret.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return ValueTask.FromResult<string?>(secret.Length == 0 ? null : secret.ToString());
    }
}

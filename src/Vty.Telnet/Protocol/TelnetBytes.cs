namespace Vty.Telnet.Protocol;

/// <summary>Wire byte values of RFC 854 framing and of option subnegotiation verbs.</summary>
internal static class TelnetBytes
{
    public const byte Iac = 255;
    public const byte Dont = 254;
    public const byte Do = 253;
    public const byte Wont = 252;
    public const byte Will = 251;
    public const byte Sb = 250;
    public const byte Se = 240;
    public const byte Cr = 13;
    public const byte Lf = 10;
    public const byte Nul = 0;

    // TTYPE subnegotiation verbs (RFC 1091).
    public const byte TerminalTypeIs = 0;
    public const byte TerminalTypeSend = 1;

    public static string VerbName(byte verb) => verb switch
    {
        Will => "WILL",
        Wont => "WONT",
        Do => "DO",
        Dont => "DONT",
        _ => verb.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string OptionName(byte option) =>
        Enum.IsDefined((TelnetOption)option) ? ((TelnetOption)option).ToString() : option.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

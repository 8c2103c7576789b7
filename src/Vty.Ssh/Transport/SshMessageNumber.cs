namespace Vty.Ssh.Transport;

/// <summary>SSH message numbers (RFC 4250 §4.1, RFC 8308, RFC 4419, RFC 5656).</summary>
public static class SshMessageNumber
{
    public const byte Disconnect = 1;
    public const byte Ignore = 2;
    public const byte Unimplemented = 3;
    public const byte Debug = 4;
    public const byte ServiceRequest = 5;
    public const byte ServiceAccept = 6;
    public const byte ExtInfo = 7;
    public const byte KexInit = 20;
    public const byte NewKeys = 21;
    /// <summary>KEXDH_INIT, KEX_ECDH_INIT, and (for group exchange) the old GEX_REQUEST_OLD.</summary>
    public const byte KexDhInit = 30;
    /// <summary>KEXDH_REPLY, KEX_ECDH_REPLY, and (for group exchange) GEX_GROUP.</summary>
    public const byte KexDhReply = 31;
    public const byte KexDhGexGroup = 31;
    public const byte KexDhGexInit = 32;
    public const byte KexDhGexReply = 33;
    public const byte KexDhGexRequest = 34;
    public const byte UserAuthRequest = 50;
    public const byte UserAuthFailure = 51;
    public const byte UserAuthSuccess = 52;
    public const byte UserAuthBanner = 53;
    /// <summary>PK_OK, PASSWD_CHANGEREQ or INFO_REQUEST, depending on the method in progress.</summary>
    public const byte UserAuthMethodSpecific = 60;
    public const byte UserAuthInfoResponse = 61;
    public const byte GlobalRequest = 80;
    public const byte RequestSuccess = 81;
    public const byte RequestFailure = 82;
    public const byte ChannelOpen = 90;
    public const byte ChannelOpenConfirmation = 91;
    public const byte ChannelOpenFailure = 92;
    public const byte ChannelWindowAdjust = 93;
    public const byte ChannelData = 94;
    public const byte ChannelExtendedData = 95;
    public const byte ChannelEof = 96;
    public const byte ChannelClose = 97;
    public const byte ChannelRequest = 98;
    public const byte ChannelSuccess = 99;
    public const byte ChannelFailure = 100;

    /// <summary>True for the transport-layer numbers 1–49 that the transport handles itself.</summary>
    public static bool IsTransport(byte number) => number is >= 1 and <= 49;

    /// <summary>True for the key-exchange numbers 20–49 (the only ones allowed while a key exchange runs).</summary>
    public static bool IsKeyExchange(byte number) => number is >= 20 and <= 49;
}

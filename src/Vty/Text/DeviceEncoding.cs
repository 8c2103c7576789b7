using System.Text;

namespace Vty.Text;

/// <summary>
/// Text encodings for device sessions. The default is UTF-8 in which every byte that is not part of
/// a valid UTF-8 sequence is decoded on its own as Latin-1: old gear that prints Latin-1 (or stray
/// 8-bit bytes) reads as the characters it meant, never as replacement marks, and nothing is lost.
/// </summary>
public static class DeviceEncoding
{
    /// <summary>UTF-8, invalid bytes decoded one by one as Latin-1; encodes as UTF-8.</summary>
    public static Encoding Utf8WithLatin1Fallback { get; } = Create();

    /// <summary>
    /// The encoding named <paramref name="name"/>: <c>utf-8</c> (the default, with the Latin-1
    /// fallback), <c>latin1</c>/<c>iso-8859-1</c>, <c>ascii</c>, or any name .NET knows.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the usual ones.</exception>
    public static Encoding Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        switch (name.Trim().ToLowerInvariant())
        {
            case "utf-8" or "utf8":
                return Utf8WithLatin1Fallback;
            case "latin1" or "latin-1" or "iso-8859-1" or "iso8859-1":
                return Encoding.Latin1;
        }

        try
        {
            return Encoding.GetEncoding(name.Trim());
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Unknown text encoding '{name}': use utf-8 (the default), latin1, ascii, utf-16 or another name .NET knows.", nameof(name), e);
        }
    }

    private static Encoding Create()
    {
        var utf8 = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();
        utf8.DecoderFallback = new Latin1ByteFallback();
        return utf8;
    }

    /// <summary>Turns each byte of an invalid UTF-8 sequence into the Latin-1 character of the same value.</summary>
    private sealed class Latin1ByteFallback : DecoderFallback
    {
        // A UTF-8 decoder hands over at most a few bytes at a time (an invalid sequence).
        public override int MaxCharCount => 4;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

        public override bool Equals(object? obj) => obj is Latin1ByteFallback;

        public override int GetHashCode() => nameof(Latin1ByteFallback).GetHashCode(StringComparison.Ordinal);

        private sealed class Buffer : DecoderFallbackBuffer
        {
            private readonly char[] _chars = new char[8];
            private int _count;
            private int _next;

            public override int Remaining => _count - _next;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                if (bytesUnknown.Length > _chars.Length)
                    throw new ArgumentException("An invalid UTF-8 sequence longer than 8 bytes.", nameof(bytesUnknown));
                for (int i = 0; i < bytesUnknown.Length; i++)
                    _chars[i] = (char)bytesUnknown[i];
                _count = bytesUnknown.Length;
                _next = 0;
                return _count > 0;
            }

            public override char GetNextChar() => _next < _count ? _chars[_next++] : '\0';

            public override bool MovePrevious()
            {
                if (_next == 0)
                    return false;
                _next--;
                return true;
            }

            public override void Reset() => _count = _next = 0;
        }
    }
}

using System.Globalization;
using System.Numerics;

namespace ImmersiveLab.Imaging;

/// <summary>
/// A C <c>strtof</c> look-alike: decimal and hexadecimal floats, inf/infinity/nan(…) in any case, a leading
/// sign, correct rounding, overflow to ±infinity and underflow to zero without error. Leading whitespace
/// is not skipped here: the imgsmlr input functions only skip their own separators.
/// </summary>
public static class StrtofParser
{
    public static bool TryParse(string s, ref int pos, out float value)
    {
        value = 0;
        var p = pos;
        var negative = false;
        if (p < s.Length && s[p] is '+' or '-') negative = s[p++] == '-';

        var infinityLength = MatchWord(s, p, "infinity");
        if (infinityLength == 0) infinityLength = MatchWord(s, p, "inf");
        if (infinityLength > 0)
        {
            pos = p + infinityLength;
            value = negative ? float.NegativeInfinity : float.PositiveInfinity;
            return true;
        }
        if (MatchWord(s, p, "nan") > 0)
        {
            p += 3;
            var close = p < s.Length && s[p] == '(' ? s.IndexOf(')', p) : -1;
            if (close > 0 && s.AsSpan(p + 1, close - p - 1).IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") < 0)
                p = close + 1;
            pos = p;
            value = float.NaN;
            return true;
        }
        if (p + 1 < s.Length && s[p] == '0' && s[p + 1] is 'x' or 'X' && TryParseHex(s, p + 2, out var hexEnd, out var hexValue))
        {
            pos = hexEnd;
            value = negative ? -hexValue : hexValue;
            return true;
        }

        var start = p;
        var mantissaDigits = 0;
        while (p < s.Length && char.IsAsciiDigit(s[p])) { p++; mantissaDigits++; }
        if (p < s.Length && s[p] == '.')
        {
            p++;
            while (p < s.Length && char.IsAsciiDigit(s[p])) { p++; mantissaDigits++; }
        }
        if (mantissaDigits == 0) return false;
        if (p < s.Length && s[p] is 'e' or 'E')
        {
            var e = p + 1;
            if (e < s.Length && s[e] is '+' or '-') e++;
            if (e < s.Length && char.IsAsciiDigit(s[e]))
            {
                while (e < s.Length && char.IsAsciiDigit(s[e])) e++;
                p = e;
            }
        }
        // .NET's parser is IEEE correctly rounded and returns ±∞ on overflow (no exception) since .NET Core 3.0.
        var magnitude = float.Parse(s.AsSpan(start, p - start), NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        value = negative ? -magnitude : magnitude;
        pos = p;
        return true;
    }

    private static int MatchWord(string s, int p, string word) =>
        p + word.Length <= s.Length && s.AsSpan(p, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase) ? word.Length : 0;

    private static bool TryParseHex(string s, int p, out int end, out float value)
    {
        end = p;
        value = 0;
        BigInteger mantissa = BigInteger.Zero;
        long exponent = 0;
        var digits = 0;
        while (p < s.Length && char.IsAsciiHexDigit(s[p])) { mantissa = mantissa * 16 + HexValue(s[p++]); digits++; }
        if (p < s.Length && s[p] == '.')
        {
            p++;
            while (p < s.Length && char.IsAsciiHexDigit(s[p])) { mantissa = mantissa * 16 + HexValue(s[p++]); digits++; exponent -= 4; }
        }
        if (digits == 0) return false;
        if (p < s.Length && s[p] is 'p' or 'P')
        {
            var e = p + 1;
            var expNegative = false;
            if (e < s.Length && s[e] is '+' or '-') expNegative = s[e++] == '-';
            if (e < s.Length && char.IsAsciiDigit(s[e]))
            {
                long binaryExponent = 0;
                while (e < s.Length && char.IsAsciiDigit(s[e]))
                    binaryExponent = Math.Min(binaryExponent * 10 + (s[e++] - '0'), 100_000);
                exponent += expNegative ? -binaryExponent : binaryExponent;
                p = e;
            }
        }
        end = p;
        value = RoundToFloat(mantissa, exponent);
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>mantissa·2^exponent rounded to nearest-even float32, including subnormals.</summary>
    private static float RoundToFloat(BigInteger mantissa, long exponent)
    {
        if (mantissa.IsZero) return 0f;
        var msbExponent = (long)mantissa.GetBitLength() - 1 + exponent;
        if (msbExponent > 127) return float.PositiveInfinity;
        if (msbExponent < -150) return 0f;
        var lsbExponent = Math.Max(msbExponent - 23, -149);
        var shift = lsbExponent - exponent;
        BigInteger q;
        if (shift <= 0)
            q = mantissa << (int)-shift;
        else
        {
            q = mantissa >> (int)shift;
            var remainder = mantissa - (q << (int)shift);
            var half = BigInteger.One << (int)(shift - 1);
            if (remainder > half || (remainder == half && !q.IsEven)) q += 1;
        }
        return (float)Math.ScaleB((double)q, (int)lsbExponent);
    }
}

using System.Globalization;

namespace PlatformValidation.Fakes.ArgoCd.Health.Gopher;

/// <summary>
/// How gopher-lua turns a number into text (<c>tostring</c>, <c>..</c>, <c>%s</c>): every Lua number is a float64;
/// one with an integral value that fits an int64 prints as that integer ("2", never "2.0"), any other value as Go's
/// <c>fmt.Sprint(float64)</c> — the shortest digits that read back to the same value, in exponent form when the
/// decimal exponent is below −4 or at least 6 (Go's %v: shortest 'g', exponent threshold 6) [yuin/gopher-lua value.go LNumber.String; Go strconv FormatFloat].
/// </summary>
public static class GoNumberFormat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        if (value == Math.Floor(value) && value >= -9.2233720368547758E18 && value < 9.2233720368547758E18)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        // .NET's "R" gives the shortest round-trip digits; re-lay them out as Go's %v does.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        var (digits, exponent) = Decompose(negative ? shortest[1..] : shortest);
        string body;
        if (exponent < -4 || exponent >= 6)
        {
            var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            var sign = exponent < 0 ? "-" : "+";
            var abs = Math.Abs(exponent);
            body = mantissa + "e" + sign + (abs < 10 ? "0" : string.Empty) + abs.ToString(CultureInfo.InvariantCulture);
        }
        else if (exponent < 0)
        {
            body = "0." + new string('0', -exponent - 1) + digits;
        }
        else if (digits.Length > exponent + 1)
        {
            body = digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
        }
        else
        {
            body = digits + new string('0', exponent + 1 - digits.Length);
        }

        return negative ? "-" + body : body;
    }

    /// <summary>Significant digits (no leading/trailing zeros) and the decimal exponent of the first digit.</summary>
    private static (string Digits, int Exponent) Decompose(string s)
    {
        var e = s.IndexOfAny(['E', 'e']);
        var exp = 0;
        if (e >= 0)
        {
            exp = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }

        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? s : s[..dot];
        var fracPart = dot < 0 ? string.Empty : s[(dot + 1)..];
        var all = intPart + fracPart;
        var pointAt = intPart.Length;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }

        var digits = all[lead..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        return (digits, pointAt - lead - 1 + exp);
    }
}

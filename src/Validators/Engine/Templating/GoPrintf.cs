using System.Globalization;
using System.Text;

namespace PlatformValidation.Validators.Templating;

/// <summary>The subset of Go's fmt.Sprintf templates use: %s %v %d %q %t %f %e %g %x %X %o %b %c %% with flags, width and precision.</summary>
internal static class GoPrintf
{
    public static string Format(string format, List<object?> args)
    {
        var sb = new StringBuilder();
        var argIndex = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }

            if (++i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }

            var minus = false;
            var zero = false;
            var plus = false;
            while (i < format.Length && format[i] is '-' or '0' or '+' or ' ' or '#')
            {
                minus |= format[i] == '-';
                zero |= format[i] == '0';
                plus |= format[i] == '+';
                i++;
            }

            var width = ReadNumber(format, ref i);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber(format, ref i) ?? 0;
            }

            if (width is TooLarge || precision is TooLarge)
            {
                // Go's fmt gives up on the rest of the format after a width or precision past a million (print.go parsenum/tooLarge).
                sb.Append("%!(NOVERB)");
                break;
            }

            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }

            var verb = format[i];
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }

            if (argIndex >= args.Count)
            {
                sb.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }

            var arg = args[argIndex++];
            var text = Render(verb, arg, precision, plus);
            if (width is { } w && text.Length < w)
            {
                text = minus ? text.PadRight(w) : (zero && verb is 'd' or 'f' or 'x' or 'X' ? text.PadLeft(w, '0') : text.PadLeft(w));
            }

            sb.Append(text);
        }

        if (argIndex < args.Count)
        {
            sb.Append("%!(EXTRA ").Append(string.Join(", ", args.Skip(argIndex).Select(a => GoValues.TypeOf(a) + "=" + GoValues.Print(a)))).Append(')');
        }

        return sb.ToString();
    }

    private const int TooLarge = -1;

    /// <summary>
    /// A width or precision, as Go's fmt parsenum reads it: before each further digit it stops when the number so far is
    /// past 1,000,000 (tooLarge), answering <see cref="TooLarge"/> with the rest of the format consumed.
    /// </summary>
    private static int? ReadNumber(string s, ref int i)
    {
        var start = i;
        var n = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            if (n > 1_000_000)
            {
                i = s.Length;
                return TooLarge;
            }

            n = (n * 10) + (s[i] - '0');
            i++;
        }

        return i > start ? n : null;
    }

    private static string Render(char verb, object? arg, int? precision, bool plus)
    {
        switch (verb)
        {
            case 'v':
                return GoValues.Print(arg);
            case 's':
                return arg is string or null || ReferenceEquals(arg, GoValues.Missing) || arg is IEnumerable<object?> or IDictionary<string, object?>
                    ? Truncate(arg is null ? "%!s(<nil>)" : GoValues.Print(arg), precision)
                    : Bad(verb, arg);
            case 'q':
                return arg is string s ? GoValues.Quote(s) : Bad(verb, arg);
            case 't':
                return arg is bool b ? (b ? "true" : "false") : Bad(verb, arg);
            case 'd':
                return arg is long or int ? (plus && GoValues.ToInt(arg) >= 0 ? "+" : string.Empty) + GoValues.ToInt(arg).ToString(CultureInfo.InvariantCulture) : Bad(verb, arg);
            case 'x' or 'X' or 'o' or 'b':
                if (arg is string hs && verb is 'x' or 'X')
                {
                    var hex = Convert.ToHexString(Encoding.UTF8.GetBytes(hs));
                    return verb == 'x' ? hex.ToLowerInvariant() : hex;
                }

                if (arg is not (long or int))
                {
                    return Bad(verb, arg);
                }

                var n = GoValues.ToInt(arg);
                var digits = verb switch
                {
                    'x' => Convert.ToString(Math.Abs(n), 16),
                    'X' => Convert.ToString(Math.Abs(n), 16).ToUpperInvariant(),
                    'o' => Convert.ToString(Math.Abs(n), 8),
                    _ => Convert.ToString(Math.Abs(n), 2),
                };
                return (n < 0 ? "-" : string.Empty) + digits;
            case 'c':
                return arg is long or int ? char.ConvertFromUtf32((int)GoValues.ToInt(arg)) : Bad(verb, arg);
            case 'f' or 'F':
                return arg is double or long or int ? GoValues.ToFloat(arg).ToString("F" + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : Bad(verb, arg);
            case 'e':
                return arg is double or long or int ? GoValues.ToFloat(arg).ToString((precision ?? 6) == 0 ? "0e+00" : "0." + new string('0', precision ?? 6) + "e+00", CultureInfo.InvariantCulture) : Bad(verb, arg);
            case 'g':
                return arg is double or long or int ? GoValues.FormatFloat(GoValues.ToFloat(arg)) : Bad(verb, arg);
            default:
                return $"%!{verb}({GoValues.TypeOf(arg)}={GoValues.Print(arg)})";
        }
    }

    private static string Truncate(string s, int? precision) => precision is { } p && p < s.Length ? s[..p] : s;

    private static string Bad(char verb, object? arg) => $"%!{verb}({GoValues.TypeOf(arg)}={GoValues.Print(arg)})";
}

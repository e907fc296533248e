using System.Globalization;
using System.Text;

namespace PlatformValidation.Validators.Templating;

/// <summary>Token kinds of Go's text/template action language.</summary>
internal enum TokenKind
{
    Text,
    LeftDelim,
    RightDelim,
    Identifier,
    Keyword,
    Field,
    Variable,
    Declare,
    Assign,
    Pipe,
    LeftParen,
    RightParen,
    Comma,
    String,
    Char,
    Number,
    Bool,
    Nil,
    Dot,
    Eof,
}

internal readonly record struct Token(TokenKind Kind, string Value, int Line, int Column)
{
    /// <summary>True when whitespace precedes the token inside an action (so a field does not chain onto the previous operand).</summary>
    public bool SpaceBefore { get; init; }
}

/// <summary>Splits a Go template into text and action tokens, honouring <c>{{-</c>/<c>-}}</c> trim markers and comments.</summary>
internal sealed class GoTemplateLexer
{
    private static readonly HashSet<string> Keywords = ["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"];

    private readonly string text;
    private readonly List<Token> tokens = [];
    private List<int>? lineStarts;
    private int pos;

    private GoTemplateLexer(string text)
    {
        this.text = text;
    }

    public static List<Token> Lex(string text)
    {
        var lexer = new GoTemplateLexer(text);
        lexer.Run();
        return lexer.tokens;
    }

    private void Run()
    {
        var trimNextText = false;
        while (pos < text.Length)
        {
            var open = text.IndexOf("{{", pos, StringComparison.Ordinal);
            var end = open < 0 ? text.Length : open;
            var chunk = text[pos..end];
            var trimLeft = open >= 0 && open + 3 < text.Length && text[open + 2] == '-' && IsSpace(text[open + 3]);
            if (trimNextText)
            {
                chunk = chunk.TrimStart(' ', '\t', '\r', '\n');
            }

            if (trimLeft)
            {
                chunk = chunk.TrimEnd(' ', '\t', '\r', '\n');
            }

            if (chunk.Length > 0)
            {
                tokens.Add(new Token(TokenKind.Text, chunk, LineOf(pos), 0));
            }

            if (open < 0)
            {
                pos = text.Length;
                break;
            }

            pos = open + 2 + (trimLeft ? 2 : 0);
            trimNextText = LexAction(open);
        }

        tokens.Add(new Token(TokenKind.Eof, string.Empty, LineOf(pos), 0));
    }

    /// <summary>Lexes one action; returns whether it ended with a right trim marker.</summary>
    private bool LexAction(int openAt)
    {
        SkipSpaces();
        if (At("/*"))
        {
            var close = text.IndexOf("*/", pos + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw Error("unclosed comment", openAt);
            }

            pos = close + 2;
            SkipSpaces();
            return ExpectRightDelim(openAt, comment: true);
        }

        tokens.Add(new Token(TokenKind.LeftDelim, "{{", LineOf(openAt), ColumnOf(openAt)));
        while (true)
        {
            SkipSpaces();
            if (pos >= text.Length)
            {
                throw Error("unclosed action", openAt);
            }

            if (At("-}}") && pos > 0 && IsSpace(text[pos - 1]))
            {
                pos += 3;
                tokens.Add(new Token(TokenKind.RightDelim, "}}", LineOf(pos), 0));
                return true;
            }

            if (At("}}"))
            {
                pos += 2;
                tokens.Add(new Token(TokenKind.RightDelim, "}}", LineOf(pos), 0));
                return false;
            }

            LexToken(openAt);
        }
    }

    private bool ExpectRightDelim(int openAt, bool comment)
    {
        if (At("-}}"))
        {
            pos += 3;
            return true;
        }

        if (At("}}"))
        {
            pos += 2;
            return false;
        }

        throw Error(comment ? "comment ends before closing delimiter" : "unclosed action", openAt);
    }

    private void LexToken(int openAt)
    {
        var start = pos;
        var c = text[pos];
        switch (c)
        {
            case '|':
                pos++;
                Add(TokenKind.Pipe, "|", start);
                return;
            case '(':
                pos++;
                Add(TokenKind.LeftParen, "(", start);
                return;
            case ')':
                pos++;
                Add(TokenKind.RightParen, ")", start);
                return;
            case ',':
                pos++;
                Add(TokenKind.Comma, ",", start);
                return;
            case ':' when pos + 1 < text.Length && text[pos + 1] == '=':
                pos += 2;
                Add(TokenKind.Declare, ":=", start);
                return;
            case '=':
                pos++;
                Add(TokenKind.Assign, "=", start);
                return;
            case '"':
                Add(TokenKind.String, LexQuoted(openAt), start);
                return;
            case '`':
            {
                var close = text.IndexOf('`', pos + 1);
                if (close < 0)
                {
                    throw Error("unterminated raw quoted string", openAt);
                }

                Add(TokenKind.String, text[(pos + 1)..close], start);
                pos = close + 1;
                return;
            }

            case '\'':
                Add(TokenKind.Char, LexChar(openAt), start);
                return;
            case '$':
                pos++;
                while (pos < text.Length && IsIdentChar(text[pos]))
                {
                    pos++;
                }

                Add(TokenKind.Variable, text[start..pos], start);
                return;
            case '.':
                if (pos + 1 < text.Length && char.IsAsciiDigit(text[pos + 1]))
                {
                    LexNumber(start);
                    return;
                }

                pos++;
                if (pos < text.Length && IsIdentStart(text[pos]))
                {
                    while (pos < text.Length && IsIdentChar(text[pos]))
                    {
                        pos++;
                    }

                    Add(TokenKind.Field, text[(start + 1)..pos], start);
                }
                else
                {
                    Add(TokenKind.Dot, ".", start);
                }

                return;
        }

        if (char.IsAsciiDigit(c) || ((c == '-' || c == '+') && pos + 1 < text.Length && (char.IsAsciiDigit(text[pos + 1]) || text[pos + 1] == '.')))
        {
            LexNumber(start);
            return;
        }

        if (IsIdentStart(c))
        {
            while (pos < text.Length && IsIdentChar(text[pos]))
            {
                pos++;
            }

            var word = text[start..pos];
            Add(
                word is "true" or "false" ? TokenKind.Bool
                : word == "nil" ? TokenKind.Nil
                : Keywords.Contains(word) ? TokenKind.Keyword
                : TokenKind.Identifier,
                word,
                start);
            return;
        }

        throw Error($"unexpected \"{c}\" in action", openAt);
    }

    private void LexNumber(int start)
    {
        if (text[pos] is '+' or '-')
        {
            pos++;
        }

        while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] is '.' or '_' || ((text[pos] is '+' or '-') && (text[pos - 1] is 'e' or 'E' or 'p' or 'P'))))
        {
            pos++;
        }

        Add(TokenKind.Number, text[start..pos], start);
    }

    private string LexQuoted(int openAt)
    {
        var sb = new StringBuilder();
        pos++;
        while (true)
        {
            if (pos >= text.Length || text[pos] == '\n')
            {
                throw Error("unterminated quoted string", openAt);
            }

            var c = text[pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            sb.Append(Escape(openAt, '"'));
        }
    }

    private string LexChar(int openAt)
    {
        pos++;
        if (pos >= text.Length)
        {
            throw Error("unterminated character constant", openAt);
        }

        var value = text[pos] == '\\' ? (pos++, Escape(openAt, '\'')).Item2 : text[pos++].ToString();
        if (pos >= text.Length || text[pos] != '\'')
        {
            throw Error("unterminated character constant", openAt);
        }

        pos++;
        return value;
    }

    private string Escape(int openAt, char quote)
    {
        if (pos >= text.Length)
        {
            throw Error("unterminated escape", openAt);
        }

        var e = text[pos++];
        switch (e)
        {
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case '\\': return "\\";
            case 'a': return "\a";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'v': return "\v";
            case 'x' when pos + 2 <= text.Length:
                pos += 2;
                return ((char)int.Parse(text.AsSpan(pos - 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString();
            case 'u' when pos + 4 <= text.Length:
                pos += 4;
                return ((char)int.Parse(text.AsSpan(pos - 4, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString();
            default:
                if (e == quote)
                {
                    return quote.ToString();
                }

                throw Error($"unknown escape sequence \\{e}", openAt);
        }
    }

    private void Add(TokenKind kind, string value, int start) =>
        tokens.Add(new Token(kind, value, LineOf(start), ColumnOf(start)) { SpaceBefore = start > 0 && IsSpace(text[start - 1]) });

    private void SkipSpaces()
    {
        while (pos < text.Length && IsSpace(text[pos]))
        {
            pos++;
        }
    }

    private bool At(string s) => string.CompareOrdinal(text, pos, s, 0, s.Length) == 0;

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsIdentStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private int LineOf(int offset)
    {
        // Line starts are computed once: a per-token scan from the start would be quadratic on long chart templates.
        lineStarts ??= ComputeLineStarts(text);
        var index = lineStarts.BinarySearch(Math.Min(offset, text.Length));
        return index >= 0 ? index + 1 : ~index;
    }

    private static List<int> ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private int ColumnOf(int offset)
    {
        var lineStart = offset <= 0 ? 0 : text.LastIndexOf('\n', Math.Min(offset, text.Length) - 1) + 1;
        return offset - lineStart + 1;
    }

    private GoTemplateException Error(string message, int at) =>
        new($"template: :{LineOf(at)}: {message}");
}

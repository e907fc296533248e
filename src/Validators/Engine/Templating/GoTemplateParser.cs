using System.Globalization;

namespace PlatformValidation.Validators.Templating;

/// <summary>Parses tokens into a <see cref="ListNode"/>, checking function names against the function table.</summary>
internal sealed class GoTemplateParser
{
    /// <summary>
    /// How deep parentheses and control blocks (if/with/range/block bodies) may nest, counted together. Go's
    /// text/template caps only parentheses, at 10,000 (parse.go maxStackDepth, "max expression depth exceeded"), and
    /// leaves block nesting to its growable goroutine stacks; a .NET thread has a fixed stack (1 MiB on many threads),
    /// which 10,000 levels of this recursive parser and executor overflow, killing the process. 1,000 is far beyond any
    /// real chart and stays well inside that stack (docs/reliability.md).
    /// </summary>
    internal const int MaxDepth = 1_000;

    private readonly List<Token> tokens;
    private readonly string source;
    private readonly string name;
    private readonly Func<string, bool> functionExists;
    private readonly IDictionary<string, ListNode>? defines;
    private List<HashSet<string>> variableScopes = [["$"]];
    private int pos;
    private int rangeDepth;
    private int depth;

    private GoTemplateParser(List<Token> tokens, string source, string name, Func<string, bool> functionExists, IDictionary<string, ListNode>? defines)
    {
        this.tokens = tokens;
        this.source = source;
        this.name = name;
        this.functionExists = functionExists;
        this.defines = defines;
    }

    public static ListNode Parse(string text) => Parse(text, string.Empty, GoFunctions.Exists, defines: null);

    /// <summary>
    /// Parses <paramref name="text"/> as template <paramref name="name"/>. With <paramref name="defines"/>, <c>define</c>/
    /// <c>block</c> bodies are added to it (a later definition replaces an earlier one, as text/template's AddParseTree
    /// does) and <c>template</c> calls are allowed; without it those actions are a parse error.
    /// </summary>
    public static ListNode Parse(string text, string name, Func<string, bool> functionExists, IDictionary<string, ListNode>? defines)
    {
        List<Token> tokens;
        try
        {
            tokens = GoTemplateLexer.Lex(text);
        }
        catch (GoTemplateException ex) when (name.Length > 0 && ex.Message.StartsWith("template: :", StringComparison.Ordinal))
        {
            throw new GoTemplateException("template: " + name + ex.Message["template: ".Length..]);
        }

        var parser = new GoTemplateParser(tokens, text, name, functionExists, defines);
        var (list, terminator) = parser.ParseList();
        if (terminator is not null)
        {
            throw parser.Error($"unexpected {{{{{terminator}}}}}", parser.Peek().Line);
        }

        return list;
    }

    /// <summary>Parses nodes until EOF or an <c>{{end}}</c>/<c>{{else}}</c>, returned as the terminator.</summary>
    private (ListNode List, string? Terminator) ParseList()
    {
        var nodes = new List<TemplateNode>();
        var line = Peek().Line;
        while (true)
        {
            var t = Next();
            switch (t.Kind)
            {
                case TokenKind.Eof:
                    pos--;
                    return (new ListNode(nodes, line), null);
                case TokenKind.Text:
                    nodes.Add(new TextNode(t.Value, t.Line));
                    continue;
                case TokenKind.LeftDelim:
                    break;
                default:
                    throw Error($"unexpected {t.Value}", t.Line);
            }

            var head = Peek();
            if (head.Kind == TokenKind.Keyword)
            {
                switch (head.Value)
                {
                    case "end":
                        Next();
                        Expect(TokenKind.RightDelim, "end");
                        return (new ListNode(nodes, line), "end");
                    case "else":
                        Next();
                        return (new ListNode(nodes, line), "else");
                    case "if":
                        Next();
                        nodes.Add(ParseControl("if", head.Line));
                        continue;
                    case "with":
                        Next();
                        nodes.Add(ParseControl("with", head.Line));
                        continue;
                    case "range":
                        Next();
                        nodes.Add(ParseControl("range", head.Line));
                        continue;
                    case "break" or "continue":
                        Next();
                        if (rangeDepth == 0)
                        {
                            throw Error($"{{{{{head.Value}}}}} outside {{{{range}}}}", head.Line);
                        }

                        Expect(TokenKind.RightDelim, head.Value);
                        nodes.Add(head.Value == "break" ? new BreakNode(head.Line) : new ContinueNode(head.Line));
                        continue;
                    case "define" when defines is not null:
                        Next();
                        ParseDefine(head.Line);
                        continue;
                    case "template" when defines is not null:
                        Next();
                        nodes.Add(ParseTemplateCall(head.Line, isBlock: false));
                        continue;
                    case "block" when defines is not null:
                        Next();
                        nodes.Add(ParseTemplateCall(head.Line, isBlock: true));
                        continue;
                    default:
                        throw Error($"{{{{{head.Value}}}}} is not supported here (define/template/block are not available in ApplicationSet templates)", head.Line);
                }
            }

            var pipe = ParsePipeline(head.Line, allowDeclare: true);
            nodes.Add(new ActionNode(pipe, head.Line));
        }
    }

    /// <summary><c>{{define "name"}}…{{end}}</c>: the body is parsed with a fresh variable scope (only <c>$</c>).</summary>
    private void ParseDefine(int line)
    {
        var nameToken = Next();
        if (nameToken.Kind != TokenKind.String)
        {
            throw Error($"unexpected \"{nameToken.Value}\" in define clause", line);
        }

        Expect(TokenKind.RightDelim, "define clause");
        var body = ParseIsolatedBody(line, "define");
        defines![nameToken.Value] = body;
    }

    /// <summary><c>{{template "name" pipeline}}</c>, or <c>{{block "name" pipeline}}…{{end}}</c> (define + template).</summary>
    private TemplateCallNode ParseTemplateCall(int line, bool isBlock)
    {
        var keyword = isBlock ? "block" : "template";
        var nameToken = Next();
        if (nameToken.Kind != TokenKind.String)
        {
            throw Error($"unexpected \"{nameToken.Value}\" in {keyword} clause", line);
        }

        PipeNode? pipe = null;
        if (Peek().Kind == TokenKind.RightDelim)
        {
            Next();
        }
        else
        {
            pipe = ParsePipeline(line, allowDeclare: false);
        }

        if (isBlock)
        {
            defines![nameToken.Value] = ParseIsolatedBody(line, "block");
        }

        return new TemplateCallNode(nameToken.Value, pipe, name, line);
    }

    private ListNode ParseIsolatedBody(int line, string keyword)
    {
        var saved = (variableScopes, rangeDepth);
        variableScopes = [["$"]];
        rangeDepth = 0;
        try
        {
            var (body, terminator) = ParseList();
            if (terminator != "end")
            {
                throw Error($"unexpected EOF: {{{{{keyword}}}}} has no {{{{end}}}}", line);
            }

            return body;
        }
        finally
        {
            (variableScopes, rangeDepth) = saved;
        }
    }

    private TemplateNode ParseControl(string keyword, int line)
    {
        EnterNesting(line, $"{{{{{keyword}}}}} blocks nested more than {MaxDepth:N0} deep");
        variableScopes.Add([]);
        try
        {
            var pipe = ParsePipeline(line, allowDeclare: true);
            if (keyword == "range")
            {
                rangeDepth++;
            }

            var (body, terminator) = ParseList();
            if (keyword == "range")
            {
                rangeDepth--;
            }

            ListNode? elseList = null;
            if (terminator == "else")
            {
                // {{else if …}} / {{else with …}} chain into a nested control inside the else branch.
                if ((keyword is "if" or "with") && Peek().Kind == TokenKind.Keyword && Peek().Value == keyword)
                {
                    var nestedLine = Next().Line;
                    var nested = ParseControl(keyword, nestedLine);
                    elseList = new ListNode([nested], nestedLine);
                    terminator = "end";
                }
                else
                {
                    Expect(TokenKind.RightDelim, "else");
                    (elseList, terminator) = ParseList();
                    if (terminator != "end")
                    {
                        throw Error($"expected {{{{end}}}} after {{{{else}}}} of {keyword}", line);
                    }
                }
            }

            if (terminator != "end")
            {
                throw Error($"unexpected EOF: {{{{{keyword}}}}} has no {{{{end}}}}", line);
            }

            return keyword switch
            {
                "if" => new IfNode(pipe, body, elseList, line),
                "with" => new WithNode(pipe, body, elseList, line),
                _ => new RangeNode(pipe, body, elseList, line),
            };
        }
        finally
        {
            variableScopes.RemoveAt(variableScopes.Count - 1);
            depth--;
        }
    }

    /// <summary>Counts one level of nesting; past <see cref="MaxDepth"/> (or when the thread's stack runs low) a parse error.</summary>
    private void EnterNesting(int line, string message)
    {
        if (depth >= MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(message, line);
        }

        depth++;
    }

    private PipeNode ParsePipeline(int line, bool allowDeclare)
    {
        var startToken = pos;
        var variables = new List<string>();
        var isAssign = false;
        if (allowDeclare && Peek().Kind == TokenKind.Variable)
        {
            var save = pos;
            var names = new List<string> { Next().Value };
            if (Peek().Kind == TokenKind.Comma)
            {
                Next();
                if (Peek().Kind == TokenKind.Variable)
                {
                    names.Add(Next().Value);
                }
            }

            if (Peek().Kind is TokenKind.Declare or TokenKind.Assign)
            {
                isAssign = Next().Kind == TokenKind.Assign;
                variables = names;
                foreach (var v in names)
                {
                    if (isAssign && !IsDeclared(v))
                    {
                        throw Error($"undefined variable \"{v}\"", line);
                    }

                    variableScopes[^1].Add(v);
                }
            }
            else
            {
                pos = save;
            }
        }

        var commands = new List<CommandNode>();
        while (true)
        {
            commands.Add(ParseCommand(line));
            var t = Peek();
            if (t.Kind == TokenKind.Pipe)
            {
                Next();
                continue;
            }

            if (t.Kind is TokenKind.RightDelim or TokenKind.RightParen)
            {
                if (t.Kind == TokenKind.RightDelim)
                {
                    Next();
                }

                break;
            }

            throw Error($"unexpected \"{t.Value}\" in command", t.Line);
        }

        var text = string.Join(" ", tokens.Skip(startToken).Take(pos - startToken).Where(t => t.Kind is not (TokenKind.RightDelim or TokenKind.LeftDelim)).Select(t => t.Kind == TokenKind.Field ? "." + t.Value : t.Value));
        return new PipeNode(variables, isAssign, commands, text, line);
    }

    private CommandNode ParseCommand(int line)
    {
        var args = new List<TemplateNode>();
        while (true)
        {
            var t = Peek();
            if (t.Kind is TokenKind.Pipe or TokenKind.RightDelim or TokenKind.RightParen)
            {
                break;
            }

            if (t.Kind == TokenKind.Eof)
            {
                throw Error("unclosed action", line);
            }

            args.Add(ParseOperand());
        }

        if (args.Count == 0)
        {
            throw Error("missing value for command", line);
        }

        return new CommandNode(args, line);
    }

    private TemplateNode ParseOperand()
    {
        var t = Next();
        TemplateNode node = t.Kind switch
        {
            TokenKind.Field => new FieldNode(ReadFieldChain(t.Value), t.Line),
            TokenKind.Variable => ParseVariable(t),
            TokenKind.Dot => new DotNode(t.Line),
            TokenKind.Nil => new NilNode(t.Line),
            TokenKind.Bool => new LiteralNode(t.Value == "true", t.Line),
            TokenKind.String => new LiteralNode(t.Value, t.Line),
            TokenKind.Char => new LiteralNode((long)t.Value[0], t.Line),
            TokenKind.Number => new LiteralNode(ParseNumber(t), t.Line),
            TokenKind.Identifier => functionExists(t.Value) ? new IdentifierNode(t.Value, t.Line) : throw Error($"function \"{t.Value}\" not defined", t.Line),
            TokenKind.LeftParen => ParseParenthesized(t),
            _ => throw Error($"unexpected \"{t.Value}\" in operand", t.Line),
        };

        if (node is LiteralNode or NilNode or DotNode or IdentifierNode || !IsChainedField(Peek()))
        {
            return node;
        }

        var chain = new List<string>();
        while (IsChainedField(Peek()))
        {
            chain.Add(Next().Value);
        }

        return node switch
        {
            FieldNode f => new FieldNode([.. f.Fields, .. chain], f.Line),
            VariableNode v => new VariableNode(v.Name, [.. v.Fields, .. chain], v.Line),
            _ => new ChainNode(node, chain, node.Line),
        };
    }

    private TemplateNode ParseParenthesized(Token open)
    {
        // Go's wording for this limit (text/template/parse/parse.go, operand: "max expression depth exceeded").
        EnterNesting(open.Line, "max expression depth exceeded");
        try
        {
            var pipe = ParsePipeline(open.Line, allowDeclare: false);
            Expect(TokenKind.RightParen, "(");
            return pipe;
        }
        finally
        {
            depth--;
        }
    }

    private VariableNode ParseVariable(Token t)
    {
        if (!IsDeclared(t.Value))
        {
            throw Error($"undefined variable \"{t.Value}\"", t.Line);
        }

        return new VariableNode(t.Value, [], t.Line);
    }

    private List<string> ReadFieldChain(string first)
    {
        var chain = new List<string> { first };
        while (IsChainedField(Peek()))
        {
            chain.Add(Next().Value);
        }

        return chain;
    }

    private static bool IsChainedField(Token t) => t.Kind == TokenKind.Field && !t.SpaceBefore;

    private bool IsDeclared(string name) => variableScopes.Any(s => s.Contains(name));

    private object ParseNumber(Token t)
    {
        var s = t.Value.Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = s.StartsWith('-');
        var body = s.TrimStart('+', '-');
        if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(body[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return negative ? -hex : hex;
        }

        // Go's lexer takes "0b101.name" as one number token and strconv then refuses it: "bad number syntax" below.
        if ((body.StartsWith("0o", StringComparison.OrdinalIgnoreCase) || body.StartsWith("0b", StringComparison.OrdinalIgnoreCase)) && TryParseBase(body[2..], char.ToLowerInvariant(body[1]) == 'o' ? 8 : 2, out var based))
        {
            return negative ? -based : based;
        }

        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        throw Error($"bad number syntax: \"{t.Value}\"", t.Line);
    }

    private static bool TryParseBase(string digits, int radix, out long value)
    {
        value = 0;
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var digit = c - '0';
            if (digit < 0 || digit >= radix || value > (long.MaxValue - digit) / radix)
            {
                return false;
            }

            value = (value * radix) + digit;
        }

        return true;
    }

    private Token Peek() => tokens[Math.Min(pos, tokens.Count - 1)];

    private Token Next() => tokens[Math.Min(pos++, tokens.Count - 1)];

    private void Expect(TokenKind kind, string context)
    {
        var t = Next();
        if (t.Kind != kind)
        {
            throw Error($"unexpected \"{t.Value}\" in {context}", t.Line);
        }
    }

    private GoTemplateException Error(string message, int line) => new($"template: {name}:{line}: {message}");

    public override string ToString() => source;
}

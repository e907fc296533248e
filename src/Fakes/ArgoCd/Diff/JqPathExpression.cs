using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Diff;

/// <summary>
/// The subset of jq that ignoreDifferences <c>jqPathExpressions</c> use in practice, evaluated as <c>del(expr)</c>
/// [ug/diffing]: field access (<c>.a.b</c>, <c>.a["x"]</c>, <c>."x"</c>), indexes (<c>[0]</c>), iteration
/// (<c>[]</c>, optional <c>?</c>), pipes, and <c>select(PATH == LITERAL)</c> / <c>!=</c> / <c>and</c> / <c>or</c>,
/// plus <c>select(PATH | startswith("x"))</c>. Anything else is rejected with <see cref="FormatException"/> so that a
/// spec using it is flagged instead of silently compared differently.
/// </summary>
public sealed class JqPathExpression
{
    private readonly List<Stage> stages;

    private JqPathExpression(string text, List<Stage> stages)
    {
        Text = text;
        this.stages = stages;
    }

    public string Text { get; }

    public static JqPathExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var stages = parser.ParsePipeline();
        parser.ExpectEnd();
        return new JqPathExpression(text, stages);
    }

    /// <summary>Deletes every location the expression yields from <paramref name="root"/>.</summary>
    public void Delete(JsonNode root)
    {
        var paths = Evaluate(root).Select(p => p.Path).ToList();
        // Delete deepest/last array indexes first so earlier indexes stay valid.
        foreach (var path in paths.OrderByDescending(p => p.Count).ThenByDescending(p => p.Count == 0 ? -1 : p[^1] is int i ? i : -1))
        {
            if (path.Count == 0)
            {
                continue;
            }

            var parent = Resolve(root, path.Take(path.Count - 1));
            switch (parent, path[^1])
            {
                case (JsonObject o, string key):
                    o.Remove(key);
                    break;
                case (JsonArray a, int idx) when idx < a.Count:
                    a.RemoveAt(idx);
                    break;
            }
        }
    }

    internal IEnumerable<(JsonNode? Node, List<object> Path)> Evaluate(JsonNode root)
    {
        IEnumerable<(JsonNode? Node, List<object> Path)> current = [(root, [])];
        foreach (var stage in stages)
        {
            current = stage.Apply(current).ToList();
        }

        return current;
    }

    private static JsonNode? Resolve(JsonNode root, IEnumerable<object> path)
    {
        JsonNode? n = root;
        foreach (var p in path)
        {
            n = (n, p) switch
            {
                (JsonObject o, string k) => o[k],
                (JsonArray a, int i) when i < a.Count => a[i],
                _ => null,
            };
        }

        return n;
    }

    private abstract record Stage
    {
        public abstract IEnumerable<(JsonNode? Node, List<object> Path)> Apply(IEnumerable<(JsonNode? Node, List<object> Path)> input);
    }

    private sealed record PathStage(List<object?> Steps) : Stage
    {
        // Step: string = field, int = index, null = iterate.
        public override IEnumerable<(JsonNode? Node, List<object> Path)> Apply(IEnumerable<(JsonNode? Node, List<object> Path)> input)
        {
            foreach (var item in input)
            {
                IEnumerable<(JsonNode? Node, List<object> Path)> acc = [item];
                foreach (var step in Steps)
                {
                    acc = acc.SelectMany(a => Step(a, step)).ToList();
                }

                foreach (var r in acc)
                {
                    yield return r;
                }
            }
        }

        private static IEnumerable<(JsonNode? Node, List<object> Path)> Step((JsonNode? Node, List<object> Path) a, object? step)
        {
            switch (step)
            {
                case string field:
                    if (a.Node is JsonObject o)
                    {
                        yield return (o[field], [.. a.Path, field]);
                    }

                    break;
                case int idx:
                    if (a.Node is JsonArray arr && idx < arr.Count)
                    {
                        yield return (arr[idx], [.. a.Path, idx]);
                    }

                    break;
                default:
                    if (a.Node is JsonArray list)
                    {
                        for (var i = 0; i < list.Count; i++)
                        {
                            yield return (list[i], [.. a.Path, i]);
                        }
                    }
                    else if (a.Node is JsonObject obj)
                    {
                        foreach (var (k, v) in obj.ToList())
                        {
                            yield return (v, [.. a.Path, k]);
                        }
                    }

                    break;
            }
        }
    }

    private sealed record SelectStage(Condition Condition) : Stage
    {
        public override IEnumerable<(JsonNode? Node, List<object> Path)> Apply(IEnumerable<(JsonNode? Node, List<object> Path)> input) =>
            input.Where(i => Condition.Test(i.Node));
    }

    private abstract record Condition
    {
        public abstract bool Test(JsonNode? node);
    }

    private sealed record Compare(PathStage Left, JsonNode? Literal, bool Negate) : Condition
    {
        public override bool Test(JsonNode? node)
        {
            var values = Left.Apply([(node, [])]).Select(v => v.Node).ToList();
            var equal = values.Any(v => Json.DeepEquals(v, Literal));
            return Negate ? !equal : equal;
        }
    }

    private sealed record StartsWith(PathStage Left, string Prefix) : Condition
    {
        public override bool Test(JsonNode? node) =>
            Left.Apply([(node, [])]).Any(v => Json.AsString(v.Node)?.StartsWith(Prefix, StringComparison.Ordinal) == true);
    }

    private sealed record Logical(Condition A, Condition B, bool And) : Condition
    {
        public override bool Test(JsonNode? node) => And ? A.Test(node) && B.Test(node) : A.Test(node) || B.Test(node);
    }

    private sealed class Parser(string text)
    {
        private int pos;

        public List<Stage> ParsePipeline()
        {
            var stages = new List<Stage> { ParseStage() };
            while (Peek('|'))
            {
                pos++;
                stages.Add(ParseStage());
            }

            return stages;
        }

        public void ExpectEnd()
        {
            SkipWs();
            if (pos < text.Length)
            {
                throw Unsupported();
            }
        }

        private Stage ParseStage()
        {
            SkipWs();
            if (string.CompareOrdinal(text, pos, "select(", 0, 7) == 0)
            {
                pos += 7;
                var cond = ParseCondition();
                Expect(')');
                return new SelectStage(cond);
            }

            return ParsePath();
        }

        private Condition ParseCondition()
        {
            var left = ParseComparison();
            while (true)
            {
                SkipWs();
                if (Keyword("and"))
                {
                    left = new Logical(left, ParseComparison(), true);
                }
                else if (Keyword("or"))
                {
                    left = new Logical(left, ParseComparison(), false);
                }
                else
                {
                    return left;
                }
            }
        }

        private Condition ParseComparison()
        {
            var path = ParsePath();
            SkipWs();
            if (Peek('|'))
            {
                pos++;
                SkipWs();
                if (string.CompareOrdinal(text, pos, "startswith(", 0, 11) != 0)
                {
                    throw Unsupported();
                }

                pos += 11;
                SkipWs();
                var prefix = ReadString();
                Expect(')');
                return new StartsWith(path, prefix);
            }

            var negate = false;
            if (string.CompareOrdinal(text, pos, "==", 0, 2) == 0)
            {
                pos += 2;
            }
            else if (string.CompareOrdinal(text, pos, "!=", 0, 2) == 0)
            {
                pos += 2;
                negate = true;
            }
            else
            {
                throw Unsupported();
            }

            SkipWs();
            return new Compare(path, ReadLiteral(), negate);
        }

        private PathStage ParsePath()
        {
            SkipWs();
            if (!Peek('.'))
            {
                throw Unsupported();
            }

            var steps = new List<object?>();
            while (pos < text.Length)
            {
                if (text[pos] == '.')
                {
                    pos++;
                    if (pos < text.Length && text[pos] == '"')
                    {
                        steps.Add(ReadString());
                    }
                    else if (pos < text.Length && (char.IsLetter(text[pos]) || text[pos] == '_'))
                    {
                        var start = pos;
                        while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] == '_'))
                        {
                            pos++;
                        }

                        steps.Add(text[start..pos]);
                    }
                }
                else if (text[pos] == '[')
                {
                    pos++;
                    SkipWs();
                    if (Peek(']'))
                    {
                        steps.Add(null);
                    }
                    else if (Peek('"'))
                    {
                        steps.Add(ReadString());
                    }
                    else
                    {
                        var start = pos;
                        while (pos < text.Length && char.IsDigit(text[pos]))
                        {
                            pos++;
                        }

                        if (start == pos)
                        {
                            throw Unsupported();
                        }

                        steps.Add(int.Parse(text[start..pos], CultureInfo.InvariantCulture));
                    }

                    Expect(']');
                }
                else if (text[pos] == '?')
                {
                    pos++;
                }
                else
                {
                    break;
                }
            }

            return new PathStage(steps);
        }

        private JsonNode? ReadLiteral()
        {
            SkipWs();
            if (Peek('"'))
            {
                return JsonValue.Create(ReadString());
            }

            var start = pos;
            while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] is '.' or '-'))
            {
                pos++;
            }

            var token = text[start..pos];
            return token switch
            {
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                "null" => null,
                _ when decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
                _ => throw Unsupported(),
            };
        }

        private string ReadString()
        {
            Expect('"');
            var sb = new StringBuilder();
            while (pos < text.Length && text[pos] != '"')
            {
                if (text[pos] == '\\' && pos + 1 < text.Length)
                {
                    pos++;
                }

                sb.Append(text[pos++]);
            }

            Expect('"');
            return sb.ToString();
        }

        private bool Keyword(string word)
        {
            if (string.CompareOrdinal(text, pos, word, 0, word.Length) == 0 && (pos + word.Length >= text.Length || text[pos + word.Length] == ' '))
            {
                pos += word.Length;
                return true;
            }

            return false;
        }

        private bool Peek(char c)
        {
            SkipWs();
            return pos < text.Length && text[pos] == c;
        }

        private void Expect(char c)
        {
            SkipWs();
            if (pos >= text.Length || text[pos] != c)
            {
                throw Unsupported();
            }

            pos++;
        }

        private void SkipWs()
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }
        }

        private FormatException Unsupported() =>
            new($"jq path expression '{text}' is not supported by the simulated Argo CD (at position {pos}); supported: field access, [n], [], |, select(PATH == VALUE), select(PATH | startswith(\"x\"))");
    }
}

using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Labels;

/// <summary>Operators of a label selector requirement.</summary>
public enum SelectorOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

/// <summary>One requirement of a label selector: key, operator and values.</summary>
public sealed record LabelRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels) => Matches(labels.TryGetValue(Key, out var value), value);

    /// <summary>Evaluates against a labels map object without copying it.</summary>
    public bool Matches(JsonObject? labels)
    {
        string? value = null;
        var has = labels is not null && labels.TryGetPropertyValue(Key, out var node);
        if (has)
        {
            value = JsonRead.Str(labels![Key]) ?? labels[Key]?.ToJsonString() ?? string.Empty;
        }

        return Matches(has, value);
    }

    private bool Matches(bool has, string? value)
    {
        return Operator switch
        {
            SelectorOperator.Equals or SelectorOperator.In => has && Values.Contains(value!),
            SelectorOperator.NotEquals or SelectorOperator.NotIn => !has || !Values.Contains(value!),
            SelectorOperator.Exists => has,
            SelectorOperator.DoesNotExist => !has,
            SelectorOperator.GreaterThan => has && long.TryParse(value, out var g) && long.TryParse(Values[0], out var gv) && g > gv,
            SelectorOperator.LessThan => has && long.TryParse(value, out var l) && long.TryParse(Values[0], out var lv) && l < lv,
            _ => false,
        };
    }
}

/// <summary>
/// A label selector: the query-string form (<c>app=web,tier in (a,b),!legacy</c>, k8s.io/apimachinery/pkg/labels
/// selector.go <c>Parse</c>) or a metav1.LabelSelector (<c>matchLabels</c> + <c>matchExpressions</c>,
/// <c>LabelSelectorAsSelector</c>). The one implementation for the simulated API server (list/watch selectors,
/// workload controllers, services) and Argo CD's ApplicationSet generator selectors.
/// </summary>
public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing = false)
    {
        Requirements = requirements;
        MatchesNothing = matchesNothing;
    }

    public static LabelSelector Everything { get; } = new([]);

    public static LabelSelector Nothing { get; } = new([], true);

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool MatchesNothing { get; }

    public bool IsEmpty => Requirements.Count == 0 && !MatchesNothing;

    public bool Matches(IReadOnlyDictionary<string, string> labels) => !MatchesNothing && Requirements.All(r => r.Matches(labels));

    public bool Matches(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (MatchesNothing)
        {
            return false;
        }

        var labels = JsonRead.At(obj, "metadata", "labels") as JsonObject;
        foreach (var r in Requirements)
        {
            if (!r.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A selector from a metav1.LabelSelector (matchLabels + matchExpressions). Null selects nothing, {} everything.</summary>
    public static LabelSelector FromObject(JsonObject? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        var reqs = new List<LabelRequirement>();
        foreach (var (k, v) in (JsonRead.At(selector, "matchLabels") as JsonObject) ?? [])
        {
            reqs.Add(new LabelRequirement(k, SelectorOperator.Equals, [JsonRead.Str(v) ?? v?.ToJsonString() ?? string.Empty]));
        }

        foreach (var expr in (JsonRead.At(selector, "matchExpressions") as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var values = (JsonRead.At(expr, "values") as JsonArray)?.Select(v => JsonRead.Str(v) ?? string.Empty).ToList() ?? [];
            reqs.Add(new LabelRequirement(JsonRead.Str(expr, "key") ?? string.Empty, OperatorOf(JsonRead.Str(expr, "operator")), values));
        }

        return new LabelSelector(reqs);
    }

    /// <summary>
    /// A selector from the parts of a metav1.LabelSelector already read (Argo CD's generator selectors). An operator
    /// other than In, NotIn, Exists and DoesNotExist matches nothing (LabelSelectorAsSelector refuses it).
    /// </summary>
    public static LabelSelector FromParts(IReadOnlyDictionary<string, string> matchLabels, IEnumerable<(string Key, string Operator, IReadOnlyList<string> Values)> matchExpressions)
    {
        ArgumentNullException.ThrowIfNull(matchLabels);
        ArgumentNullException.ThrowIfNull(matchExpressions);
        var reqs = matchLabels.Select(kv => new LabelRequirement(kv.Key, SelectorOperator.Equals, [kv.Value])).ToList();
        foreach (var (key, op, values) in matchExpressions)
        {
            if (op is not ("In" or "NotIn" or "Exists" or "DoesNotExist"))
            {
                return Nothing;
            }

            reqs.Add(new LabelRequirement(key, OperatorOf(op), values));
        }

        return new LabelSelector(reqs);
    }

    /// <summary>A selector from a map (service selector, matchLabels only). Empty map selects everything.</summary>
    public static LabelSelector FromMap(IReadOnlyDictionary<string, string> map) =>
        new(map.Select(kv => new LabelRequirement(kv.Key, SelectorOperator.Equals, [kv.Value])).ToList());

    /// <summary>Renders the selector the way <c>metav1.FormatLabelSelector</c> does (used in scale status).</summary>
    public override string ToString() => string.Join(",", Requirements.Select(r => r.Operator switch
    {
        SelectorOperator.Equals => $"{r.Key}={r.Values[0]}",
        SelectorOperator.NotEquals => $"{r.Key}!={r.Values[0]}",
        SelectorOperator.In => $"{r.Key} in ({string.Join(",", r.Values.Order(StringComparer.Ordinal))})",
        SelectorOperator.NotIn => $"{r.Key} notin ({string.Join(",", r.Values.Order(StringComparer.Ordinal))})",
        SelectorOperator.Exists => r.Key,
        SelectorOperator.DoesNotExist => "!" + r.Key,
        SelectorOperator.GreaterThan => $"{r.Key}>{r.Values[0]}",
        _ => $"{r.Key}<{r.Values[0]}",
    }));

    private static SelectorOperator OperatorOf(string? op) => op switch
    {
        "In" => SelectorOperator.In,
        "NotIn" => SelectorOperator.NotIn,
        "Exists" => SelectorOperator.Exists,
        "DoesNotExist" => SelectorOperator.DoesNotExist,
        _ => SelectorOperator.In,
    };

    /// <summary>Parses the query-string form; throws <see cref="LabelSelectorException"/> with the parser's message on bad input.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var reqs = new List<LabelRequirement>();
        foreach (var part in SplitTopLevel(text))
        {
            reqs.Add(ParseRequirement(part.Trim(), text));
        }

        return new LabelSelector(reqs);
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    private static LabelRequirement ParseRequirement(string part, string whole)
    {
        if (part.Length == 0)
        {
            throw Bad(whole, "found '', expected: !, identifier, or 'end of string'");
        }

        if (part.StartsWith('!'))
        {
            var key = part[1..].Trim();
            CheckKey(key, whole);
            return new LabelRequirement(key, SelectorOperator.DoesNotExist, []);
        }

        foreach (var (token, op) in new[] { ("!=", SelectorOperator.NotEquals), ("==", SelectorOperator.Equals), ("=", SelectorOperator.Equals), (">", SelectorOperator.GreaterThan), ("<", SelectorOperator.LessThan) })
        {
            var idx = part.IndexOf(token, StringComparison.Ordinal);
            if (idx > 0 && !part[..idx].Contains(' ', StringComparison.Ordinal))
            {
                var key = part[..idx].Trim();
                var value = part[(idx + token.Length)..].Trim();
                CheckKey(key, whole);
                if (value.Contains('=', StringComparison.Ordinal) || value.Contains('!', StringComparison.Ordinal))
                {
                    throw Bad(whole, $"found '{value}', expected: identifier");
                }

                if (op is SelectorOperator.GreaterThan or SelectorOperator.LessThan && !long.TryParse(value, out _))
                {
                    throw Bad(whole, $"for 'Gt', 'Lt' operators, the value must be an integer");
                }

                if (KubeNames.LabelValue(value) is { Count: > 0 } valueErrors)
                {
                    throw Bad(whole, $"invalid label value: \"{value}\": at key: \"{key}\": {string.Join("; ", valueErrors)}");
                }

                return new LabelRequirement(key, op, [value]);
            }
        }

        var words = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2)
        {
            var key = words[0];
            CheckKey(key, whole);
            var rest = words[1];
            SelectorOperator? setOp = rest.StartsWith("notin", StringComparison.Ordinal) ? SelectorOperator.NotIn
                : rest.StartsWith("in", StringComparison.Ordinal) ? SelectorOperator.In : null;
            if (setOp is null)
            {
                throw Bad(whole, $"found '{rest.Split(' ')[0]}', expected: in, notin, =, ==, !=, gt, lt");
            }

            var list = rest[(setOp == SelectorOperator.NotIn ? 5 : 2)..].Trim();
            if (!list.StartsWith('(') || !list.EndsWith(')'))
            {
                throw Bad(whole, $"found '{list}', expected: '('");
            }

            var values = list[1..^1].Split(',', StringSplitOptions.TrimEntries).Where(v => v.Length > 0).ToList();
            return new LabelRequirement(key, setOp.Value, values);
        }

        CheckKey(part, whole);
        return new LabelRequirement(part, SelectorOperator.Exists, []);
    }

    private static void CheckKey(string key, string whole)
    {
        var errors = KubeNames.QualifiedName(key);
        if (errors.Count > 0)
        {
            throw Bad(whole, $"invalid label key \"{key}\": {string.Join("; ", errors)}");
        }
    }

    private static LabelSelectorException Bad(string whole, string detail) =>
        new($"unable to parse requirement: {detail}");
}

/// <summary>A label selector string that does not parse (kube-apiserver answers 400 with this message).</summary>
public sealed class LabelSelectorException : Exception
{
    public LabelSelectorException()
        : this("unable to parse requirement")
    {
    }

    public LabelSelectorException(string message)
        : base(message)
    {
    }

    public LabelSelectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

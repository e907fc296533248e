using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Live.Scenario.Drafting;

/// <summary>
/// The profiles a Makefile defines as <c>ROOTS_NAME := file file $(ROOTS_OTHER)</c> (also <c>=</c>, <c>?=</c>,
/// <c>+=</c>, backslash continuations): profile name (lower case, <c>_</c> → <c>-</c>) → the root files it applies,
/// <c>$(VAR)</c>/<c>${VAR}</c> references to other variables of the file expanded. Make's full grammar is not
/// evaluated: conditionals and functions are ignored (their words are left out).
/// </summary>
public static partial class MakefileProfiles
{
    private const int MaxDepth = 16;

    public static IReadOnlyList<(string Profile, IReadOnlyList<string> Files, int Line)> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var roots = new List<(string Name, int Line)>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i;
            var line = lines[i];
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1] + " " + lines[++i];
            }

            var m = Assignment().Match(line);
            if (!m.Success)
            {
                continue;
            }

            var name = m.Groups["name"].Value;
            var value = m.Groups["value"].Value.Split('#')[0].Trim();
            variables[name] = m.Groups["op"].Value == "+=" && variables.TryGetValue(name, out var before) ? before + " " + value : value;
            if (name.StartsWith("ROOTS_", StringComparison.Ordinal) && name.Length > "ROOTS_".Length && roots.All(r => r.Name != name))
            {
                roots.Add((name, start + 1));
            }
        }

        return roots.Select(r => (
            Profile: r.Name["ROOTS_".Length..].ToLowerInvariant().Replace('_', '-'),
            Files: (IReadOnlyList<string>)Expand(variables[r.Name], variables, 0).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.Contains('$', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList(),
            r.Line)).Where(p => p.Files.Count > 0).ToList();
    }

    private static string Expand(string value, IReadOnlyDictionary<string, string> variables, int depth) =>
        depth > MaxDepth ? value : Reference().Replace(value, m => variables.TryGetValue(m.Groups["name"].Value, out var v) ? Expand(v, variables, depth + 1) : string.Empty);

    [GeneratedRegex(@"^(?:export\s+|override\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>:{1,3}=|\?=|\+=|=)\s*(?<value>.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\$[({](?<name>[A-Za-z_][A-Za-z0-9_]*)[)}]")]
    private static partial Regex Reference();
}

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Validators.Live.Suites;

/// <summary>
/// Reads the <c>suites</c> section of a scenario file (format: docs/scenario-format.md, "Suites"). Each entry is a
/// mapping with a <c>name</c> (a built-in kind, or any name with an explicit <c>kind</c>) and the kind's
/// parameters. Unknown keys, kinds, profiles and durations are errors naming the file and line.
/// </summary>
public static class SuiteParser
{
    private static readonly HashSet<string> CommonKeys = ["name", "kind", "timeouts"];

    private static readonly Dictionary<string, HashSet<string>> KeysByKind = new(StringComparer.Ordinal)
    {
        [SuiteKinds.Static] = [],
        [SuiteKinds.ProfileMatrix] = ["profiles"],
        [SuiteKinds.Narrowing] = ["from", "to", "teardown"],
        [SuiteKinds.CostGates] = ["profile", "apps"],
        [SuiteKinds.GroupToggle] = ["profile", "group"],
        [SuiteKinds.GpuSmoke] = ["apps", "maxMinutesUp"],
    };

    private static readonly HashSet<string> TimeoutNames = [.. Scenario.LiveTimeouts.Names];

    /// <summary>
    /// The suites of the scenario file text (the defaults when it has no <c>suites</c> key). Profile names are
    /// checked against <paramref name="profiles"/> when given.
    /// </summary>
    public static IReadOnlyList<SuiteDefinition> Parse(string yamlText, string displayPath, IReadOnlyCollection<string>? profiles = null)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException e)
        {
            throw new SuiteFormatException($"{displayPath}:{e.Start.Line}:{e.Start.Column}: the scenario file is not valid YAML ({e.Message}).", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return SuiteDefinition.Defaults;
        }

        var suitesNode = root.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "suites" }).Value;
        return suitesNode is null ? SuiteDefinition.Defaults : ParseSuites(suitesNode, displayPath, profiles);
    }

    private static List<SuiteDefinition> ParseSuites(YamlNode node, string path, IReadOnlyCollection<string>? profiles)
    {
        if (node is not YamlSequenceNode seq)
        {
            throw Error(path, node, "'suites' must be a list of suites, e.g. `suites: [{name: profile-matrix}, {name: cost-gates}]`.");
        }

        var result = new List<SuiteDefinition>();
        foreach (var item in seq.Children)
        {
            var suite = item switch
            {
                YamlScalarNode { Value: { } shortName } => Suite(new YamlMappingNode(new YamlScalarNode("name"), new YamlScalarNode(shortName)), item, path, profiles),
                YamlMappingNode map => Suite(map, item, path, profiles),
                _ => throw Error(path, item, "each suite is a name (`- cost-gates`) or a mapping (`- name: cost-gates`)."),
            };
            if (result.Any(s => s.Name == suite.Name))
            {
                throw Error(path, item, $"suite '{suite.Name}' is declared twice; give the second one another name and `kind: {suite.Kind}`.");
            }

            result.Add(suite);
        }

        return result;
    }

    private static SuiteDefinition Suite(YamlMappingNode map, YamlNode at, string path, IReadOnlyCollection<string>? profiles)
    {
        var values = map.Children.ToDictionary(kv => Scalar(kv.Key, path) ?? string.Empty, kv => kv.Value, StringComparer.Ordinal);
        var name = values.TryGetValue("name", out var n) ? Scalar(n, path) : null;
        if (string.IsNullOrEmpty(name))
        {
            throw Error(path, at, "a suite needs a `name` (one of: " + string.Join(", ", SuiteKinds.All) + ").");
        }

        var kind = values.TryGetValue("kind", out var k) ? Scalar(k, path) ?? name : name;
        if (!KeysByKind.TryGetValue(kind, out var allowed))
        {
            throw Error(path, values.GetValueOrDefault("kind") ?? values.GetValueOrDefault("name") ?? at, $"suite '{name}' has unknown kind '{kind}'; use one of: {string.Join(", ", SuiteKinds.All)} (or set `kind:` when the name is your own).");
        }

        foreach (var (key, value) in values)
        {
            if (!CommonKeys.Contains(key) && !allowed.Contains(key))
            {
                var keys = string.Join(", ", CommonKeys.Concat(allowed));
                throw Error(path, value, $"suite '{name}' ({kind}) has unknown key '{key}'; allowed keys: {keys}.");
            }
        }

        string? ProfileName(string key)
        {
            if (!values.TryGetValue(key, out var node))
            {
                return null;
            }

            var p = Scalar(node, path);
            if (p is null || (profiles is not null && !profiles.Contains(p)))
            {
                throw Error(path, node, $"suite '{name}': `{key}` names profile '{p}', which the scenario does not define (profiles: {string.Join(", ", profiles ?? [])}).");
            }

            return p;
        }

        var profileList = values.TryGetValue("profiles", out var pl) ? List(pl, path, name, "profiles") : [];
        foreach (var p in profileList.Where(p => profiles is not null && !profiles.Contains(p)))
        {
            throw Error(path, pl!, $"suite '{name}': profile '{p}' is not defined in the scenario (profiles: {string.Join(", ", profiles!)}).");
        }

        double? maxMinutes = null;
        if (values.TryGetValue("maxMinutesUp", out var mm))
        {
            maxMinutes = double.TryParse(Scalar(mm, path), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0
                ? v
                : throw Error(path, mm, $"suite '{name}': `maxMinutesUp` must be a positive number of minutes, e.g. `maxMinutesUp: 30`.");
        }

        var timeouts = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        if (values.TryGetValue("timeouts", out var tn))
        {
            if (tn is not YamlMappingNode tmap)
            {
                throw Error(path, tn, $"suite '{name}': `timeouts` is a mapping such as `timeouts: {{healthy: 5m}}`.");
            }

            foreach (var (tk, tv) in tmap.Children)
            {
                var key = Scalar(tk, path) ?? string.Empty;
                if (!TimeoutNames.Contains(key))
                {
                    throw Error(path, tk, $"suite '{name}': unknown timeout '{key}'; use one of: {string.Join(", ", TimeoutNames)}.");
                }

                timeouts[key] = DurationText.TryParse(Scalar(tv, path), out var d)
                    ? d
                    : throw Error(path, tv, $"suite '{name}': timeout '{key}' must be a duration such as 90s, 5m or 1h.");
            }
        }

        return new SuiteDefinition(name, kind)
        {
            Profiles = profileList,
            Profile = ProfileName(kind == SuiteKinds.Narrowing ? "from" : "profile"),
            NarrowTo = ProfileName("to"),
            Teardown = values.TryGetValue("teardown", out var td) ? Scalar(td, path) : null,
            Apps = values.TryGetValue("apps", out var apps) ? List(apps, path, name, "apps") : [],
            Group = values.TryGetValue("group", out var g) ? Scalar(g, path) : null,
            MaxMinutesUp = maxMinutes,
            Timeouts = timeouts,
            Location = $"{path}:{at.Start.Line}",
        };
    }

    private static List<string> List(YamlNode node, string path, string suite, string key) => node switch
    {
        YamlSequenceNode s => s.Children.Select(c => Scalar(c, path) ?? throw Error(path, c, $"suite '{suite}': `{key}` holds names only.")).ToList(),
        YamlScalarNode { Value: { } one } => [one],
        _ => throw Error(path, node, $"suite '{suite}': `{key}` is a list of names, e.g. `{key}: [a, b]`."),
    };

    private static string? Scalar(YamlNode node, string path) => node switch
    {
        YamlScalarNode s => s.Value,
        _ => throw Error(path, node, "expected a plain value here, not a list or mapping."),
    };

    private static SuiteFormatException Error(string path, YamlNode node, string message) =>
        new($"{path}:{node.Start.Line}:{node.Start.Column}: {message}");
}

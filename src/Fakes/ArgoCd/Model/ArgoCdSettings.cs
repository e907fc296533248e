using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Diff;
using PlatformValidation.Fakes.ArgoCd.Health;
using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Fakes.ArgoCd.Model;

/// <summary>
/// The parts of the <c>argocd-cm</c> ConfigMap the simulated controller honours [om/argocd-cm.yaml]:
/// health customizations (per-kind keys and the legacy <c>resource.customizations</c> block, wildcards included),
/// system-wide ignoreDifferences and the resource tracking method.
/// </summary>
public sealed class ArgoCdSettings : IDisposable
{
    private const string HealthPrefix = "resource.customizations.health.";
    private const string IgnorePrefix = "resource.customizations.ignoreDifferences.";
    private const string OpenLibsPrefix = "resource.customizations.useOpenLibs.";

    private readonly Dictionary<string, LuaHealthScript> exactHealth = new(StringComparer.Ordinal);
    private readonly List<(string Pattern, LuaHealthScript Script)> wildcardHealth = [];
    private readonly List<IgnoreDifferenceRule> ignoreRules = [];

    public ArgoCdSettings(IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        foreach (var (key, value) in data)
        {
            if (key.StartsWith(HealthPrefix, StringComparison.Ordinal))
            {
                var groupKind = key[HealthPrefix.Length..];
                // resource.customizations.useOpenLibs.<group_kind>: "true" opens string/math [util/settings ResourceOverride.UseOpenLibs]
                var openLibs = data.TryGetValue(OpenLibsPrefix + groupKind, out var o) && string.Equals(o.Trim(), "true", StringComparison.OrdinalIgnoreCase);
                var script = new LuaHealthScript(groupKind, value, openLibs);
                if (groupKind.Contains('*', StringComparison.Ordinal))
                {
                    // A wildcard key names group_kind like the others; the first '_' separates them [util/settings convertToOverrideKey].
                    var underscore = groupKind.IndexOf('_', StringComparison.Ordinal);
                    wildcardHealth.Add((underscore < 0 ? groupKind : $"{groupKind[..underscore]}/{groupKind[(underscore + 1)..]}", script));
                }
                else
                {
                    exactHealth[groupKind] = script;
                }
            }
            else if (key.StartsWith(IgnorePrefix, StringComparison.Ordinal))
            {
                var groupKind = key[IgnorePrefix.Length..];
                var (group, kind) = groupKind == "all" ? ("*", "*") : SplitGroupKind(groupKind);
                ignoreRules.Add(IgnoreDifferenceRule.FromYaml(value, group, kind));
            }
        }

        if (data.TryGetValue("resource.customizations", out var legacy))
        {
            ParseLegacy(legacy);
        }

        var tracking = data.TryGetValue("application.resourceTrackingMethod", out var t) ? t.Trim() : string.Empty;
        TrackingMethod = tracking switch
        {
            "label" => TrackingMethod.Label,
            "annotation+label" => TrackingMethod.AnnotationAndLabel,
            _ => TrackingMethod.Annotation, // default since 3.0; empty means annotation [ug/resource_tracking]
        };
        InstanceLabelKey = data.TryGetValue("application.instanceLabelKey", out var l) && l.Length > 0 ? l : ArgoAnnotations.InstanceLabel;
    }

    public static ArgoCdSettings Empty { get; } = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> Data { get; }

    public TrackingMethod TrackingMethod { get; }

    public string InstanceLabelKey { get; }

    /// <summary>System-wide ignoreDifferences (<c>resource.customizations.ignoreDifferences.*</c>).</summary>
    public IReadOnlyList<IgnoreDifferenceRule> IgnoreDifferences => ignoreRules;

    /// <summary>The Lua override for a group/kind: exact key first, then wildcard entries [util/lua/lua.go GetHealthScript].</summary>
    public LuaHealthScript? HealthScriptFor(string group, string kind)
    {
        var key = group.Length == 0 ? kind : $"{group}_{kind}";
        if (exactHealth.TryGetValue(key, out var s))
        {
            return s;
        }

        var slashKey = $"{group}/{kind}";
        return wildcardHealth.FirstOrDefault(w => PlatformValidation.Validators.Patterns.GlobPattern.Match(w.Pattern, slashKey)).Script;
    }

    public void Dispose()
    {
        foreach (var s in exactHealth.Values)
        {
            s.Dispose();
        }

        foreach (var (_, s) in wildcardHealth)
        {
            s.Dispose();
        }
    }

    private static (string Group, string Kind) SplitGroupKind(string groupKind)
    {
        var idx = groupKind.LastIndexOf('_');
        return idx < 0 ? (string.Empty, groupKind) : (groupKind[..idx], groupKind[(idx + 1)..]);
    }

    private void ParseLegacy(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return;
        }

        foreach (var (k, v) in root.Children)
        {
            if (k is not YamlScalarNode { Value: { } groupKind } || v is not YamlMappingNode body)
            {
                continue;
            }

            var openLibs = body.Children.Any(c => c.Key is YamlScalarNode { Value: "useOpenLibs" } && c.Value is YamlScalarNode { Value: { } b } && string.Equals(b, "true", StringComparison.OrdinalIgnoreCase));
            foreach (var (fk, fv) in body.Children)
            {
                if (fk is YamlScalarNode { Value: "health.lua" } && fv is YamlScalarNode { Value: { } script })
                {
                    if (groupKind.Contains('*', StringComparison.Ordinal))
                    {
                        wildcardHealth.Add((groupKind, new LuaHealthScript(groupKind, script, openLibs)));
                    }
                    else
                    {
                        var slash = groupKind.IndexOf('/', StringComparison.Ordinal);
                        var key = slash < 0 ? groupKind : (slash == 0 ? groupKind[1..] : groupKind.Replace('/', '_'));
                        exactHealth.TryAdd(key, new LuaHealthScript(groupKind, script, openLibs));
                    }
                }
            }
        }
    }

    /// <summary>Reads the data of an <c>argocd-cm</c> ConfigMap object.</summary>
    public static ArgoCdSettings FromConfigMap(JsonObject? configMap)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Json.Obj(configMap, "data") is { } d)
        {
            foreach (var (k, v) in d)
            {
                if (Json.AsString(v) is { } s)
                {
                    data[k] = s;
                }
            }
        }

        return new ArgoCdSettings(data);
    }
}

/// <summary>How Argo CD marks the objects an Application manages [ug/resource_tracking].</summary>
public enum TrackingMethod
{
    Annotation,
    AnnotationAndLabel,
    Label,
}

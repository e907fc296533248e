using System.Text.Json.Nodes;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// The objects of the argocd-apps chart, field by field as its templates write them (applications.yaml,
/// applicationsets.yaml, projects.yaml, extensions.yaml of chart 2.0.5; 1.6.2 for the list form): a field is copied
/// only when set and not empty (Helm's <c>with</c>), annotations become strings, raw-printed scalars read back as YAML.
/// </summary>
public static partial class ArgocdAppsChart
{
    private static JsonObject Application(string name, object? raw, bool mapForm, Dictionary<string, object?> context)
    {
        var d = (IDictionary<string, object?>)raw!;
        var spec = new JsonObject { ["project"] = Printed(Tpl(Get(d, "project"), context, "applications", name)) };
        CopyIfTrue(d, spec, "source", "sources");
        spec["destination"] = GoValues.ToJson(Get(d, "destination"));
        CopyIfTrue(d, spec, "syncPolicy");
        if (GoValues.IsTrue(Get(d, "revisionHistoryLimit")))
        {
            spec["revisionHistoryLimit"] = Printed(GoValues.Print(Get(d, "revisionHistoryLimit")));
        }

        CopyIfTrue(d, spec, "ignoreDifferences", "info");
        if (mapForm)
        {
            CopyIfTrue(d, spec, "sourceHydrator");
        }

        return Object("Application", Metadata(name, d, mapForm, finalizers: true), spec);
    }

    private static JsonObject ApplicationSet(string name, object? raw, bool mapForm, Dictionary<string, object?> context)
    {
        _ = context;
        var d = (IDictionary<string, object?>)raw!;
        var spec = new JsonObject();
        if (d.ContainsKey("goTemplate"))
        {
            spec["goTemplate"] = Printed(GoValues.Print(Get(d, "goTemplate")));
        }

        if (mapForm)
        {
            CopyIfTrue(d, spec, "goTemplateOptions");
        }

        CopyIfTrue(d, spec, "generators", "ignoreApplicationDifferences", "strategy", "syncPolicy");
        if (Get(d, "template") is var template && GoValues.IsTrue(template))
        {
            var t = template as IDictionary<string, object?> ?? new Dictionary<string, object?>();
            JsonObject? templateObject = null;
            if (Get(t, "metadata") is var metadata && GoValues.IsTrue(metadata))
            {
                var m = metadata as IDictionary<string, object?> ?? new Dictionary<string, object?>();
                var meta = new JsonObject();
                if (Get(m, "annotations") is IDictionary<string, object?> { Count: > 0 } annotations)
                {
                    meta["annotations"] = Strings(annotations);
                }

                CopyIfTrue(m, meta, "labels");
                meta["name"] = QuotedOrNull(Get(m, "name"));
                if (GoValues.IsTrue(Get(m, "namespace")))
                {
                    meta["namespace"] = GoValues.ToStr(Get(m, "namespace"));
                }

                (templateObject ??= [])["metadata"] = meta;
            }

            if (Get(t, "spec") is var templateSpec && GoValues.IsTrue(templateSpec))
            {
                var s = templateSpec as IDictionary<string, object?> ?? new Dictionary<string, object?>();
                var inner = new JsonObject { ["project"] = QuotedOrNull(Get(s, "project")) };
                CopyIfTrue(s, inner, "source", "sources");
                inner["destination"] = GoValues.ToJson(Get(s, "destination"));
                CopyIfTrue(s, inner, "syncPolicy", "ignoreDifferences", "info");
                if (mapForm)
                {
                    CopyIfTrue(s, inner, "sourceHydrator");
                }

                (templateObject ??= [])["spec"] = inner;
            }

            spec["template"] = templateObject;
        }

        if (GoValues.IsTrue(Get(d, "templatePatch")))
        {
            spec["templatePatch"] = GoValues.ToStr(Get(d, "templatePatch")).TrimEnd('\n') + "\n";
        }

        return Object("ApplicationSet", Metadata(name, d, mapForm, finalizers: mapForm), spec.Count == 0 ? null : spec);
    }

    private static JsonObject Project(string name, object? raw, bool mapForm, Dictionary<string, object?> context)
    {
        _ = context;
        var d = (IDictionary<string, object?>)raw!;
        var spec = new JsonObject();
        if (GoValues.IsTrue(Get(d, "permitOnlyProjectScopedClusters")))
        {
            spec["permitOnlyProjectScopedClusters"] = Printed(GoValues.Print(Get(d, "permitOnlyProjectScopedClusters")));
        }

        // 1.x always writes the description (empty → null); 2.x only when set.
        if (!mapForm || GoValues.IsTrue(Get(d, "description")))
        {
            spec["description"] = Printed(GoValues.IsTrue(Get(d, "description")) ? GoValues.Print(Get(d, "description")) : string.Empty);
        }

        CopyIfTrue(
            d,
            spec,
            "sourceRepos",
            "destinations",
            "clusterResourceWhitelist",
            "clusterResourceBlacklist",
            "namespaceResourceBlacklist",
            "namespaceResourceWhitelist",
            "orphanedResources",
            "roles",
            "syncWindows",
            "signatureKeys",
            "sourceNamespaces");
        return Object("AppProject", Metadata(name, d, mapForm, finalizers: true), spec.Count == 0 ? null : spec);
    }

    private static JsonObject Extension(string name, object? raw, bool mapForm, Dictionary<string, object?> context)
    {
        _ = context;
        var d = (IDictionary<string, object?>)raw!;
        var metadata = new JsonObject { ["name"] = Printed(mapForm ? name : GoValues.Print(Get(d, "name"))) };
        if (GoValues.IsTrue(Get(d, "namespace")))
        {
            metadata["namespace"] = Printed(GoValues.Print(Get(d, "namespace")));
        }

        metadata["finalizers"] = new JsonArray("extensions-finalizer.argocd.argoproj.io");
        CopyIfTrue(d, metadata, ("additionalLabels", "labels"));
        if (Get(d, "additionalAnnotations") is IDictionary<string, object?> { Count: > 0 } annotations)
        {
            metadata["annotations"] = Strings(annotations);
        }

        var obj = new JsonObject { ["apiVersion"] = ArgoApi, ["kind"] = "ArgoCDExtension", ["metadata"] = metadata };
        if (GoValues.IsTrue(Get(d, "sources")))
        {
            obj["spec"] = new JsonObject { ["sources"] = GoValues.ToJson(Get(d, "sources")) };
        }

        return obj;
    }

    /// <summary>annotations (quoted values), labels, name, namespace, finalizers, as every template writes them.</summary>
    private static JsonObject Metadata(string name, IDictionary<string, object?> d, bool mapForm, bool finalizers)
    {
        var metadata = new JsonObject();
        if (Get(d, "additionalAnnotations") is IDictionary<string, object?> { Count: > 0 } annotations)
        {
            metadata["annotations"] = Strings(annotations);
        }

        CopyIfTrue(d, metadata, ("additionalLabels", "labels"));
        metadata["name"] = Printed(mapForm ? name : GoValues.Print(Get(d, "name")));
        if (GoValues.IsTrue(Get(d, "namespace")))
        {
            metadata["namespace"] = Printed(GoValues.Print(Get(d, "namespace")));
        }

        if (finalizers)
        {
            CopyIfTrue(d, metadata, "finalizers");
        }

        return metadata;
    }

    private static JsonObject Object(string kind, JsonObject metadata, JsonObject? spec) => new()
    {
        ["apiVersion"] = ArgoApi,
        ["kind"] = kind,
        ["metadata"] = metadata,
        ["spec"] = spec,
    };

    private static object? Get(IDictionary<string, object?> d, string key) => d.TryGetValue(key, out var v) ? v : null;

    /// <summary><c>{{- with .x }} x: {{ toYaml . }}</c>: copied only when set and not empty.</summary>
    private static void CopyIfTrue(IDictionary<string, object?> from, JsonObject to, params string[] keys)
    {
        foreach (var key in keys)
        {
            CopyIfTrue(from, to, (key, key));
        }
    }

    private static void CopyIfTrue(IDictionary<string, object?> from, JsonObject to, (string From, string To) key)
    {
        if (GoValues.IsTrue(Get(from, key.From)))
        {
            to[key.To] = GoValues.ToJson(Get(from, key.From));
        }
    }

    /// <summary><c>{{ $key }}: {{ $value | quote }}</c>: every value becomes its printed string.</summary>
    private static JsonObject Strings(IDictionary<string, object?> map)
    {
        var result = new JsonObject();
        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result[k] = v is null ? null : GoValues.ToStr(v);
        }

        return result;
    }

    /// <summary><c>{{ .x | squote }}</c>: a string, or nothing (YAML null) when unset.</summary>
    private static JsonNode? QuotedOrNull(object? v) => v is null ? null : JsonValue.Create(GoValues.ToStr(v));

    /// <summary>A value printed raw into the YAML (<c>name: {{ . }}</c>) reads back as YAML: <c>true</c> is a boolean, <c>8</c> a number.</summary>
    private static JsonNode? Printed(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed is "null" or "~")
        {
            return null;
        }

        if (trimmed is "true" or "false")
        {
            return JsonValue.Create(trimmed == "true");
        }

        if (long.TryParse(trimmed, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        return JsonValue.Create(trimmed);
    }
}

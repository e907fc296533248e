using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Applies an Application's <c>kustomize</c> overrides to a kustomization the way Argo CD's <c>kustomize edit</c>
/// calls do, in the same order [ARGOCD-SEMANTICS §1.3; util/kustomize/kustomize.go Build]: set nameprefix/namesuffix
/// (replace), set image, set replicas, add label (error on an existing key unless forced), add annotation, set
/// namespace, append patches, add component.
/// </summary>
public static class KustomizationEditor
{
    /// <summary>
    /// Edits <paramref name="kustomization"/> in place. <paramref name="componentExists"/> says whether a component path
    /// (relative to the kustomization) exists. Throws <see cref="InvalidOperationException"/> with kustomize's wording when an edit fails.
    /// </summary>
    public static void Apply(JsonObject kustomization, KustomizeSource overrides, Func<string, bool> componentExists)
    {
        ArgumentNullException.ThrowIfNull(kustomization);
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(componentExists);
        if (overrides.NamePrefix is { } prefix)
        {
            kustomization["namePrefix"] = prefix;
        }

        if (overrides.NameSuffix is { } suffix)
        {
            kustomization["nameSuffix"] = suffix;
        }

        foreach (var image in overrides.Images)
        {
            SetImage(kustomization, image);
        }

        foreach (var replica in overrides.Replicas)
        {
            var list = List(kustomization, "replicas");
            var existing = list.OfType<JsonObject>().FirstOrDefault(r => JsonRead.Str(r["name"]) == replica.Name);
            if (existing is not null)
            {
                existing["count"] = replica.Count;
            }
            else
            {
                list.Add(new JsonObject { ["name"] = replica.Name, ["count"] = replica.Count });
            }
        }

        if (overrides.CommonLabels.Count > 0)
        {
            if (overrides.LabelWithoutSelector)
            {
                AddLabelsWithoutSelector(kustomization, overrides);
            }
            else
            {
                AddPairs(kustomization, "commonLabels", overrides.CommonLabels, overrides.ForceCommonLabels, "label");
            }
        }

        if (overrides.CommonAnnotations.Count > 0)
        {
            AddPairs(kustomization, "commonAnnotations", overrides.CommonAnnotations, overrides.ForceCommonAnnotations, "annotation");
        }

        if (overrides.Namespace is { } ns)
        {
            kustomization["namespace"] = ns;
        }

        if (overrides.Patches is { Count: > 0 } patches)
        {
            if (kustomization["patches"] is { } existing && existing is not JsonArray)
            {
                throw new InvalidOperationException("expected 'patches' field in kustomization.yaml to be a list");
            }

            var list = List(kustomization, "patches");
            foreach (var p in patches)
            {
                list.Add(p?.DeepClone());
            }
        }

        var components = overrides.IgnoreMissingComponents ? overrides.Components.Where(componentExists).ToList() : overrides.Components.ToList();
        foreach (var component in components)
        {
            if (!componentExists(component))
            {
                throw new InvalidOperationException($"kustomize edit add component: {component}: no such file or directory");
            }

            var list = List(kustomization, "components");
            if (!list.Any(c => JsonRead.Str(c) == component))
            {
                list.Add(component);
            }
        }
    }

    /// <summary>
    /// <c>kustomize edit set image</c>: <c>name=newName[:tag][@digest]</c>, <c>name:tag</c> or <c>name@digest</c>;
    /// an existing entry with the same name is updated, else one is added.
    /// </summary>
    public static void SetImage(JsonObject kustomization, string argument)
    {
        ArgumentNullException.ThrowIfNull(kustomization);
        ArgumentNullException.ThrowIfNull(argument);
        string name;
        string? newName = null;
        string? tag;
        string? digest;
        var eq = argument.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            name = argument[..eq];
            (var target, tag, digest) = SplitImage(argument[(eq + 1)..]);
            if (target != name)
            {
                newName = target;
            }
        }
        else
        {
            (name, tag, digest) = SplitImage(argument);
        }

        var images = List(kustomization, "images");
        var entry = images.OfType<JsonObject>().FirstOrDefault(i => JsonRead.Str(i["name"]) == name);
        if (entry is null)
        {
            entry = new JsonObject { ["name"] = name };
            images.Add(entry);
        }

        if (newName is not null)
        {
            entry["newName"] = newName;
        }

        if (tag is not null)
        {
            entry["newTag"] = tag;
            entry.Remove("digest");
        }

        if (digest is not null)
        {
            entry["digest"] = digest;
            entry.Remove("newTag");
        }
    }

    /// <summary>Splits <c>registry:5000/org/img:tag@sha256:…</c> into name, tag and digest.</summary>
    internal static (string Name, string? Tag, string? Digest) SplitImage(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }

        string? tag = null;
        var colon = image.LastIndexOf(':');
        if (colon > image.LastIndexOf('/'))
        {
            tag = image[(colon + 1)..];
            image = image[..colon];
        }

        return (image, tag, digest);
    }

    private static void AddPairs(JsonObject kustomization, string field, IReadOnlyDictionary<string, string> pairs, bool force, string what)
    {
        if (kustomization[field] is not JsonObject map)
        {
            map = new JsonObject();
            kustomization[field] = map;
        }

        foreach (var (k, v) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (map.ContainsKey(k) && !force)
            {
                throw new InvalidOperationException($"kustomize edit add {what}: {what} {k} already in kustomization file; set force{char.ToUpperInvariant(field[0])}{field[1..]} to override it");
            }

            map[k] = v;
        }
    }

    private static void AddLabelsWithoutSelector(JsonObject kustomization, KustomizeSource overrides)
    {
        var labels = List(kustomization, "labels");
        var entry = labels.OfType<JsonObject>().FirstOrDefault(l =>
            l["includeSelectors"] is not JsonValue s || s.GetValueKind() == JsonValueKind.False) is { } found &&
            ((found["includeTemplates"] as JsonValue)?.GetValueKind() == JsonValueKind.True) == overrides.LabelIncludeTemplates
            ? found
            : null;
        if (entry is null)
        {
            entry = new JsonObject { ["pairs"] = new JsonObject() };
            if (overrides.LabelIncludeTemplates)
            {
                entry["includeTemplates"] = true;
            }

            labels.Add(entry);
        }

        var pairs = entry["pairs"] as JsonObject ?? [];
        entry["pairs"] = pairs;
        foreach (var (k, v) in overrides.CommonLabels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (pairs.ContainsKey(k) && !overrides.ForceCommonLabels)
            {
                throw new InvalidOperationException($"kustomize edit add label: label {k} already in kustomization file; set forceCommonLabels to override it");
            }

            pairs[k] = v;
        }
    }

    private static JsonArray List(JsonObject o, string key)
    {
        if (o[key] is JsonArray a)
        {
            return a;
        }

        var created = new JsonArray();
        o[key] = created;
        return created;
    }
}

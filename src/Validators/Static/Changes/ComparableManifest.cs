using System.Text.Json.Nodes;
using DiffPlex.Renderer;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Patterns;
using YamlDotNet.Serialization;

namespace PlatformValidation.Validators.Changes;

/// <summary>
/// A rendered object as Argo CD compares it [ARGOCD-SEMANTICS §2.2]: without Argo CD's tracking metadata, server-set
/// metadata and <c>status</c>, and without the fields the app's <c>ignoreDifferences</c> JSON pointers name; printed
/// as YAML with sorted keys so two revisions diff line by line.
/// </summary>
public static class ComparableManifest
{
    private static readonly string[] ServerMetadata = ["creationTimestamp", "generation", "resourceVersion", "uid", "managedFields", "selfLink"];

    private static readonly string[] TrackingAnnotations =
    [
        "argocd.argoproj.io/tracking-id",
        "kubectl.kubernetes.io/last-applied-configuration",
        "argocd.argoproj.io/installation-id",
    ];

    private static readonly ISerializer Yaml = new SerializerBuilder().DisableAliases().WithQuotingNecessaryStrings().Build();

    /// <summary>The key a resource is matched by across revisions: <c>group/Kind namespace/name</c>.</summary>
    public static string Key(ManifestObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var group = manifest.Group.Length == 0 ? string.Empty : manifest.Group + "/";
        var ns = string.IsNullOrEmpty(manifest.Namespace) ? string.Empty : manifest.Namespace + "/";
        return $"{group}{manifest.Kind} {ns}{manifest.Name}";
    }

    /// <summary>The normalised YAML of <paramref name="manifest"/> as the app <paramref name="app"/> compares it.</summary>
    public static string Text(ManifestObject manifest, Application? app)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var body = (JsonObject)manifest.Body.DeepClone();
        body.Remove("status");
        if (body["metadata"] is JsonObject metadata)
        {
            foreach (var field in ServerMetadata)
            {
                metadata.Remove(field);
            }

            if (metadata["annotations"] is JsonObject annotations)
            {
                foreach (var key in TrackingAnnotations)
                {
                    annotations.Remove(key);
                }

                if (annotations.Count == 0)
                {
                    metadata.Remove("annotations");
                }
            }
        }

        foreach (var ignore in app?.IgnoreDifferences ?? [])
        {
            if (Matches(ignore, manifest))
            {
                foreach (var pointer in ignore.JsonPointers)
                {
                    Remove(body, pointer);
                }
            }
        }

        return Yaml.Serialize(Plain(body));
    }

    /// <summary>A unified diff of two texts (3 lines of context), or an empty string when they are equal.</summary>
    public static string Diff(string before, string after, string name)
    {
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        return UnidiffRenderer.GenerateUnidiff(before, after, "base/" + name, "head/" + name, ignoreWhitespace: false, ignoreCase: false, contextLines: 3).TrimEnd() + "\n";
    }

    // ignoreDifferences matching: group and kind are globs ("" is the core group), name and namespace exact when set [§2.2].
    private static bool Matches(IgnoreDifference ignore, ManifestObject manifest) =>
        GlobPattern.Match(ignore.Group, manifest.Group) &&
        GlobPattern.Match(ignore.Kind, manifest.Kind) &&
        (string.IsNullOrEmpty(ignore.Name) || ignore.Name == manifest.Name) &&
        (string.IsNullOrEmpty(ignore.Namespace) || ignore.Namespace == manifest.Namespace);

    private static void Remove(JsonObject body, string pointer)
    {
        var tokens = JsonPointer.Split(pointer);
        if (tokens.Count == 0)
        {
            return;
        }

        JsonNode? parent = body;
        foreach (var token in tokens.Take(tokens.Count - 1))
        {
            parent = parent switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
        }

        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                a.RemoveAt(i);
                break;
        }
    }

    // YamlDotNet serialises plain dictionaries, lists and scalars; keys are sorted so key order in Git never shows as a change.
    private static object? Plain(JsonNode? node) => node switch
    {
        JsonObject o => new SortedDictionary<string, object?>(o.ToDictionary(p => p.Key, p => Plain(p.Value)), StringComparer.Ordinal),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };
}

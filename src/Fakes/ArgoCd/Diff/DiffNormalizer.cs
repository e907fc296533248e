using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Fakes.ArgoCd.Diff;

/// <summary>
/// Removes what Argo CD ignores from a desired/live pair before comparison [ug/diffing; diff_normalizer.go]:
/// <c>.status</c> of every resource (3.x default <c>ignoreResourceStatusField: all</c>), server-populated metadata,
/// and the paths of every matching ignoreDifferences rule (app-level and system-wide) on both sides. A core
/// Secret's <c>stringData</c> is folded into <c>data</c> (base64), as the API server stores it
/// [gitops-engine pkg/diff/diff.go NormalizeSecret], so a Secret written with stringData is not OutOfSync forever.
/// </summary>
public sealed class DiffNormalizer
{
    private static readonly string[] ServerMetadata =
        ["uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences"];

    private readonly List<(IgnoreDifferenceRule Rule, List<JqPathExpression> Jq)> rules = [];

    /// <exception cref="FormatException">An ignoreDifferences entry uses an unsupported jq expression or a bad pointer.</exception>
    public DiffNormalizer(IEnumerable<IgnoreDifferenceRule> ignoreDifferences)
    {
        ArgumentNullException.ThrowIfNull(ignoreDifferences);
        foreach (var r in ignoreDifferences)
        {
            foreach (var p in r.JsonPointers)
            {
                JsonPointer.Parse(p);
            }

            rules.Add((r, r.JqPathExpressions.Select(JqPathExpression.Parse).ToList()));
        }
    }

    public bool HasRulesFor(ResourceKey key) => rules.Any(r => r.Rule.Matches(key));

    /// <summary>A copy of <paramref name="obj"/> with ignored paths removed; <paramref name="live"/> supplies managedFields.</summary>
    public JsonObject Normalize(JsonObject obj, ResourceKey key, JsonObject? live)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var copy = Json.Clone(obj);
        copy.Remove("status");
        if (copy["metadata"] is JsonObject meta)
        {
            foreach (var m in ServerMetadata)
            {
                meta.Remove(m);
            }

            if (meta["annotations"] is JsonObject ann)
            {
                ann.Remove(ArgoAnnotations.LastApplied);
                if (ann.Count == 0)
                {
                    meta.Remove("annotations");
                }
            }
        }

        if (key.Group.Length == 0 && key.Kind == "Secret")
        {
            FoldStringData(copy);
        }

        RemoveIgnored(copy, key, live);
        return copy;
    }

    /// <summary>Moves a Secret's <c>stringData</c> into <c>data</c> (base64 of the UTF-8 text; stringData wins), as the API server does on write.</summary>
    public static void FoldStringData(JsonObject secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret["stringData"] is not JsonObject stringData)
        {
            secret.Remove("stringData");
            return;
        }

        var data = secret["data"] as JsonObject ?? new JsonObject();
        foreach (var (k, v) in stringData)
        {
            var text = v is JsonValue value ? value.ToString() : string.Empty;
            data[k] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
        }

        secret.Remove("stringData");
        if (data.Count > 0)
        {
            secret["data"] = data;
        }
    }

    /// <summary>Applies only the ignoreDifferences removals (used by RespectIgnoreDifferences).</summary>
    public void RemoveIgnored(JsonObject copy, ResourceKey key, JsonObject? live)
    {
        ArgumentNullException.ThrowIfNull(copy);
        foreach (var (rule, jq) in rules)
        {
            if (!rule.Matches(key))
            {
                continue;
            }

            foreach (var p in rule.JsonPointers)
            {
                JsonPointer.Remove(copy, p);
            }

            foreach (var e in jq)
            {
                e.Delete(copy);
            }

            if (rule.ManagedFieldsManagers.Count > 0 && live is not null)
            {
                foreach (var owned in ManagedFieldsFilter.OwnedFields(live, rule.ManagedFieldsManagers.ToHashSet(StringComparer.Ordinal)))
                {
                    ManagedFieldsFilter.Remove(copy, owned);
                }
            }
        }
    }

    /// <summary>
    /// RespectIgnoreDifferences=true [ug/sync-options; controller/sync.go normalizeTargetResources]: the ignored
    /// fields of an existing resource keep their live values when applying.
    /// </summary>
    public JsonObject OverlayIgnoredFromLive(JsonObject desired, ResourceKey key, JsonObject live)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(live);
        var result = Json.Clone(desired);
        foreach (var (rule, jq) in rules.Where(r => r.Rule.Matches(key)))
        {
            foreach (var p in rule.JsonPointers)
            {
                CopyPointer(live, result, p);
            }

            foreach (var e in jq)
            {
                // Remove from desired what the expression selects there, then copy what it selects in live.
                e.Delete(result);
                foreach (var (node, path) in e.Evaluate(live))
                {
                    SetPath(result, path, node?.DeepClone());
                }
            }
        }

        return result;
    }

    private static void CopyPointer(JsonObject from, JsonObject to, string pointer)
    {
        var value = JsonPointer.Get(from, pointer);
        if (value is null)
        {
            JsonPointer.Remove(to, pointer);
            return;
        }

        SetPath(to, JsonPointer.Parse(pointer).Select(s => (object)s).ToList(), value.DeepClone());
    }

    private static void SetPath(JsonObject root, IReadOnlyList<object> path, JsonNode? value)
    {
        if (path.Count == 0)
        {
            return;
        }

        JsonNode current = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            var seg = path[i];
            JsonNode? next = (current, seg) switch
            {
                (JsonObject o, string k) => o[k],
                (JsonArray a, int idx) when idx < a.Count => a[idx],
                (JsonArray a, string s) when int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var idx) && idx < a.Count => a[idx],
                _ => null,
            };
            if (next is null)
            {
                if (current is not JsonObject o || seg is not string k)
                {
                    return;
                }

                next = new JsonObject();
                o[k] = next;
            }

            current = next;
        }

        switch (current, path[^1])
        {
            case (JsonObject o, string k):
                o[k] = value;
                break;
            case (JsonArray a, int idx) when idx < a.Count:
                a[idx] = value;
                break;
            case (JsonArray a, string s) when int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var idx) && idx < a.Count:
                a[idx] = value;
                break;
        }
    }
}

using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Diff;

/// <summary>
/// The comparison ARGOCD-SEMANTICS §10 permits: every field present in desired must equal live ("desired ⊆ live",
/// so API defaults and controller-written fields never cause OutOfSync), plus the 3-way part that matters:
/// a field that the live <c>last-applied-configuration</c> has, desired no longer has, and live still has is a
/// difference (a field removed from Git is detected) [ug/diff-strategies; ge/diff/diff.go TwoWayDiff].
/// Inputs are already normalized (<see cref="DiffNormalizer"/>).
/// </summary>
public static class ResourceDiff
{
    public static bool Differs(JsonObject desired, JsonObject live, JsonObject? lastApplied = null)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(live);
        if (!IsSubset(desired, live))
        {
            return true;
        }

        return lastApplied is not null && HasRemovedField(lastApplied, desired, live);
    }

    /// <summary>Paths (dotted) where desired differs from live, for messages and tests.</summary>
    public static IReadOnlyList<string> DifferingPaths(JsonObject desired, JsonObject live)
    {
        var paths = new List<string>();
        Collect(desired, live, string.Empty, paths);
        return paths;
    }

    public static bool IsSubset(JsonNode? desired, JsonNode? live)
    {
        switch (desired)
        {
            case null:
                return true;
            case JsonObject d:
                if (live is null)
                {
                    return d.Count == 0 || d.All(kv => IsEmpty(kv.Value));
                }

                if (live is not JsonObject l)
                {
                    return false;
                }

                foreach (var (k, dv) in d)
                {
                    if (!l.TryGetPropertyValue(k, out var lv) || lv is null)
                    {
                        if (!IsEmpty(dv))
                        {
                            return false;
                        }

                        continue;
                    }

                    if (!IsSubset(dv, lv))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray da:
                if (live is null)
                {
                    return da.Count == 0;
                }

                if (live is not JsonArray la || la.Count != da.Count)
                {
                    return false;
                }

                for (var i = 0; i < da.Count; i++)
                {
                    if (!IsSubset(da[i], la[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return Json.DeepEquals(desired, live);
        }
    }

    private static bool IsEmpty(JsonNode? n) => n is null || (n is JsonObject o && o.Count == 0) || (n is JsonArray a && a.Count == 0);

    private static bool HasRemovedField(JsonObject lastApplied, JsonObject desired, JsonObject live)
    {
        foreach (var (k, av) in lastApplied)
        {
            if (!live.TryGetPropertyValue(k, out var lv) || lv is null)
            {
                continue;
            }

            if (!desired.TryGetPropertyValue(k, out var dv) || dv is null)
            {
                if (!IsEmpty(av))
                {
                    return true;
                }

                continue;
            }

            if (av is JsonObject ao && dv is JsonObject dobj && lv is JsonObject lobj && HasRemovedField(ao, dobj, lobj))
            {
                return true;
            }
        }

        return false;
    }

    private static void Collect(JsonNode? desired, JsonNode? live, string path, List<string> paths)
    {
        if (desired is JsonObject d && live is JsonObject l)
        {
            foreach (var (k, dv) in d)
            {
                Collect(dv, l[k], path.Length == 0 ? k : path + "." + k, paths);
            }
        }
        else if (!IsSubset(desired, live))
        {
            paths.Add(path);
        }
    }
}

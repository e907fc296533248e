using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Health;

/// <summary>One managed resource as the aggregation sees it.</summary>
/// <param name="Key">The resource.</param>
/// <param name="LiveExists">Whether a live object exists.</param>
/// <param name="Health">The per-resource assessment of the live object (null = no health check).</param>
/// <param name="IsHookOrSkipped">A hook (live) or a <c>hook: Skip</c> target.</param>
/// <param name="IgnoreHealthcheck">Live object annotated <c>argocd.argoproj.io/ignore-healthcheck: "true"</c>.</param>
/// <param name="IsSelf">The Application itself (self-managing app).</param>
public sealed record HealthInput(ResourceKey Key, bool LiveExists, HealthStatus? Health, bool IsHookOrSkipped = false, bool IgnoreHealthcheck = false, bool IsSelf = false);

/// <summary>
/// Application-level health [controller/health.go setApplicationHealth, Argo CD ≥3.4]: the worst counted resource
/// (Healthy &lt; Suspended &lt; Progressing &lt; Missing &lt; Degraded &lt; Unknown); hooks, ignored, health-less and
/// self resources do not count; a missing resource never lowers health; a child Application whose health is
/// Missing or Unknown does not count; the app is Missing when it expects resources and none exists live.
/// </summary>
public static class HealthAggregator
{
    private const int MaxCausesShown = 3;

    public static HealthStatus Aggregate(IEnumerable<HealthInput> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var app = HealthStatusCode.Healthy;
        var causes = new List<ResourceKey>();
        bool containsResources = false, containsLive = false;
        foreach (var r in resources)
        {
            if (r.IsHookOrSkipped)
            {
                continue;
            }

            containsResources = true;
            containsLive |= r.LiveExists;
            if (r.IgnoreHealthcheck || (r.LiveExists && r.IsSelf))
            {
                continue;
            }

            // Missing resources do not affect app health: OutOfSync already reports them (≥3.4).
            if (!r.LiveExists || r.Health is null)
            {
                continue;
            }

            var code = r.Health.Status;
            if (r.Key.Group == ArgoAnnotations.Group && r.Key.Kind == "Application" && code is HealthStatusCode.Missing or HealthStatusCode.Unknown)
            {
                continue;
            }

            if (HealthStatus.IsWorse(app, code))
            {
                app = code;
                causes = [r.Key];
            }
            else if (app == code && app != HealthStatusCode.Healthy)
            {
                causes.Add(r.Key);
            }
        }

        if (containsResources && !containsLive && HealthStatus.IsWorse(app, HealthStatusCode.Missing))
        {
            return new HealthStatus(HealthStatusCode.Missing);
        }

        return new HealthStatus(app, FormatCauses(causes));
    }

    // [controller/health.go formatHealthCauses] (3.6 message format).
    private static string FormatCauses(List<ResourceKey> causes)
    {
        if (causes.Count == 0)
        {
            return string.Empty;
        }

        var parts = causes.Take(MaxCausesShown).Select(c =>
            $"{(c.Group.Length == 0 ? c.Kind : c.Group + "/" + c.Kind)}:{(c.Namespace.Length == 0 ? c.Name : c.Namespace + "/" + c.Name)}");
        var summary = string.Join(", ", parts);
        return causes.Count > MaxCausesShown ? $"Caused by {summary} and {causes.Count - MaxCausesShown} more" : $"Caused by {summary}";
    }
}

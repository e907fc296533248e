using System.Text.Json.Nodes;
using k8s;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Live.Argo;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// Collects what explains a failing app, through the Kubernetes API only: Argo CD's conditions and operation
/// message, each managed resource's health, recent events of those resources, pod logs of its workloads, and the
/// difference between what Git renders and what runs.
/// </summary>
public static class Diagnostics
{
    private const int LogTailLines = 50;

    /// <summary>Collects and records the diagnostics of <paramref name="appName"/> (never throws for a missing piece).</summary>
    public static async Task<AppDiagnostics?> CollectAsync(RunContext ctx, string appName, string? profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        AppState? app;
        try
        {
            app = await ctx.Argo.GetAsync(appName, cancellationToken);
        }
        catch (KubeApiException)
        {
            return null;
        }

        if (app is null)
        {
            return null;
        }

        var r = ctx.Redactor;
        var resources = app.Resources.Select(x => new ResourceHealth(x.ToString(), x.Status, x.Health, x.HealthMessage is null ? null : r.Redact(x.HealthMessage))).ToList();
        var events = await EventsAsync(ctx, app, cancellationToken);
        var logs = await PodLogsAsync(ctx, app, cancellationToken);
        var diffs = await DiffAsync(ctx, app, cancellationToken);
        var d = new AppDiagnostics(
            app.Name,
            profile,
            app.SyncStatus,
            app.HealthStatus,
            app.OperationMessage is null ? null : r.Redact(app.OperationMessage),
            app.Conditions.Select(c => r.Redact($"{c.Type}: {c.Message}")).ToList(),
            resources,
            events.Select(r.Redact).ToList(),
            logs.Select(l => l with { Text = r.Redact(l.Text) }).ToList(),
            diffs.Select(x => x with { Text = r.Redact(x.Text) }).ToList());
        ctx.Record(d);
        return d;
    }

    private static async Task<List<string>> EventsAsync(RunContext ctx, AppState app, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        foreach (var ns in app.Resources.Select(x => x.Namespace).OfType<string>().Distinct(StringComparer.Ordinal).Take(5))
        {
            try
            {
                var list = await ctx.Client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: cancellationToken);
                var names = app.Resources.Where(x => x.Namespace == ns).Select(x => x.Name).ToHashSet(StringComparer.Ordinal);
                result.AddRange(list.Items
                    .Where(e => e.InvolvedObject?.Name is { } n && (names.Contains(n) || names.Any(x => n.StartsWith(x + "-", StringComparison.Ordinal))))
                    .OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp)
                    .TakeLast(20)
                    .Select(e => $"{e.Type} {e.Reason} {e.InvolvedObject.Kind}/{e.InvolvedObject.Name}: {e.Message}"));
            }
#pragma warning disable CA1031 // diagnostics are best effort
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                result.Add($"(events of namespace {ns} unavailable: {e.Message})");
            }
        }

        return result;
    }

    private static async Task<List<PodLog>> PodLogsAsync(RunContext ctx, AppState app, CancellationToken cancellationToken)
    {
        var logs = new List<PodLog>();
        foreach (var workload in app.Resources.Where(x => x.Kind is "Deployment" or "StatefulSet" or "DaemonSet" && x.Namespace is not null).Take(5))
        {
            try
            {
                var body = await ctx.Dynamic.GetAsync(new ObjectRef($"apps/{workload.Version}", workload.Kind, workload.Namespace, workload.Name), cancellationToken);
                var selector = Selector(body);
                if (selector is null)
                {
                    continue;
                }

                var pods = await ctx.Client.CoreV1.ListNamespacedPodAsync(workload.Namespace, labelSelector: selector, cancellationToken: cancellationToken);
                foreach (var pod in pods.Items.Take(3))
                {
                    foreach (var container in pod.Spec.Containers.Take(2))
                    {
                        string text;
                        try
                        {
                            using var stream = await ctx.Client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, container: container.Name, tailLines: LogTailLines, cancellationToken: cancellationToken);
                            using var reader = new StreamReader(stream);
                            text = await reader.ReadToEndAsync(cancellationToken);
                        }
#pragma warning disable CA1031 // a pod without logs (not started) is normal
                        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                        {
                            text = $"(no log: {e.Message})";
                        }

                        var phase = pod.Status?.Phase ?? "Unknown";
                        var waiting = pod.Status?.ContainerStatuses?.FirstOrDefault(s => s.Name == container.Name)?.State?.Waiting;
                        var header = waiting is null ? $"[{phase}]" : $"[{phase}, {waiting.Reason}: {waiting.Message}]";
                        logs.Add(new PodLog($"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}", container.Name, header + "\n" + text));
                    }
                }
            }
#pragma warning disable CA1031 // diagnostics are best effort
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                logs.Add(new PodLog(workload.ToString(), "-", $"(pods unavailable: {e.Message})"));
            }
        }

        return logs;
    }

    /// <summary>The label selector of a workload's <c>spec.selector.matchLabels</c>, as <c>a=b,c=d</c>.</summary>
    public static string? Selector(JsonObject? workload)
    {
        if (workload?["spec"]?["selector"]?["matchLabels"] is not JsonObject labels || labels.Count == 0)
        {
            return null;
        }

        return string.Join(",", labels.Select(kv => $"{kv.Key}={kv.Value}"));
    }

    private static async Task<List<ResourceDiff>> DiffAsync(RunContext ctx, AppState app, CancellationToken cancellationToken)
    {
        var diffs = new List<ResourceDiff>();
        try
        {
            var root = ctx.Substrate.Repo?.WorkingDirectory ?? ctx.Scenario.RepoDirectory;
            var parsed = ArgoModelParser.ParseApplication(new ManifestObject(app.Raw, SourceLocation.OfFile($"(live Application {app.Name})")));
            if (parsed.Value is null)
            {
                return diffs;
            }

            var urls = ctx.Scenario.RepoUrls.Append(ctx.Substrate.Repo?.RepoUrl ?? string.Empty).Where(u => u.Length > 0).Distinct().ToList();
            using var renderer = new ApplicationRenderer(StaticRepoResolver.For(RepoTree.Open(root), urls));
            var rendered = await renderer.RenderAsync(parsed.Value, cancellationToken);
            foreach (var desired in rendered.Objects.Take(50))
            {
                var target = ObjectRef.Of(desired.Body);
                var ns = target.Namespace ?? parsed.Value.Destination.Namespace;
                var type = await ctx.Dynamic.Discovery.TryResolveAsync(target.ApiVersion, target.Kind, cancellationToken);
                var live = type is null ? null : await ctx.Dynamic.GetAsync(target with { Namespace = type.Namespaced ? ns : null }, cancellationToken);
                if (live is null)
                {
                    diffs.Add(new ResourceDiff(target.ToString(), type is null ? $"kind {target.Kind} ({target.ApiVersion}) is not served by the cluster: its CRD is missing" : "missing from the cluster (desired in Git)"));
                    continue;
                }

                var lines = new List<string>();
                CompareSubset(desired.Body, live, string.Empty, lines);
                if (lines.Count > 0)
                {
                    diffs.Add(new ResourceDiff(target.ToString(), string.Join("\n", lines.Take(40))));
                }
            }
        }
#pragma warning disable CA1031 // the diff is best effort: say why it is missing
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            diffs.Add(new ResourceDiff(app.Name, $"(live-vs-desired diff unavailable: {e.Message})"));
        }

        return diffs;
    }

    /// <summary>Lists every field Git sets whose live value differs (<c>- desired</c> / <c>+ live</c>), ignoring what only the cluster adds.</summary>
    public static void CompareSubset(JsonNode? desired, JsonNode? live, string path, List<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        switch (desired)
        {
            case JsonObject d:
                foreach (var (key, value) in d)
                {
                    if (path.Length == 0 && key is "status")
                    {
                        continue;
                    }

                    CompareSubset(value, (live as JsonObject)?[key], $"{path}/{key}", lines);
                }

                break;
            case JsonArray a when live is JsonArray l && a.Count == l.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    CompareSubset(a[i], l[i], $"{path}/{i}", lines);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(desired, live) && !(desired is JsonValue dv && live is JsonValue lv && dv.ToString() == lv.ToString()))
                {
                    lines.Add($"{path}:\n- {desired?.ToJsonString() ?? "null"}\n+ {live?.ToJsonString() ?? "(absent)"}");
                }

                break;
        }
    }
}

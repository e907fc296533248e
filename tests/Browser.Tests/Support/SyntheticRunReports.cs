using System.Globalization;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Tests.Reports;

/// <summary>
/// Realistic run reports built in code: the sample platform's six layers grown to 40 apps, four nested profiles,
/// every suite's checks, per-app timings, steps and static findings; a failing run adds two failing apps with full
/// diagnostics (conditions, operation message, resource tree, events, pod logs, live-vs-desired diff). Deterministic
/// for a given seed. Shared by the browser tests and the report benchmark.
/// </summary>
public static class SyntheticRunReports
{
    /// <summary>The app whose InferencePool kind is missing (fails apps-healthy in serving and wider profiles).</summary>
    public const string CrdFailingApp = "vllm-router";

    /// <summary>The app whose database Secret never appears (fails apps-healthy in llm-gateway and full).</summary>
    public const string SecretFailingApp = "litellm";

    /// <summary>Text that would run as markup if the view forgot to encode (planted in an event and a pod log).</summary>
    public const string HostileText = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script> & \"quoted\"";

    public static readonly IReadOnlyList<string> Profiles = ["platform", "serving", "llm-gateway", "full"];

    private static readonly (string Layer, string[] Apps)[] Layers =
    [
        ("platform", ["argocd-config", "cert-manager", "external-secrets", "gateway-api-crds", "envoy-gateway", "kueue", "cnpg-operator", "prometheus", "grafana", "loki", "node-feature-discovery", "gpu-operator"]),
        ("serving", ["kserve-crds", "kserve-controller", "raw-vllm", CrdFailingApp, "model-cache", "inference-pool", "lws-operator", "serving-monitoring"]),
        ("routing", ["front-door-gateway", "httproutes", "ratelimit", "authz-policy", "tls-certs", "external-dns"]),
        ("llm-gateway", [SecretFailingApp, "litellm-db", "gateway-secrets", "usage-metering", "api-keys-sync", "gateway-dashboards"]),
        ("experience", ["open-webui", "docs-portal", "chat-playground", "feedback-collector"]),
        ("demos", ["kserve-demo", "inference-demo", "rag-demo", "agents-demo"]),
    ];

    private static readonly Dictionary<string, string[]> ProfileLayers = new(StringComparer.Ordinal)
    {
        ["platform"] = ["platform"],
        ["serving"] = ["platform", "serving"],
        ["llm-gateway"] = ["platform", "serving", "routing", "llm-gateway"],
        ["full"] = ["platform", "serving", "routing", "llm-gateway", "experience", "demos"],
    };

    private static readonly HashSet<string> CostGated = new(StringComparer.Ordinal) { "raw-vllm", "kserve-demo", "inference-demo" };

    /// <summary>Every app of the platform (40).</summary>
    public static IEnumerable<string> Apps => Layers.SelectMany(l => l.Apps);

    /// <summary>A finished run: all passing, or with the two failing apps and their diagnostics.</summary>
    public static RunReport Build(bool failing, int seed = 7)
    {
        var random = new Random(seed);
        var checks = new List<CheckResult>();
        var timings = new List<AppTiming>();
        var steps = new List<StepRecord>();
        var findings = new List<Finding>();
        var started = new DateTimeOffset(2025, 11, 3, 2, 0, 0, TimeSpan.Zero);
        CheckResult Check(string suite, string check, string? profile, CheckOutcome outcome, string message, string? app = null) =>
            new(suite, check, profile, outcome, message, TimeSpan.FromMilliseconds(random.Next(5, 4000))) { App = app };

        foreach (var profile in Profiles)
        {
            var profileFindings = Findings(profile, failing);
            findings.AddRange(profileFindings);
            var errors = profileFindings.Where(f => f.Severity == Severity.Error).ToList();
            checks.AddRange(errors.Select(f => Check("static", "findings", profile, CheckOutcome.Failed, $"{f.Id} {f.Message} ({f.Location}) — {f.FixHint}", f.App)));
            if (errors.Count == 0)
            {
                var warnings = profileFindings.Count(f => f.Severity == Severity.Warning);
                checks.Add(Check("static", "findings", profile, CheckOutcome.Passed, $"no error finding ({warnings} warning(s), {profileFindings.Count - warnings} info)"));
            }

            steps.Add(new StepRecord("static", "analyze", profile, TimeSpan.FromMilliseconds(random.Next(200, 900)), TimeSpan.Zero, errors.Count == 0 ? CheckOutcome.Passed : CheckOutcome.Failed));
        }

        foreach (var profile in Profiles)
        {
            var apps = ProfileLayers[profile].SelectMany(l => Layers.First(x => x.Layer == l).Apps).ToList();
            checks.Add(Check("profile-matrix", "apply", profile, CheckOutcome.Passed, $"applied the AppProject and {ProfileLayers[profile].Length} root(s) of profile {profile}"));
            var anyFailed = false;
            foreach (var app in apps.Where(a => !CostGated.Contains(a)))
            {
                if (failing && IsFailing(app, profile))
                {
                    anyFailed = true;
                    timings.Add(new AppTiming(profile, app, null));
                    checks.Add(Check("profile-matrix", "apps-healthy", profile, CheckOutcome.Failed, FailureMessage(app), app));
                    continue;
                }

                var seconds = app switch
                {
                    "gpu-operator" => 38 + random.NextDouble() * 6,
                    "cnpg-operator" or "litellm-db" => 18 + random.NextDouble() * 8,
                    "kserve-controller" => 22 + random.NextDouble() * 5,
                    _ => 1.5 + random.NextDouble() * 12,
                };
                timings.Add(new AppTiming(profile, app, TimeSpan.FromSeconds(seconds)));
                checks.Add(Check("profile-matrix", "apps-healthy", profile, CheckOutcome.Passed, $"app {app} is Synced and Healthy after {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s", app));
            }

            var wait = TimeSpan.FromSeconds(random.Next(20, 60));
            steps.Add(new StepRecord("profile-matrix", "apply", profile, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(1.1), CheckOutcome.Passed));
            steps.Add(new StepRecord("profile-matrix", "wait-healthy", profile, wait + TimeSpan.FromSeconds(3), wait, anyFailed ? CheckOutcome.Failed : CheckOutcome.Passed));
            if (anyFailed)
            {
                checks.Add(Check("profile-matrix", "suite-stopped", profile, CheckOutcome.Skipped, $"suite profile-matrix stopped after step wait-healthy of profile {profile}"));
                steps.Add(new StepRecord("profile-matrix", "probes", profile, TimeSpan.Zero, TimeSpan.Zero, CheckOutcome.Skipped));
                continue;
            }

            foreach (var probe in Probes(profile))
            {
                checks.Add(Check("profile-matrix", "probes", profile, CheckOutcome.Passed, $"{probe} answered 200 through the service proxy"));
            }

            if (profile != "platform")
            {
                checks.Add(Check("profile-matrix", "smoke", profile, CheckOutcome.Passed, "POST /v1/chat/completions through llm/raw-vllm:8000 returned 200 (model qwen2.5-1.5b-instruct)"));
            }

            steps.Add(new StepRecord("profile-matrix", "probes", profile, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(0.3), CheckOutcome.Passed));
        }

        checks.Add(Check("narrowing", "no-prune", "platform", CheckOutcome.Passed, "applying platform after full deleted no Application and no managed resource of the wider layers (UIDs and pod restarts unchanged)"));
        checks.Add(Check("narrowing", "wider-healthy", "platform", failing ? CheckOutcome.Failed : CheckOutcome.Passed, failing ? $"app {SecretFailingApp} of layer llm-gateway is Degraded after narrowing to platform" : "every app of the wider layers stayed Healthy", failing ? SecretFailingApp : null));
        checks.Add(Check("narrowing", "teardown", "full", CheckOutcome.Passed, "deleting root demos removed exactly its 4 apps and their resources"));
        foreach (var (check, message) in new[]
        {
            ("exists", "raw-vllm, kserve-demo and inference-demo exist, OutOfSync, with no workload object"),
            ("sync-zero", "an explicit sync deployed raw-vllm at 0 replicas with no pod"),
            ("scale-up", "raw-vllm scaled to 1: one Ready pod on the GPU-shaped node sim-gpu-0 after 6.2 s"),
            ("refresh-keeps-replicas", "a hard refresh kept raw-vllm at 1 replica (ignoreDifferences /spec/replicas with RespectIgnoreDifferences=true)"),
            ("smoke-200", "POST /v1/chat/completions with the API key returned 200"),
            ("smoke-401", "POST /v1/chat/completions without the API key returned 401"),
            ("scale-down", "raw-vllm scaled back to 0: no pod left"),
            ("idle-pause", "the serving.kserve.io/stop annotation on kserve-demo was not reverted"),
        })
        {
            checks.Add(Check("cost-gates", check, null, CheckOutcome.Passed, message, check == "idle-pause" ? "kserve-demo" : "raw-vllm"));
        }

        checks.Add(Check("group-toggle", "disable-prunes", "full", CheckOutcome.Passed, "disabling group chat in the groups file pruned exactly chat-playground"));
        checks.Add(Check("group-toggle", "enable-restores", "full", CheckOutcome.Passed, "enabling group chat again restored chat-playground"));
        checks.Add(Check("gpu-smoke", "smoke", null, CheckOutcome.Skipped, "no GPU credentials: set PV_GPU_KUBECONFIG and PV_GPU_API_KEY to run the real-GPU smoke"));
        checks.Add(Check("release", "released", null, CheckOutcome.Passed, "every cost-gated workload is back at its scale-down replicas"));
        foreach (var suite in new[] { "narrowing", "cost-gates", "group-toggle" })
        {
            steps.Add(new StepRecord(suite, "run", null, TimeSpan.FromSeconds(random.Next(10, 40)), TimeSpan.FromSeconds(random.Next(5, 9)), CheckOutcome.Passed));
        }

        var diagnostics = failing ? new List<AppDiagnostics> { CrdDiagnostics(), SecretDiagnostics(random) } : [];
        var duration = TimeSpan.FromTicks(steps.Sum(s => s.Duration.Ticks) + TimeSpan.FromSeconds(4).Ticks);
        return new RunReport("sample-platform", "sim", started, duration, failing ? RunOutcome.Failed : RunOutcome.Passed, Profiles, checks, timings, steps, diagnostics) { Findings = findings };
    }

    private static bool IsFailing(string app, string profile) =>
        (app == CrdFailingApp && profile != "platform") || (app == SecretFailingApp && profile is "llm-gateway" or "full");

    private static string FailureMessage(string app) => app == CrdFailingApp
        ? $"app {CrdFailingApp} is OutOfSync/Missing: Argo CD says \"one or more objects failed to apply, reason: no matches for kind 'InferencePool' in version 'inference.networking.x-k8s.io/v1alpha2'\" — the CRD is missing from the profile"
        : $"app {SecretFailingApp} is Synced/Degraded: Deployment llm-gateway/litellm has 0/2 ready pods (CreateContainerConfigError: secret \"litellm-db-app\" not found)";

    private static IEnumerable<string> Probes(string profile) => profile switch
    {
        "platform" => ["prometheus-ready", "grafana-health"],
        "serving" => ["prometheus-ready", "raw-vllm-health"],
        _ => ["prometheus-ready", "gateway-ready", "litellm-health"],
    };

    private static List<Finding> Findings(string profile, bool failing)
    {
        var list = new List<Finding>
        {
            new("PIN001", Severity.Warning, "image grafana/grafana uses the tag latest", new SourceLocation("platform/grafana/deployment.yaml", 21, 18), "pin the image to a version tag or digest") { Profile = profile, App = "grafana" },
            new("PROJ001", Severity.Info, "app argocd-config uses the AppProject default", new SourceLocation("clusters/ai-dev/apps/platform/argocd-config.yaml", 7, 3), "move it to AppProject platform") { Profile = profile, App = "argocd-config" },
        };
        if (profile != "platform")
        {
            list.Add(new("GATE003", Severity.Warning, "Deployment llm/raw-vllm's replicas are owned by scaling but its app lacks RespectIgnoreDifferences=true", new SourceLocation("clusters/ai-dev/apps/serving/raw-vllm.yaml", 18, 5), "add RespectIgnoreDifferences=true to syncOptions") { Profile = profile, App = "raw-vllm" });
            if (failing)
            {
                list.Add(new("DEP001", Severity.Error, $"app {CrdFailingApp} uses kind InferencePool (inference.networking.x-k8s.io/v1alpha2) that no app in profile {profile} provides", new SourceLocation("serving/vllm-router/inferencepool.yaml", 1, 1), "add the app that installs the InferencePool CRD (inference-pool-crds) to layer platform") { Profile = profile, App = CrdFailingApp });
            }
        }

        if (profile is "llm-gateway" or "full")
        {
            list.Add(new("SEC001", Severity.Warning, "Secret llm-gateway/gateway-config is committed in plaintext", new SourceLocation("llm-gateway/gateway-secrets/config.yaml", 1, 1), "use an ExternalSecret") { Profile = profile, App = "gateway-secrets" });
        }

        return list;
    }

    private static AppDiagnostics CrdDiagnostics() => new(
        CrdFailingApp,
        "serving",
        "OutOfSync",
        "Missing",
        "one or more synchronization tasks are not valid (retried 5 times).",
        [
            "SyncError: Failed sync attempt to 5b1f2c9: one or more objects failed to apply, reason: resource mapping not found for name: \"vllm-pool\" namespace: \"llm\" from \"\": no matches for kind \"InferencePool\" in version \"inference.networking.x-k8s.io/v1alpha2\"; ensure CRDs are installed first",
        ],
        [
            new("Service llm/vllm-router", "Synced", "Healthy", null),
            new("Deployment llm/vllm-router", "Synced", "Progressing", "Waiting for rollout to finish: 0 of 1 updated replicas are available..."),
            new("InferencePool llm/vllm-pool", "OutOfSync", "Missing", "the server could not find the requested resource"),
            new("ServiceAccount llm/vllm-router", "Synced", null, null),
        ],
        [
            "Normal Scheduled Pod/vllm-router-7c9d8b6f5-x2lqp: Successfully assigned llm/vllm-router-7c9d8b6f5-x2lqp to sim-cpu-0",
            "Normal Pulled Pod/vllm-router-7c9d8b6f5-x2lqp: Container image \"ghcr.io/example/vllm-router:0.4.1\" already present on machine",
            "Warning BackOff Pod/vllm-router-7c9d8b6f5-x2lqp: Back-off restarting failed container router in pod vllm-router-7c9d8b6f5-x2lqp",
            "Warning Unhealthy Pod/vllm-router-7c9d8b6f5-x2lqp: Readiness probe failed: " + HostileText,
        ],
        [
            new("llm/vllm-router-7c9d8b6f5-x2lqp", "router", "[Running, CrashLoopBackOff: back-off 40s restarting failed container]\n" + string.Join("\n", Enumerable.Range(0, 12).Select(i => $"2025-11-03T02:03:{10 + i:00}Z INFO router: waiting for InferencePool llm/vllm-pool (attempt {i + 1})")) + "\n2025-11-03T02:03:22Z ERROR router: InferencePool llm/vllm-pool not found: " + HostileText + "\n2025-11-03T02:03:22Z FATAL giving up"),
        ],
        [
            new("InferencePool llm/vllm-pool", "kind InferencePool (inference.networking.x-k8s.io/v1alpha2) is not served by the cluster: its CRD is missing"),
            new("Deployment llm/vllm-router", "/spec/template/spec/containers/0/args/2:\n- \"--pool=vllm-pool\"\n+ \"--pool=default\""),
        ]);

    private static AppDiagnostics SecretDiagnostics(Random random) => new(
        SecretFailingApp,
        "llm-gateway",
        "Synced",
        "Degraded",
        "successfully synced (all tasks run)",
        ["ComparisonError: none", "Warning: Deployment llm-gateway/litellm has 0/2 ready replicas"],
        [
            new("Deployment llm-gateway/litellm", "Synced", "Degraded", "Deployment \"litellm\" exceeded its progress deadline"),
            new("Service llm-gateway/litellm", "Synced", "Healthy", null),
            new("ConfigMap llm-gateway/litellm-config", "Synced", null, null),
            new("HTTPRoute llm-gateway/litellm", "Synced", "Healthy", null),
            new("ExternalSecret llm-gateway/litellm-master-key", "Synced", "Healthy", null),
            new("ServiceMonitor llm-gateway/litellm", "Synced", null, null),
        ],
        [.. Enumerable.Range(0, 20).Select(i => $"Warning Failed Pod/litellm-5d7f9c8b4-{(char)('a' + (i % 2))}9k2m: Error: secret \"litellm-db-app\" not found (x{i + 1} over {2 * (i + 1)}m)")],
        [
            new("llm-gateway/litellm-5d7f9c8b4-a9k2m", "litellm", "[Pending, CreateContainerConfigError: secret \"litellm-db-app\" not found]\n(no log: container \"litellm\" in pod \"litellm-5d7f9c8b4-a9k2m\" is waiting to start: CreateContainerConfigError)"),
            new("llm-gateway/litellm-5d7f9c8b4-b9k2m", "litellm", "[Pending, CreateContainerConfigError: secret \"litellm-db-app\" not found]\n" + string.Join("\n", Enumerable.Range(0, 50).Select(i => $"2025-11-03T02:05:{i % 60:00}Z DEBUG litellm.proxy: retrying database connection (attempt {i + 1}, backoff {random.Next(100, 900)} ms)"))),
        ],
        [new("Secret llm-gateway/litellm-db-app", "missing from the cluster (desired in Git)")]);
}

using System.Text.RegularExpressions;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Steps;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Tests.Support;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Tests.Live.Scenario;

/// <summary>
/// Walks every key documented in docs/scenario-format.md and proves it reaches the code that uses it: a scenario
/// sets each key to a value that is not its default, and each key has a proof that the value arrives where the
/// static analyzers or the live steps read it (for the live steps: the request they send, the object they scale,
/// the wait they time). A documented key without a proof, or a proof for a key the page no longer documents,
/// fails the walk.
/// </summary>
public partial class DocumentedKeysReachTheirUsersTests
{
    private const string FullScenario = """
        apiVersion: platformvalidation.io/v1alpha1
        kind: Scenario
        name: walk
        description: every key set
        environment: walk-env
        repo:
          path: .
          urls: [https://git.example/org/walk.git, git@git.example:org/walk.git]
          revision: release-7
        alwaysApply: [projects/walk.yaml]
        layers:
          - {name: base, order: 10, manifests: [roots/base.yaml]}
          - {name: apps, order: 20, manifests: [roots/apps.yaml, roots/apps-extra.yaml]}
          - {name: show, order: 30, demo: true, manifests: [roots/show.yaml]}
        profiles:
          small: [base]
          big: [base, apps, show]
        costGates:
          - app: model-server
            workload: {apiVersion: apps/v1, kind: StatefulSet, namespace: models, name: server}
            scale: {up: 3, down: 1}
            gpu: true
            idlePause: {annotation: example.io/paused, value: "true"}
        groups:
          - {layer: apps, file: groups/apps.yaml, nameField: team, enabledField: on}
          - {layers: [base, show], file: groups/shared.yaml}
        externals:
          - {apiVersion: example.io/v1, kind: Widget, namespace: tools, name: '*'}
        clusters:
          - {name: edge-1, server: 'https://edge-1.example:6443', project: edge, labels: {tier: edge}, annotations: {region: north}}
        smoke:
          profiles: [big]
          service: {namespace: models, name: server, port: http}
          path: /v2/chat
          model: walk-model
          prompt: Walk the keys.
          expectStatus: 202
          apiKey:
            env: WALK_KEY
        probes:
          small:
            - {name: base-up, service: {namespace: base, name: web, port: 8080}, path: /ready, method: HEAD, expectStatus: 204}
            - {name: base-only, service: {namespace: base, name: web, port: 8080}, inherit: false}
        substrate:
          images:
            - {match: "example/server:*", replaceWith: fake-llm}
          nodes:
            - name: gpu-a
              labels: {example.io/gpu: "yes"}
              taints: [{key: example.io/gpu, value: present, effect: NoExecute}]
              capacity: {example.io/gpu: "2"}
          argocd:
            customizations: .
        timeouts:
          apply: 11s
          sync: 12s
          healthy: 13s
          scale: 14s
          smoke: 15s
          probe: 16s
          teardown: 17s
        suites:
          - {name: only-matrix, kind: profile-matrix, profiles: [small]}
        """;

    private static readonly string WalkDirectory = Directory.CreateTempSubdirectory("pv-keywalk-").FullName;

    private static readonly Lazy<LiveScenario> Walked = new(Load);

    private static LiveScenario S => Walked.Value;

    private static PlatformValidation.Validators.Scenarios.Scenario M => Walked.Value.Model;

    /// <summary>Each documented key and the proof that its value reaches its user.</summary>
    private static PlatformValidation.Validators.Argo.ArgoCluster RegisteredCluster() =>
        PlatformValidation.Validators.Argo.ArgoCluster.FromSecret(M.Clusters.Single().ToSecret("argocd"))!;

    private static readonly Dictionary<string, Action> Proofs = new(StringComparer.Ordinal)
    {
        ["apiVersion"] = () => Assert.That(M, Is.Not.Null),
        ["kind"] = () => Assert.That(M, Is.Not.Null),
        ["name"] = () => Assert.That(S.Name, Is.EqualTo("walk")),
        ["description"] = () => Assert.That(M.Description, Is.EqualTo("every key set")),
        ["environment"] = () => Assert.That(M.Environment, Is.EqualTo("walk-env")),
        ["alwaysApply"] = () => Assert.That(S.Profile("small").CommonManifests, Is.EqualTo(new[] { "projects/walk.yaml" })),
        ["profiles"] = () => Assert.That(S.Profiles.Select(p => (p.Name, p.Layers.Count)), Is.EqualTo(new[] { ("small", 1), ("big", 3) })),
        ["suites"] = () => Assert.That(S.Suites.Select(s => s.Name), Is.EqualTo(new[] { "only-matrix" })),
        ["repo.path"] = () => Assert.That(S.RepoDirectory, Is.EqualTo(Path.GetFullPath(WalkDirectory))),
        ["repo.urls"] = () => Assert.That(S.RepoUrls, Is.EqualTo(new[] { "https://git.example/org/walk.git", "git@git.example:org/walk.git" })),
        ["repo.revision"] = () => Assert.That(S.Revision, Is.EqualTo("release-7")),
        ["layers.name"] = () => Assert.That(S.Profile("big").Layers.Select(l => l.Name), Is.EqualTo(new[] { "base", "apps", "show" })),
        ["layers.order"] = () => Assert.That(M.Layers.Select(l => l.Order), Is.EqualTo(new[] { 10, 20, 30 })),
        ["layers.manifests"] = () => Assert.That(S.Profile("big").Layers[1].Manifests, Is.EqualTo(new[] { "roots/apps.yaml", "roots/apps-extra.yaml" })),
        ["layers.demo"] = () => Assert.That(M.FindLayer("show")!.Demo, Is.True),
        ["costGates.app"] = () => Assert.That(S.CostGates.Single().App, Is.EqualTo("model-server")),
        ["costGates.workload"] = () => Assert.That(ObjectRef.Of(S.CostGates.Single().Workload!), Is.EqualTo(new ObjectRef("apps/v1", "StatefulSet", "models", "server"))),
        ["costGates.scale"] = () => Assert.That((S.CostGates.Single().Scale!.Up, S.CostGates.Single().Scale!.Down, S.CostGates.Single().Scales), Is.EqualTo((3, 1, true))),
        ["costGates.gpu"] = () => Assert.That(S.CostGates.Single().Gpu, Is.True),
        ["costGates.idlePause"] = () => Assert.That(S.CostGates.Single().IdlePause, Is.EqualTo(new IdlePause("example.io/paused", "true"))),
        ["groups.layer"] = () => Assert.That(S.Groups[0].Layer, Is.EqualTo("apps")),
        ["groups.layers"] = () => Assert.That(S.Groups.Skip(1).Select(g => (g.Layer, g.File)), Is.EqualTo(new[] { ("base", "groups/shared.yaml"), ("show", "groups/shared.yaml") })),
        ["groups.file"] = () => Assert.That(S.Groups[0].File, Is.EqualTo("groups/apps.yaml")),
        ["groups.nameField"] = () => Assert.That(S.Groups[0].NameField, Is.EqualTo("team")),
        ["groups.enabledField"] = () => Assert.That(S.Groups[0].EnabledField, Is.EqualTo("on")),
        ["externals.kind"] = () => Assert.That(M.Externals.Single().Kind, Is.EqualTo("Widget")),
        ["externals.name"] = () => Assert.That(M.Externals.Single().Name, Is.EqualTo("*")),
        ["externals.apiVersion"] = () => Assert.That(M.Externals.Single().ApiVersion, Is.EqualTo("example.io/v1")),
        ["externals.namespace"] = () => Assert.That(M.Externals.Single().Namespace, Is.EqualTo("tools")),
        // A declared cluster reaches the simulated Argo CD as the cluster Secret the sim substrate registers, read back as its clusters generator reads it.
        ["clusters.name"] = () => Assert.That(RegisteredCluster().Name, Is.EqualTo("edge-1")),
        ["clusters.server"] = () => Assert.That(RegisteredCluster().Server, Is.EqualTo("https://edge-1.example:6443")),
        ["clusters.project"] = () => Assert.That(RegisteredCluster().Project, Is.EqualTo("edge")),
        ["clusters.labels"] = () => Assert.That(RegisteredCluster().Labels["tier"], Is.EqualTo("edge")),
        ["clusters.annotations"] = () => Assert.That(RegisteredCluster().Annotations["region"], Is.EqualTo("north")),
        ["smoke.profiles"] = () => Assert.That(S.Smoke!.Profiles, Is.EqualTo(new[] { "big" })),
        ["smoke.service"] = () => Assert.That(S.Smoke!.Service, Is.EqualTo(new ServiceRef("models", "server", "http"))),
        ["smoke.path"] = () => Assert.That(SmokeSteps.Request(S.Smoke!, "k").Path, Is.EqualTo("/v2/chat")),
        ["smoke.model"] = () => Assert.That(SmokeSteps.Request(S.Smoke!, "k").Body, Does.Contain("\"model\":\"walk-model\"")),
        ["smoke.prompt"] = () => Assert.That(SmokeSteps.Request(S.Smoke!, "k").Body, Does.Contain("\"content\":\"Walk the keys.\"")),
        ["smoke.expectStatus"] = () => Assert.That(SmokeSteps.Request(S.Smoke!, "k").ExpectStatus, Is.EqualTo(202)),
        ["smoke.apiKey"] = () => Assert.Multiple(() =>
        {
            Assert.That(S.Smoke!.ApiKey!.EnvironmentVariable, Is.EqualTo("WALK_KEY"));
            Assert.That(SmokeSteps.Request(S.Smoke!, "k").Headers!["Authorization"], Is.EqualTo("Bearer k"));
            Assert.That(SmokeSteps.Request(S.Smoke! with { ApiKey = null }, null).Headers, Is.Null);
        }),
        ["probes.name"] = () => Assert.That(S.Probes["small"].Select(p => p.Name), Is.EqualTo(new[] { "base-up", "base-only" })),
        ["probes.service"] = () => Assert.That(S.Probes["small"][0].Service, Is.EqualTo(new ServiceRef("base", "web", "8080"))),
        ["probes.path"] = () => Assert.That(ProfileSteps.ProbeRequest(S.Probes["small"][0]).Path, Is.EqualTo("/ready")),
        ["probes.method"] = () => Assert.That(ProfileSteps.ProbeRequest(S.Probes["small"][0]).Method, Is.EqualTo(HttpMethod.Head)),
        ["probes.expectStatus"] = () => Assert.That(ProfileSteps.ProbeRequest(S.Probes["small"][0]).ExpectStatus, Is.EqualTo(204)),
        ["probes.inherit"] = () => Assert.That(S.Probes["big"].Select(p => p.Name), Is.EqualTo(new[] { "base-up" })),
        ["substrate.images"] = () => Assert.That(S.Substrate.Images.Single() is { Match: "example/server:*", ReplaceWith: "fake-llm" }, Is.True),
        ["substrate.nodes"] = () =>
        {
            var node = S.Substrate.Nodes.Single();
            Assert.That((node.Name, node.Labels["example.io/gpu"], node.Taints.Single(), node.Capacity["example.io/gpu"]), Is.EqualTo(("gpu-a", "yes", new NodeTaint("example.io/gpu", "present", "NoExecute"), "2")));
        },

        // The sim substrate hands this folder to the simulated Argo CD (AppHost.Tests SimSubstrateCustomizationsTests).
        ["substrate.argocd"] = () => Assert.That(S.Substrate.ArgoCdCustomizations, Is.EqualTo(Path.GetFullPath(WalkDirectory))),
    };

    private static LiveScenario Load()
    {
        var file = Path.Combine(WalkDirectory, "walk.yaml");
        File.WriteAllText(file, FullScenario);
        return LiveScenarioFactory.Load(file);
    }

    /// <summary>Keys of the field tables of docs/scenario-format.md: top-level fields as written, section fields as <c>section.field</c>, timeouts as <c>timeouts.NAME</c>.</summary>
    private static IReadOnlyList<string> DocumentedKeys()
    {
        var keys = new List<string>();
        string? section = null;
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Root, "docs", "scenario-format.md")))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                var heading = Heading().Match(line);
                section = line == "## Top-level fields" ? string.Empty : heading.Success ? heading.Groups[1].Value : null;
                continue;
            }

            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                section = null;
                continue;
            }

            var row = Row().Match(line);
            if (section is not null && row.Success && section != "suites")
            {
                keys.Add(section.Length == 0 ? row.Groups[1].Value : $"{section}.{row.Groups[1].Value}");
            }
        }

        // A top-level key with a section of its own is proved through its fields.
        return keys.Where(k => !keys.Any(other => other.StartsWith(k + ".", StringComparison.Ordinal))).ToList();
    }

    private static IEnumerable<TestCaseData> Keys() =>
        DocumentedKeys().Where(k => !k.StartsWith("timeouts.", StringComparison.Ordinal)).Select(k => new TestCaseData(k).SetName("documented key " + k + " reaches its user"));

    private static IEnumerable<TestCaseData> TimeoutNames() =>
        DocumentedKeys().Where(k => k.StartsWith("timeouts.", StringComparison.Ordinal)).Select(k => new TestCaseData(k["timeouts.".Length..]).SetName("documented timeout " + k + " sets the live wait"));

    [TestCaseSource(nameof(Keys))]
    public void DocumentedKeyReachesItsUser(string key)
    {
        Assert.That(Proofs.TryGetValue(key, out var proof), Is.True, $"docs/scenario-format.md documents `{key}` but no proof shows that it reaches the code using it; add one here (and wire the key if nothing uses it)");
        proof!();
    }

    [TestCaseSource(nameof(TimeoutNames))]
    public void DocumentedTimeoutSetsTheLiveWait(string name)
    {
        var expected = TimeSpan.FromSeconds(11 + ScenarioTimeouts.Defaults.Keys.ToList().IndexOf(name));
        Assert.That(ScenarioTimeouts.Defaults.ContainsKey(name), Is.True, $"timeout {name} is documented but the reader does not accept it");
        Assert.That(S.Timeouts.ByName(name), Is.EqualTo(expected));
    }

    [Test]
    public void EveryProofIsForADocumentedKeyAndEveryTimeoutIsDocumented()
    {
        var documented = DocumentedKeys();
        Assert.Multiple(() =>
        {
            Assert.That(Proofs.Keys.Except(documented), Is.Empty, "proofs for keys the page does not document");
            Assert.That(ScenarioTimeouts.Defaults.Keys.Select(k => "timeouts." + k).Except(documented), Is.Empty, "timeouts the reader accepts but the page does not document");
            Assert.That(documented, Does.Contain("smoke.prompt").And.Contain("smoke.expectStatus").And.Contain("probes.method"));
        });
    }

    [GeneratedRegex(@"^## `([A-Za-z]+)`")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\| `([A-Za-z]+)` \|")]
    private static partial Regex Row();
}

using System.Text.Json.Nodes;
using k8s;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Kube;

/// <summary>
/// The engine's one API discovery (used by the live runner, the AppHost and the simulated Argo CD) against the
/// simulated API server: cached until a miss or <see cref="ApiDiscovery.Invalidate"/>, subresources left out.
/// </summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public class ApiDiscoveryTests
{
    [Test]
    public async Task AKindRegisteredAfterTheFirstLookIsFoundByResolveButNotByTheCache(CancellationToken cancellationToken)
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions());
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath));
        var dynamic = new DynamicClient(client);

        Assert.That(await dynamic.Discovery.TryResolveAsync("example.com/v1", "Widget", cancellationToken), Is.Null);
        Assert.That(await dynamic.Discovery.ServesAsync("example.com/v1", cancellationToken), Is.False);
        await dynamic.Http.SendJsonAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Crd(), cancellationToken: cancellationToken);

        // Wait until the server serves the kind (a fresh discovery each time), without touching the one under test.
        var deadline = DateTime.UtcNow + TestTimeouts.Short;
        while (await new ApiDiscovery(dynamic.Http).TryResolveAsync("example.com/v1", "Widget", cancellationToken) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }

        Assert.That(await dynamic.Discovery.FindAsync("example.com/v1", "Widget", cancellationToken), Is.Null, "the cache keeps what it read until a miss refreshes it");
        var found = await dynamic.Discovery.TryResolveAsync("example.com/v1", "Widget", cancellationToken);
        Assert.That(found, Is.Not.Null, "a miss reads the group version again");
        Assert.Multiple(async () =>
        {
            Assert.That(found!.Plural, Is.EqualTo("widgets"));
            Assert.That(found.Namespaced, Is.True);
            Assert.That(found.Path("team", "w1", "status"), Is.EqualTo("/apis/example.com/v1/namespaces/team/widgets/w1/status"));
            Assert.That(await dynamic.Discovery.ServesAsync("example.com/v1", cancellationToken), Is.True);
            Assert.That(await dynamic.Discovery.FindAsync("example.com/v1", "Widget", cancellationToken), Is.EqualTo(found), "and keeps it");
        });
    }

    [Test]
    public async Task AllListsEveryKindOnceWithoutSubresources(CancellationToken cancellationToken)
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions());
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath));
        var discovery = new DynamicClient(client).Discovery;

        var all = await discovery.AllAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(all.Select(r => $"{r.ApiVersion}/{r.Kind}"), Is.Unique);
            Assert.That(all.Where(r => r.Plural.Contains('/', StringComparison.Ordinal)), Is.Empty);
            Assert.That(all.Single(r => r.ApiVersion == "apps/v1" && r.Kind == "Deployment").Verbs, Does.Contain("watch"));
            Assert.That(all.Single(r => r.ApiVersion == "v1" && r.Kind == "Namespace").Namespaced, Is.False);
        });
    }

    private static JsonObject Crd() => JsonNode.Parse("""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
         "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList"},
                 "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """)!.AsObject();
}

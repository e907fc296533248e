using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PlatformValidation.Fakes.ArgoCd.Kube;
using PlatformValidation.Fakes.ArgoCd.Sync;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Kube;

/// <summary>Client-side apply is create-or-update, as <c>kubectl apply</c> is: never "already exists" for an object someone else just created.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public class ClientSideApplyTests
{
    [Test]
    public async Task ApplyUpdatesAnObjectCreatedBySomeoneElseBetweenItsReadAndItsCreate(CancellationToken cancellationToken)
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions());
        using var other = cluster.CreateClient();
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath);

        // Two apps with CreateNamespace=true for one namespace: the other one creates it right after our read.
        using var racing = new Kubernetes(config, new CreateAfterRead("/api/v1/namespaces/shared", () => other.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shared" } }, cancellationToken: cancellationToken)));
        var dynamic = new DynamicClient(racing);
        var ops = new KubeResourceOperations(dynamic.Http, dynamic.Discovery, TimeProvider.System);
        var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "shared", ["labels"] = new JsonObject { ["team"] = "a" } } };

        var message = await ops.ApplyAsync(ns, ApplyStrategy.ClientSide, dryRun: false, cancellationToken);

        var live = await other.CoreV1.ReadNamespaceAsync("shared", cancellationToken: cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(message, Does.Not.Contain("created"), "the object was not created by this apply");
            Assert.That(live.Metadata.Labels?["team"], Is.EqualTo("a"), "the apply updated what the other writer created");
        });
    }

    /// <summary>Lets the first GET of <paramref name="path"/> through, then runs <paramref name="create"/> before the caller sees the answer.</summary>
    private sealed class CreateAfterRead(string path, Func<Task> create) : DelegatingHandler
    {
        private int done;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method == HttpMethod.Get && request.RequestUri?.AbsolutePath == path && Interlocked.Exchange(ref done, 1) == 0)
            {
                await create();
            }

            return response;
        }
    }
}

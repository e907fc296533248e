using PlatformValidation.AppHost.Resources;
using PlatformValidation.AppHost.Resources.ArgoCd;
using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Substrates.K3s;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.AppHost.Tests.Substrates;

public sealed class ArgoCdInstallTests
{
    private const string Manifest = """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: argocd-application-controller
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: applications.argoproj.io
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: argocd-application-controller
        subjects:
          - kind: ServiceAccount
            name: argocd-application-controller
            namespace: argocd
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: argocd-cm
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: argocd-application-controller
        """;

    [Test]
    public void ThePlanCreatesTheNamespaceThenCrdsThenTheRestPlacedInTheNamespace()
    {
        var plan = ArgoCdInstallPlan.From(Manifest, "gitops", TimeSpan.FromSeconds(10));
        var kinds = plan.Objects.Select(o => o["kind"]!.GetValue<string>()).ToList();
        Assert.That(kinds, Is.EqualTo(new[] { "Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRoleBinding", "ConfigMap", "StatefulSet" }));
        Assert.That(plan.Objects[2]["metadata"]!["namespace"]!.GetValue<string>(), Is.EqualTo("gitops"));
        Assert.That(plan.Objects[1]["metadata"]!["namespace"], Is.Null, "CRDs are cluster-scoped");
        Assert.That(plan.Objects[3]["metadata"]!["namespace"], Is.Null);
        Assert.That(plan.Objects[3]["subjects"]![0]!["namespace"]!.GetValue<string>(), Is.EqualTo("gitops"));
        Assert.That(plan.Objects[4]["data"]!["timeout.reconciliation"]!.GetValue<string>(), Is.EqualTo("10s"));
        Assert.That(plan.Workloads, Is.EqualTo(new[] { ("StatefulSet", "argocd-application-controller") }));
    }

    [Test]
    public async Task AManifestWhoseChecksumDiffersIsRefusedWithWhatToUse()
    {
        var dir = Directory.CreateTempSubdirectory("pv-argocd-");
        try
        {
            var file = Path.Combine(dir.FullName, "install.yaml");
            await File.WriteAllTextAsync(file, Manifest);
            var source = ArgoCdManifestSource.Pinned(dir.FullName);
            var e = Assert.ThrowsAsync<ArgoCdInstallException>(() => source.GetAsync(file));
            Assert.That(e!.Message, Does.Contain(ImageTags.ArgoCdManifestSha256).And.Contain(ImageTags.ArgoCdVersion));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public async Task AVerifiedManifestIsDownloadedOnceAndThenReadFromTheCache()
    {
        var dir = Directory.CreateTempSubdirectory("pv-argocd-");
        try
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(Manifest);
            var source = new ArgoCdManifestSource("v0.0.1", new Uri("http://127.0.0.1/install.yaml"), ArgoCdManifestSource.Hash(bytes), dir.FullName);
            var handler = new CountingHandler(bytes);
            Assert.That(await source.GetAsync(null, handler), Is.EqualTo(Manifest));
            Assert.That(await source.GetAsync(null, handler), Is.EqualTo(Manifest));
            Assert.That(handler.Calls, Is.EqualTo(1));
            Assert.That(File.Exists(source.CachedPath), Is.True);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void TheInClusterGitServerIsNeverPulledAndServesTheRewrittenRepoUrl()
    {
        var manifests = InClusterGitServer.Manifests();
        var container = manifests[1]["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.That(container["imagePullPolicy"]!.GetValue<string>(), Is.EqualTo("Never"));
        Assert.That(container["image"]!.GetValue<string>(), Is.EqualTo(ImageTags.GitServer));
        Assert.That(InClusterGitServer.RepoUrl, Is.EqualTo("http://git-server.pv-git.svc.cluster.local/platform.git"));
        Assert.That(manifests[2]["spec"]!["ports"]![0]!["port"]!.GetValue<int>(), Is.EqualTo(80));
    }

    [Test]
    public void TheK3sNodeIsPatchedWithTheGpuLabelsAndCapacity()
    {
        var shape = new SubstrateOverrides([], [new StandInNode("gpu-l4", new Dictionary<string, string> { ["nvidia.com/gpu.product"] = "NVIDIA-L4" }, [], new Dictionary<string, string> { ["nvidia.com/gpu"] = "1", ["cpu"] = "8" }, SourceLocation.OfFile("scenario.yaml"))]);
        var (labels, status) = K3sClusterResource.NodePatches(shape).Single();
        Assert.That(labels["metadata"]!["labels"]!["nvidia.com/gpu.product"]!.GetValue<string>(), Is.EqualTo("NVIDIA-L4"));
        Assert.That(status["status"]!["capacity"]!["nvidia.com/gpu"]!.GetValue<string>(), Is.EqualTo("1"));
        Assert.That(status["status"]!["allocatable"]!["nvidia.com/gpu"]!.GetValue<string>(), Is.EqualTo("1"));
        Assert.That(status["status"]!["capacity"]!.AsObject().ContainsKey("cpu"), Is.False, "the real CPU capacity is the kubelet's");
    }

    private sealed class CountingHandler(byte[] body) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
        }
    }
}

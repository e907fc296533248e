using k8s.Models;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Lifecycle;

/// <summary>Finalizers, garbage collection and namespace deletion (https://kubernetes.io/docs/concepts/architecture/garbage-collection/).</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class LifecycleTests : ClusterFixture
{
    private async Task<V1ConfigMap> OwnerAsync(string ns, string name) =>
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name } }, ns);

    private async Task DependentAsync(string ns, string name, V1ConfigMap owner, bool block = false) =>
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, BlockOwnerDeletion = block }],
            },
        }, ns);

    private async Task<bool> SecretExistsAsync(string ns, string name) =>
        (await Client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: $"metadata.name={name}")).Items.Count > 0;

    [Test]
    public async Task ObjectWithFinalizerGetsDeletionTimestampAndGoesWhenFinalizersAreRemoved()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "f", Finalizers = ["example.com/wait"] } }, ns);
        var (status, body, _) = await SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/configmaps/f");
        Assert.That(status, Is.EqualTo(202));
        Assert.That(body!["metadata"]!["deletionTimestamp"], Is.Not.Null);
        Assert.That(body["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>(), Is.Zero);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""[{"op":"remove","path":"/metadata/finalizers"}]""", V1Patch.PatchType.JsonPatch), "f", ns);
        var (after, _, _) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/f");
        Assert.That(after, Is.EqualTo(404));
    }

    [Test]
    public async Task BackgroundDeletionRemovesDependents()
    {
        var ns = await CreateNamespaceAsync();
        var owner = await OwnerAsync(ns, "owner");
        await DependentAsync(ns, "dep", owner);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Background");
        await EventuallyAsync(async () => !await SecretExistsAsync(ns, "dep"), "the dependent to be garbage collected");
    }

    [Test]
    public async Task OrphanDeletionKeepsDependentsWithoutTheOwnerReference()
    {
        var ns = await CreateNamespaceAsync();
        var owner = await OwnerAsync(ns, "owner");
        await DependentAsync(ns, "dep", owner);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Orphan");
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/owner")).Status == 404, "the owner to be deleted");
        var dep = await Client.CoreV1.ReadNamespacedSecretAsync("dep", ns);
        Assert.That(dep.Metadata.OwnerReferences ?? [], Is.Empty);
    }

    [Test]
    public async Task ForegroundDeletionWaitsForBlockingDependents()
    {
        var ns = await CreateNamespaceAsync();
        var owner = await OwnerAsync(ns, "owner");
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "dep",
                Finalizers = ["example.com/slow"],
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, BlockOwnerDeletion = true }],
            },
        }, ns);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Foreground");
        var pending = await Client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns);
        Assert.That(pending.Metadata.Finalizers, Does.Contain("foregroundDeletion"));
        await EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedSecretAsync("dep", ns)).Metadata.DeletionTimestamp is not null, "the dependent to be deleting");
        await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "dep", ns);
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/owner")).Status == 404, "the owner to go after its dependent");
    }

    [Test]
    public async Task DependentOfAMissingOwnerIsCollected()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "dangling", OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "ghost", Uid = Guid.NewGuid().ToString() }] },
        }, ns);
        await EventuallyAsync(async () => !await SecretExistsAsync(ns, "dangling"), "the dangling dependent to be collected");
    }

    [Test]
    public async Task NamespaceDeletionCascadesAndEnds()
    {
        var ns = await CreateNamespaceAsync();
        await OwnerAsync(ns, "content");
        var (status, terminating, _) = await SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}");
        Assert.That(status, Is.EqualTo(202));
        Assert.That(terminating!["status"]!["phase"]!.GetValue<string>(), Is.EqualTo("Terminating"));
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}")).Status == 404, "the namespace to be finalized");
    }

    [Test]
    public async Task NamespaceWithFinalizedContentReportsRemainingContentConditions()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "stuck", Finalizers = ["example.com/hold"] } }, ns);
        await Client.CoreV1.DeleteNamespaceAsync(ns);
        var namespaceObj = await EventuallyAsync(async () =>
        {
            var n = await Client.CoreV1.ReadNamespaceAsync(ns);
            return n.Status.Conditions?.Any(c => c.Type == "NamespaceFinalizersRemaining" && c.Status == "True") == true ? n : null;
        }, "the namespace to report remaining finalizers");
        Assert.That(namespaceObj.Status.Conditions.First(c => c.Type == "NamespaceFinalizersRemaining").Message, Does.Contain("example.com/hold"));
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "stuck", ns);
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}")).Status == 404, "the namespace to be finalized");
    }

    [Test]
    public async Task EveryNamespaceGetsADefaultServiceAccount()
    {
        var ns = await CreateNamespaceAsync();
        await EventuallyAsync(async () => (await Client.CoreV1.ListNamespacedServiceAccountAsync(ns)).Items.Any(s => s.Metadata.Name == "default"), "the default ServiceAccount");
    }

    [Test]
    public async Task EventsAreReadableAsCoreV1AndEventsV1WithTheirFieldSelectors()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i:1" }] } }, ns);
        await EventuallyAsync(async () => (await Client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: "involvedObject.name=p,reason=Scheduled")).Items.Count == 1, "a core/v1 Scheduled event");
        var (status, list, _) = await SendAsync(HttpMethod.Get, $"/apis/events.k8s.io/v1/namespaces/{ns}/events?fieldSelector=regarding.name%3Dp");
        Assert.That(status, Is.EqualTo(200));
        var scheduled = list!["items"]!.AsArray().First(e => e!["reason"]!.GetValue<string>() == "Scheduled")!;
        Assert.That(scheduled["apiVersion"]!.GetValue<string>(), Is.EqualTo("events.k8s.io/v1"));
        Assert.That(scheduled["regarding"]!["kind"]!.GetValue<string>(), Is.EqualTo("Pod"));
        Assert.That(scheduled["note"]!.GetValue<string>(), Does.Contain($"Successfully assigned {ns}/p"));
    }

    [Test]
    public async Task FreshClusterHasK3sDefaultObjects()
    {
        var namespaces = (await Client.CoreV1.ListNamespaceAsync()).Items.Select(n => n.Metadata.Name).ToList();
        Assert.That(namespaces, Is.SupersetOf(new[] { "default", "kube-system", "kube-public", "kube-node-lease" }));
        var svc = await Client.CoreV1.ReadNamespacedServiceAsync("kubernetes", "default");
        Assert.That(svc.Spec.ClusterIP, Is.EqualTo("10.43.0.1"));
        var sc = await Client.StorageV1.ReadStorageClassAsync("local-path");
        Assert.That(sc.Metadata.Annotations["storageclass.kubernetes.io/is-default-class"], Is.EqualTo("true"));
    }
}

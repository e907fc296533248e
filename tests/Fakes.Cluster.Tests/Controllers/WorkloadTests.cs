using k8s.Models;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Controllers;

/// <summary>Workload controllers, scheduler and kubelet as a cluster runs them.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class WorkloadTests : ClusterFixture
{
    protected override SimulatedClusterOptions Options => base.Options with
    {
        GpuNodes = 1,
        UnpullableImages = ["registry.invalid/*"],
        ContainerExitCodes = new Dictionary<string, int> { ["*fails*"] = 1 },
    };

    private static V1Deployment Deployment(string name, int replicas, string image = "nginx:1.27", string? strategy = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Strategy = strategy is null ? null : new V1DeploymentStrategy { Type = strategy },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = image, Ports = [new V1ContainerPort { ContainerPort = 8080 }] }] },
            },
        },
    };

    private async Task<V1Deployment> AvailableAsync(string ns, string name, int replicas) =>
        await EventuallyAsync(async () =>
        {
            var d = await Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
            return d.Status?.AvailableReplicas == replicas && d.Status.UpdatedReplicas == replicas && d.Status.Replicas == replicas && d.Status.ObservedGeneration == d.Metadata.Generation ? d : null;
        }, $"deployment {name} to have {replicas} available replicas");

    [Test]
    public async Task DeploymentBecomesAvailableThroughReplicaSetAndPods()
    {
        var ns = await CreateNamespaceAsync();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 2), ns);
        var d = await AvailableAsync(ns, "web", 2);
        Assert.That(d.Status.Conditions.First(c => c.Type == "Available").Status, Is.EqualTo("True"));
        Assert.That(d.Status.Conditions.First(c => c.Type == "Progressing").Reason, Is.EqualTo("NewReplicaSetAvailable"));
        var rs = (await Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.Single();
        Assert.That(rs.Metadata.Labels, Does.ContainKey("pod-template-hash"));
        var pods = (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items;
        Assert.That(pods.All(p => p.Status.Phase == "Running" && p.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True")), Is.True);
        Assert.That(pods.All(p => p.Status.ContainerStatuses.Single().Ready), Is.True);
        var events = (await Client.CoreV1.ListNamespacedEventAsync(ns)).Items.Select(e => e.Reason).ToList();
        Assert.That(events, Is.SupersetOf(new[] { "ScalingReplicaSet", "SuccessfulCreate", "Scheduled", "Pulled", "Started" }));
    }

    [Test]
    public async Task TemplateChangeRollsOutANewReplicaSet()
    {
        var ns = await CreateNamespaceAsync();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("roll", 3), ns);
        await AvailableAsync(ns, "roll", 3);
        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"nginx:1.28"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "roll", ns);
        await AvailableAsync(ns, "roll", 3);
        var sets = (await Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items;
        Assert.That(sets, Has.Count.EqualTo(2));
        Assert.That(sets.Single(s => s.Spec.Replicas == 3).Spec.Template.Spec.Containers[0].Image, Is.EqualTo("nginx:1.28"));
        Assert.That(sets.Single(s => s.Spec.Replicas == 0).Metadata.Annotations["deployment.kubernetes.io/revision"], Is.EqualTo("1"));
    }

    [Test]
    public async Task RecreateStrategyRemovesOldPodsBeforeStartingNewOnes()
    {
        var ns = await CreateNamespaceAsync();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("rc", 2, strategy: "Recreate"), ns);
        await AvailableAsync(ns, "rc", 2);
        var seenMixed = false;
        using var cts = new CancellationTokenSource(TestTimeouts.Medium);
        var observer = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                var images = (await Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: cts.Token)).Items.Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase == "Running").Select(p => p.Spec.Containers[0].Image).Distinct().Count();
                seenMixed |= images > 1;
                await Task.Delay(20, cts.Token);
            }
        }, cts.Token);
        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"nginx:1.29"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "rc", ns);
        await AvailableAsync(ns, "rc", 2);
        await cts.CancelAsync();
        try
        {
            await observer;
        }
        catch (OperationCanceledException)
        {
            // Stopped observing.
        }

        Assert.That(seenMixed, Is.False, "Recreate never runs old and new pods side by side");
    }

    [Test]
    public async Task RequiredNodeAffinitySelectsTheNode()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "pinned" },
            Spec = new V1PodSpec
            {
                Affinity = new V1Affinity
                {
                    NodeAffinity = new V1NodeAffinity
                    {
                        RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                        {
                            NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "nvidia.com/gpu.present", OperatorProperty = "DoesNotExist" }] }],
                        },
                    },
                },
                Containers = [new V1Container { Name = "c", Image = "i:1" }],
            },
        }, ns);
        var pod = await EventuallyAsync(async () => await Client.CoreV1.ReadNamespacedPodAsync("pinned", ns) is { Spec.NodeName: { Length: > 0 } } p ? p : null, "the pod to be scheduled");
        Assert.That(pod.Spec.NodeName, Is.EqualTo("sim-server"));
    }

    [Test]
    public async Task IngressGetsALoadBalancerAddress()
    {
        var ns = await CreateNamespaceAsync();
        await Client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1IngressSpec { Rules = [new V1IngressRule { Host = "web.example.com", Http = new V1HTTPIngressRuleValue { Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } } } }] } }] },
        }, ns);
        var ingress = await EventuallyAsync(async () => await Client.NetworkingV1.ReadNamespacedIngressAsync("web", ns) is { Status.LoadBalancer.Ingress.Count: > 0 } i ? i : null, "an ingress address");
        Assert.That(ingress.Status.LoadBalancer.Ingress[0].Ip, Is.Not.Empty);
    }

    [Test]
    public async Task ScaleSubresourceScalesADeployment()
    {
        var ns = await CreateNamespaceAsync();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("scaled", 1), ns);
        await AvailableAsync(ns, "scaled", 1);
        await Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "scaled", ns);
        await AvailableAsync(ns, "scaled", 3);
        var scale = await Client.AppsV1.ReadNamespacedDeploymentScaleAsync("scaled", ns);
        Assert.That(scale.Status.Replicas, Is.EqualTo(3));
        Assert.That(scale.Status.Selector, Is.EqualTo("app=scaled"));
    }

    [Test]
    public async Task ProgressDeadlineExceededWhenPodsNeverBecomeReady()
    {
        var ns = await CreateNamespaceAsync();
        var d = Deployment("stuck", 1, "registry.invalid/never:1");
        d.Spec.ProgressDeadlineSeconds = 1;
        await Client.AppsV1.CreateNamespacedDeploymentAsync(d, ns);
        var result = await EventuallyAsync(async () =>
        {
            var x = await Client.AppsV1.ReadNamespacedDeploymentAsync("stuck", ns);
            return x.Status?.Conditions?.Any(c => c.Type == "Progressing" && c.Reason == "ProgressDeadlineExceeded") == true ? x : null;
        }, "ProgressDeadlineExceeded");
        Assert.That(result.Status.Conditions.First(c => c.Type == "Progressing").Status, Is.EqualTo("False"));
    }

    [Test]
    public async Task UnpullableImageEndsInImagePullBackOff()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "registry.invalid/app:1" }] } }, ns);
        await EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedPodAsync("p", ns)).Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "ImagePullBackOff", "ImagePullBackOff");
        var pod = await Client.CoreV1.ReadNamespacedPodAsync("p", ns);
        Assert.That(pod.Status.Phase, Is.EqualTo("Pending"));
    }

    [Test]
    public async Task MissingSecretGivesCreateContainerConfigErrorUntilItAppears()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "app:1", Env = [new V1EnvVar { Name = "TOKEN", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "creds", Key = "token" } } }] }] },
        }, ns);
        var waiting = await EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedPodAsync("p", ns)).Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting is { Reason: "CreateContainerConfigError" } w ? w : null, "CreateContainerConfigError");
        Assert.That(waiting.Message, Is.EqualTo("secret \"creds\" not found"));
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "creds" }, StringData = new Dictionary<string, string> { ["token"] = "t" } }, ns);
        await EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedPodAsync("p", ns)).Status?.Phase == "Running", "the pod to start once the Secret exists");
    }

    [Test]
    public async Task PodRequestingMoreGpusThanAnyNodeStaysPendingWithTheSchedulerMessage()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "gpu" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "vllm:1", Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1") } } }] },
        }, ns);
        var condition = await EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedPodAsync("gpu", ns)).Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False"), "PodScheduled=False");
        Assert.That(condition.Reason, Is.EqualTo("Unschedulable"));
        Assert.That(condition.Message, Does.StartWith("0/2 nodes are available: 1 Insufficient nvidia.com/gpu, 1 node(s) had untolerated taint {nvidia.com/gpu: present}."));
    }

    [Test]
    public async Task GpuPodWithTolerationSchedulesOnTheGpuNode()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "gpu" },
            Spec = new V1PodSpec
            {
                NodeSelector = new Dictionary<string, string> { ["nvidia.com/gpu.product"] = "NVIDIA-L4" },
                Tolerations = [new V1Toleration { Key = "nvidia.com/gpu", OperatorProperty = "Exists", Effect = "NoSchedule" }],
                Containers = [new V1Container { Name = "c", Image = "vllm:1", Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1") } } }],
            },
        }, ns);
        var pod = await EventuallyAsync(async () => await Client.CoreV1.ReadNamespacedPodAsync("gpu", ns) is { Status.Phase: "Running" } p ? p : null, "the GPU pod to run");
        Assert.That(pod.Spec.NodeName, Is.EqualTo("sim-gpu-1"));
    }

    [Test]
    public async Task JobCompletesAndFailingJobHitsItsBackoffLimit()
    {
        var ns = await CreateNamespaceAsync();
        V1Job Job(string name, string image) => new()
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1JobSpec { BackoffLimit = 1, Completions = 2, Parallelism = 1, Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "c", Image = image }] } } },
        };
        await Client.BatchV1.CreateNamespacedJobAsync(Job("ok", "worker:1"), ns);
        await Client.BatchV1.CreateNamespacedJobAsync(Job("bad", "fails:1"), ns);
        var ok = await EventuallyAsync(async () => await Client.BatchV1.ReadNamespacedJobAsync("ok", ns) is { } j && j.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true ? j : null, "job ok to complete");
        Assert.That(ok.Status.Succeeded, Is.EqualTo(2));
        var bad = await EventuallyAsync(async () => await Client.BatchV1.ReadNamespacedJobAsync("bad", ns) is { } j && j.Status?.Conditions?.Any(c => c.Type == "Failed" && c.Status == "True") == true ? j : null, "job bad to fail");
        Assert.That(bad.Status.Conditions.First(c => c.Type == "Failed").Reason, Is.EqualTo("BackoffLimitExceeded"));
        Assert.That(bad.Status.Failed, Is.EqualTo(2));
    }

    [Test]
    public async Task ContainerThatKeepsExitingGoesIntoCrashLoopBackOff()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "crash" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "fails:1" }] } }, ns);
        var status = await EventuallyAsync(async () => (await Client.CoreV1.ReadNamespacedPodAsync("crash", ns)).Status?.ContainerStatuses?.FirstOrDefault() is { State.Waiting.Reason: "CrashLoopBackOff" } s ? s : null, "CrashLoopBackOff");
        Assert.That(status.RestartCount, Is.GreaterThanOrEqualTo(1));
        Assert.That(status.LastState.Terminated.ExitCode, Is.EqualTo(1));
        Assert.That((await Client.CoreV1.ReadNamespacedPodAsync("crash", ns)).Status.Phase, Is.EqualTo("Running"));
    }

    [Test]
    public async Task StatefulSetCreatesOrderedPodsWithClaims()
    {
        var ns = await CreateNamespaceAsync();
        await Client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "db" },
            Spec = new V1StatefulSetSpec
            {
                Replicas = 2,
                ServiceName = "db",
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "db" } }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "db", Image = "postgres:16" }] } },
                VolumeClaimTemplates = [new V1PersistentVolumeClaim { Metadata = new V1ObjectMeta { Name = "data" }, Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } } } }],
            },
        }, ns);
        await EventuallyAsync(async () => (await Client.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Status?.ReadyReplicas == 2, "two ready replicas");
        var pods = (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal);
        Assert.That(pods, Is.EqualTo(new[] { "db-0", "db-1" }));
        var claims = (await Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ns)).Items;
        Assert.That(claims.Select(c => c.Metadata.Name).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "data-db-0", "data-db-1" }));
        Assert.That(claims.All(c => c.Status.Phase == "Bound" && c.Spec.StorageClassName == "local-path"), Is.True);
    }

    [Test]
    public async Task DaemonSetRunsOnlyOnNodesWhoseTaintsItTolerates()
    {
        var ns = await CreateNamespaceAsync();
        await Client.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = "agent" },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agent" } }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "a", Image = "agent:1" }] } },
            },
        }, ns);
        var ds = await EventuallyAsync(async () => await Client.AppsV1.ReadNamespacedDaemonSetAsync("agent", ns) is { Status.NumberReady: 1 } d ? d : null, "one ready daemon pod");
        Assert.That(ds.Status.DesiredNumberScheduled, Is.EqualTo(1));
        var pod = (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Single();
        Assert.That(pod.Spec.NodeName, Is.EqualTo("sim-server"));
    }

    [Test]
    public async Task ServiceGetsClusterIpAndEndpointsOfReadyPods()
    {
        var ns = await CreateNamespaceAsync();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("api", 2), ns);
        var svc = await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "api" }, Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "api" }, Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }] } }, ns);
        Assert.That(svc.Spec.ClusterIP, Does.StartWith("10.43."));
        var slice = await EventuallyAsync(async () => (await Client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns, labelSelector: "kubernetes.io/service-name=api")).Items.FirstOrDefault(s => s.Endpoints?.Count(e => e.Conditions.Ready == true) == 2), "two ready endpoints");
        Assert.That(slice.Ports.Single().Port, Is.EqualTo(8080));
        var endpoints = await Client.CoreV1.ReadNamespacedEndpointsAsync("api", ns);
        Assert.That(endpoints.Subsets.Single().Addresses, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task LoadBalancerServiceGetsAnIngressAddress()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "lb" }, Spec = new V1ServiceSpec { Type = "LoadBalancer", Ports = [new V1ServicePort { Port = 80 }] } }, ns);
        var svc = await EventuallyAsync(async () => await Client.CoreV1.ReadNamespacedServiceAsync("lb", ns) is { Status.LoadBalancer.Ingress.Count: > 0 } s ? s : null, "a load balancer address");
        Assert.That(svc.Spec.Ports[0].NodePort, Is.InRange(30000, 32767));
    }
}

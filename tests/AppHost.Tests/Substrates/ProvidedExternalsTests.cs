using System.Reflection;
using DotNet.Testcontainers.Configurations;
using PlatformValidation.AppHost.Cli;
using PlatformValidation.AppHost.Resources;
using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Substrates;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Kube;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Substrates;
using PlatformValidation.Validators.Scenarios;
using Testcontainers.K3s;

namespace PlatformValidation.AppHost.Tests.Substrates;

public sealed class ProvidedExternalsTests
{
    [Test]
    public void K3sDeclaresTheTraefikIngressClassItsBundledChartCreates()
    {
        Assert.That(ProvidedExternals.K3s.Missing([External("StorageClass", "local-path"), External("Namespace", "argocd"), External("IngressClass", "traefik")]), Is.Empty);
        Assert.That(ProvidedExternals.K3s.Objects.Single(o => o.Key == "IngressClass/traefik").By, Does.Contain("traefik"));
    }

    [Test]
    public void EveryExternalOfTheBundledSampleIsProvidedByK3s()
    {
        var sample = LiveScenarioFactory.Load(ScenarioLocator.FindBundled()!);
        Assert.That(sample.Model.Externals, Is.Not.Empty);
        Assert.That(ProvidedExternals.K3s.Missing(sample.Model.Externals), Is.Empty, "the bundled sample starts on k3s");
    }

    [Test]
    public void AnUnknownExternalNamesWhatTheSubstrateProvides()
    {
        var missing = ProvidedExternals.K3s.Missing([External("StorageClass", "gp3"), External("IngressClass", "nginx")]);
        var message = ProvidedExternals.K3s.Message("sample.yaml", missing);
        Assert.Multiple(() =>
        {
            Assert.That(missing, Has.Count.EqualTo(2));
            Assert.That(missing[0], Does.Contain("StorageClass/gp3").And.Contain("StorageClass/local-path").And.Contain("IngressClass/traefik"));
            Assert.That(message, Does.StartWith("sample.yaml: the scenario's `externals` list objects the k3s substrate does not provide: StorageClass/gp3"));
            Assert.That(message, Does.Contain("IngressClass/nginx").And.Contain("--substrate kubeconfig"));
        });
    }

    [Test]
    public void AnExternalTheSubstrateKnowinglyLacksIsReportedWithItsReason()
    {
        var noTraefik = ProvidedExternals.K3s with
        {
            Objects = [.. ProvidedExternals.K3s.Objects.Where(o => o.Kind != "IngressClass")],
            Absent = new Dictionary<string, string> { ["IngressClass/traefik"] = "k3s runs with --disable=traefik" },
        };
        var missing = noTraefik.Missing([External("IngressClass", "traefik"), External("Namespace", "default")]);
        Assert.That(missing.Single(), Is.EqualTo("IngressClass/traefik (k3s runs with --disable=traefik)"));
    }

    [Test]
    public void TheStartCheckFailsWithTheMessageWhenAnExternalIsNotProvided()
    {
        var sample = LiveScenarioFactory.Load(ScenarioLocator.FindBundled()!);
        var scenario = sample with { Model = sample.Model with { Externals = [.. sample.Model.Externals, External("IngressClass", "nginx")] } };
        var check = new ExternalsCheckResource("externals", scenario, ProvidedExternals.K3s);
        var e = Assert.ThrowsAsync<ScenarioRunException>(() => check.StartAsync(null!));
        Assert.That(e!.Message, Does.StartWith(scenario.SourceFile + ": the scenario's `externals`").And.Contain("IngressClass/nginx (not among what the k3s substrate provides"));
        Assert.DoesNotThrowAsync(() => new ExternalsCheckResource("externals", sample, ProvidedExternals.K3s).StartAsync(null!));
    }

    [Test]
    public void TheK3sContainerRunsK3sDefaultCommandSoTraefikIsNotDisabled()
    {
        // Testcontainers.K3s' own command disables traefik; the substrate's builder replaces it.
        Assert.That(Command(new K3sBuilder(ImageTags.K3s)), Does.Contain("--disable=traefik"), "the module's default this guards against");
        Assert.That(Command(K3sClusterResource.Builder(ImageTags.K3s)), Is.EqualTo(new[] { "server" }));
    }

    [Test]
    public async Task TheDeclarationIsCheckedAgainstTheRunningCluster()
    {
        // The simulated cluster has k3s' defaults (traefik, local-path, the standard namespaces).
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions(), TestTimeouts.Token(TestTimeouts.Medium));
        using var client = KubeClients.FromKubeconfig(cluster.KubeconfigPath);
        var dynamic = new DynamicClient(client);
        var withNginx = ProvidedExternals.K3s with { Objects = [.. ProvidedExternals.K3s.Objects, new ProvidedObject("networking.k8s.io/v1", "IngressClass", "nginx", "ingress-nginx")] };
        Assert.Multiple(async () =>
        {
            Assert.That(await ProvidedExternals.K3s.NotYetOnClusterAsync(dynamic, TestTimeouts.Token(TestTimeouts.Medium)), Is.Empty, "argocd is left to the Argo CD install");
            Assert.That(await withNginx.NotYetOnClusterAsync(dynamic, TestTimeouts.Token(TestTimeouts.Medium)), Is.EqualTo(new[] { "IngressClass/nginx (from ingress-nginx)" }));
        });
    }

    private static IEnumerable<string> Command(K3sBuilder builder)
    {
        var configuration = (IContainerConfiguration)typeof(K3sBuilder).GetProperty("DockerResourceConfiguration", BindingFlags.Instance | BindingFlags.NonPublic, null, typeof(K3sConfiguration), Type.EmptyTypes, null)!.GetValue(builder)!;
        return configuration.Command;
    }

    private static ExternalObject External(string kind, string name) => new(null, kind, null, name, new PlatformValidation.Validators.Loading.SourceLocation("sample.yaml", 1, 1));
}

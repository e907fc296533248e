using PlatformValidation.Fakes.Cluster.Hosting;

namespace PlatformValidation.Fakes.Cluster.Tests.Hosting;

/// <summary>The kubeconfig the simulated cluster writes is read by KubernetesClient's own loader and reaches the sim.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class KubeconfigTests
{
    [Test]
    public async Task WrittenKubeconfigLoadsWithKubernetesClientAndTalksToTheSim(CancellationToken cancellationToken)
    {
        await using var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { ContextName = "sim-test" });

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath);
        using var client = new Kubernetes(config);
        var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(config.CurrentContext, Is.EqualTo("sim-test"));
            Assert.That(config.Namespace, Is.EqualTo("default"));
            Assert.That(new Uri(config.Host), Is.EqualTo(cluster.Uri));
            Assert.That(config.AccessToken, Is.Not.Empty);
            Assert.That(config.SslCaCerts, Is.Not.Null.And.Not.Empty, "the simulated CA is trusted from certificate-authority-data");
            Assert.That(namespaces.Items.Select(n => n.Metadata.Name), Does.Contain("default"));
        });
    }

    [Test]
    public void RenderedYamlRoundTripsThroughKubernetesClientsModel()
    {
        var yaml = Kubeconfig.Render(new Uri("https://127.0.0.1:6443/"), "t0ken", "ctx", "Q0E=");

        var model = KubernetesYaml.Deserialize<k8s.KubeConfigModels.K8SConfiguration>(yaml);

        Assert.Multiple(() =>
        {
            Assert.That(yaml, Does.Contain("apiVersion: v1").And.Contain("kind: Config").And.Contain("current-context: ctx"));
            Assert.That(model.Clusters.Single().ClusterEndpoint.Server, Is.EqualTo("https://127.0.0.1:6443"));
            Assert.That(model.Clusters.Single().ClusterEndpoint.CertificateAuthorityData, Is.EqualTo("Q0E="));
            Assert.That(model.Users.Single().UserCredentials.Token, Is.EqualTo("t0ken"));
            Assert.That(model.Contexts.Single().ContextDetails.Namespace, Is.EqualTo("default"));
        });
    }
}

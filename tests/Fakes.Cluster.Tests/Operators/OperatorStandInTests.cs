using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Operators;

/// <summary>Operator stand-ins driven by the shared well-known-operators table.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class OperatorStandInTests : ClusterFixture
{
    private async Task CrdAsync(string group, string plural, string kind, bool status = true)
    {
        var sub = status ? "\"subresources\":{\"status\":{}}," : string.Empty;
        await SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"__0__.__1__"},
             "spec":{"group":"__2__","scope":"Namespaced","names":{"plural":"__3__","kind":"__4__"},
              "versions":[{"name":"v1",__5__"served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
            """.Replace("__0__", plural, StringComparison.Ordinal).Replace("__1__", group, StringComparison.Ordinal).Replace("__2__", group, StringComparison.Ordinal).Replace("__3__", plural, StringComparison.Ordinal).Replace("__4__", kind, StringComparison.Ordinal).Replace("__5__", sub, StringComparison.Ordinal));
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, $"/apis/{group}/v1")).Status == 200, $"{kind} to be served");
    }

    [Test]
    public async Task ExternalSecretProducesItsTargetSecretOwnedByIt()
    {
        await CrdAsync("external-secrets.io", "externalsecrets", "ExternalSecret");
        var ns = await CreateNamespaceAsync();
        await SendAsync(HttpMethod.Post, $"/apis/external-secrets.io/v1/namespaces/{ns}/externalsecrets", """{"apiVersion":"external-secrets.io/v1","kind":"ExternalSecret","metadata":{"name":"es"},"spec":{"target":{"name":"app-creds"},"data":[{"secretKey":"password","remoteRef":{"key":"x"}}]}}""");
        var secret = await EventuallyAsync(async () => (await Client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "metadata.name=app-creds")).Items.FirstOrDefault(), "the target Secret");
        Assert.That(secret.Data.Keys, Does.Contain("password"));
        Assert.That(secret.Metadata.OwnerReferences.Single().Kind, Is.EqualTo("ExternalSecret"));
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, $"/apis/external-secrets.io/v1/namespaces/{ns}/externalsecrets/es")).Body?["status"]?["conditions"]?[0]?["status"]?.GetValue<string>() == "True", "Ready=True");
    }

    [Test]
    public async Task CloudNativePgClusterGetsAppSecretServicesAndReady()
    {
        await CrdAsync("postgresql.cnpg.io", "clusters", "Cluster");
        var ns = await CreateNamespaceAsync();
        await SendAsync(HttpMethod.Post, $"/apis/postgresql.cnpg.io/v1/namespaces/{ns}/clusters", """{"apiVersion":"postgresql.cnpg.io/v1","kind":"Cluster","metadata":{"name":"pg"},"spec":{"instances":2}}""");
        await EventuallyAsync(async () => (await Client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "metadata.name=pg-app")).Items.Count == 1, "pg-app Secret");
        var services = await EventuallyAsync(async () => (await Client.CoreV1.ListNamespacedServiceAsync(ns)).Items is { Count: 3 } s ? s : null, "three services");
        Assert.That(services.Select(s => s.Metadata.Name).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "pg-r", "pg-ro", "pg-rw" }));
        Assert.That((await Client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "metadata.name=pg-superuser")).Items, Is.Empty, "superuser access is off by default");
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, $"/apis/postgresql.cnpg.io/v1/namespaces/{ns}/clusters/pg")).Body?["status"]?["readyInstances"]?.GetValue<long>() == 2, "readyInstances");
    }

    [Test]
    public async Task InferenceServiceIsReadyOnlyOnceItsPredictorRuns()
    {
        await CrdAsync("serving.kserve.io", "inferenceservices", "InferenceService");
        var ns = await CreateNamespaceAsync();
        await SendAsync(HttpMethod.Post, $"/apis/serving.kserve.io/v1/namespaces/{ns}/inferenceservices", """{"apiVersion":"serving.kserve.io/v1","kind":"InferenceService","metadata":{"name":"llm"},"spec":{"predictor":{"containers":[{"name":"c","image":"kserve/huggingfaceserver:v0.15.0"}]}}}""");
        var deployment = await EventuallyAsync(async () => (await Client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items.FirstOrDefault(), "the predictor deployment");
        Assert.That(deployment.Metadata.Name, Is.EqualTo("llm-predictor"));
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, $"/apis/serving.kserve.io/v1/namespaces/{ns}/inferenceservices/llm")).Body?["status"]?["conditions"]?.AsArray().Any(c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "True") == true, "Ready=True after the predictor is available");
        await Client.CoreV1.DeleteNamespacedServiceAsync("llm-predictor", ns);
        await EventuallyAsync(async () => (await Client.CoreV1.ListNamespacedServiceAsync(ns, fieldSelector: "metadata.name=llm-predictor")).Items.Count == 1, "the predictor Service to be recreated");
    }

    [Test]
    public async Task CertificateGetsATlsSecret()
    {
        await CrdAsync("cert-manager.io", "certificates", "Certificate");
        var ns = await CreateNamespaceAsync();
        await SendAsync(HttpMethod.Post, $"/apis/cert-manager.io/v1/namespaces/{ns}/certificates", """{"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"web"},"spec":{"secretName":"web-tls","dnsNames":["web.example.com"]}}""");
        var secret = await EventuallyAsync(async () => (await Client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "metadata.name=web-tls")).Items.FirstOrDefault(), "the TLS Secret");
        Assert.That(secret.Type, Is.EqualTo("kubernetes.io/tls"));
        Assert.That(secret.Data.Keys, Is.SupersetOf(new[] { "tls.crt", "tls.key" }));
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, $"/apis/cert-manager.io/v1/namespaces/{ns}/certificates/web")).Body?["status"]?["conditions"]?.AsArray().Any(c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "True") == true, "Ready=True");
    }

    [Test]
    public async Task KindsWithoutTheirCrdAreNotActedOn()
    {
        var ns = await CreateNamespaceAsync();
        var (status, _, _) = await SendAsync(HttpMethod.Post, $"/apis/bitnami.com/v1alpha1/namespaces/{ns}/sealedsecrets", """{"apiVersion":"bitnami.com/v1alpha1","kind":"SealedSecret","metadata":{"name":"s"},"spec":{"encryptedData":{"k":"x"}}}""");
        Assert.That(status, Is.EqualTo(404));
        Assert.That((await Client.CoreV1.ListNamespacedSecretAsync(ns)).Items, Is.Empty);
    }
}

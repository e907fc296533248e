using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Api;

/// <summary>Bad input always gets a Kubernetes-shaped Status, never a crash; the server keeps serving.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class BadInputTests : ClusterFixture
{
    [TestCase("{not json", "application/json")]
    [TestCase("[1,2,3]", "application/json")]
    [TestCase("", "application/json")]
    [TestCase("a: [unclosed", "application/yaml")]
    public async Task MalformedBodiesAreBadRequest(string body, string contentType)
    {
        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body, contentType);
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json!["kind"]!.GetValue<string>(), Is.EqualTo("Status"));
        Assert.That(json["reason"]!.GetValue<string>(), Is.EqualTo("BadRequest"));
        Assert.That((await SendAsync(HttpMethod.Get, "/api/v1/namespaces/default")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task ProtobufBodyIsUnsupportedMediaType()
    {
        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", "k8s\0x", "application/vnd.kubernetes.protobuf");
        Assert.That(status, Is.EqualTo(415));
        Assert.That(json!["reason"]!.GetValue<string>(), Is.EqualTo("UnsupportedMediaType"));
    }

    [Test]
    public async Task UnknownResourceIsNotFound()
    {
        var (status, json, _) = await SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/gizmos");
        Assert.That(status, Is.EqualTo(404));
        Assert.That(json!["message"]!.GetValue<string>(), Is.EqualTo("the server could not find the requested resource"));
    }

    [Test]
    public async Task KindMismatchWithTheUrlIsBadRequest()
    {
        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}}""");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json!["message"]!.GetValue<string>(), Is.EqualTo("the kind in the data (Secret) does not match the expected kind (ConfigMap)"));
    }

    [Test]
    public async Task NameMismatchOnUpdateIsBadRequest()
    {
        var (status, json, _) = await SendAsync(HttpMethod.Put, "/api/v1/namespaces/default/configmaps/a", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"}}""");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json!["message"]!.GetValue<string>(), Is.EqualTo("the name of the object (b) does not match the name on the URL (a)"));
    }

    [Test]
    public async Task UnparsableLabelSelectorIsBadRequest()
    {
        var (status, json, _) = await SendAsync(HttpMethod.Get, "/api/v1/configmaps?labelSelector=a%20in%20b");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json!["message"]!.GetValue<string>(), Does.StartWith("unable to parse requirement"));
    }

    [Test]
    public async Task UnknownPatchContentTypeIsUnsupportedMediaType()
    {
        var (status, _, _) = await SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default", "{}", "text/plain");
        Assert.That(status, Is.EqualTo(415));
    }

    [Test]
    public async Task InvalidContinueTokenIsBadRequest()
    {
        var (status, _, _) = await SendAsync(HttpMethod.Get, "/api/v1/configmaps?limit=1&continue=%%%");
        Assert.That(status, Is.EqualTo(400));
    }

    [Test]
    public async Task StaleResourceVersionInWatchIsNotACrash()
    {
        var (status, _, response) = await SendAsync(HttpMethod.Get, "/api/v1/namespaces?watch=true&resourceVersion=notanumber");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
    }

    [Test]
    public async Task InvalidDryRunValueIsBadRequest()
    {
        var (status, _, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps?dryRun=Some", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""");
        Assert.That(status, Is.EqualTo(400));
    }

    [Test]
    public async Task DeploymentWhoseSelectorDoesNotMatchItsTemplateIsInvalid()
    {
        var (status, json, _) = await SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"mismatch"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"c"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""");
        Assert.That(status, Is.EqualTo(422));
        Assert.That(json!["message"]!.GetValue<string>(), Does.Contain("`selector` does not match template `labels`"));
    }
}

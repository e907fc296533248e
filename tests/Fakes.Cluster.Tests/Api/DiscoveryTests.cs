using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Api;

/// <summary>Discovery and OpenAPI as clients read them (https://kubernetes.io/docs/concepts/overview/kubernetes-api/#discovery-api).</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class DiscoveryTests : ClusterFixture
{
    [Test]
    public async Task VersionReportsTheImitatedK3sRelease()
    {
        var version = await Client.Version.GetCodeAsync();
        Assert.That(version.GitVersion, Does.StartWith("v1.32"));
        Assert.That(version.Major, Is.EqualTo("1"));
    }

    [Test]
    public async Task RequestsWithoutTheBearerTokenAreUnauthorized()
    {
        using var anonymous = CreateHttp(Cluster.KubeconfigPath);
        anonymous.DefaultRequestHeaders.Authorization = null;
        var response = await anonymous.GetAsync("/api/v1/namespaces");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((int)response.StatusCode, Is.EqualTo(401));
        Assert.That(body["reason"]!.GetValue<string>(), Is.EqualTo("Unauthorized"));
    }

    [Test]
    public async Task AggregatedDiscoveryListsGroupsWithResourcesAndSubresources()
    {
        var (status, body, response) = await SendAsync(HttpMethod.Get, "/apis", accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType!.ToString(), Does.Contain("as=APIGroupDiscoveryList"));
        var apps = body!["items"]!.AsArray().First(i => i!["metadata"]!["name"]?.GetValue<string>() == "apps")!;
        var deployments = apps["versions"]![0]!["resources"]!.AsArray().First(r => r!["resource"]!.GetValue<string>() == "deployments")!;
        Assert.That(deployments["scope"]!.GetValue<string>(), Is.EqualTo("Namespaced"));
        Assert.That(deployments["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()), Does.Contain("deploy"));
        Assert.That(deployments["subresources"]!.AsArray().Select(s => s!["subresource"]!.GetValue<string>()), Is.SupersetOf(new[] { "scale", "status" }));
    }

    [Test]
    public async Task LegacyDiscoveryServesGroupListAndResourceLists()
    {
        var groups = await Client.Apis.GetAPIVersionsAsync();
        Assert.That(groups.Groups.Select(g => g.Name), Does.Contain("apps").And.Contain("apiextensions.k8s.io"));
        var core = await Client.CoreV1.GetAPIResourcesAsync();
        var pods = core.Resources.First(r => r.Name == "pods");
        Assert.That(pods.Namespaced, Is.True);
        Assert.That(pods.Verbs, Does.Contain("watch"));
        Assert.That(core.Resources.Select(r => r.Name), Does.Contain("pods/log").And.Contain("services/proxy"));
    }

    [Test]
    public async Task UnknownGroupVersionIsNotFoundStatus()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, "/apis/nope.example.com/v1");
        Assert.That(status, Is.EqualTo(404));
        Assert.That(body!["message"]!.GetValue<string>(), Is.EqualTo("the server could not find the requested resource"));
    }

    [Test]
    public async Task OpenApiV3DocumentsPatchOperationsWithFieldValidationAndMergeKeys()
    {
        var (_, index, _) = await SendAsync(HttpMethod.Get, "/openapi/v3");
        var url = index!["paths"]!["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>();
        var (status, doc, _) = await SendAsync(HttpMethod.Get, url);
        Assert.That(status, Is.EqualTo(200));
        var patch = doc!["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.That(patch["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()), Does.Contain("fieldValidation"));
        Assert.That(patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>(), Is.EqualTo("Deployment"));
        var (_, coreDoc, _) = await SendAsync(HttpMethod.Get, "/openapi/v3/api/v1");
        var podSpec = coreDoc!["components"]!["schemas"]!.AsObject().First(s => s.Key.EndsWith(".PodSpec", StringComparison.Ordinal)).Value!;
        Assert.That(podSpec["properties"]!["containers"]!["x-kubernetes-patch-merge-key"]!.GetValue<string>(), Is.EqualTo("name"));
    }
}

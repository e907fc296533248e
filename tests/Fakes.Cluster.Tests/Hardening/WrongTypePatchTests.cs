using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Hardening;

/// <summary>
/// Patches and request bodies whose fields have the wrong JSON type (a number, map or list where a string is read)
/// are the client's error: a Status below 500 naming what was wrong, never a .NET type error (the fuzz target's two
/// former "known" 500 classes, "The node must be of type 'JsonValue'" and "An element of type 'Number' cannot be
/// converted to a 'System.String'").
/// </summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class WrongTypePatchTests : ClusterFixture
{
    private const string Deployment = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"a":"b"}},"spec":{"replicas":0,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i","env":[{"name":"A","value":"1"}]}]}}}}""";

    private const string Smp = "application/strategic-merge-patch+json";

    private async Task<string> DeploymentAsync()
    {
        var ns = await CreateNamespaceAsync("wt");
        var (status, _, _) = await SendAsync(HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/deployments", Deployment);
        Assert.That(status, Is.EqualTo(201));
        return $"/apis/apps/v1/namespaces/{ns}/deployments/web";
    }

    [TestCase("""{"$patch":5}""", 400, "unknown patch type: 5 in map: map[$patch:5]")]
    [TestCase("""{"$patch":{"a":1}}""", 400, "unknown patch type: map[a:1] in map: map[$patch:map[a:1]]")]
    [TestCase("""{"$patch":"bogus"}""", 400, "unknown patch type: bogus in map: map[$patch:bogus]")]
    [TestCase("""{"metadata":{"$retainKeys":[5],"labels":{"x":"y"}}}""", 400, "invalid patch format of retainKeys")]
    [TestCase("""{"metadata":{"$retainKeys":"name"}}""", 400, "invalid patch format of retainKeys")]
    [TestCase("""{"spec":{"template":{"spec":{"containers":[{"name":"c","$patch":5}]}}}}""", 400, "unknown patch type: 5 in map: map[$patch:5 name:c]")]
    [TestCase("""{"spec":{"template":{"spec":{"containers":[{"name":"c","$patch":["x"]}]}}}}""", 400, "unknown patch type: [x] in map: map[$patch:[x] name:c]")]
    [TestCase("""{"spec":{"template":{"spec":{"containers":[{"name":"c","$patch":"merge"}]}}}}""", 400, "merging lists cannot yet be specified in the patch")]
    [TestCase("""{"spec":{"template":{"spec":{"$setElementOrder/containers":"c"}}}}""", 400, "invalid patch format of setElementOrder list")]
    [TestCase("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[5]}}}}""", 400, "value for key 0 is not a map")]
    [TestCase("""{"spec":{"template":{"spec":{"containers":[5]}}}}""", 422, "json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.containers of type v1.Container")]
    [TestCase("""{"spec":{"template":{"spec":{"containers":{"name":"c"}}}}}""", 422, "json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container")]
    [TestCase("""{"spec":{"template":{"spec":{"containers":[{"name":"c","env":[{"name":5}]}]}}}}""", 422, "json: cannot unmarshal number into Go struct field")]
    [TestCase("""{"spec":{"replicas":{"a":1}}}""", 422, "json: cannot unmarshal object into Go struct field DeploymentSpec.spec.replicas of type int32")]
    public async Task WrongTypedStrategicMergePatchIsAClientError(string patch, int expected, string message)
    {
        var url = await DeploymentAsync();

        var (status, body, _) = await SendAsync(HttpMethod.Patch, url, patch, Smp);

        Assert.That(status, Is.EqualTo(expected), body?.ToJsonString());
        Assert.That(body!["kind"]!.GetValue<string>(), Is.EqualTo("Status"));
        Assert.That(body["message"]!.GetValue<string>(), Does.Contain(message));
    }

    /// <summary>
    /// evanphx/json-patch (kube-apiserver's JSON patch) reads "op", "path" and "from" as strings: an op that is not a
    /// string is kind "unknown" (the 422 every failed patch gets), a path or from that is not one is missing.
    /// </summary>
    [TestCase("""[{"op":5,"path":"/metadata/labels/x","value":"y"}]""", 422, "Unexpected kind: unknown")]
    [TestCase("""[{"op":"add","path":{"a":1},"value":"y"}]""", 400, "missing path for add operation")]
    [TestCase("""[{"op":"move","path":"/metadata/labels/x","from":[1]}]""", 400, "missing from for move operation")]
    public async Task WrongTypedJsonPatchIsAClientError(string patch, int expected, string message)
    {
        var url = await DeploymentAsync();

        var (status, body, _) = await SendAsync(HttpMethod.Patch, url, patch, "application/json-patch+json");

        Assert.That(status, Is.EqualTo(expected), body?.ToJsonString());
        Assert.That(body!["message"]!.GetValue<string>(), Is.EqualTo(message));
    }

    [TestCase("""{"dryRun":[5]}""", "json: cannot unmarshal number into Go struct field DeleteOptions.dryRun of type string")]
    [TestCase("""{"propagationPolicy":{"a":1}}""", "json: cannot unmarshal object into Go struct field DeleteOptions.propagationPolicy of type string")]
    [TestCase("""{"gracePeriodSeconds":"x"}""", "json: cannot unmarshal string into Go struct field DeleteOptions.gracePeriodSeconds of type int64")]
    public async Task WrongTypedDeleteOptionsAreBadRequest(string options, string message)
    {
        var url = await DeploymentAsync();

        var (status, body, _) = await SendAsync(HttpMethod.Delete, url, options);

        Assert.That(status, Is.EqualTo(400), body?.ToJsonString());
        Assert.That(body!["message"]!.GetValue<string>(), Does.Contain(message));
        Assert.That((await SendAsync(HttpMethod.Get, url)).Status, Is.EqualTo(200), "the object is still there");
    }

    /// <summary>Built-in bodies whose string lists or maps hold numbers are decode errors (400), not 500s later in defaulting or registration.</summary>
    [TestCase("/api/v1/namespaces/{ns}/secrets", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"stringData":{"a":5}}""", "Go struct field Secret.stringData of type string")]
    [TestCase("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", """{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"wts.example.com"},"spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"wts","kind":"Wt","shortNames":[5]},"versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","required":[7]}}}]}}""", "json: cannot unmarshal number into Go struct field")]
    public async Task WrongTypedStringsInBuiltInBodiesAreBadRequest(string path, string body, string message)
    {
        var ns = await CreateNamespaceAsync("wt");

        var (status, json, _) = await SendAsync(HttpMethod.Post, path.Replace("{ns}", ns, StringComparison.Ordinal), body);

        Assert.That(status, Is.EqualTo(400), json?.ToJsonString());
        Assert.That(json!["message"]!.GetValue<string>(), Does.Contain(message));
    }
}

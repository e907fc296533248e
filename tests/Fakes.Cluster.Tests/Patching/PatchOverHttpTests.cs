using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Patching;

/// <summary>PATCH through the API: the four patch types and server-side apply (https://kubernetes.io/docs/reference/using-api/server-side-apply/).</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class PatchOverHttpTests : ClusterFixture
{
    private const string Config = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: applied
          labels: {team: a}
        data:
          one: "1"
          two: "2"
        """;

    [Test]
    public async Task ServerSideApplyCreatesAndRecordsAnApplyManager()
    {
        var ns = await CreateNamespaceAsync();
        var (status, body, _) = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/applied?fieldManager=tool-a", Config, "application/apply-patch+yaml");
        Assert.That(status, Is.EqualTo(201));
        var entry = body!["metadata"]!["managedFields"]![0]!;
        Assert.That(entry["manager"]!.GetValue<string>(), Is.EqualTo("tool-a"));
        Assert.That(entry["operation"]!.GetValue<string>(), Is.EqualTo("Apply"));
    }

    [Test]
    public async Task ServerSideApplyRemovesFieldsTheManagerNoLongerApplies()
    {
        var ns = await CreateNamespaceAsync();
        await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/applied?fieldManager=tool-a", Config, "application/apply-patch+yaml");
        var (_, body, _) = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/applied?fieldManager=tool-a", Config.Replace("  two: \"2\"\n", string.Empty, StringComparison.Ordinal).Replace("  two: \"2\"", string.Empty, StringComparison.Ordinal), "application/apply-patch+yaml");
        Assert.That(body!["data"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "one" }));
    }

    [Test]
    public async Task ServerSideApplyConflictWithAnotherManagerIs409UnlessForced()
    {
        var ns = await CreateNamespaceAsync();
        await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/applied?fieldManager=tool-a", Config, "application/apply-patch+yaml");
        var other = Config.Replace("one: \"1\"", "one: \"changed\"", StringComparison.Ordinal);
        var (status, body, _) = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/applied?fieldManager=tool-b", other, "application/apply-patch+yaml");
        Assert.That(status, Is.EqualTo(409));
        Assert.That(body!["message"]!.GetValue<string>(), Does.StartWith("Apply failed with 1 conflict: conflict with \"tool-a\""));
        Assert.That(body["details"]!["causes"]![0]!["field"]!.GetValue<string>(), Is.EqualTo(".data.one"));
        var (forced, result, _) = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/applied?fieldManager=tool-b&force=true", other, "application/apply-patch+yaml");
        Assert.That(forced, Is.EqualTo(200));
        Assert.That(result!["data"]!["one"]!.GetValue<string>(), Is.EqualTo("changed"));
    }

    [Test]
    public async Task ApplyWithoutFieldManagerIsBadRequest()
    {
        var ns = await CreateNamespaceAsync();
        var (status, body, _) = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/applied", Config, "application/apply-patch+yaml");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["message"]!.GetValue<string>(), Does.Contain("fieldManager: Required value"));
    }

    [Test]
    public async Task ServerSideApplyMergesServicePortsWithDefaultedProtocol()
    {
        var ns = await CreateNamespaceAsync();
        const string svc = """
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              selector: {app: s}
              ports: [{port: 80}]
            """;
        await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/services/s?fieldManager=kubectl", svc, "application/apply-patch+yaml");
        var (status, body, _) = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/services/s?fieldManager=kubectl", svc, "application/apply-patch+yaml");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!["spec"]!["ports"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task StrategicMergePatchOnCustomResourceIsUnsupportedMediaType()
    {
        var (status, _, _) = await SendAsync(HttpMethod.Patch, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x", "{}", "application/strategic-merge-patch+json");
        Assert.That(status, Is.EqualTo(404));
    }

    [Test]
    public async Task JsonPatchThatDoesNotApplyIsUnprocessable()
    {
        var ns = await CreateNamespaceAsync();
        await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/applied?fieldManager=tool-a", Config, "application/apply-patch+yaml");
        var (status, body, _) = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/applied", """[{"op":"test","path":"/data/one","value":"nope"}]""", "application/json-patch+json");
        Assert.That(status, Is.EqualTo(422));
        Assert.That(body!["kind"]!.GetValue<string>(), Is.EqualTo("Status"));
    }
}

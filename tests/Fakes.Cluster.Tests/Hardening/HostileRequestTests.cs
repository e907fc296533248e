using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Hardening;

/// <summary>
/// Hostile or malformed requests get the status and message kube-apiserver v1.32 gives, the process survives, and
/// the log gets one line per rejected request (never a stack trace). Sources are cited per test.
/// </summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class HostileRequestTests : ClusterFixture
{
    private readonly ConcurrentQueue<string> log = new();

    protected override SimulatedClusterOptions Options => new()
    {
        PodStartDelay = TimeSpan.FromMilliseconds(100),
        Log = log.Enqueue,
    };

    [Test]
    public async Task DeeplyNestedYamlBodyIsBadRequestAndTheServerKeepsServing()
    {
        // Issue 12: 200 KB of `[` used to overflow the stack of the YAML→JSON reader and kill the process.
        var body = "x: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body, "application/yaml");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(json!["reason"]!.GetValue<string>(), Is.EqualTo("BadRequest"));
        Assert.That(json["message"]!.GetValue<string>(), Does.StartWith("error converting YAML to JSON: yaml: line 1: nesting deeper than 512 levels"));
        Assert.That((await SendAsync(HttpMethod.Get, "/version")).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task DeeplyNestedApplyPatchIsBadRequest()
    {
        var body = "a: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var (status, json, _) = await SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/deep?fieldManager=t", body, "application/apply-patch+yaml");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(json!["message"]!.GetValue<string>(), Does.Contain("nesting deeper than 512 levels"));
    }

    [Test]
    public async Task DuplicateJsonKeysKeepTheLastValue()
    {
        // Go's encoding/json (kube-apiserver's decoder) assigns keys in order, so the last one wins; this was a 500.
        var body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup"},"data":{"k":"first","k":"last"},"data":{"k":"second","k":"final"}}""";

        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body);

        Assert.That(status, Is.EqualTo(201));
        Assert.That(json!["data"]!["k"]!.GetValue<string>(), Is.EqualTo("final"));
    }

    [Test]
    public async Task LoneSurrogateEscapesBecomeTheReplacementCharacter()
    {
        // Go's encoding/json (decode.go unquoteBytes) turns half a surrogate pair into U+FFFD; a whole pair stays. This was a 500.
        var body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"surrogates"},"data":{"high":"a\ud800b","low":"\udfff","pair":"\ud83d\ude00","escaped":"\\ud800"}}""";

        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body);

        Assert.That(status, Is.EqualTo(201));
        Assert.That(json!["data"]!["high"]!.GetValue<string>(), Is.EqualTo("a\uFFFDb"));
        Assert.That(json["data"]!["low"]!.GetValue<string>(), Is.EqualTo("\uFFFD"));
        Assert.That(json["data"]!["pair"]!.GetValue<string>(), Is.EqualTo("\U0001F600"));
        Assert.That(json["data"]!["escaped"]!.GetValue<string>(), Is.EqualTo("\\ud800"));
    }

    [Test]
    public async Task UnknownFieldNamesWithControlOrNonAsciiCharactersGiveAHeaderSafeWarning()
    {
        // The Warning header quotes the field name; CR/LF/U+2028 in it used to fail the response with a 500.
        var body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"warned"},"bad\r\n\u2028name":1}""";

        var (status, _, response) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body);

        Assert.That(status, Is.EqualTo(201));
        Assert.That(response.Headers.GetValues("Warning"), Has.Some.Contains("bad  ?name"));
    }

    [Test]
    public async Task DeeplyNestedJsonBodyIsBadRequest()
    {
        var body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"x":""" + string.Concat(Enumerable.Repeat("{\"a\":", 600)) + "1" + new string('}', 601);

        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body);

        Assert.That(status, Is.EqualTo(400));
        Assert.That(json!["message"]!.GetValue<string>(), Does.StartWith("couldn't get version/kind; json parse error: exceeded max depth"));
    }

    /// <summary>
    /// Type errors fail decoding into the Go API struct: 400 with encoding/json's message wrapped by
    /// k8s.io/apiserver/pkg/endpoints/handlers/rest.go transformDecodeError.
    /// </summary>
    [TestCase("apps/v1", "deployments", "Deployment", """{"replicas":"three"}""", "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [TestCase("apps/v1", "deployments", "Deployment", """{"replicas":4294967298}""", "json: cannot unmarshal number 4294967298 into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [TestCase("apps/v1", "replicasets", "ReplicaSet", """{"replicas":99999999999}""", "json: cannot unmarshal number 99999999999 into Go struct field ReplicaSetSpec.spec.replicas of type int32")]
    [TestCase("apps/v1", "deployments", "Deployment", """{"replicas":1.5}""", "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [TestCase("apps/v1", "deployments", "Deployment", """{"template":{"spec":{"containers":[{"name":7}]}}}""", "json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.name of type string")]
    public async Task WrongTypesInBuiltInKindsAreBadRequest(string apiVersion, string resource, string kind, string spec, string expected)
    {
        var body = $$"""{"apiVersion":"{{apiVersion}}","kind":"{{kind}}","metadata":{"name":"typed"},"spec":{{spec}}}""";

        var (status, json, _) = await SendAsync(HttpMethod.Post, $"/apis/{apiVersion}/namespaces/default/{resource}", body);

        Assert.That(status, Is.EqualTo(400));
        Assert.That(json!["reason"]!.GetValue<string>(), Is.EqualTo("BadRequest"));
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo($"{kind} in version \"v1\" cannot be handled as a {kind}: {expected}"));
    }

    [Test]
    public async Task ScaleToMoreThanInt32IsBadRequest()
    {
        var ns = await CreateNamespaceAsync("h");
        var deployment = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"s"},"spec":{"replicas":0,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""";
        Assert.That((await SendAsync(HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/deployments", deployment)).Status, Is.EqualTo(201));

        var (status, json, _) = await SendAsync(HttpMethod.Put, $"/apis/apps/v1/namespaces/{ns}/deployments/s/scale", """{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"s"},"spec":{"replicas":99999999999}}""");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(json!["message"]!.GetValue<string>(), Is.EqualTo("Scale in version \"v1\" cannot be handled as a Scale: json: cannot unmarshal number 99999999999 into Go struct field ScaleSpec.spec.replicas of type int32"));
    }

    [TestCase("""{"name":5}""", "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string")]
    [TestCase("""{"name":"l","labels":["a","b"]}""", "json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string")]
    [TestCase("""{"name":"o","ownerReferences":"x"}""", "json: cannot unmarshal string into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference")]
    [TestCase("""{"name":"f","finalizers":[5]}""", "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.finalizers of type string")]
    public async Task WrongTypesInMetadataAreBadRequest(string metadata, string expected)
    {
        var body = $$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{{metadata}}}""";

        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body);

        Assert.That(status, Is.EqualTo(400));
        Assert.That(json!["message"]!.GetValue<string>(), Is.EqualTo($"ConfigMap in version \"v1\" cannot be handled as a ConfigMap: {expected}"));
    }

    [Test]
    public async Task WrongTypesInYamlBodiesAreBadRequestToo()
    {
        // go-yaml v2 (sigs.k8s.io/yaml) reads `yes` as a boolean, which a string field cannot hold.
        var body = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yes\n";

        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body, "application/yaml");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(json!["message"]!.GetValue<string>(), Does.EndWith("json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string"));
    }

    [Test]
    public async Task WrongTypeInAMergePatchIsInvalidOnThePatchField()
    {
        var ns = await CreateNamespaceAsync("h");
        await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"p"}}""");

        var (status, json, _) = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/configmaps/p", """{"metadata":{"finalizers":[5]}}""", "application/merge-patch+json");

        // handlers/patch.go: a patched object that does not decode is 422 on the field "patch" of an unnamed kind.
        Assert.That(status, Is.EqualTo(422));
        Assert.That(json!["message"]!.GetValue<string>(), Does.StartWith("\"\" is invalid: patch: Invalid value: \"{").And.EndWith("json: cannot unmarshal number into Go struct field ObjectMeta.metadata.finalizers of type string"));
        Assert.That(json["details"]!["causes"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("patch"));
    }

    [Test]
    public async Task ServicePortOutOfRangeIsInvalid()
    {
        // pkg/apis/core/validation validateServicePort: validation.IsValidPortNum → InclusiveRangeError(1, 65535).
        var body = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"p"},"spec":{"ports":[{"port":70000}]}}""";

        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/services", body);

        Assert.That(status, Is.EqualTo(422));
        Assert.That(json!["reason"]!.GetValue<string>(), Is.EqualTo("Invalid"));
        Assert.That(json["message"]!.GetValue<string>(), Does.StartWith("Service \"p\" is invalid: ").And.Contain("spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive"));
        Assert.That(json["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()), Does.Contain("spec.ports[0].port"));
    }

    [Test]
    public async Task ContainerPortOutOfRangeIsInvalid()
    {
        var body = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i","ports":[{"containerPort":0}]}]}}""";

        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", body);

        Assert.That(status, Is.EqualTo(422));
        Assert.That(json!["message"]!.GetValue<string>(), Is.EqualTo("Pod \"p\" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 0: must be between 1 and 65535, inclusive"));
    }

    [Test]
    public async Task NegativeReplicasAreInvalidWithTheNumberUnquoted()
    {
        var body = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"neg"},"spec":{"replicas":-1,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""";

        var (status, json, _) = await SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", body);

        Assert.That(status, Is.EqualTo(422));
        Assert.That(json!["message"]!.GetValue<string>(), Is.EqualTo("Deployment.apps \"neg\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"));
    }

    [Test]
    public async Task FinalizerThatIsNotAQualifiedNameIsInvalid()
    {
        // apimachinery ValidateFinalizers → ValidateFinalizerName → IsQualifiedName.
        var body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fin","finalizers":["not a name!"]}}""";

        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body);

        Assert.That(status, Is.EqualTo(422));
        Assert.That(json!["message"]!.GetValue<string>(), Does.StartWith("ConfigMap \"fin\" is invalid: metadata.finalizers: Invalid value: \"not a name!\": name part must consist of alphanumeric characters"));
    }

    [Test]
    public async Task NamespaceStillDeletesAfterARejectedFinalizer()
    {
        var ns = await CreateNamespaceAsync("h");
        var rejected = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"f","finalizers":[5]}}""");
        Assert.That(rejected.Status, Is.EqualTo(400));

        var (status, _, _) = await SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}");

        Assert.That(status, Is.EqualTo(200).Or.EqualTo(202));
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}")).Status == 404, $"namespace {ns} to be gone");
    }

    [Test]
    public async Task ConfigMapOverOneMebibyteIsTooLong()
    {
        // pkg/apis/core/validation ValidateConfigMap: data + binaryData over core.MaxSecretSize → field.TooLong on path "".
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "big" },
            ["data"] = new JsonObject { ["a"] = new string('x', 600_000), ["b"] = new string('y', 600_000) },
        }.ToJsonString();

        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body);

        Assert.That(status, Is.EqualTo(422));
        Assert.That(json!["message"]!.GetValue<string>(), Is.EqualTo("ConfigMap \"big\" is invalid: : Too long: may not be more than 1048576 bytes"));
        Assert.That(json["details"]!["causes"]![0]!["reason"]!.GetValue<string>(), Is.EqualTo("FieldValueTooLong"));
    }

    [Test]
    public async Task BodyOverThreeMebibytesIsRequestEntityTooLarge()
    {
        // k8s.io/apiserver/pkg/endpoints/handlers/rest.go limitedReadBody with MaxRequestBodyBytes = 3 MiB.
        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", new string(' ', (3 * 1024 * 1024) + 1));

        Assert.That(status, Is.EqualTo(413));
        Assert.That(json!["reason"]!.GetValue<string>(), Is.EqualTo("RequestEntityTooLarge"));
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Request entity too large: limit is 3145728"));
    }

    [Test]
    public async Task ChunkedBodyOverThreeMebibytesIsRequestEntityTooLarge()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/default/configmaps")
        {
            Content = new StreamContent(new MemoryStream(new byte[4 * 1024 * 1024])),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task FiftyMegabyteBodyIsRequestEntityTooLargeNotAnInternalError()
    {
        // Kestrel's own 30 MB limit used to surface as a 500; the declared length is refused before reading.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/default/configmaps")
        {
            Content = new ByteArrayContent(new byte[50 * 1000 * 1000]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        // Expect: 100-continue lets the client read the answer the server gives before it reads the body.
        request.Headers.ExpectContinue = true;
        using var response = await Http.SendAsync(request);
        var code = response.StatusCode;

        Assert.That(code, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task TextPlainBodyIsUnsupportedMediaType()
    {
        // negotiation.NegotiateInputSerializer: no decoder for the media type → 415.
        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"t"}}""", "text/plain");

        Assert.That(status, Is.EqualTo(415));
        Assert.That(json!["reason"]!.GetValue<string>(), Is.EqualTo("UnsupportedMediaType"));
        Assert.That(json["message"]!.GetValue<string>(), Does.StartWith("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml"));
    }

    [Test]
    public async Task LongGenerateNameIsCutToFiftyEightCharactersPlusFive()
    {
        // k8s.io/apiserver/pkg/storage/names SimpleNameGenerator: MaxGeneratedNameLength = 63 - 5.
        var prefix = new string('g', 250);
        var body = $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"generateName":"{{{prefix}}}"}}""";

        var (status, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body);

        Assert.That(status, Is.EqualTo(201));
        var name = json!["metadata"]!["name"]!.GetValue<string>();
        Assert.That(name, Has.Length.EqualTo(63));
        Assert.That(name, Does.StartWith(new string('g', 58)));
    }

    [TestCase("/api/v1/configmaps?resourceVersion=abc")]
    [TestCase("/api/v1/namespaces/default?resourceVersion=abc")]
    public async Task UnparsableResourceVersionIsBadRequest(string path)
    {
        // APIObjectVersioner.ParseResourceVersion; the etcd3 store wraps it as "invalid resource version: …" (400).
        var (status, json, _) = await SendAsync(HttpMethod.Get, path);

        Assert.That(status, Is.EqualTo(400));
        Assert.That(json!["message"]!.GetValue<string>(), Is.EqualTo("invalid resource version: resourceVersion: Invalid value: \"abc\": strconv.ParseUint: parsing \"abc\": invalid syntax"));
    }

    [Test]
    public async Task ListAtAFutureResourceVersionTimesOutWithTooLargeResourceVersion()
    {
        // watch_cache.go waitUntilFreshAndBlock: 3 s, then storage.NewTooLargeResourceVersionError (504, retry after 1 s).
        var (_, list, _) = await SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        var current = long.Parse(list!["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var future = current + 1_000_000;

        var (status, json, _) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces?resourceVersion={future}&resourceVersionMatch=NotOlderThan");

        Assert.That(status, Is.EqualTo(504));
        Assert.That(json!["reason"]!.GetValue<string>(), Is.EqualTo("Timeout"));
        Assert.That(json["message"]!.GetValue<string>(), Does.StartWith($"Timeout: Too large resource version: {future}, current: "));
        Assert.That(json["details"]!["causes"]![0]!["reason"]!.GetValue<string>(), Is.EqualTo("ResourceVersionTooLarge"));
        Assert.That(json["details"]!["retryAfterSeconds"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task WatchListAtAFutureResourceVersionEndsWithTooLargeResourceVersion()
    {
        var (_, list, _) = await SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        var future = long.Parse(list!["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) + 1_000_000;

        var (status, _, response) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&resourceVersion={future}&allowWatchBookmarks=true");
        var line = JsonNode.Parse((await response.Content.ReadAsStringAsync()).Split('\n')[0])!;

        Assert.That(status, Is.EqualTo(200));
        Assert.That(line["type"]!.GetValue<string>(), Is.EqualTo("ERROR"));
        Assert.That(line["object"]!["code"]!.GetValue<int>(), Is.EqualTo(504));
        Assert.That(line["object"]!["message"]!.GetValue<string>(), Does.Contain("Too large resource version"));
    }

    [Test]
    public async Task RejectedRequestIsOneLogLineWithoutAStackTrace()
    {
        var (status, _, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":5}}""");
        Assert.That(status, Is.EqualTo(400));

        var lines = log.Where(l => l.Contains("/api/v1/namespaces/default/configmaps", StringComparison.Ordinal) && l.Contains("metadata.name", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.GreaterThanOrEqualTo(1));
        Assert.That(lines[0], Does.StartWith("rejected POST /api/v1/namespaces/default/configmaps: 400 BadRequest: "));
        Assert.That(log.Any(l => l.Contains("   at ", StringComparison.Ordinal) || l.Contains('\n', StringComparison.Ordinal)), Is.False, "no stack trace in the log");
    }

    [Test]
    public async Task RejectedPatchOfASecretLogsFieldsNotValues()
    {
        var ns = await CreateNamespaceAsync("h");
        await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/secrets", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"stringData":{"password":"hunter2-very-secret"}}""");

        var (status, _, _) = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/secrets/s", """{"metadata":{"labels":["x"]}}""", "application/merge-patch+json");

        Assert.That(status, Is.EqualTo(422));
        var line = log.Single(l => l.Contains($"/api/v1/namespaces/{ns}/secrets/s", StringComparison.Ordinal));
        Assert.That(line, Does.EndWith("422 Invalid: fields patch (FieldValueInvalid)"));
        Assert.That(log.Any(l => l.Contains("aHVudGVyMi", StringComparison.Ordinal) || l.Contains("hunter2", StringComparison.Ordinal)), Is.False);
    }
}

using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FsCheck.Fluent;
using k8s;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fuzz.Tests.Generators;
using PlatformValidation.Fuzz.Tests.Harness;
using PlatformValidation.Tests;

namespace PlatformValidation.Fuzz.Tests.Targets;

/// <summary>
/// The simulated API server's request decoding: JSON and YAML bodies for create/update, the four patch types,
/// odd names and query strings, all sent over HTTP to an in-process cluster on port 0. Contract under fuzzing: a
/// Kubernetes answer below 500 (a Status for errors); never a 5xx, a dropped connection or a hang.
/// </summary>
[CancelAfter(FuzzTimeouts.TestMs)]
public sealed class SimRequestFuzzTests
{
    private static readonly string[] Keys =
    [
        "apiVersion", "kind", "metadata", "name", "namespace", "labels", "annotations", "generateName", "resourceVersion", "uid", "finalizers",
        "ownerReferences", "managedFields", "deletionTimestamp", "data", "binaryData", "spec", "replicas", "selector", "matchLabels", "template",
        "containers", "image", "ports", "containerPort", "op", "path", "value", "from", "$patch", "$setElementOrder/containers", "$retainKeys",
        "v1", "ConfigMap", "fuzz", "default", "apps/v1", "Deployment",
    ];

    /// <summary>
    /// Patch shapes that reach the directives and keyed lists of a Deployment (and JSON patch operations) with a
    /// generated value of any type at <c>@</c>: random trees alone rarely get that deep into the right fields.
    /// </summary>
    private static readonly string[] PatchShapes =
    [
        """{"$patch":@}""",
        """{"metadata":{"$retainKeys":@,"labels":{"x":"y"}}}""",
        """{"metadata":{"$deleteFromPrimitiveList/finalizers":@}}""",
        """{"spec":{"template":{"spec":{"containers":@}}}}""",
        """{"spec":{"template":{"spec":{"containers":[{"name":"web","$patch":@}]}}}}""",
        """{"spec":{"template":{"spec":{"containers":[@]}}}}""",
        """{"spec":{"template":{"spec":{"$setElementOrder/containers":@}}}}""",
        """{"spec":{"template":{"spec":{"containers":[{"name":"web","ports":@}]}}}}""",
        """{"spec":{"selector":@}}""",
        """[{"op":@,"path":"/metadata/labels/x","value":"y"}]""",
        """[{"op":"add","path":@,"value":"y"}]""",
        """[{"op":"move","path":"/metadata/labels/x","from":@}]""",
        """{"dryRun":@,"propagationPolicy":"Background"}""",
    ];

    private static readonly string[] ContentTypes = ["application/json", "application/yaml", "application/json; charset=utf-8", "text/plain", "application/vnd.kubernetes.protobuf", ""];

    private static readonly string[] PatchTypes =
        ["application/merge-patch+json", "application/json-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml", "application/json"];

    private static readonly string[] Names = ["fuzz", "fuzz-web", "FUZZ", "a..b", "-x", new string('n', 300), "%2e%2e", "..", "x%00y", "ü", "a/b", ""];

    private static readonly string[] Queries =
    [
        "", "?fieldManager=fuzz", "?fieldManager=fuzz&force=true", "?dryRun=All", "?dryRun=bogus", "?labelSelector=a%20in%20(b,c)", "?labelSelector=%21%21%21",
        "?fieldSelector=metadata.name%3D%3Dfuzz", "?fieldSelector=spec.x%3Dy", "?limit=-1", "?limit=99999999999999999999", "?continue=not-a-token",
        "?resourceVersion=abc&resourceVersionMatch=Exact", "?fieldValidation=Strict", "?fieldValidation=bogus", "?propagationPolicy=Orphan", "?gracePeriodSeconds=-5",
    ];

    private SimulatedCluster cluster = null!;
    private HttpClient http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        cluster = await SimulatedCluster.StartAsync(
            new SimulatedClusterOptions { PodStartDelay = TimeSpan.FromMilliseconds(50), PodStopDelay = TimeSpan.FromMilliseconds(20) },
            TestTimeouts.Token(TestTimeouts.Short));
        http = CreateHttp(cluster.KubeconfigPath);
        using var seed = new StringContent(Corpus.Load("sim").Single(c => c.Name == "configmap.json").Text, Encoding.UTF8, "application/json");
        (await http.PostAsync("api/v1/namespaces/default/configmaps", seed)).EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        http.Dispose();
        await cluster.DisposeAsync();
    }

    [Test]
    public Task RequestsGetAKubernetesAnswerBelow500() => FuzzAsync();

    private async Task FuzzAsync()
    {
        var corpus = Corpus.Load("sim");
        var bodies = corpus.Select(c => c.Text).ToList();
        var body = Gen.Frequency(
            (5, Hostile.Mutate(bodies)),
            (4, Hostile.JsonValue(Keys)),
            (1, Hostile.AliasAbuse),
            (1, Hostile.AliasAbuse.Select(a => "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\n" + a.Replace("l0:", "data:\n  l0:", StringComparison.Ordinal))),
            (3, from shape in Gen.Elements(PatchShapes) from value in Hostile.JsonValue(Keys) select shape.Replace("@", value, StringComparison.Ordinal)),
            (1, Hostile.OddText),
            (1, Hostile.HugeScalar.Select(s => "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"fuzz\"},\"data\":{\"k\":" + Hostile.JsonString(s) + "}}")));
        var request =
            from kind in Gen.Choose(0, 5)
            from b in body
            from name in Gen.Elements(Names)
            from query in Gen.Elements(Queries)
            from contentType in Gen.Elements(ContentTypes)
            from patchType in Gen.Elements(PatchTypes)
            select kind switch
            {
                0 => new SimRequest("POST", "api/v1/namespaces/default/configmaps" + query, contentType, b),
                1 => new SimRequest("PUT", $"api/v1/namespaces/default/configmaps/{name}{query}", contentType, b),
                2 => new SimRequest("PATCH", $"api/v1/namespaces/default/configmaps/{name}{query}", patchType, b),
                3 => new SimRequest("PATCH", $"apis/apps/v1/namespaces/default/deployments/fuzz-web{query}", patchType, b),
                4 => new SimRequest("POST", "apis/apps/v1/namespaces/default/deployments" + query, contentType, b),
                _ => new SimRequest(name.Length % 2 == 0 ? "GET" : "DELETE", $"api/v1/namespaces/{name}/configmaps{query}", contentType, b),
            };
        var seeds = corpus.Select(c => c.Name switch
        {
            "merge-patch.json" => new SimRequest("PATCH", "api/v1/namespaces/default/configmaps/fuzz", "application/merge-patch+json", c.Text),
            "json-patch.json" => new SimRequest("PATCH", "api/v1/namespaces/default/configmaps/fuzz", "application/json-patch+json", c.Text),
            "apply-patch.yaml" => new SimRequest("PATCH", "api/v1/namespaces/default/configmaps/fuzz?fieldManager=fuzz", "application/apply-patch+yaml", c.Text),
            "deployment.yaml" => new SimRequest("POST", "apis/apps/v1/namespaces/default/deployments", "application/yaml", c.Text),
            _ => new SimRequest("PUT", "api/v1/namespaces/default/configmaps/fuzz", "application/json", c.Text),
        });

        var report = await FuzzRunner.RunAsync("sim-requests", seeds, request, SendAsync, r => r.ToString());

        FuzzRunner.AssertNoFailures(report);
    }

    [Test]
    public async Task ModeratelyDeepBodiesGetAnAnswer()
    {
        var inputs = Hostile.DeepInputs(100, 1_000).SelectMany(i => new[]
        {
            new SimRequest("POST", "api/v1/namespaces/default/configmaps", i.Name.StartsWith("Json", StringComparison.Ordinal) ? "application/json" : "application/yaml", i.Text),
            new SimRequest("PATCH", "api/v1/namespaces/default/configmaps/fuzz", "application/merge-patch+json", i.Text),
            new SimRequest("PATCH", "api/v1/namespaces/default/configmaps/fuzz?fieldManager=fuzz", "application/apply-patch+yaml", i.Text),
        }).Append(new SimRequest("POST", "api/v1/namespaces/default/configmaps", "application/yaml", Hostile.BillionLaughs(9, 9)));

        var report = await FuzzRunner.RunAsync("sim-requests-deep", inputs, Gen.Constant(new SimRequest("GET", "api", "", "")), SendAsync, r => r.ToString(), TimeSpan.Zero);

        FuzzRunner.AssertNoFailures(report);
    }

    /// <summary>Very deep bodies (10,000 and 100,000 levels) get a 400 at once, YAML included (once no answer within 5 s).</summary>
    [TestCase("application/yaml", "POST")]
    [TestCase("application/json", "POST")]
    [TestCase("application/merge-patch+json", "PATCH")]
    [TestCase("application/strategic-merge-patch+json", "PATCH")]
    [TestCase("application/apply-patch+yaml", "PATCH")]
    public async Task VeryDeepBodiesGetAnAnswer(string contentType, string method)
    {
        var path = method == "POST" ? "api/v1/namespaces/default/configmaps" : "api/v1/namespaces/default/configmaps/fuzz?fieldManager=fuzz";
        var inputs = Hostile.DeepInputs(10_000, 100_000).Select(i => new SimRequest(method, path, contentType, i.Text));

        var report = await FuzzRunner.RunAsync("sim-requests-pending", inputs, Gen.Constant(new SimRequest("GET", "api", "", "")), SendAsync, r => r.ToString(), TimeSpan.Zero);

        FuzzRunner.AssertNoFailures(report);
    }

    private async Task<FuzzOutcome> SendAsync(SimRequest r, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(r.Method), r.Path);
        if (r.Method is not "GET")
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(r.Body));
            if (r.ContentType.Length > 0)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", r.ContentType);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (r.Body.Length > 64 * 1024 && e.InnerException is IOException)
        {
            // The server answered (404, 400, 405) without reading a large body and closed the connection while it was still being sent: Kestrel's normal behaviour.
            return FuzzOutcome.Ok("closed during a large upload");
        }
        catch (HttpRequestException e)
        {
            return FuzzOutcome.Fail("connection " + e.HttpRequestError, $"{e.GetType().Name}: {e.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            return status >= 500
                ? FuzzOutcome.Fail(status.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{status} for {r.Method} {r.Path}: {text[..Math.Min(text.Length, 400)]}")
                : FuzzOutcome.Ok(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static HttpClient CreateHttp(string kubeconfigPath)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        var ca = config.SslCaCerts[0];
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, errors) =>
            {
                if (cert is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(cert) && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(config.Host.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", config.AccessToken);
        return client;
    }
}

/// <summary>One request to the simulated API server.</summary>
public sealed record SimRequest(string Method, string Path, string ContentType, string Body)
{
    public override string ToString() => $"{Method} /{Path} [{ContentType}] {Body}";
}

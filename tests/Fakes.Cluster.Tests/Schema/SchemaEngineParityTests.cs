using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Tests.Support;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Schema;

namespace PlatformValidation.Fakes.Cluster.Tests.Schema;

/// <summary>
/// The simulated API server and <c>validate</c> (SCHEMA001) share one schema engine: the cr-wrong-type fixture of
/// tests/Validators.Tests (an InferencePool whose targetPorts[0].number is the string "8000") is refused with the
/// field path the static finding names.
/// </summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class SchemaEngineParityTests : ClusterFixture
{
    private const string Field = "spec.targetPorts[0].number";

    private static string FixtureFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PlatformValidation.sln")))
        {
            dir = dir.Parent;
        }

        Assert.That(dir, Is.Not.Null, "repository root not found above " + AppContext.BaseDirectory);
        return Path.Combine(dir!.FullName, "tests", "Validators.Tests", "Fixtures", "cr-wrong-type", "sample-platform", relative);
    }

    private static string CrdYaml => File.ReadAllText(FixtureFile("platform/gateway-api-crds/inference-extension.yaml"));

    private static string PoolYaml => File.ReadAllText(FixtureFile("workloads/inference-pool/inferencepool.yaml"));

    private async Task EstablishAsync()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", CrdYaml, "application/yaml");
        Assert.That(status, Is.EqualTo(201).Or.EqualTo(409), body?.ToJsonString());
        await EventuallyAsync(async () =>
        {
            var crd = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("inferencepools.inference.networking.k8s.io");
            return crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
        }, "the InferencePool CRD to be Established");
    }

    [Test]
    public async Task TheSimRefusesTheWrongTypeWithTheFieldPathTheEngineReports()
    {
        await EstablishAsync();
        var ns = await CreateNamespaceAsync();
        var crd = (JsonObject)YamlToJson.ParseFirstDocument(CrdYaml, 64)!;
        var pool = (JsonObject)YamlToJson.ParseFirstDocument(PoolYaml, 64)!;
        var errors = new List<SchemaError>();
        OpenApiValidator.Validate(pool, crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject(), string.Empty, errors, topLevel: true);

        var (status, body, _) = await SendAsync(HttpMethod.Post, $"/apis/inference.networking.k8s.io/v1/namespaces/{ns}/inferencepools", PoolYaml, "application/yaml");

        Assert.That(status, Is.EqualTo(422), body?.ToJsonString());
        var causes = body!["details"]!["causes"]!.AsArray();
        Assert.That(causes.Select(c => c!["field"]!.GetValue<string>()), Is.EqualTo(new[] { Field }));
        Assert.That(errors.Select(e => e.Path), Is.EqualTo(new[] { Field }));
        Assert.That(body["message"]!.GetValue<string>(), Does.EndWith("is invalid: " + errors[0].Message));
    }

    [Test]
    [Category(TestCategories.ExternalTool)]
    public async Task KubectlServerDryRunAgainstTheSimRefusesItWithTheSameFieldPath()
    {
        if (Support.Kubectl.Path is null)
        {
            Assert.Ignore("kubectl is not on PATH; install kubectl v1.32 to run the kubectl conformance tests");
        }

        await EstablishAsync();
        var ns = await CreateNamespaceAsync();
        var dir = Directory.CreateTempSubdirectory("schema-parity-").FullName;
        try
        {
            var file = Path.Combine(dir, "inferencepool.yaml");
            await File.WriteAllTextAsync(file, PoolYaml);
            var kubectl = new Support.Kubectl(Cluster.KubeconfigPath);

            var result = await kubectl.RunAsync("apply", "--dry-run=server", "-n", ns, "-f", file);

            Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
            Assert.That(result.Stderr, Does.Contain(Field + ": Invalid value: \"8000\""), result.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Kubectl;

/// <summary>The commands a user types, with the real kubectl against the simulated cluster.</summary>
[Category(TestCategories.ExternalTool)]
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class KubectlTests : ClusterFixture
{
    private Support.Kubectl kubectl = null!;
    private string workDir = null!;

    private const string App = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, labels: {app: web}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                ports: [{containerPort: 80}]
                env: [{name: A, value: "1"}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 80}]
        """;

    private const string Config = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {mode: fast}
        """;

    [OneTimeSetUp]
    public void FindKubectl()
    {
        workDir = Directory.CreateTempSubdirectory("kubectl-tests-").FullName;
    }

    [SetUp]
    public void RequireKubectl()
    {
        if (Support.Kubectl.Path is null)
        {
            Assert.Ignore("kubectl is not on PATH; install kubectl v1.32 to run the kubectl conformance tests");
        }

        kubectl = new Support.Kubectl(Cluster.KubeconfigPath);
    }

    [OneTimeTearDown]
    public void CleanUp() => Directory.Delete(workDir, recursive: true);

    private string Dir(string name, params (string File, string Content)[] files)
    {
        var dir = Path.Combine(workDir, name + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dir);
        foreach (var (file, content) in files)
        {
            File.WriteAllText(Path.Combine(dir, file), content);
        }

        return dir;
    }

    private async Task<Support.Kubectl.Result> OkAsync(params string[] args)
    {
        var result = await kubectl.RunAsync(args);
        Assert.That(result.ExitCode, Is.EqualTo(0), $"kubectl {string.Join(' ', args)}\n{result}");
        return result;
    }

    [Test]
    public async Task ApplyDirectoryRolloutStatusAndGetOutputs()
    {
        var ns = await CreateNamespaceAsync("k");
        var dir = Dir("app", ("app.yaml", App), ("config.yaml", Config));
        var applied = await OkAsync("apply", "-n", ns, "-f", dir);
        Assert.That(applied.Stdout, Does.Contain("deployment.apps/web created").And.Contain("service/web created").And.Contain("configmap/settings created"));
        var again = await OkAsync("apply", "-n", ns, "-f", dir);
        Assert.That(again.Stdout, Does.Contain("deployment.apps/web unchanged"));
        var rollout = await OkAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
        Assert.That(rollout.Stdout, Does.Contain("successfully rolled out"));
        var table = await OkAsync("get", "deploy,svc", "-n", ns);
        Assert.That(table.Stdout, Does.Match(@"deployment\.apps/web\s+2/2\s+2\s+2"));
        var yaml = await OkAsync("get", "deployment", "web", "-n", ns, "-o", "yaml");
        Assert.That(yaml.Stdout, Does.Contain("kubectl.kubernetes.io/last-applied-configuration").And.Contain("availableReplicas: 2"));
        var json = await OkAsync("get", "configmap", "settings", "-n", ns, "-o", "jsonpath={.data.mode}");
        Assert.That(json.Stdout.Trim(), Is.EqualTo("fast"));
    }

    [Test]
    public async Task ApplyKustomizationDirectory()
    {
        var ns = await CreateNamespaceAsync("k");
        var dir = Dir("kust", ("kustomization.yaml", $"namespace: {ns}\nnamePrefix: dev-\nresources: [config.yaml]\ncommonLabels: {{env: dev}}\n"), ("config.yaml", Config));
        var result = await OkAsync("apply", "-k", dir);
        Assert.That(result.Stdout, Does.Contain("configmap/dev-settings created"));
        var labels = await OkAsync("get", "cm", "dev-settings", "-n", ns, "-o", "jsonpath={.metadata.labels.env}");
        Assert.That(labels.Stdout.Trim(), Is.EqualTo("dev"));
    }

    [Test]
    public async Task ApplyServerSideAndForceConflicts()
    {
        var ns = await CreateNamespaceAsync("k");
        var dir = Dir("ssa", ("config.yaml", Config));
        var first = await OkAsync("apply", "--server-side", "-n", ns, "-f", dir);
        Assert.That(first.Stdout, Does.Contain("configmap/settings serverside-applied"));
        await OkAsync("patch", "cm", "settings", "-n", ns, "--type", "merge", "-p", """{"data":{"mode":"slow"}}""");
        var conflict = await kubectl.RunAsync("apply", "--server-side", "-n", ns, "-f", dir);
        Assert.That(conflict.ExitCode, Is.Not.Zero);
        Assert.That(conflict.Stderr, Does.Contain("conflict"));
        await OkAsync("apply", "--server-side", "--force-conflicts", "-n", ns, "-f", dir);
        var mode = await OkAsync("get", "cm", "settings", "-n", ns, "-o", "jsonpath={.data.mode}");
        Assert.That(mode.Stdout.Trim(), Is.EqualTo("fast"));
    }

    [Test]
    public async Task PatchWithAllThreeTypesScaleLabelAnnotateAndWait()
    {
        var ns = await CreateNamespaceAsync("k");
        await OkAsync("apply", "-n", ns, "-f", Dir("app", ("app.yaml", App)));
        await OkAsync("patch", "deployment", "web", "-n", ns, "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"B","value":"2"}]}]}}}}""");
        await OkAsync("patch", "deployment", "web", "-n", ns, "--type", "merge", "-p", """{"metadata":{"annotations":{"x":"y"}}}""");
        await OkAsync("patch", "deployment", "web", "-n", ns, "--type", "json", "-p", """[{"op":"replace","path":"/spec/replicas","value":1}]""");
        var env = await OkAsync("get", "deployment", "web", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[0].env[*].name} {.spec.replicas}");
        Assert.That(env.Stdout.Trim(), Is.EqualTo("A B 1"));
        await OkAsync("scale", "deployment", "web", "-n", ns, "--replicas=3");
        await OkAsync("wait", "--for=condition=Available", "deployment/web", "-n", ns, "--timeout=60s");
        await OkAsync("wait", "--for=jsonpath={.status.availableReplicas}=3", "deployment/web", "-n", ns, "--timeout=60s");
        await OkAsync("label", "svc", "web", "-n", ns, "tier=front");
        await OkAsync("annotate", "svc", "web", "-n", ns, "owner=team-a");
        var shown = await OkAsync("get", "svc", "-n", ns, "-l", "tier=front", "-o", "jsonpath={.items[0].metadata.annotations.owner}");
        Assert.That(shown.Stdout.Trim(), Is.EqualTo("team-a"));
    }

    [Test]
    public async Task GetWatchStreamsNewObjects()
    {
        var ns = await CreateNamespaceAsync("k");
        var watch = kubectl.RunAsync(["get", "configmaps", "-n", ns, "-w"], null, TestTimeouts.Short, output => output.Contains("watched", StringComparison.Ordinal));
        await Task.Delay(1500);
        await OkAsync("create", "-n", ns, "-f", Dir("w", ("cm.yaml", Config.Replace("settings", "watched", StringComparison.Ordinal))));
        var result = await watch;
        Assert.That(result.Stdout, Does.Contain("watched"));
    }

    [Test]
    public async Task LogsShowTheStandInOutputIncludingFollow()
    {
        var ns = await CreateNamespaceAsync("k");
        await OkAsync("apply", "-n", ns, "-f", Dir("app", ("app.yaml", App)));
        await OkAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
        var logs = await OkAsync("logs", "deployment/web", "-n", ns, "-c", "web", "--tail=5");
        Assert.That(logs.Stdout, Does.Contain("listening on ports 80"));
        var follow = await kubectl.RunAsync(["logs", "-f", "deployment/web", "-n", ns], null, TestTimeouts.Short, output => output.Contains("listening", StringComparison.Ordinal));
        Assert.That(follow.Stdout, Does.Contain("listening"));
    }

    [Test]
    public async Task ReplaceAfterEditingTheYaml()
    {
        var ns = await CreateNamespaceAsync("k");
        await OkAsync("apply", "-n", ns, "-f", Dir("c", ("config.yaml", Config)));
        var yaml = (await OkAsync("get", "cm", "settings", "-n", ns, "-o", "yaml")).Stdout.Replace("mode: fast", "mode: edited", StringComparison.Ordinal);
        var file = Path.Combine(Dir("edit"), "edited.yaml");
        await File.WriteAllTextAsync(file, yaml);
        await OkAsync("replace", "-f", file);
        var mode = await OkAsync("get", "cm", "settings", "-n", ns, "-o", "jsonpath={.data.mode}");
        Assert.That(mode.Stdout.Trim(), Is.EqualTo("edited"));
    }

    [Test]
    public async Task DeleteWaitsUntilTheObjectIsGone()
    {
        var ns = await CreateNamespaceAsync("k");
        await OkAsync("apply", "-n", ns, "-f", Dir("app", ("app.yaml", App)));
        var deleted = await OkAsync("delete", "deployment", "web", "-n", ns);
        Assert.That(deleted.Stdout, Does.Contain("deployment.apps \"web\" deleted"));
        var missing = await kubectl.RunAsync("get", "deployment", "web", "-n", ns);
        Assert.That(missing.Stderr, Does.Contain("NotFound").Or.Contain("not found"));
    }

    [Test]
    public async Task ApplyingACustomResourceBeforeItsCrdFailsAsOnARealServer()
    {
        var ns = await CreateNamespaceAsync("k");
        var dir = Dir("cr", ("cr.yaml", "apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\nspec: {}\n"));
        var result = await kubectl.RunAsync("apply", "-n", ns, "-f", dir);
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Stderr, Does.Contain("no matches for kind \"Gizmo\" in version \"example.com/v1\"").And.Contain("ensure CRDs are installed first"));
    }

    [Test]
    public async Task ApplyCrdThenItsCustomResourceAndGetItWithPrinterColumns()
    {
        var ns = await CreateNamespaceAsync("k");
        const string crd = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: gadgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: gadgets, singular: gadget, kind: Gadget, shortNames: [gd]}
              versions:
              - name: v1
                served: true
                storage: true
                additionalPrinterColumns: [{name: Size, type: integer, jsonPath: .spec.size}]
                schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer}}}}}}
            """;
        await OkAsync("apply", "-f", Dir("crd", ("crd.yaml", crd)));
        await OkAsync("wait", "--for=condition=Established", "crd/gadgets.example.com", "--timeout=30s");
        await OkAsync("apply", "-n", ns, "-f", Dir("gd", ("g.yaml", "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g1}\nspec: {size: 7}\n")));
        var table = await OkAsync("get", "gd", "-n", ns);
        Assert.That(table.Stdout, Does.Match(@"NAME\s+SIZE").And.Match(@"g1\s+7"));
    }

    [Test]
    public async Task CreateGeneratorsThatSendProtobufWork()
    {
        var ns = await CreateNamespaceAsync("k");
        await OkAsync("create", "secret", "generic", "creds", "-n", ns, "--from-literal=token=abc");
        await OkAsync("create", "deployment", "gen", "-n", ns, "--image=nginx:1.27", "--replicas=2", "--port=80");
        await OkAsync("run", "single", "-n", ns, "--image=nginx:1.27", "--env=A=1", "--labels=app=single");
        await OkAsync("create", "service", "nodeport", "np", "-n", ns, "--tcp=80:8080");
        await OkAsync("rollout", "status", "deployment/gen", "-n", ns, "--timeout=60s");
        var token = await OkAsync("get", "secret", "creds", "-n", ns, "-o", "jsonpath={.data.token}");
        Assert.That(token.Stdout.Trim(), Is.EqualTo("YWJj"));
        var env = await OkAsync("get", "pod", "single", "-n", ns, "-o", "jsonpath={.spec.containers[0].env[0].value}");
        Assert.That(env.Stdout.Trim(), Is.EqualTo("1"));
        var nodePort = await OkAsync("get", "svc", "np", "-n", ns, "-o", "jsonpath={.spec.ports[0].nodePort}");
        Assert.That(int.Parse(nodePort.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture), Is.InRange(30000, 32767));
    }

    [Test]
    public async Task AuthCanIAndWhoAmIAnswerForTheClusterAdmin()
    {
        var canI = await OkAsync("auth", "can-i", "create", "deployments");
        Assert.That(canI.Stdout.Trim(), Is.EqualTo("yes"));
        var whoami = await OkAsync("auth", "whoami");
        Assert.That(whoami.Stdout, Does.Contain("system:admin"));
    }

    [Test]
    public async Task RolloutRestartHistoryAndUndo()
    {
        var ns = await CreateNamespaceAsync("k");
        await OkAsync("apply", "-n", ns, "-f", Dir("app", ("app.yaml", App)));
        await OkAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
        await OkAsync("rollout", "restart", "deployment/web", "-n", ns);
        await OkAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
        var history = await OkAsync("rollout", "history", "deployment/web", "-n", ns);
        Assert.That(history.Stdout, Does.Match(@"(?m)^2\s"));
        await OkAsync("rollout", "undo", "deployment/web", "-n", ns);
        await OkAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
        var revision = await OkAsync("get", "deployment", "web", "-n", ns, "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}");
        Assert.That(revision.Stdout.Trim(), Is.EqualTo("3"));
    }

    [Test]
    public async Task DiffShowsWhatApplyWouldChange()
    {
        var ns = await CreateNamespaceAsync("k");
        var dir = Dir("d", ("config.yaml", Config));
        await OkAsync("apply", "-n", ns, "-f", dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "config.yaml"), Config.Replace("fast", "slow", StringComparison.Ordinal));
        var diff = await kubectl.RunAsync("diff", "-n", ns, "-f", dir);
        Assert.That(diff.ExitCode, Is.EqualTo(1), diff.ToString());
        Assert.That(diff.Stdout, Does.Contain("+  mode: slow"));
    }
}

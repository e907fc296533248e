using k8s.Autorest;
using k8s.Models;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Storage;

/// <summary>Storage semantics of the API server (https://kubernetes.io/docs/reference/using-api/api-concepts/).</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class CrudConformanceTests : ClusterFixture
{
    private static V1ConfigMap Map(string name, IDictionary<string, string>? labels = null) =>
        new() { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, Data = new Dictionary<string, string> { ["k"] = "v" } };

    [Test]
    public async Task CreateAssignsUidCreationTimestampAndResourceVersion()
    {
        var ns = await CreateNamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("a"), ns);
        Assert.That(created.Metadata.Uid, Is.Not.Empty);
        Assert.That(created.Metadata.CreationTimestamp, Is.Not.Null);
        Assert.That(long.Parse(created.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
    }

    [Test]
    public async Task CreateExistingNameIsConflictAlreadyExists()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("dup"), ns);
        var (status, body, _) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup"}}""");
        Assert.That(status, Is.EqualTo(409));
        Assert.That(body!["reason"]!.GetValue<string>(), Is.EqualTo("AlreadyExists"));
        Assert.That(body["message"]!.GetValue<string>(), Is.EqualTo("configmaps \"dup\" already exists"));
        Assert.That(body["details"]!["kind"]!.GetValue<string>(), Is.EqualTo("configmaps"));
    }

    [Test]
    public async Task UpdateWithStaleResourceVersionIsConflict()
    {
        var ns = await CreateNamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("occ"), ns);
        created.Data["k"] = "v2";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "occ", ns);
        created.Data["k"] = "v3";
        var error = Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "occ", ns));
        Assert.That((int)error!.Response.StatusCode, Is.EqualTo(409));
        Assert.That(error.Response.Content, Does.Contain("Operation cannot be fulfilled on configmaps \\\"occ\\\": the object has been modified; please apply your changes to the latest version and try again"));
    }

    [Test]
    public async Task GenerateNameAppendsFiveRandomCharacters()
    {
        var ns = await CreateNamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, ns);
        Assert.That(created.Metadata.Name, Does.Match("^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$"));
    }

    [Test]
    public async Task GetMissingObjectIsNotFoundWithDetails()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments/missing");
        Assert.That(status, Is.EqualTo(404));
        Assert.That(body!["message"]!.GetValue<string>(), Is.EqualTo("deployments.apps \"missing\" not found"));
        Assert.That(body["details"]!["group"]!.GetValue<string>(), Is.EqualTo("apps"));
        Assert.That(body["kind"]!.GetValue<string>(), Is.EqualTo("Status"));
    }

    [Test]
    public async Task InvalidNameIsUnprocessableWithFieldCause()
    {
        var ns = await CreateNamespaceAsync();
        var (status, body, _) = await SendAsync(HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/deployments", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"Bad_Name"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""");
        Assert.That(status, Is.EqualTo(422));
        Assert.That(body!["reason"]!.GetValue<string>(), Is.EqualTo("Invalid"));
        Assert.That(body["message"]!.GetValue<string>(), Does.StartWith("Deployment.apps \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"));
        Assert.That(body["details"]!["causes"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("metadata.name"));
    }

    [Test]
    public async Task ServiceNamesMustBeDns1035Labels()
    {
        var ns = await CreateNamespaceAsync();
        var (status, body, _) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"1svc"},"spec":{"ports":[{"port":80}]}}""");
        Assert.That(status, Is.EqualTo(422));
        Assert.That(body!["message"]!.GetValue<string>(), Does.Contain("a DNS-1035 label must consist of lower case alphanumeric characters"));
    }

    [Test]
    public async Task CreateInMissingNamespaceIsNotFound()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/does-not-exist/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""");
        Assert.That(status, Is.EqualTo(404));
        Assert.That(body!["message"]!.GetValue<string>(), Is.EqualTo("namespaces \"does-not-exist\" not found"));
    }

    [Test]
    public async Task CreateInTerminatingNamespaceIsForbidden()
    {
        var ns = await CreateNamespaceAsync();
        var cm = Map("held");
        cm.Metadata.Finalizers = ["example.com/hold"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns);
        await Client.CoreV1.DeleteNamespaceAsync(ns);
        var (status, body, _) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"late"}}""");
        Assert.That(status, Is.EqualTo(403));
        Assert.That(body!["message"]!.GetValue<string>(), Is.EqualTo($"configmaps \"late\" is forbidden: unable to create new content in namespace {ns} because it is being terminated"));
        Assert.That(body["details"]!["causes"]![0]!["reason"]!.GetValue<string>(), Is.EqualTo("NamespaceTerminating"));
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "held", ns);
    }

    [Test]
    public async Task DryRunCreateStoresNothing()
    {
        var ns = await CreateNamespaceAsync();
        var (status, body, _) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps?dryRun=All", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dry"}}""");
        Assert.That(status, Is.EqualTo(201));
        Assert.That(body!["metadata"]!["uid"], Is.Not.Null);
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: "metadata.name=dry");
        Assert.That(list.Items, Is.Empty);
    }

    [Test]
    public async Task LabelSelectorsSupportEqualityAndSetOperators()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("a", new Dictionary<string, string> { ["tier"] = "web", ["env"] = "prod" }), ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("b", new Dictionary<string, string> { ["tier"] = "db" }), ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("c"), ns);
        async Task<string[]> Names(string selector) => (await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: selector)).Items.Select(i => i.Metadata.Name).Where(n => n.Length == 1).ToArray();
        Assert.That(await Names("tier=web"), Is.EqualTo(new[] { "a" }));
        Assert.That(await Names("tier==db"), Is.EqualTo(new[] { "b" }));
        Assert.That(await Names("tier!=web"), Is.EqualTo(new[] { "b", "c" }));
        Assert.That(await Names("tier in (web,db)"), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(await Names("tier notin (web)"), Is.EqualTo(new[] { "b", "c" }));
        Assert.That(await Names("env"), Is.EqualTo(new[] { "a" }));
        Assert.That(await Names("!env,tier"), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public async Task UnsupportedFieldSelectorIsBadRequest()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, "/api/v1/configmaps?fieldSelector=spec.foo%3Dbar");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["message"]!.GetValue<string>(), Is.EqualTo("field label not supported: spec.foo"));
    }

    [Test]
    public async Task ListPagesWithLimitAndContinue()
    {
        var ns = await CreateNamespaceAsync();
        for (var i = 0; i < 5; i++)
        {
            await Client.CoreV1.CreateNamespacedConfigMapAsync(Map($"p{i}"), ns);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2, continueParameter: token, labelSelector: null);
            seen.AddRange(page.Items.Select(i => i.Metadata.Name));
            token = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.That(seen.Where(n => n.StartsWith('p')), Is.EqualTo(new[] { "p0", "p1", "p2", "p3", "p4" }));
        Assert.That(pages, Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task ContinueTokenStaysUsableWhileTheHistoryReachesIt()
    {
        var ns = await CreateNamespaceAsync();
        for (var i = 0; i < 3; i++)
        {
            await Client.CoreV1.CreateNamespacedConfigMapAsync(Map($"c{i}"), ns);
        }

        var first = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 1);
        Assert.That(first.Metadata.RemainingItemCount, Is.GreaterThanOrEqualTo(2));
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("later"), ns);
        var second = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 10, continueParameter: first.Metadata.ContinueProperty);
        Assert.That(second.Metadata.ResourceVersion, Is.EqualTo(first.Metadata.ResourceVersion), "pages report the resourceVersion of the first page");
        Assert.That(second.Items.Select(i => i.Metadata.Name), Does.Not.Contain(first.Items[0].Metadata.Name));
    }

    [Test]
    public async Task GenerationBumpsOnSpecChangesOnly()
    {
        var ns = await CreateNamespaceAsync();
        var (_, created, _) = await SendAsync(HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/deployments", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"g"},"spec":{"replicas":0,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""");
        Assert.That(created!["metadata"]!["generation"]!.GetValue<long>(), Is.EqualTo(1));
        var (_, labelled, _) = await SendAsync(HttpMethod.Patch, $"/apis/apps/v1/namespaces/{ns}/deployments/g", """{"metadata":{"labels":{"x":"y"}}}""", "application/merge-patch+json");
        Assert.That(labelled!["metadata"]!["generation"]!.GetValue<long>(), Is.EqualTo(1));
        var (_, scaled, _) = await SendAsync(HttpMethod.Patch, $"/apis/apps/v1/namespaces/{ns}/deployments/g", """{"spec":{"replicas":0,"minReadySeconds":1}}""", "application/merge-patch+json");
        Assert.That(scaled!["metadata"]!["generation"]!.GetValue<long>(), Is.EqualTo(2));
    }

    [Test]
    public async Task StatusSubresourceIgnoresSpecAndMainResourceIgnoresStatus()
    {
        var ns = await CreateNamespaceAsync();
        await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/resourcequotas", """{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":{"pods":"1"}}}""");
        var (_, viaStatus, _) = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/resourcequotas/q/status", """{"spec":{"hard":{"pods":"9"}},"status":{"hard":{"pods":"1"},"used":{"pods":"0"}}}""", "application/merge-patch+json");
        Assert.That(viaStatus!["spec"]!["hard"]!["pods"]!.GetValue<string>(), Is.EqualTo("1"));
        Assert.That(viaStatus["status"]!["used"]!["pods"]!.GetValue<string>(), Is.EqualTo("0"));
        var (_, viaMain, _) = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/resourcequotas/q", """{"status":{"used":{"pods":"5"}}}""", "application/merge-patch+json");
        Assert.That(viaMain!["status"]!["used"]!["pods"]!.GetValue<string>(), Is.EqualTo("0"));
    }

    [Test]
    public async Task DeleteReturnsStatusSuccessOrTheObjectByKind()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("gone"), ns);
        var (status, body, _) = await SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/configmaps/gone");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!["kind"]!.GetValue<string>(), Is.EqualTo("Status"));
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("Success"));
        await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc"},"spec":{"ports":[{"port":80}]}}""");
        var (_, svc, _) = await SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/services/svc");
        Assert.That(svc!["kind"]!.GetValue<string>(), Is.EqualTo("Service"));
    }

    [Test]
    public async Task DeleteCollectionRemovesMatchingObjects()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("x1", new Dictionary<string, string> { ["del"] = "yes" }), ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("x2"), ns);
        await Client.CoreV1.DeleteCollectionNamespacedConfigMapAsync(ns, labelSelector: "del=yes");
        var names = (await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Select(i => i.Metadata.Name).ToList();
        Assert.That(names, Does.Contain("x2").And.Not.Contain("x1"));
    }

    [Test]
    public async Task ManagedFieldsRecordTheFieldManager()
    {
        var ns = await CreateNamespaceAsync();
        var (_, body, _) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps?fieldManager=my-tool", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"mf","labels":{"a":"b"}},"data":{"k":"v"}}""");
        var entry = body!["metadata"]!["managedFields"]![0]!;
        Assert.That(entry["manager"]!.GetValue<string>(), Is.EqualTo("my-tool"));
        Assert.That(entry["operation"]!.GetValue<string>(), Is.EqualTo("Update"));
        Assert.That(entry["fieldsV1"]!["f:data"]!["f:k"], Is.Not.Null);
        Assert.That(entry["fieldsV1"]!["f:metadata"]!["f:labels"]!["f:a"], Is.Not.Null);
    }

    [Test]
    public async Task StrictFieldValidationRejectsUnknownFieldsAndWarnReportsThem()
    {
        var ns = await CreateNamespaceAsync();
        var body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fv"},"data":{"k":"v"},"bogus":1}""";
        var (status, error, _) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps?fieldValidation=Strict", body);
        Assert.That(status, Is.EqualTo(400));
        Assert.That(error!["message"]!.GetValue<string>(), Is.EqualTo("strict decoding error: unknown field \"bogus\""));
        var (created, stored, response) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps?fieldValidation=Warn", body);
        Assert.That(created, Is.EqualTo(201));
        Assert.That(response.Headers.GetValues("Warning").Single(), Does.Contain("unknown field \\\"bogus\\\""));
        Assert.That(stored!.ContainsKey("bogus"), Is.False);
    }

    [Test]
    public async Task TableOutputHasKubectlColumns()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(Map("t"), ns);
        var (status, table, _) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps", accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(table!["kind"]!.GetValue<string>(), Is.EqualTo("Table"));
        Assert.That(table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Name", "Data", "Age" }));
        var row = table["rows"]!.AsArray().First(r => r!["cells"]![0]!.GetValue<string>() == "t")!;
        Assert.That(row["cells"]![1]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(row["object"]!["kind"]!.GetValue<string>(), Is.EqualTo("PartialObjectMetadata"));
    }
}

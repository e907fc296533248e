using System.Text.Json.Nodes;
using k8s.Models;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Schema;

/// <summary>CustomResourceDefinitions (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/).</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class CustomResourceTests : ClusterFixture
{
    private static string Crd(string plural, string kind, string group = "example.com") => """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"__0__.__1__"},
         "spec":{"group":"__2__","scope":"Namespaced","names":{"plural":"__3__","singular":"__4__","kind":"__5__","shortNames":["__6__"]},
          "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{},"scale":{"specReplicasPath":".spec.replicas","statusReplicasPath":".status.replicas"}},
            "additionalPrinterColumns":[{"name":"Size","type":"integer","jsonPath":".spec.size"}],
            "schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object","properties":{"size":{"type":"integer","minimum":1},"replicas":{"type":"integer"},"color":{"type":"string","enum":["red","blue"]}}},"status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}},
           {"name":"v1beta1","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """.Replace("__0__", plural, StringComparison.Ordinal).Replace("__1__", group, StringComparison.Ordinal).Replace("__2__", group, StringComparison.Ordinal).Replace("__3__", plural, StringComparison.Ordinal).Replace("__4__", kind.ToLowerInvariant(), StringComparison.Ordinal).Replace("__5__", kind, StringComparison.Ordinal).Replace("__6__", plural[..3], StringComparison.Ordinal);

    private async Task EstablishAsync(string plural, string kind)
    {
        var (status, _, _) = await SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Crd(plural, kind));
        Assert.That(status, Is.EqualTo(201));
        await EventuallyAsync(async () =>
        {
            var crd = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync($"{plural}.example.com");
            return crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
        }, "the CRD to be Established");
    }

    [Test]
    public async Task UsingAKindBeforeItsCrdExistsIsNotFound()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, "/apis/example.com/v1/namespaces/default/gadgets");
        Assert.That(status, Is.EqualTo(404));
        Assert.That(body!["message"]!.GetValue<string>(), Is.EqualTo("the server could not find the requested resource"));
    }

    [Test]
    public async Task CreatingACrdSetsNamesAcceptedAndEstablishedAndServesTheKind()
    {
        await EstablishAsync("widgets", "Widget");
        var crd = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.example.com");
        Assert.That(crd.Status.Conditions.Select(c => c.Type), Is.SupersetOf(new[] { "NamesAccepted", "Established" }));
        Assert.That(crd.Status.AcceptedNames.Kind, Is.EqualTo("Widget"));
        var (_, discovery, _) = await SendAsync(HttpMethod.Get, "/apis/example.com/v1");
        Assert.That(discovery!["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()), Does.Contain("widgets").And.Contain("widgets/status"));
        var ns = await CreateNamespaceAsync();
        var created = await Client.CustomObjects.CreateNamespacedCustomObjectAsync(new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w1" }, ["spec"] = new JsonObject { ["size"] = 2 } }, "example.com", "v1", ns, "widgets");
        Assert.That(created, Is.Not.Null);
    }

    [Test]
    public async Task CustomResourceValuesAreValidatedAgainstTheSchema()
    {
        await EstablishAsync("validated", "Validated");
        var ns = await CreateNamespaceAsync();
        var (status, body, _) = await SendAsync(HttpMethod.Post, $"/apis/example.com/v1/namespaces/{ns}/validated", """{"apiVersion":"example.com/v1","kind":"Validated","metadata":{"name":"v"},"spec":{"size":0,"color":"green"}}""");
        Assert.That(status, Is.EqualTo(422));
        var fields = body!["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).ToList();
        Assert.That(fields, Does.Contain("spec.size").And.Contain("spec.color"));
    }

    [Test]
    public async Task UnknownFieldsArePrunedFromCustomResources()
    {
        await EstablishAsync("pruned", "Pruned");
        var ns = await CreateNamespaceAsync();
        var (_, body, _) = await SendAsync(HttpMethod.Post, $"/apis/example.com/v1/namespaces/{ns}/pruned", """{"apiVersion":"example.com/v1","kind":"Pruned","metadata":{"name":"p"},"spec":{"size":1,"extra":true}}""");
        Assert.That(body!["spec"]!.AsObject().ContainsKey("extra"), Is.False);
    }

    [Test]
    public async Task StatusSubresourceSplitsSpecAndStatusUpdates()
    {
        await EstablishAsync("splits", "Split");
        var ns = await CreateNamespaceAsync();
        await SendAsync(HttpMethod.Post, $"/apis/example.com/v1/namespaces/{ns}/splits", """{"apiVersion":"example.com/v1","kind":"Split","metadata":{"name":"s"},"spec":{"size":1},"status":{"ignored":true}}""");
        var (_, created, _) = await SendAsync(HttpMethod.Get, $"/apis/example.com/v1/namespaces/{ns}/splits/s");
        Assert.That(created!.ContainsKey("status"), Is.False);
        var (_, viaStatus, _) = await SendAsync(HttpMethod.Patch, $"/apis/example.com/v1/namespaces/{ns}/splits/s/status", """{"spec":{"size":5},"status":{"phase":"Ok"}}""", "application/merge-patch+json");
        Assert.That(viaStatus!["spec"]!["size"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(viaStatus["status"]!["phase"]!.GetValue<string>(), Is.EqualTo("Ok"));
        Assert.That(viaStatus["metadata"]!["generation"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test]
    public async Task ScaleSubresourceOfACustomResourceReadsAndWritesReplicas()
    {
        await EstablishAsync("scalables", "Scalable");
        var ns = await CreateNamespaceAsync();
        await SendAsync(HttpMethod.Post, $"/apis/example.com/v1/namespaces/{ns}/scalables", """{"apiVersion":"example.com/v1","kind":"Scalable","metadata":{"name":"s"},"spec":{"replicas":1}}""");
        var (status, scale, _) = await SendAsync(HttpMethod.Patch, $"/apis/example.com/v1/namespaces/{ns}/scalables/s/scale", """{"spec":{"replicas":4}}""", "application/merge-patch+json");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(scale!["kind"]!.GetValue<string>(), Is.EqualTo("Scale"));
        var (_, obj, _) = await SendAsync(HttpMethod.Get, $"/apis/example.com/v1/namespaces/{ns}/scalables/s");
        Assert.That(obj!["spec"]!["replicas"]!.GetValue<long>(), Is.EqualTo(4));
    }

    [Test]
    public async Task AnotherServedVersionReadsTheSameObject()
    {
        await EstablishAsync("versioneds", "Versioned");
        var ns = await CreateNamespaceAsync();
        await SendAsync(HttpMethod.Post, $"/apis/example.com/v1/namespaces/{ns}/versioneds", """{"apiVersion":"example.com/v1","kind":"Versioned","metadata":{"name":"v"},"spec":{"size":3}}""");
        var (status, body, _) = await SendAsync(HttpMethod.Get, $"/apis/example.com/v1beta1/namespaces/{ns}/versioneds/v");
        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!["apiVersion"]!.GetValue<string>(), Is.EqualTo("example.com/v1beta1"));
        Assert.That(body["spec"]!["size"]!.GetValue<long>(), Is.EqualTo(3));
    }

    [Test]
    public async Task PrinterColumnsComeFromAdditionalPrinterColumns()
    {
        await EstablishAsync("printeds", "Printed");
        var ns = await CreateNamespaceAsync();
        await SendAsync(HttpMethod.Post, $"/apis/example.com/v1/namespaces/{ns}/printeds", """{"apiVersion":"example.com/v1","kind":"Printed","metadata":{"name":"p"},"spec":{"size":9}}""");
        var (_, table, _) = await SendAsync(HttpMethod.Get, $"/apis/example.com/v1/namespaces/{ns}/printeds", accept: "application/json;as=Table;v=v1;g=meta.k8s.io");
        Assert.That(table!["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Name", "Size" }));
        Assert.That(table["rows"]![0]!["cells"]![1]!.GetValue<long>(), Is.EqualTo(9));
    }

    [Test]
    public async Task DeletingACrdRemovesItsObjectsAndTheKind()
    {
        await EstablishAsync("doomeds", "Doomed");
        var ns = await CreateNamespaceAsync();
        await SendAsync(HttpMethod.Post, $"/apis/example.com/v1/namespaces/{ns}/doomeds", """{"apiVersion":"example.com/v1","kind":"Doomed","metadata":{"name":"d"},"spec":{"size":1}}""");
        await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("doomeds.example.com");
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/doomeds.example.com")).Status == 404, "the CRD to go away");
        var (status, _, _) = await SendAsync(HttpMethod.Get, $"/apis/example.com/v1/namespaces/{ns}/doomeds/d");
        Assert.That(status, Is.EqualTo(404));
        Assert.That(Cluster.Core.Objects.Count(new PlatformValidation.Fakes.Cluster.Schema.GroupResource("example.com", "doomeds")), Is.Zero);
    }

    [Test]
    public async Task CrdNameMustBePluralDotGroup()
    {
        var body = Crd("things", "Thing").Replace("\"name\":\"things.example.com\"", "\"name\":\"wrong.example.com\"", StringComparison.Ordinal);
        var (status, error, _) = await SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body);
        Assert.That(status, Is.EqualTo(422));
        Assert.That(error!["message"]!.GetValue<string>(), Does.Contain("must be spec.names.plural+\".\"+spec.group"));
    }

    [Test]
    public async Task CustomResourceWithoutKindIsBadRequest()
    {
        await EstablishAsync("kindlesses", "Kindless");
        var ns = await CreateNamespaceAsync();
        var (status, body, _) = await SendAsync(HttpMethod.Post, $"/apis/example.com/v1/namespaces/{ns}/kindlesses", """{"metadata":{"name":"k"}}""");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body!["message"]!.GetValue<string>(), Does.StartWith("Object 'Kind' is missing"));
    }

    internal static V1ObjectMeta Meta(string name) => new() { Name = name };
}

using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Operators;

/// <summary>The Gateway API stand-in: the status a Gateway API implementation writes on classes, Gateways and routes.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class GatewayApiControllerTests : ClusterFixture
{
    private const string Gw = "/apis/gateway.networking.k8s.io/v1";

    [OneTimeSetUp]
    public async Task InstallGatewayApiCrdsAsync()
    {
        RethrowStartupFailure();
        await CrdAsync("gatewayclasses", "GatewayClass", "Cluster");
        await CrdAsync("gateways", "Gateway", "Namespaced");
        await CrdAsync("httproutes", "HTTPRoute", "Namespaced");
        await CrdAsync("referencegrants", "ReferenceGrant", "Namespaced");
    }

    private async Task CrdAsync(string plural, string kind, string scope)
    {
        var crd = new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = $"{plural}.gateway.networking.k8s.io" },
            ["spec"] = new JsonObject
            {
                ["group"] = "gateway.networking.k8s.io",
                ["scope"] = scope,
                ["names"] = new JsonObject { ["plural"] = plural, ["kind"] = kind },
                ["versions"] = new JsonArray(new JsonObject
                {
                    ["name"] = "v1",
                    ["served"] = true,
                    ["storage"] = true,
                    ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
                    ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
                }),
            },
        };
        await SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd.ToJsonString());
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, $"{Gw}/{plural}")).Status == 200, $"{kind} to be served");
    }

    private async Task<string> ClassAsync()
    {
        var name = "gc-" + Guid.NewGuid().ToString("N")[..8];
        await PostAsync($"{Gw}/gatewayclasses", $$$"""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"GatewayClass","metadata":{"name":"{{{name}}}"},"spec":{"controllerName":"example.com/{{{name}}}"}}""");
        return name;
    }

    private async Task PostAsync(string path, string body)
    {
        var (status, response, _) = await SendAsync(HttpMethod.Post, path, body);
        Assert.That(status, Is.EqualTo(201), response?.ToJsonString());
    }

    private async Task<JsonObject> GetAsync(string path) => (await SendAsync(HttpMethod.Get, path)).Body ?? throw new AssertionException($"GET {path} returned no object");

    private static JsonObject? Condition(JsonNode? holder, string type) =>
        holder?["conditions"]?.AsArray().OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);

    private static string? ConditionField(JsonNode? holder, string type, string field) => Condition(holder, type)?[field]?.GetValue<string>();

    private async Task<JsonObject> ParentStatusAsync(string ns, string route, string wantedResolvedRefs)
    {
        JsonObject? parent = null;
        await EventuallyAsync(async () =>
        {
            parent = (await GetAsync($"{Gw}/namespaces/{ns}/httproutes/{route}"))["status"]?["parents"]?.AsArray().OfType<JsonObject>().FirstOrDefault();
            return ConditionField(parent, "ResolvedRefs", "status") == wantedResolvedRefs;
        }, $"route {route} ResolvedRefs={wantedResolvedRefs}");
        return parent!;
    }

    private static string Gateway(string name, string cls, string from = "Same", JsonObject? extraListener = null)
    {
        var listeners = new JsonArray(new JsonObject
        {
            ["name"] = "http",
            ["port"] = 80,
            ["protocol"] = "HTTP",
            ["allowedRoutes"] = new JsonObject { ["namespaces"] = new JsonObject { ["from"] = from } },
        });
        if (extraListener is not null)
        {
            listeners.Add(extraListener);
        }

        return new JsonObject
        {
            ["apiVersion"] = "gateway.networking.k8s.io/v1",
            ["kind"] = "Gateway",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["gatewayClassName"] = cls, ["listeners"] = listeners },
        }.ToJsonString();
    }

    private static string Route(string name, string gwNs, string gw, string backend, string? backendNs = null, string? section = null)
    {
        var parent = new JsonObject { ["name"] = gw, ["namespace"] = gwNs };
        if (section is not null)
        {
            parent["sectionName"] = section;
        }

        var backendRef = new JsonObject { ["name"] = backend, ["port"] = 80 };
        if (backendNs is not null)
        {
            backendRef["namespace"] = backendNs;
        }

        return new JsonObject
        {
            ["apiVersion"] = "gateway.networking.k8s.io/v1",
            ["kind"] = "HTTPRoute",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["parentRefs"] = new JsonArray(parent),
                ["rules"] = new JsonArray(new JsonObject { ["backendRefs"] = new JsonArray(backendRef) }),
            },
        }.ToJsonString();
    }

    private async Task ServiceAsync(string ns, string name) =>
        await PostAsync($"/api/v1/namespaces/{ns}/services", $$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"{{{name}}}"},"spec":{"selector":{"app":"{{{name}}}"},"ports":[{"port":80}]}}""");

    [Test]
    public async Task GatewayClassIsAcceptedByItsController()
    {
        var cls = await ClassAsync();
        await EventuallyAsync(async () => ConditionField((await GetAsync($"{Gw}/gatewayclasses/{cls}"))["status"], "Accepted", "status") == "True", "GatewayClass Accepted=True");
    }

    [Test]
    public async Task GatewayOfAKnownClassIsAcceptedProgrammedAndGetsAnAddressAndListenerStatus()
    {
        var cls = await ClassAsync();
        var ns = await CreateNamespaceAsync();
        await PostAsync($"{Gw}/namespaces/{ns}/gateways", Gateway("front", cls));
        JsonObject? status = null;
        await EventuallyAsync(async () => ConditionField(status = (await GetAsync($"{Gw}/namespaces/{ns}/gateways/front"))["status"] as JsonObject, "Programmed", "status") == "True", "Gateway Programmed=True");
        Assert.Multiple(() =>
        {
            Assert.That(ConditionField(status, "Accepted", "status"), Is.EqualTo("True"));
            Assert.That(Condition(status, "Programmed")!["observedGeneration"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(status!["addresses"]!.AsArray(), Has.Count.EqualTo(1));
            var listener = status["listeners"]!.AsArray().Single()!;
            Assert.That(listener["name"]!.GetValue<string>(), Is.EqualTo("http"));
            Assert.That(listener["attachedRoutes"]!.GetValue<int>(), Is.Zero);
            Assert.That(listener["supportedKinds"]!.AsArray().Select(k => k!["kind"]!.GetValue<string>()), Does.Contain("HTTPRoute"));
            Assert.That(ConditionField(listener, "ResolvedRefs", "status"), Is.EqualTo("True"));
        });
    }

    [Test]
    public async Task GatewayOfAClassNoControllerOwnsGetsNoStatus()
    {
        var ns = await CreateNamespaceAsync();
        await PostAsync($"{Gw}/namespaces/{ns}/gateways", Gateway("orphan", "no-such-class"));
        var cls = await ClassAsync();
        await PostAsync($"{Gw}/namespaces/{ns}/gateways", Gateway("owned", cls));
        await EventuallyAsync(async () => ConditionField((await GetAsync($"{Gw}/namespaces/{ns}/gateways/owned"))["status"], "Programmed", "status") == "True", "the owned Gateway to be programmed");
        Assert.That(Condition((await GetAsync($"{Gw}/namespaces/{ns}/gateways/orphan"))["status"], "Accepted"), Is.Null);
    }

    [Test]
    public async Task RouteToAnExistingServiceIsAcceptedResolvedAndCountedOnTheListener()
    {
        var cls = await ClassAsync();
        var ns = await CreateNamespaceAsync();
        await ServiceAsync(ns, "web");
        await PostAsync($"{Gw}/namespaces/{ns}/gateways", Gateway("front", cls));
        await PostAsync($"{Gw}/namespaces/{ns}/httproutes", Route("web", ns, "front", "web"));
        var parent = await ParentStatusAsync(ns, "web", "True");
        Assert.Multiple(() =>
        {
            Assert.That(ConditionField(parent, "Accepted", "status"), Is.EqualTo("True"));
            Assert.That(parent["controllerName"]!.GetValue<string>(), Is.EqualTo($"example.com/{cls}"));
            Assert.That(parent["parentRef"]!["name"]!.GetValue<string>(), Is.EqualTo("front"));
            Assert.That(Condition(parent, "Accepted")!["observedGeneration"]!.GetValue<long>(), Is.EqualTo(1));
        });
        await EventuallyAsync(async () => (await GetAsync($"{Gw}/namespaces/{ns}/gateways/front"))["status"]?["listeners"]?[0]?["attachedRoutes"]?.GetValue<int>() == 1, "attachedRoutes=1");
    }

    [Test]
    public async Task RouteToAMissingServiceHasResolvedRefsFalseWithBackendNotFoundUntilTheServiceExists()
    {
        var cls = await ClassAsync();
        var ns = await CreateNamespaceAsync();
        await PostAsync($"{Gw}/namespaces/{ns}/gateways", Gateway("front", cls));
        await PostAsync($"{Gw}/namespaces/{ns}/httproutes", Route("web", ns, "front", "web"));
        var parent = await ParentStatusAsync(ns, "web", "False");
        Assert.That(ConditionField(parent, "ResolvedRefs", "reason"), Is.EqualTo("BackendNotFound"));
        Assert.That(ConditionField(parent, "ResolvedRefs", "message"), Does.Contain("web"));
        await ServiceAsync(ns, "web");
        await ParentStatusAsync(ns, "web", "True");
    }

    [Test]
    public async Task RouteFromAnotherNamespaceIsNotAllowedByASameNamespaceListenerButIsByAnAllListener()
    {
        var cls = await ClassAsync();
        var gwNs = await CreateNamespaceAsync();
        var routeNs = await CreateNamespaceAsync();
        await ServiceAsync(routeNs, "web");
        await PostAsync($"{Gw}/namespaces/{gwNs}/gateways", Gateway("same", cls));
        await PostAsync($"{Gw}/namespaces/{gwNs}/gateways", Gateway("all", cls, from: "All"));
        await PostAsync($"{Gw}/namespaces/{routeNs}/httproutes", Route("to-same", gwNs, "same", "web"));
        await PostAsync($"{Gw}/namespaces/{routeNs}/httproutes", Route("to-all", gwNs, "all", "web"));
        var refused = await ParentStatusAsync(routeNs, "to-same", "True");
        var admitted = await ParentStatusAsync(routeNs, "to-all", "True");
        Assert.Multiple(() =>
        {
            Assert.That(ConditionField(refused, "Accepted", "status"), Is.EqualTo("False"));
            Assert.That(ConditionField(refused, "Accepted", "reason"), Is.EqualTo("NotAllowedByListeners"));
            Assert.That(ConditionField(admitted, "Accepted", "status"), Is.EqualTo("True"));
        });
    }

    [Test]
    public async Task RouteNamingAMissingListenerIsNotAcceptedWithNoMatchingParent()
    {
        var cls = await ClassAsync();
        var ns = await CreateNamespaceAsync();
        await ServiceAsync(ns, "web");
        await PostAsync($"{Gw}/namespaces/{ns}/gateways", Gateway("front", cls));
        await PostAsync($"{Gw}/namespaces/{ns}/httproutes", Route("web", ns, "front", "web", section: "https"));
        var parent = await ParentStatusAsync(ns, "web", "True");
        Assert.That(ConditionField(parent, "Accepted", "reason"), Is.EqualTo("NoMatchingParent"));
    }

    [Test]
    public async Task RouteWhoseGatewayDoesNotExistGetsNoParentStatusUntilTheGatewayAppears()
    {
        var cls = await ClassAsync();
        var ns = await CreateNamespaceAsync();
        await ServiceAsync(ns, "web");
        await PostAsync($"{Gw}/namespaces/{ns}/httproutes", Route("web", ns, "later", "web"));
        // A control route proves the controller has been through this namespace's routes.
        await PostAsync($"{Gw}/namespaces/{ns}/gateways", Gateway("front", cls));
        await PostAsync($"{Gw}/namespaces/{ns}/httproutes", Route("control", ns, "front", "web"));
        await ParentStatusAsync(ns, "control", "True");
        Assert.That((await GetAsync($"{Gw}/namespaces/{ns}/httproutes/web"))["status"]?["parents"]?.AsArray() ?? [], Is.Empty);
        await PostAsync($"{Gw}/namespaces/{ns}/gateways", Gateway("later", cls));
        await ParentStatusAsync(ns, "web", "True");
    }

    [Test]
    public async Task CrossNamespaceBackendNeedsAReferenceGrant()
    {
        var cls = await ClassAsync();
        var ns = await CreateNamespaceAsync();
        var backendNs = await CreateNamespaceAsync();
        await ServiceAsync(backendNs, "model");
        await PostAsync($"{Gw}/namespaces/{ns}/gateways", Gateway("front", cls));
        await PostAsync($"{Gw}/namespaces/{ns}/httproutes", Route("web", ns, "front", "model", backendNs));
        var parent = await ParentStatusAsync(ns, "web", "False");
        Assert.That(ConditionField(parent, "ResolvedRefs", "reason"), Is.EqualTo("RefNotPermitted"));
        await PostAsync($"{Gw}/namespaces/{backendNs}/referencegrants", $$$"""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"ReferenceGrant","metadata":{"name":"allow"},"spec":{"from":[{"group":"gateway.networking.k8s.io","kind":"HTTPRoute","namespace":"{{{ns}}}"}],"to":[{"group":"","kind":"Service"}]}}""");
        await ParentStatusAsync(ns, "web", "True");
    }

    [Test]
    public async Task TlsListenerWithAMissingCertificateSecretIsNotProgrammedUntilTheSecretExists()
    {
        var cls = await ClassAsync();
        var ns = await CreateNamespaceAsync();
        var https = JsonNode.Parse("""{"name":"https","port":443,"protocol":"HTTPS","tls":{"mode":"Terminate","certificateRefs":[{"kind":"Secret","name":"front-tls"}]}}""")!.AsObject();
        await PostAsync($"{Gw}/namespaces/{ns}/gateways", Gateway("front", cls, extraListener: https));
        JsonNode? listener = null;
        await EventuallyAsync(async () => (listener = (await GetAsync($"{Gw}/namespaces/{ns}/gateways/front"))["status"]?["listeners"]?.AsArray().FirstOrDefault(l => l!["name"]!.GetValue<string>() == "https")) is not null, "listener status");
        Assert.Multiple(() =>
        {
            Assert.That(ConditionField(listener, "ResolvedRefs", "status"), Is.EqualTo("False"));
            Assert.That(ConditionField(listener, "ResolvedRefs", "reason"), Is.EqualTo("InvalidCertificateRef"));
            Assert.That(ConditionField(listener, "Programmed", "status"), Is.EqualTo("False"));
        });
        await PostAsync($"/api/v1/namespaces/{ns}/secrets", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"front-tls"},"type":"kubernetes.io/tls","data":{"tls.crt":"eA==","tls.key":"eA=="}}""");
        await EventuallyAsync(async () => ConditionField((await GetAsync($"{Gw}/namespaces/{ns}/gateways/front"))["status"]?["listeners"]?.AsArray().FirstOrDefault(l => l!["name"]!.GetValue<string>() == "https"), "ResolvedRefs", "status") == "True", "the https listener to resolve its certificate");
    }
}

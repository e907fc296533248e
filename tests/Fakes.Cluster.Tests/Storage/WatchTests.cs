using System.Text.Json.Nodes;
using k8s.Models;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Storage;

/// <summary>Watch semantics (https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes).</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class WatchTests : ClusterFixture
{
    protected override SimulatedClusterOptions Options => base.Options with { WatchHistory = 20 };

    [Test]
    public async Task WatchDeliversAddedModifiedDeletedInOrder(CancellationToken ct)
    {
        var ns = await CreateNamespaceAsync();
        var events = new List<(WatchEventType, string)>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: ct);
        var reader = Task.Run(async () =>
        {
            await foreach (var (type, item) in Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                if (item.Metadata.Name != "w")
                {
                    continue;
                }

                events.Add((type, item.Data?["k"] ?? string.Empty));
                if (type == WatchEventType.Deleted)
                {
                    break;
                }
            }
        }, ct);
        await Task.Delay(200, ct);
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "w" }, Data = new Dictionary<string, string> { ["k"] = "1" } }, ns, cancellationToken: ct);
        cm.Data["k"] = "2";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "w", ns, cancellationToken: ct);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("w", ns, cancellationToken: ct);
        await reader.WaitAsync(TestTimeouts.Short, ct);
        Assert.That(events, Is.EqualTo(new[] { (WatchEventType.Added, "1"), (WatchEventType.Modified, "2"), (WatchEventType.Deleted, "2") }));
    }

    [Test]
    public async Task WatchFromExpiredResourceVersionReturns410Gone()
    {
        var ns = await CreateNamespaceAsync();
        var first = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "old" } }, ns);
        for (var i = 0; i < 30; i++)
        {
            await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"churn{i}" } }, ns);
        }

        var (status, _, response) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={first.Metadata.ResourceVersion}&timeoutSeconds=1");
        var line = JsonNode.Parse((await response.Content.ReadAsStringAsync()).Split('\n')[0])!;
        Assert.That(status, Is.EqualTo(200));
        Assert.That(line["type"]!.GetValue<string>(), Is.EqualTo("ERROR"));
        Assert.That(line["object"]!["code"]!.GetValue<int>(), Is.EqualTo(410));
        Assert.That(line["object"]!["reason"]!.GetValue<string>(), Is.EqualTo("Expired"));
        Assert.That(line["object"]!["message"]!.GetValue<string>(), Does.StartWith("too old resource version: "));
    }

    [Test]
    public async Task WatchSendsBookmarksWhenAllowed()
    {
        var ns = await CreateNamespaceAsync();
        var (_, _, response) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=1&allowWatchBookmarks=true&timeoutSeconds=1");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(lines.Any(l => l["type"]!.GetValue<string>() == "BOOKMARK" && l["object"]!["metadata"]!["resourceVersion"] is not null), Is.True);
    }

    [Test]
    public async Task SendInitialEventsEndsWithAnnotatedBookmark()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "init" } }, ns);
        var (_, _, response) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(lines.Any(l => l["type"]!.GetValue<string>() == "ADDED" && l["object"]!["metadata"]!["name"]!.GetValue<string>() == "init"), Is.True);
        var bookmark = lines.First(l => l["type"]!.GetValue<string>() == "BOOKMARK");
        Assert.That(bookmark["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>(), Is.EqualTo("true"));
    }

    [Test]
    public async Task WatchWithLabelSelectorReportsObjectsLeavingTheSelectionAsDeleted(CancellationToken ct)
    {
        var ns = await CreateNamespaceAsync();
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "sel", Labels = new Dictionary<string, string> { ["pick"] = "me" } } }, ns, cancellationToken: ct);
        var seen = new List<WatchEventType>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reader = Task.Run(async () =>
        {
            await foreach (var (type, _) in Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, labelSelector: "pick=me", resourceVersion: cm.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                seen.Add(type);
                if (type == WatchEventType.Deleted)
                {
                    break;
                }
            }
        }, ct);
        await Task.Delay(200, ct);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"labels":{"pick":"other"}}}""", V1Patch.PatchType.MergePatch), "sel", ns, cancellationToken: ct);
        await reader.WaitAsync(TestTimeouts.Short, ct);
        Assert.That(seen, Is.EqualTo(new[] { WatchEventType.Deleted }));
    }

    [Test]
    public async Task WatchAsTableStreamsTableRows()
    {
        var ns = await CreateNamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "tbl" } }, ns);
        var (_, _, response) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=1&timeoutSeconds=1", accept: "application/json;as=Table;v=v1;g=meta.k8s.io");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(lines.All(l => l["object"]!["kind"]!.GetValue<string>() == "Table"), Is.True);
        Assert.That(lines.Select(l => l["object"]!["rows"]![0]!["cells"]![0]!.GetValue<string>()), Does.Contain("tbl"));
    }
}

using PlatformValidation.Fakes.Cluster.Faults;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Faults;

/// <summary>Fault injection for reliability scenarios.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
[NonParallelizable]
public sealed class FaultInjectionTests : ClusterFixture
{
    [TearDown]
    public void ClearFaults() => Cluster.Faults.Clear();

    [Test]
    public async Task ErrorRateOfOneAnswersEveryApiRequestWith500()
    {
        Cluster.Faults.Settings = new FaultSettings { ErrorRate = 1 };
        var (status, body, _) = await SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        Assert.That(status, Is.EqualTo(500));
        Assert.That(body!["reason"]!.GetValue<string>(), Is.EqualTo("InternalError"));
        var health = await Http.GetAsync("/healthz");
        Assert.That((int)health.StatusCode, Is.EqualTo(200), "health endpoints are never faulted");
    }

    [Test]
    public async Task ThrottledRequestsGet429WithRetryAfter()
    {
        Cluster.Faults.Settings = new FaultSettings { ThrottleRate = 1, RetryAfterSeconds = 3 };
        var (status, body, response) = await SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        Assert.That(status, Is.EqualTo(429));
        Assert.That(response.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(body!["details"]!["retryAfterSeconds"]!.GetValue<int>(), Is.EqualTo(3));
    }

    [Test]
    public async Task DelayedRequestsOutlastAClientTimeout()
    {
        Cluster.Faults.Settings = new FaultSettings { DelayRate = 1, Delay = TimeSpan.FromSeconds(5) };
        using var client = CreateHttp(Cluster.KubeconfigPath);
        client.Timeout = TimeSpan.FromMilliseconds(300);
        Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync("/api/v1/namespaces"));
        Cluster.Faults.Clear();
        var (status, _, _) = await SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        Assert.That(status, Is.EqualTo(200), "the server keeps serving after faults are cleared");
    }

    [Test]
    public async Task WatchStreamsAreCutAfterTheConfiguredNumberOfEvents()
    {
        Cluster.Faults.Settings = new FaultSettings { WatchCutAfterEvents = 2 };
        var (_, _, response) = await SendAsync(HttpMethod.Get, "/api/v1/namespaces?watch=true&timeoutSeconds=10");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
    }

    [Test]
    public async Task WatchStreamsAreCutAfterTheConfiguredDuration()
    {
        Cluster.Faults.Settings = new FaultSettings { WatchCutAfter = TimeSpan.FromMilliseconds(500) };
        var started = DateTime.UtcNow;
        var (status, _, response) = await SendAsync(HttpMethod.Get, "/api/v1/configmaps?watch=true&timeoutSeconds=30&resourceVersion=1");
        await response.Content.ReadAsStringAsync();
        Assert.That(status, Is.EqualTo(200));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(10)), "the stream ends long before its 30 s timeout");
    }

    [Test]
    public async Task PathFilterLimitsFaultsToMatchingRequests()
    {
        Cluster.Faults.Settings = new FaultSettings { ErrorRate = 1, PathFilter = "/configmaps" };
        Assert.That((await SendAsync(HttpMethod.Get, "/api/v1/namespaces")).Status, Is.EqualTo(200));
        Assert.That((await SendAsync(HttpMethod.Get, "/api/v1/configmaps")).Status, Is.EqualTo(500));
    }
}

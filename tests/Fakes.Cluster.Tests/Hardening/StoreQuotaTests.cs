using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Tests.Support;

namespace PlatformValidation.Fakes.Cluster.Tests.Hardening;

/// <summary>A cluster full to <see cref="SimulatedClusterOptions.MaxObjects"/> refuses creates as a full etcd does, and keeps serving.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class StoreQuotaTests : ClusterFixture
{
    protected override SimulatedClusterOptions Options => new() { MaxObjects = 300, EnableControllers = false };

    [Test]
    public async Task CreatesBeyondMaxObjectsFailLikeAFullEtcd()
    {
        int status = 0;
        string? message = null;
        for (var i = 0; i < 400 && status != 500; i++)
        {
            var (s, json, _) = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"q{{{i}}}"}}""");
            status = s;
            message = json?["message"]?.GetValue<string>();
        }

        Assert.That(status, Is.EqualTo(500));
        Assert.That(message, Does.StartWith("etcdserver: mvcc: database space exceeded"));
        Assert.That((await SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/q0")).Status, Is.EqualTo(200));
        Assert.That((await SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/q0")).Status, Is.EqualTo(200));
        Assert.That((await SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"after-delete"}}""")).Status, Is.EqualTo(201));
    }
}

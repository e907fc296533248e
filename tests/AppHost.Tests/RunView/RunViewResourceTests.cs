using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Resources.RunView;
using PlatformValidation.Tests;

namespace PlatformValidation.AppHost.Tests.RunView;

/// <summary>The run view, built by the shared loopback Kestrel setup, serves its pages, metrics and health on 127.0.0.1.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class RunViewResourceTests
{
    [Test]
    public async Task ServesItsEndpointsOnLoopbackOnAFreePort(CancellationToken cancellationToken)
    {
        var view = new RunViewResource("run-view", 0);
        await view.StartAsync(new ResourceStartContext(Path.GetTempPath(), NullLogger.Instance), cancellationToken);
        try
        {
            using var http = new HttpClient { Timeout = TestTimeouts.Short };
            var health = await http.GetAsync(new Uri(view.Url!, "healthz"), cancellationToken);
            var metrics = await http.GetAsync(new Uri(view.Url!, "metrics"), cancellationToken);
            var page = await http.GetAsync(view.Url!, cancellationToken);
            var run = await http.GetAsync(new Uri(view.Url!, "api/run"), cancellationToken);
            Assert.Multiple(async () =>
            {
                Assert.That(view.Url!.Host, Is.EqualTo("127.0.0.1"));
                Assert.That(view.Url.Port, Is.Not.Zero, "port 0 binds a free port and reports it");
                Assert.That(await health.Content.ReadAsStringAsync(cancellationToken), Is.EqualTo("ok"));
                Assert.That(metrics.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(await page.Content.ReadAsStringAsync(cancellationToken), Does.Contain("<html"));
                Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no run yet");
            });
        }
        finally
        {
            await view.StopAsync(cancellationToken);
        }
    }
}

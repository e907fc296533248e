using PlatformValidation.AppHost.ApplicationModel;
using PlatformValidation.AppHost.Orchestration;

namespace PlatformValidation.AppHost.Tests.Orchestration;

[CancelAfter(60_000)]
public sealed class ResourceOrchestratorTests
{
    [Test]
    public async Task ResourcesStartAfterWhatTheyWaitForAndStopInReverse()
    {
        var journal = new List<string>();
        var builder = PlatformAppBuilder.Create();
        var c = builder.AddResource(new Recording("c", journal));
        var a = builder.AddResource(new Recording("a", journal));
        var b = builder.AddResource(new Recording("b", journal)).WaitFor(a);
        c.WaitFor(b);
        await using var app = builder.Build();
        await app.StartAsync();
        Assert.That(journal, Is.EqualTo(new[] { "start a", "start b", "start c" }));
        await app.StopAsync();
        Assert.That(journal.Skip(3), Is.EqualTo(new[] { "stop c", "stop b", "stop a" }));
        Assert.That(Directory.Exists(app.ScratchDirectory), Is.False);
    }

    [Test]
    public async Task AHealthCheckThatNeverPassesFailsNamingTheResourceAndCheckAndStopsWhatStarted()
    {
        var journal = new List<string>();
        var builder = PlatformAppBuilder.Create(new PlatformAppOptions { HealthPollInterval = TimeSpan.FromMilliseconds(10) });
        var a = builder.AddResource(new Recording("a", journal));
        builder.AddResource(new Recording("b", journal)).WaitFor(a).WithHealthCheck("port open", _ => Task.FromResult(false), TimeSpan.FromMilliseconds(200));
        await using var app = builder.Build();
        var e = Assert.ThrowsAsync<OrchestrationException>(() => app.RunAsync((_, _) => Task.FromResult(0)));
        Assert.That(e!.Message, Does.Contain("'b'").And.Contain("port open"));
        Assert.That(journal, Does.Contain("stop a").And.Contain("stop b"));
        Assert.That(((Resource)app.Resources[1]).State, Is.EqualTo(ResourceState.Stopped));
    }

    [Test]
    public async Task CancellingTheMainJobStillTearsEverythingDown()
    {
        var journal = new List<string>();
        var builder = PlatformAppBuilder.Create();
        builder.AddResource(new Recording("a", journal));
        await using var app = builder.Build();
        using var cts = new CancellationTokenSource(100);
        Assert.CatchAsync<OperationCanceledException>(() => app.RunAsync(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        }, cts.Token));
        Assert.That(journal, Is.EqualTo(new[] { "start a", "stop a" }));
    }

    [Test]
    public void WaitForCyclesAreRejectedWithTheCycle()
    {
        var builder = PlatformAppBuilder.Create();
        var a = builder.AddResource(new Recording("a", []));
        var b = builder.AddResource(new Recording("b", [])).WaitFor(a);
        a.WaitFor(b);
        var app = builder.Build();
        var e = Assert.Throws<OrchestrationException>(() => app.Orchestrator.StartOrder());
        Assert.That(e!.Message, Does.Contain("a → b → a").Or.Contain("b → a → b"));
    }

    [Test]
    public void ResourceNamesAreUnique()
    {
        var builder = PlatformAppBuilder.Create();
        builder.AddResource(new Recording("a", []));
        Assert.Throws<InvalidOperationException>(() => builder.AddResource(new Recording("a", [])));
    }

    private sealed class Recording(string name, List<string> journal) : Resource(name), IResourceWithLifecycle
    {
        public Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default)
        {
            Assert.That(Directory.Exists(context.ScratchDirectory), Is.True);
            journal.Add("start " + Name);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken = default)
        {
            journal.Add("stop " + Name);
            return Task.CompletedTask;
        }
    }
}

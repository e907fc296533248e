using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.AppHost.Tests.Lifecycle;

/// <summary>
/// The AppHost's in-process resources on Aspire (DCP runs, the dashboard is off): they start once what they
/// <c>WaitFor</c> is healthy, resources that wait for nothing start in parallel, a health check that never passes
/// fails the start naming the resource and the check, and everything stops newest first.
/// </summary>
[Category(TestCategories.Slow)]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class HarnessLifecycleTests
{
    [Test]
    public async Task ResourcesStartAfterWhatTheyWaitForAndStopInReverse()
    {
        var journal = new Journal();
        var builder = HarnessHost.CreateBuilder(Options());
        var a = builder.AddHarnessResource(new Recording("a", journal));
        var b = builder.AddHarnessResource(new Recording("b", journal)).WaitFor(a);
        builder.AddHarnessResource(new Recording("c", journal)).WaitFor(b);
        await using var app = new HarnessApp(builder.Build());
        await app.StartAsync(TestTimeouts.Token(TestTimeouts.Medium));
        Assert.That(journal.Lines, Is.EqualTo(new[] { "start a", "start b", "start c" }));
        Assert.That(app.Resource<Recording>("c").TimeToHealthy, Is.Not.Null);
        await app.StopAsync();
        Assert.That(journal.Lines.Skip(3), Is.EqualTo(new[] { "stop c", "stop b", "stop a" }));
        Assert.That(Directory.Exists(app.ScratchDirectory), Is.False, "the run's scratch directory is removed");
    }

    [Test]
    public async Task AHealthCheckThatNeverPassesFailsNamingTheResourceAndCheckAndStopsWhatStarted()
    {
        var journal = new Journal();
        var builder = HarnessHost.CreateBuilder(Options());
        var a = builder.AddHarnessResource(new Recording("a", journal));
        builder.AddHarnessResource(new Recording("b", journal)).WaitFor(a)
            .WithHealthCheck("port open", _ => Task.FromResult(false))
            .WithStartupTimeout(TimeSpan.FromSeconds(2));
        await using var app = new HarnessApp(builder.Build());
        var e = Assert.ThrowsAsync<HarnessStartException>(() => app.RunAsync((_, _) => Task.FromResult(0), TestTimeouts.Token(TestTimeouts.Medium)));
        Assert.That(e!.Message, Does.Contain("'b'").And.Contain("port open").And.Contain("2 s"));
        Assert.That(journal.Lines, Does.Contain("stop a").And.Contain("stop b"));
    }

    [Test]
    public async Task AResourceThatThrowsWhileStartingIsFailedToStartWithItsReason()
    {
        var builder = HarnessHost.CreateBuilder(Options());
        builder.AddHarnessResource(new Recording("broken", new Journal()) { Fail = "the kubeconfig is missing" });
        await using var app = new HarnessApp(builder.Build());
        var e = Assert.ThrowsAsync<HarnessStartException>(() => app.StartAsync(TestTimeouts.Token(TestTimeouts.Medium)));
        Assert.That(e!.Message, Does.Contain("'broken'").And.Contain("the kubeconfig is missing"));
        Assert.That(app.Resource<Recording>("broken").State, Is.EqualTo(KnownResourceStates.FailedToStart));
    }

    [Test]
    public async Task CancellingTheMainJobStillTearsEverythingDown()
    {
        var journal = new Journal();
        var builder = HarnessHost.CreateBuilder(Options());
        builder.AddHarnessResource(new Recording("a", journal));
        await using var app = new HarnessApp(builder.Build());
        using var cts = new CancellationTokenSource(TestTimeouts.Medium);
        Assert.CatchAsync<OperationCanceledException>(() => app.RunAsync(
            async (_, token) =>
            {
                await cts.CancelAsync();
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            },
            cts.Token));
        Assert.That(journal.Lines, Does.Contain("stop a"));
    }

    // The lifecycle never reads the scenario: the bundled sample stands in for any.
    private static RunOptions Options() => new(LiveScenarioFactory.Load(PlatformValidation.AppHost.Cli.ScenarioLocator.FindBundled()!), SubstrateKind.Sim);

    private sealed class Journal
    {
        private readonly Lock gate = new();
        private readonly List<string> lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (gate)
                {
                    return [.. lines];
                }
            }
        }

        public void Add(string line)
        {
            lock (gate)
            {
                lines.Add(line);
            }
        }
    }

    private sealed class Recording(string name, Journal journal) : HarnessResource(name)
    {
        public string? Fail { get; init; }

        public override Task StartAsync(ResourceStartContext context, CancellationToken cancellationToken = default)
        {
            journal.Add("start " + Name);
            return Fail is null ? Task.CompletedTask : throw new InvalidOperationException(Fail);
        }

        public override Task StopAsync(CancellationToken cancellationToken = default)
        {
            journal.Add("stop " + Name);
            return Task.CompletedTask;
        }
    }
}

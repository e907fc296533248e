using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.Operations;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Suites;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>
/// The dashboard commands on a sim AppHost brought to profile serving, executed as the Aspire Dashboard executes
/// them (<see cref="ResourceCommandService"/>): each changes the cluster the way the platform engineer's manual step
/// does, and bad input fails with a message instead of an exception.
/// </summary>
[Category(TestCategories.Slow)]
[Parallelizable]
[CancelAfter(300_000)]
public sealed class DashboardCommandTests
{
    [Test]
    public async Task CommandsScaleSyncRefreshRerunAndKeep()
    {
        var scenario = SimScenario.Load();
        var gate = scenario.CostGates.First(g => g.App == "raw-vllm");
        await using var app = PlatformSystem.Compose(new RunOptions(scenario, SubstrateKind.Sim)
        {
            Suites = [new SuiteDefinition("reproduce", SuiteKinds.ProfileMatrix) { Profiles = ["serving"] }],
        });
        await app.StartAsync(TestTimeouts.Token(TestTimeouts.Medium));
        var runner = app.Resource<ScenarioRunnerResource>("runner");
        var first = await runner.RunAsync(TestTimeouts.Token(TestTimeouts.Long));
        Assert.That(first.Outcome, Is.EqualTo(RunOutcome.Passed));
        var commands = app.Services.GetRequiredService<ResourceCommandService>();
        using var client = runner.Substrate!().CreateClient();
        var dynamic = new DynamicClient(client);
        async Task<int?> ReplicasAsync() => (await dynamic.GetAsync(ObjectRef.Of(gate.Workload!)))?["spec"]?["replicas"]?.GetValue<int>();
        var token = TestTimeouts.Token(TestTimeouts.Long);

        var sync = await commands.ExecuteCommandAsync("argocd", PlatformCommands.Sync, Inputs("app", "raw-vllm"), token);
        Assert.That(sync.Success, Is.True, sync.Message);
        // raw-vllm is a manual-sync cost gate: the sync command creates its (zero-replica) Deployment.
        var deadline = DateTime.UtcNow + TestTimeouts.Scale(TimeSpan.FromSeconds(30));
        while (await dynamic.GetAsync(ObjectRef.Of(gate.Workload!)) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var up = await commands.ExecuteCommandAsync("argocd", PlatformCommands.ScaleUp("raw-vllm"), token);
        Assert.That(up.Success, Is.True, up.Message);
        Assert.That(await ReplicasAsync(), Is.EqualTo(gate.Scale!.Up), "make vllm-up");
        var down = await commands.ExecuteCommandAsync("argocd", PlatformCommands.ScaleDown("raw-vllm"), token);
        Assert.That(down.Success, Is.True, down.Message);
        Assert.That(await ReplicasAsync(), Is.EqualTo(gate.Scale!.Down), "make vllm-down");

        var refresh = await commands.ExecuteCommandAsync("argocd", PlatformCommands.HardRefresh, Inputs("app", "raw-vllm"), token);
        Assert.That(refresh.Success, Is.True, refresh.Message);
        var unknown = await commands.ExecuteCommandAsync("argocd", PlatformCommands.Sync, Inputs("app", "no-such-app"), token);
        Assert.That(unknown.Success, Is.False);
        Assert.That(unknown.Message, Does.Contain("no-such-app"));

        var rerun = await commands.ExecuteCommandAsync("runner", PlatformCommands.RerunProfile, Inputs("profile", "platform"), token);
        Assert.That(rerun.Success, Is.True, rerun.Message);
        Assert.That(runner.Progress.Final!.Checks.Select(c => c.Profile).Distinct(), Is.EqualTo(new[] { "platform" }), "the run view shows the re-run");
        var badProfile = await commands.ExecuteCommandAsync("runner", PlatformCommands.RerunProfile, Inputs("profile", "nope"), token);
        Assert.That(badProfile.Success, Is.False);

        Assert.That(runner.KeepRequested, Is.False);
        var keep = await commands.ExecuteCommandAsync("runner", PlatformCommands.Keep, token);
        Assert.That(keep.Success, Is.True, keep.Message);
        Assert.That(runner.KeepRequested, Is.True);
    }

    private static InteractionInputCollection Inputs(string name, string value) =>
        new([new InteractionInput { Name = name, InputType = InputType.Text, Value = value }]);
}

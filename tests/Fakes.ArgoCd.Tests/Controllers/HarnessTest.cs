using PlatformValidation.Fakes.ArgoCd.Tests.Support;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Controllers;

/// <summary>Base for controller tests: a git repo, a SimulatedCluster and a SimulatedArgoCd per test.</summary>
[Category(TestCategories.Slow)]
[CancelAfter(TestTimeouts.CancelAfterMs)]
public abstract class HarnessTest
{
    protected GitRepo Repo { get; private set; } = null!;

    protected ArgoCdHarness H { get; private set; } = null!;

    /// <summary>Files committed before the simulated Argo CD starts.</summary>
    protected abstract void Seed(GitRepo repo);

    [SetUp]
    public async Task StartHarnessAsync()
    {
        Repo = new GitRepo();
        Seed(Repo);
        Repo.Commit("seed");
        H = await ArgoCdHarness.StartAsync(new Dictionary<string, string> { [ArgoCdHarness.RepoUrl] = Repo.Directory });
    }

    [TearDown]
    public async Task StopHarnessAsync()
    {
        await H.DisposeAsync();
        Repo.Dispose();
    }
}

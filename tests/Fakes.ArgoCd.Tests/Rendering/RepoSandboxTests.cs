using k8s;
using PlatformValidation.Fakes.ArgoCd.Tests.Controllers;
using PlatformValidation.Fakes.ArgoCd.Tests.Support;
using static PlatformValidation.Fakes.ArgoCd.Tests.Support.Apps;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Rendering;

/// <summary>
/// The simulated repo-server renders through the engine's sandbox (docs/engine.md): like Argo CD's, it only has the
/// checkout, so a kustomize base outside it is a ComparisonError and nothing from there reaches the cluster.
/// </summary>
public class RepoSandboxTests : HarnessTest
{
    private readonly string outside = Path.Combine(Path.GetTempPath(), "pv-argo-outside-" + Guid.NewGuid().ToString("N")[..8]);

    protected override void Seed(GitRepo repo)
    {
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "kustomization.yaml"), "resources: [cm.yaml]\n");
        File.WriteAllText(Path.Combine(outside, "cm.yaml"), ConfigMap("from-outside"));
        repo.Write("escape/kustomization.yaml", $"resources:\n- {outside}\n");
    }

    [TearDown]
    public void RemoveOutside() => Directory.Delete(outside, recursive: true);

    [Test]
    public async Task AKustomizeBaseOutsideTheCheckoutIsAComparisonErrorAndNothingIsApplied()
    {
        await H.ApplyAppAsync(App("escape", "escape"));

        var app = await H.WaitForAppAsync("escape", a => Condition(a, "ComparisonError") is not null, "ComparisonError");

        Assert.That(Condition(app, "ComparisonError"), Does.Contain("outside the repository"));
        var configMaps = await H.Client.CoreV1.ListConfigMapForAllNamespacesAsync();
        Assert.That(configMaps.Items.Select(c => c.Metadata.Name), Does.Not.Contain("from-outside"));
    }
}

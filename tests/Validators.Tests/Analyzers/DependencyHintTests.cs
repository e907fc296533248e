using PlatformValidation.Validators.Analyzers;

namespace PlatformValidation.Validators.Tests.Analyzers;

/// <summary>
/// The DEP001 fix hint when a wider profile has the provider: it names only the profiles that lack the provider's
/// layer, and never proposes adding a layer a profile already applies (the "add layer serving to serving" no-op).
/// </summary>
public class DependencyHintTests
{
    private static Dictionary<string, IReadOnlyCollection<string>> Missing(params (string Profile, string[] Layers)[] profiles) =>
        profiles.ToDictionary(p => p.Profile, p => (IReadOnlyCollection<string>)p.Layers, StringComparer.Ordinal);

    [Test]
    public void OnlyProfilesLackingTheProvidersLayerAreToldToAddIt()
    {
        var hint = DependencyAnalyzer.ProviderInWiderProfileHint("gateway-crds", 1, "routing", "llm-gateway", "serving",
            Missing(("platform", ["platform"]), ("serving", ["platform", "serving"])));

        Assert.That(hint, Does.Contain("move it to layer serving or below, or add layer routing to platform, serving."));
    }

    [Test]
    public void AProfileThatAlreadyAppliesTheLayerIsNeverToldToAddIt()
    {
        // serving applies layer serving, yet misses the provider (reached only through a disabled group or a parent in a
        // wider layer): "add layer serving to serving" would change nothing.
        var hint = DependencyAnalyzer.ProviderInWiderProfileHint("kserve-crds", 1, "serving", "full", "serving",
            Missing(("serving", ["platform", "serving"])));

        Assert.That(hint, Does.Not.Contain("add layer"));
        Assert.That(hint, Does.Not.Contain("move it to layer"), "provider and consumer share the layer: moving is a no-op too");
        Assert.That(hint, Does.Contain("serving does not reach it although layer serving is applied").And.Contain("make it reachable from layer serving itself"));
    }

    [Test]
    public void AMixOfProfilesNamesOnlyTheOnesThatLackTheLayer()
    {
        var hint = DependencyAnalyzer.ProviderInWiderProfileHint("a, b", 2, "serving", "full", "platform",
            Missing(("platform", ["platform"]), ("serving", ["platform", "serving"])));

        Assert.That(hint, Does.StartWith("a, b in layer serving provide it (profile full)"));
        Assert.That(hint, Does.EndWith("add layer serving to platform."));
    }
}

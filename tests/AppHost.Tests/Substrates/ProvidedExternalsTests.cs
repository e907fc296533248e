using PlatformValidation.AppHost.Substrates;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.AppHost.Tests.Substrates;

public sealed class ProvidedExternalsTests
{
    [Test]
    public void K3sDeclaresTraefikAbsentWithTheReason()
    {
        var missing = ProvidedExternals.K3s.Missing([External("StorageClass", "local-path"), External("Namespace", "argocd"), External("IngressClass", "traefik")]);
        Assert.That(missing, Has.Count.EqualTo(1));
        Assert.That(missing[0], Does.StartWith("IngressClass/traefik").And.Contain("--disable=traefik"));
    }

    [Test]
    public void AnUnknownExternalNamesWhatTheSubstrateProvides()
    {
        var missing = ProvidedExternals.K3s.Missing([External("StorageClass", "gp3")]);
        Assert.That(missing.Single(), Does.Contain("StorageClass/gp3").And.Contain("StorageClass/local-path"));
        Assert.That(ProvidedExternals.K3s.Message("sample.yaml", missing), Does.StartWith("sample.yaml: the scenario's `externals`").And.Contain("--substrate kubeconfig"));
    }

    private static ExternalObject External(string kind, string name) => new(null, kind, null, name, new PlatformValidation.Validators.Loading.SourceLocation("sample.yaml", 1, 1));
}

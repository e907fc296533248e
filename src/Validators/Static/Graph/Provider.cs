using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Graph;

/// <summary>Where a provided object comes from.</summary>
public enum ProviderOrigin
{
    /// <summary>Rendered by an app.</summary>
    Rendered,

    /// <summary>The namespace an app creates with CreateNamespace=true.</summary>
    CreateNamespace,

    /// <summary>Created by a well-known operator from a custom resource the app ships (OperatorKnowledge).</summary>
    Operator,

    /// <summary>Present in every cluster (built-in kinds and objects, k3s and Argo CD defaults).</summary>
    ClusterDefault,

    /// <summary>Declared in the scenario's externals.</summary>
    External,
}

/// <summary>Something that satisfies a requirement: an app (with the object that provides) or the environment.</summary>
public sealed record Provider(AppNode? App, ProviderOrigin Origin, ManifestObject? Source, string Description)
{
    /// <summary>True when the environment provides it (no app needed).</summary>
    public bool IsEnvironment => App is null;

    public override string ToString() => App is null ? Description : $"app {App.Name} ({Description})";
}

using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// The authenticated chat completion that proves a profile serves (<c>make smoke</c>): sent through the Kubernetes
/// service proxy to <see cref="Service"/>. The API key is referenced, never written in the scenario.
/// </summary>
public sealed record SmokeRequest(
    IReadOnlyList<string> Profiles,
    ServiceRef Service,
    string Path,
    string Model,
    string Prompt,
    int ExpectStatus,
    ApiKeySource? ApiKey,
    SourceLocation Location)
{
    public const string DefaultPath = "/v1/chat/completions";

    public const string DefaultPrompt = "Reply with the single word: ready";
}

/// <summary>A Service port (number or name) to reach through the service proxy.</summary>
public sealed record ServiceRef(string Namespace, string Name, string Port)
{
    public override string ToString() => $"{Namespace}/{Name}:{Port}";
}

/// <summary>Where the API key comes from: a key of a Secret in the cluster, or an environment variable of the harness.</summary>
public sealed record ApiKeySource(SecretKeyRef? SecretRef, string? EnvironmentVariable);

/// <summary>A key of a Secret.</summary>
public sealed record SecretKeyRef(string Namespace, string Name, string Key);

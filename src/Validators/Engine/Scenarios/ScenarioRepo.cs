using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// The platform repo under test: its directory (absolute; written relative to the scenario file), the canonical
/// repoURL(s) Applications must use (the first is the one fork-init rewrites) and the revision.
/// </summary>
public sealed record ScenarioRepo(string Directory, IReadOnlyList<string> Urls, string Revision, SourceLocation Location)
{
    /// <summary>The default revision when none is written.</summary>
    public const string DefaultRevision = "HEAD";

    /// <summary>The canonical repoURL: the first of <see cref="Urls"/>.</summary>
    public string CanonicalUrl => Urls[0];
}

namespace PlatformValidation.Validators.Live.Substrates;

/// <summary>
/// The platform repo as the harness serves it to Argo CD: a git repository fed from a snapshot of the working
/// tree. Suites that change the repo (e.g. toggling a group) commit here; Argo CD sees a new revision.
/// </summary>
public interface IServedRepo
{
    /// <summary>The repoURL Argo CD reads (the canonical one on sim, the in-cluster git server on k3s).</summary>
    string RepoUrl { get; }

    /// <summary>A working copy of the served revision; edit files here, then call <see cref="CommitAsync"/>.</summary>
    string WorkingDirectory { get; }

    /// <summary>Commits every change of <see cref="WorkingDirectory"/> and publishes it; returns the new revision.</summary>
    Task<string> CommitAsync(string message, CancellationToken cancellationToken = default);
}

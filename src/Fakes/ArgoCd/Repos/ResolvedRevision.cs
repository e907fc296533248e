namespace PlatformValidation.Fakes.ArgoCd.Repos;

/// <summary>A targetRevision resolved to a commit SHA (or, for a plain directory, a content hash) and its files on disk.</summary>
public sealed record ResolvedRevision(string RepoUrl, string Revision, string Directory);

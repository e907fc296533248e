using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Loading;

/// <summary>
/// Files and directories found under one directory of a <see cref="RepoTree"/> (repo-relative, forward slashes,
/// ordinal order), plus findings for entries that were skipped (symlink loops, symlinks escaping the repo).
/// </summary>
public sealed record RepoListing(IReadOnlyList<string> Files, IReadOnlyList<string> Directories, IReadOnlyList<Finding> Findings);

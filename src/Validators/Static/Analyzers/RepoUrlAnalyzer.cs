using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>
/// REPO001: with a scenario, a repoURL that means this repo but is not spelled like the canonical one (case,
/// <c>.git</c>, trailing slash; fork-init rewrites the exact canonical string only), or a foreign repoURL whose path
/// exists in this repo. Without a scenario only the second (Argo CD normalizes the spelling, util/git
/// NormalizeGitURL), as a warning, and nothing when this repo's URL had to be guessed.
/// </summary>
public sealed class RepoUrlAnalyzer : IStaticAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var canonical = context.Scenario.Repo.Urls;
        if (context.Discovered && context.RepoUrlGuessed)
        {
            yield break;
        }

        foreach (var (app, _) in context.DistinctApps())
        {
            foreach (var source in app.Model.Sources.Where(s => s.Chart is null))
            {
                if (Check(context, canonical, source.RepoUrl, source.Path) is { } problem)
                {
                    yield return Create(context, problem, app.Manifest.LocationOf(source.Pointer + "/repoURL"), app.Name, canonical[0]);
                }
            }
        }

        foreach (var set in context.Profiles.SelectMany(p => p.Expanded.ApplicationSets).Where(s => s.Model is not null).DistinctBy(s => (s.Name, s.Manifest.Location)))
        {
            foreach (var git in Gits(set.Model!.Generators))
            {
                if (Check(context, canonical, git.RepoUrl, git.Files.Concat(git.Directories).Select(f => f.Path).FirstOrDefault()) is { } problem)
                {
                    yield return Create(context, problem, set.Manifest.LocationOf(git.Pointer + "/git/repoURL"), null, canonical[0]);
                }
            }
        }
    }

    private static string? Check(AnalysisContext context, IReadOnlyList<string> canonical, string url, string? path)
    {
        if (string.IsNullOrEmpty(url) || url.Contains("{{", StringComparison.Ordinal) || canonical.Contains(url, StringComparer.Ordinal))
        {
            return null;
        }

        if (canonical.Any(c => RepoUrl.SameRepo(c, url)))
        {
            if (context.Discovered)
            {
                return null;
            }

            return $"repoURL {url} names this repo but is not spelled as the canonical {canonical[0]}";
        }

        var dir = path is null ? null : RepoTree.NormalizePath(path.TrimEnd('*', '/'));
        return !string.IsNullOrEmpty(dir) && (context.Repo.DirectoryExists(dir) || context.Repo.FileExists(dir))
            ? $"repoURL {url} is not the canonical {canonical[0]}, yet its path {path} exists in this repo"
            : null;
    }

    private static Finding Create(AnalysisContext context, string problem, SourceLocation location, string? app, string canonical) =>
        context.Discovered
            ? AppFindings.Create(FindingIds.Repo001, $"{problem}{(app is null ? string.Empty : $" (app {app})")}; Argo CD fetches that other repo, not this checkout, so what is validated here is not what deploys.",
                location, $"Point the repoURL at {canonical} if the path is meant to come from this repo, or pass --repo-url when this checkout's origin is that URL.", app, severity: Severity.Warning)
            : AppFindings.Create(FindingIds.Repo001, $"{problem}{(app is null ? string.Empty : $" (app {app})")}; fork-init rewrites the exact canonical string, so a fork would still deploy from here.",
                location, $"Write the repoURL exactly as {canonical}.", app);

    private static IEnumerable<GitGeneratorSpec> Gits(IEnumerable<GeneratorSpec> generators)
    {
        foreach (var g in generators)
        {
            switch (g)
            {
                case GitGeneratorSpec git:
                    yield return git;
                    break;
                case MatrixGeneratorSpec m:
                    foreach (var inner in Gits(m.Generators))
                    {
                        yield return inner;
                    }

                    break;
                case MergeGeneratorSpec m:
                    foreach (var inner in Gits(m.Generators))
                    {
                        yield return inner;
                    }

                    break;
            }
        }
    }
}

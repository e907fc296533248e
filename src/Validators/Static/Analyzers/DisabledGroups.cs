using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>
/// Reads the scenario's groups files and works out what each disabled group would add: the layer's
/// ApplicationSets are expanded once more against a copy of the groups file with every group enabled, and the
/// extra Applications are rendered. GROUP001 then points at the disabled entry instead of a bare DEP001.
/// </summary>
public static class DisabledGroups
{
    public static async Task<IReadOnlyList<GroupsFileState>> ReadAsync(
        Scenario scenario,
        RepoTree repo,
        IRepoResolver resolver,
        IReadOnlyList<ExpandedProfile> profiles,
        ExpansionOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(options);
        var result = new List<GroupsFileState>();
        foreach (var spec in scenario.Groups)
        {
            var state = GroupsFileReader.Read(repo, spec);
            if (state.Problem is null && state.Entries.Any(e => !e.Enabled))
            {
                state = state with { DisabledApps = await WhatIfAsync(state, scenario, resolver, profiles, options, cancellationToken).ConfigureAwait(false) };
            }

            result.Add(state);
        }

        return result;
    }

    private static async Task<IReadOnlyList<(GroupEntry, ExpandedApp)>> WhatIfAsync(
        GroupsFileState state,
        Scenario scenario,
        IRepoResolver resolver,
        IReadOnlyList<ExpandedProfile> profiles,
        ExpansionOptions options,
        CancellationToken cancellationToken)
    {
        var sets = profiles.SelectMany(p => p.ApplicationSets)
            .Where(s => s.Layer == state.Spec.Layer && s.Model is not null && ReadsFile(s.Model.Generators, state.Spec.File))
            .DistinctBy(s => s.Name)
            .ToList();
        if (sets.Count == 0)
        {
            return [];
        }

        var scratch = Path.Combine(options.Render.ScratchDirectory ?? Path.GetTempPath(), "pv-groups-" + Guid.NewGuid().ToString("N"));
        try
        {
            var target = Path.Combine(scratch, state.Spec.File.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, GroupsFileReader.AllEnabled(state), cancellationToken).ConfigureAwait(false);
            var whatIfRepo = StaticRepoResolver.For(RepoTree.Open(scratch), scenario.Repo.Urls);
            var expander = new ApplicationSetExpander(whatIfRepo, options.ApplicationSets);
            using var renderer = new ApplicationRenderer(resolver, options.Render);
            var result = new List<(GroupEntry, ExpandedApp)>();
            foreach (var set in sets)
            {
                var expansion = expander.Expand(set.Model!, cancellationToken);
                foreach (var generated in expansion.Applications)
                {
                    if (set.GeneratedApps.Contains(generated.Model.Name) || state.GroupOf(generated.Parameters) is not { Enabled: false } group)
                    {
                        continue;
                    }

                    var render = await renderer.RenderAsync(generated.Model, cancellationToken).ConfigureAwait(false);
                    result.Add((group, new ExpandedApp(
                        generated.Model.Name,
                        set.Layer,
                        new AppParent(ArgoKinds.ApplicationSet, set.Name),
                        generated.Manifest,
                        generated.Model,
                        render.Objects,
                        render.Outcome,
                        render.Findings)));
                }
            }

            return result;
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a scratch copy left in the temp directory is harmless.
            }
        }
    }

    private static bool ReadsFile(IEnumerable<GeneratorSpec> generators, string file) => generators.Any(g => g switch
    {
        GitGeneratorSpec git => git.Files.Any(f => !f.Exclude && (f.Path == file || GlobMatches(f.Path, file))),
        MatrixGeneratorSpec m => ReadsFile(m.Generators, file),
        MergeGeneratorSpec m => ReadsFile(m.Generators, file),
        _ => false,
    });

    private static bool GlobMatches(string pattern, string path) => Patterns.GlobPattern.Match(pattern, path);
}

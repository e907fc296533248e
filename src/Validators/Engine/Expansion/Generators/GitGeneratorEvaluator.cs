using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Patterns;

namespace PlatformValidation.Validators.Expansion.Generators;

/// <summary>The git generator (git.go) over a repo view from the resolver [ARGOCD-SEMANTICS §7.1].</summary>
internal sealed class GitGeneratorEvaluator(ApplicationSet set, IRepoResolver resolver, TemplateEngine engine, LoaderOptions loader)
{
    public List<JsonObject> Generate(GitGeneratorSpec spec)
    {
        var resolution = resolver.Resolve(spec.RepoUrl, spec.Revision);
        if (resolution.Tree is not { } tree)
        {
            throw new GeneratorException($"the git generator's repository is not available: {resolution.Reason}", spec.Pointer, notAvailableHere: true);
        }

        if (spec.Directories.Count > 0)
        {
            return Directories(spec, tree);
        }

        if (spec.Files.Count > 0)
        {
            return Files(spec, tree);
        }

        throw new GeneratorException("the git generator needs directories or files", spec.Pointer);
    }

    /// <summary>
    /// Every non-hidden directory (hidden ones and their subtrees are skipped, as GetGitDirectories does), filtered with
    /// path.Match; an exclude entry wins over every include; walk order (depth-first, lexical).
    /// </summary>
    private List<JsonObject> Directories(GitGeneratorSpec spec, RepoTree tree)
    {
        var all = tree.List(string.Empty, recursive: true).Directories
            .Where(d => !d.Split('/').Any(s => s.StartsWith('.')))
            .OrderBy(d => d, PathOrder.Instance)
            .ToList();
        var result = new List<JsonObject>();
        foreach (var dir in all)
        {
            var include = false;
            var exclude = false;
            foreach (var entry in spec.Directories)
            {
                bool match;
                try
                {
                    match = GoPathMatch.IsMatch(entry.Path, dir);
                }
                catch (FormatException)
                {
                    continue; // Argo CD logs and skips a malformed pattern.
                }

                include |= match && !entry.Exclude;
                exclude |= match && entry.Exclude;
            }

            if (include && !exclude)
            {
                var p = new JsonObject();
                ParamSets.AddPathParameters(p, dir, fileName: null, spec.PathParamPrefix, set.GoTemplate);
                GeneratorEvaluator.AppendValues(p, spec.Values, engine);
                result.Add(p);
            }
        }

        return result;
    }

    /// <summary>One parameter set per matching file, or per element when the file holds a YAML/JSON list; files in path order.</summary>
    private List<JsonObject> Files(GitGeneratorSpec spec, RepoTree tree)
    {
        var listing = tree.List(string.Empty, recursive: true);
        var candidates = listing.Files.Where(f => !f.StartsWith(".git/", StringComparison.Ordinal)).ToList();
        var selected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in spec.Files.Where(e => !e.Exclude))
        {
            selected.UnionWith(candidates.Where(f => GitPathspec.IsMatch(entry.Path, f)));
        }

        foreach (var entry in spec.Files.Where(e => e.Exclude))
        {
            selected.RemoveWhere(f => GitPathspec.IsMatch(entry.Path, f));
        }

        var result = new List<JsonObject>();
        foreach (var file in selected)
        {
            foreach (var obj in ReadParameterFile(tree, file, spec))
            {
                var p = new JsonObject();
                if (set.GoTemplate)
                {
                    foreach (var (k, v) in obj)
                    {
                        p[k] = v?.DeepClone();
                    }
                }
                else
                {
                    foreach (var (k, v) in ParamSets.Flatten(obj))
                    {
                        p[k] = v;
                    }
                }

                ParamSets.AddPathParameters(p, ParamSets.Dir(file), ParamSets.Base(file), spec.PathParamPrefix, set.GoTemplate);
                GeneratorEvaluator.AppendValues(p, spec.Values, engine);
                result.Add(p);
            }
        }

        return result;
    }

    private List<JsonObject> ReadParameterFile(RepoTree tree, string file, GitGeneratorSpec spec)
    {
        if (!tree.TryReadFile(file, loader.MaxFileBytes, out var bytes, out var problem))
        {
            throw new GeneratorException($"unable to process file '{file}' from repository '{spec.RepoUrl}': {problem}", spec.Pointer);
        }

        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var (documents, findings) = YamlDocumentReader.Read(text, file, loader);
        if (findings.Count > 0)
        {
            throw new GeneratorException($"unable to process file '{file}' from repository '{spec.RepoUrl}': unable to parse file: {findings[0].Message} ({findings[0].Location})", spec.Pointer);
        }

        var root = documents.Count > 0 ? documents[0].Root : null;
        return root switch
        {
            null => [[]],
            JsonObject o => [o],
            JsonArray a when a.All(i => i is JsonObject) => a.Cast<JsonObject>().ToList(),
            _ => throw new GeneratorException($"unable to process file '{file}' from repository '{spec.RepoUrl}': unable to parse file: it holds neither a mapping nor a list of mappings", spec.Pointer),
        };
    }
}

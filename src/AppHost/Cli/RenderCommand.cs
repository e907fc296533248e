using System.CommandLine;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// <c>render</c>: what <c>argocd app manifests</c> shows, offline — the desired objects of one Application of a repo
/// (<c>--app NAME</c>, found the way <c>validate --repo</c> finds apps, or <c>--file app.yaml</c>), or of a chart alone
/// (<c>render helm CHART_DIR</c>, with <c>helm template</c>'s flags and defaults). Exit 0: rendered; 1: the source
/// failed to render (RENDER001/RENDER002, message printed); 2: could not run (bad arguments, app not found).
/// </summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var repo = new Option<string?>("--repo", "-r") { Description = "Repository checkout the Application's sources point into (default: the current directory).", HelpName = "DIR" };
        var app = new Option<string?>("--app") { Description = "Name of the Application to render (top-level, app-of-apps child or ApplicationSet-generated).", HelpName = "NAME" };
        var file = new Option<string?>("--file") { Description = "Render the Application in this file instead of looking it up by name.", HelpName = "FILE" };
        var format = new Option<string>("--format") { Description = "yaml (the manifests, as `argocd app manifests` prints them) or json (objects with their source file:line).", DefaultValueFactory = _ => "yaml", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("yaml", "json");
        var helmBinary = HelmBinaryOption();
        var chartCache = ChartCacheOption();
        var command = new Command("render", "Print an Application's rendered manifests offline (what `argocd app manifests` shows), or a chart's (`render helm CHART_DIR`). Exit 0: rendered; 1: render failed; 2: could not run.")
        {
            repo, app, file, format, helmBinary, chartCache,
        };
        command.SetAction((parse, cancellationToken) => RunAppAsync(
            parse.GetValue(repo) ?? ".",
            parse.GetValue(app),
            parse.GetValue(file),
            parse.GetValue(format) == "json",
            new RenderOptions { HelmPath = parse.GetValue(helmBinary), ChartCacheDirectory = parse.GetValue(chartCache) },
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellationToken));
        command.Subcommands.Add(RenderHelmCommand.Create());
        return command;
    }

    internal static Option<string?> HelmBinaryOption() => new("--helm-binary")
    {
        Description = "Run this helm binary (`helm template`) instead of the built-in Helm renderer.",
        HelpName = "PATH",
    };

    internal static Option<string?> ChartCacheOption() => new("--chart-cache")
    {
        Description = "Directory of chart archives (NAME-VERSION.tgz, as `helm pull` writes them) for charts from Helm or OCI repositories.",
        HelpName = "DIR",
    };

    public static async Task<int> RunAppAsync(string repoDirectory, string? appName, string? file, bool json, RenderOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if ((appName is null) == (file is null))
        {
            await stderr.WriteLineAsync("error: render needs --app NAME (an Application of --repo) or --file app.yaml, or use `render helm CHART_DIR`. Run 'render --help' for the options.").ConfigureAwait(false);
            return CommandCatalog.CouldNotRun;
        }

        try
        {
            var tree = RepoTree.Open(repoDirectory);
            var loader = new ManifestLoader(options.Loader);
            var scan = RepoDiscovery.Scan(tree, loader, cancellationToken);
            var resolver = StaticRepoResolver.For(tree, [scan.CanonicalRepoUrl]);
            using var expander = new ProfileExpander(tree, resolver, new ExpansionOptions { Render = options });
            ExpandedApp? found;
            if (file is not null)
            {
                found = await RenderFileAsync(file, expander, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var appFiles = scan.ArgoObjects.Where(o => !ArgoKinds.IsAppProject(o)).Select(o => o.Location.File).Distinct(StringComparer.Ordinal).ToList();
                var all = await expander.ExpandAsync(new ProfileDefinition("render", [new LayerDefinition("all", appFiles)]), cancellationToken).ConfigureAwait(false);
                found = all.Apps.FirstOrDefault(a => a.Name == appName);
                if (found is null)
                {
                    var names = all.Apps.Select(a => a.Name).Order(StringComparer.Ordinal).ToList();
                    await stderr.WriteLineAsync($"error: no Application named '{appName}' in {tree.Root}; it has {names.Count}: {string.Join(", ", names.Take(30))}{(names.Count > 30 ? ", …" : string.Empty)}.").ConfigureAwait(false);
                    return CommandCatalog.CouldNotRun;
                }
            }

            if (found is null)
            {
                await stderr.WriteLineAsync($"error: {file} holds no Application.").ConfigureAwait(false);
                return CommandCatalog.CouldNotRun;
            }

            Write(found.Resources, json, stdout);
            if (found.Outcome.Status != RenderStatus.Rendered)
            {
                await stderr.WriteLineAsync($"error: {found.Outcome.Finding?.Id}: {found.Outcome.Finding?.Message}\n  fix: {found.Outcome.Finding?.FixHint}").ConfigureAwait(false);
                return CommandCatalog.ChecksFailed;
            }

            return CommandCatalog.Passed;
        }
        catch (Exception e) when (e is LoadException or ScenarioException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CommandCatalog.CouldNotRun;
        }
    }

    private static async Task<ExpandedApp?> RenderFileAsync(string file, ProfileExpander expander, CancellationToken cancellationToken)
    {
        var loaded = new ManifestLoader().LoadBytes(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false), file);
        if (loaded.Findings.Count > 0)
        {
            throw new LoadException($"{loaded.Findings[0].Location}: {loaded.Findings[0].Message}");
        }

        var manifest = loaded.Objects.FirstOrDefault(ArgoKinds.IsApplication);
        if (manifest is null)
        {
            return null;
        }

        var parsed = ArgoModelParser.ParseApplication(manifest);
        if (parsed.Value is not { } application)
        {
            throw new LoadException($"{file}: {string.Join("; ", parsed.Findings.Select(f => f.Message))}");
        }

        var result = await expander.Renderer.RenderAsync(application, cancellationToken).ConfigureAwait(false);
        return new ExpandedApp(application.Name, "file", null, manifest, application, result.Objects, result.Outcome, result.Findings);
    }

    /// <summary>YAML: one document per object with a <c># Source:</c> comment; JSON: an array of {source, object}.</summary>
    internal static void Write(IReadOnlyList<ManifestObject> objects, bool json, TextWriter stdout)
    {
        if (json)
        {
            var array = new JsonArray(objects.Select(o => (JsonNode)new JsonObject
            {
                ["source"] = $"{o.Location.File}:{o.Location.Line}",
                ["object"] = o.Body.DeepClone(),
            }).ToArray());
            stdout.WriteLine(array.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        foreach (var o in objects)
        {
            stdout.Write("---\n# Source: " + o.Location.File + ":" + o.Location.Line + "\n" + GoYaml.Marshal(o.Body));
        }
    }
}

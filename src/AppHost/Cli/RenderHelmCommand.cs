using System.CommandLine;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering.Helm;

namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// <c>render helm CHART_DIR</c>: <c>helm template</c> without helm — its defaults (release name <c>release-name</c>,
/// namespace <c>default</c>) and flags, its output text byte for byte where the chart renders the same.
/// </summary>
public static class RenderHelmCommand
{
    public static Command Create()
    {
        var chart = new Argument<string>("CHART_DIR") { Description = "The chart directory (or a .tgz chart archive)." };
        var values = new Option<string[]>("--values", "-f") { Description = "Values file (repeatable; later files win).", HelpName = "FILE", AllowMultipleArgumentsPerToken = false };
        var set = new Option<string[]>("--set") { Description = "Set values (a.b=c,list={x,y}); repeatable.", HelpName = "EXPR" };
        var setString = new Option<string[]>("--set-string") { Description = "Set STRING values; repeatable.", HelpName = "EXPR" };
        var setFile = new Option<string[]>("--set-file") { Description = "Set a value to a file's content (key=path); repeatable.", HelpName = "EXPR" };
        var kubeVersion = new Option<string?>("--kube-version") { Description = $"Kubernetes version for .Capabilities (default {HelmRenderRequest.DefaultKubeVersion}).", HelpName = "VERSION" };
        var apiVersions = new Option<string[]>("--api-versions", "-a") { Description = "Extra API versions for .Capabilities.APIVersions; repeatable.", HelpName = "GROUP/VERSION" };
        var includeCrds = new Option<bool>("--include-crds") { Description = "Print the chart's crds/ first." };
        var skipTests = new Option<bool>("--skip-tests") { Description = "Leave out test hooks." };
        var showOnly = new Option<string[]>("--show-only", "-s") { Description = "Only the manifests of this template path (chart/templates/x.yaml, globs allowed); repeatable.", HelpName = "PATH" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Release namespace (default: default).", HelpName = "NAMESPACE" };
        var release = new Option<string?>("--release-name") { Description = "Release name (default: release-name).", HelpName = "NAME" };
        var format = new Option<string>("--format") { Description = "yaml (helm template's text) or json (objects with their template file).", DefaultValueFactory = _ => "yaml", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("yaml", "json");
        var command = new Command("helm", "Render a chart alone, as `helm template` does, without a helm binary.")
        {
            chart, values, set, setString, setFile, kubeVersion, apiVersions, includeCrds, skipTests, showOnly, ns, release, format,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            try
            {
                var userValues = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var f in parse.GetValue(values) ?? [])
                {
                    HelmValues.Merge(userValues, HelmChartLoader.ReadYamlMap(File.ReadAllBytes(f), f));
                }

                foreach (var s in parse.GetValue(set) ?? [])
                {
                    HelmValues.ApplySet(userValues, s, asString: false);
                }

                foreach (var s in parse.GetValue(setString) ?? [])
                {
                    HelmValues.ApplySet(userValues, s, asString: true);
                }

                foreach (var s in parse.GetValue(setFile) ?? [])
                {
                    var eq = s.IndexOf('=', StringComparison.Ordinal);
                    if (eq < 1)
                    {
                        throw new HelmChartException($"--set-file {s}: expected key=path");
                    }

                    HelmValues.SetPath(userValues, s[..eq], File.ReadAllText(s[(eq + 1)..]));
                }

                var request = new HelmRenderRequest
                {
                    Values = userValues,
                    ReleaseName = parse.GetValue(release) ?? "release-name",
                    Namespace = parse.GetValue(ns) ?? "default",
                    KubeVersion = parse.GetValue(kubeVersion) ?? HelmRenderRequest.DefaultKubeVersion,
                    ApiVersions = parse.GetValue(apiVersions) ?? [],
                    IncludeCrds = parse.GetValue(includeCrds),
                    SkipTests = parse.GetValue(skipTests),
                    ShowOnly = parse.GetValue(showOnly) ?? [],
                };
                var path = parse.GetValue(chart)!;
                var loaded = File.Exists(path)
                    ? HelmChartLoader.LoadArchive(File.ReadAllBytes(path), Path.GetFileName(path))
                    : HelmChartLoader.LoadDirectory(RepoTree.Open(path), string.Empty);
                var output = HelmChartRenderer.Render(loaded, request);
                if (parse.GetValue(format) == "json")
                {
                    RenderCommand.Write(HelmChartObjects.ToObjects(output, loaded.Name, loaded.Name, new ManifestLoader()), json: true, stdout);
                }
                else
                {
                    stdout.Write(output.ToText());
                }

                return CommandCatalog.Passed;
            }
            catch (HelmChartException e)
            {
                stderr.WriteLine($"Error: {e.Message}");
                return CommandCatalog.ChecksFailed;
            }
            catch (Exception e) when (e is LoadException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: {e.Message}");
                return CommandCatalog.CouldNotRun;
            }
        });
        return command;
    }
}

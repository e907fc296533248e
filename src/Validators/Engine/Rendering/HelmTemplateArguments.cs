using System.Text;
using PlatformValidation.Validators.Argo;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Builds the <c>helm template</c> argument list Argo CD uses [ARGOCD-SEMANTICS §1.4; util/helm/cmd.go template,
/// reposerver helmTemplate]: chart, <c>--name-template</c> (helm.releaseName, else the app name), <c>--namespace</c>
/// (helm.namespace, else destination namespace), <c>--kube-version</c>, <c>--set</c>/<c>--set-string</c>/
/// <c>--set-file</c> (commas escaped unless the value is a <c>{list}</c>), value files in order, then the inline
/// values file, <c>--api-versions</c>, and <c>--include-crds</c> unless skipCrds.
/// </summary>
public static class HelmTemplateArguments
{
    /// <summary>
    /// The arguments for rendering <paramref name="chartDirectory"/>. <paramref name="valueFiles"/> are already
    /// resolved absolute paths; <paramref name="inlineValuesFile"/> holds values/valuesObject when set;
    /// <paramref name="resolvedFileParameters"/> carry resolved paths.
    /// </summary>
    public static IReadOnlyList<string> Build(
        Application app,
        HelmSource? helm,
        string chartDirectory,
        IReadOnlyList<string> valueFiles,
        string? inlineValuesFile,
        IReadOnlyList<HelmFileParameter> resolvedFileParameters,
        string? kubeVersion = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(chartDirectory);
        ArgumentNullException.ThrowIfNull(valueFiles);
        ArgumentNullException.ThrowIfNull(resolvedFileParameters);
        var args = new List<string> { "template", chartDirectory, "--name-template", helm?.ReleaseName ?? app.Name };
        var ns = helm?.Namespace ?? app.Destination.Namespace;
        if (!string.IsNullOrEmpty(ns))
        {
            args.AddRange(["--namespace", ns]);
        }

        var version = helm?.KubeVersion ?? kubeVersion;
        if (!string.IsNullOrEmpty(version))
        {
            args.AddRange(["--kube-version", version]);
        }

        // Argo CD keeps parameters in maps, so a later entry for the same name wins.
        foreach (var p in LastWins(helm?.Parameters.Where(p => !p.ForceString) ?? [], p => p.Name))
        {
            args.AddRange(["--set", p.Name + "=" + CleanSetParameter(p.Value)]);
        }

        foreach (var p in LastWins(helm?.Parameters.Where(p => p.ForceString) ?? [], p => p.Name))
        {
            args.AddRange(["--set-string", p.Name + "=" + CleanSetParameter(p.Value)]);
        }

        foreach (var p in LastWins(resolvedFileParameters, p => p.Name))
        {
            args.AddRange(["--set-file", p.Name + "=" + CleanSetParameter(p.Path)]);
        }

        foreach (var f in valueFiles)
        {
            args.AddRange(["--values", f]);
        }

        if (inlineValuesFile is not null)
        {
            args.AddRange(["--values", inlineValuesFile]);
        }

        foreach (var v in helm?.ApiVersions ?? [])
        {
            args.AddRange(["--api-versions", v]);
        }

        if (helm?.SkipCrds != true)
        {
            args.Add("--include-crds");
        }

        return args;
    }

    /// <summary>Escapes commas (not already escaped) so helm does not split the value; <c>{a,b}</c> list syntax is left alone.</summary>
    public static string CleanSetParameter(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.StartsWith('{') && value.EndsWith('}'))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 4);
        var previous = '\0';
        foreach (var c in value)
        {
            sb.Append(c == ',' && previous != '\\' ? "\\," : c.ToString());
            previous = c;
        }

        return sb.ToString();
    }

    private static IEnumerable<T> LastWins<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var list = items.ToList();
        return list.Where((item, i) => !list.Skip(i + 1).Any(later => key(later) == key(item)));
    }
}

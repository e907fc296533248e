using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// Chart dependencies as <c>helm template</c> resolves them [helm pkg/chart/v2/util/dependencies.go]: a declared
/// dependency must be in charts/ (else it needs <c>helm dependency build</c>: not available here); <c>alias</c> renames
/// it; <c>tags</c> then <c>condition</c> (first path that holds a bool wins) decide whether it renders;
/// <c>import-values</c> copy child values (<c>exports.X</c> or <c>child</c>/<c>parent</c> paths) into the parent's defaults.
/// </summary>
internal static class HelmDependencies
{
    public static HelmChart Resolve(HelmChart root, Dictionary<string, object?> user)
    {
        var aliased = Alias(root);
        var top = HelmValues.Coalesce(aliased, user);
        return Enable(aliased, top, string.Empty, top);
    }

    private static HelmChart Alias(HelmChart chart)
    {
        var subs = new List<HelmChart>();
        var used = new HashSet<HelmChart>();
        foreach (var dep in chart.Dependencies)
        {
            var found = chart.Subcharts.FirstOrDefault(s => s.Name == dep.Name);
            if (found is null)
            {
                throw new HelmChartException($"{chart.DisplayPath}/Chart.yaml: found in Chart.yaml, but missing in charts/ directory: {dep.Name}; run `helm dependency build` and commit charts/, or supply the chart through a chart cache")
                {
                    NotAvailable = true,
                };
            }

            used.Add(found);
            var sub = Alias(found);
            if (!string.IsNullOrEmpty(dep.Alias))
            {
                var metadata = new Dictionary<string, object?>(sub.Metadata, StringComparer.Ordinal) { ["Name"] = dep.Alias };
                sub = sub with { Name = dep.Alias!, Metadata = metadata };
            }

            subs.Add(sub);
        }

        subs.AddRange(chart.Subcharts.Where(s => !used.Contains(s)).Select(Alias));
        return chart with { Subcharts = subs };
    }

    private static HelmChart Enable(HelmChart chart, Dictionary<string, object?> values, string path, Dictionary<string, object?> top)
    {
        var enabled = new List<HelmChart>();
        foreach (var sub in chart.Subcharts)
        {
            var dep = chart.Dependencies.FirstOrDefault(d => (string.IsNullOrEmpty(d.Alias) ? d.Name : d.Alias) == sub.Name);
            if (dep is not null && !IsEnabled(dep, path, top))
            {
                continue;
            }

            var subValues = values.TryGetValue(sub.Name, out var v) && v is Dictionary<string, object?> m ? m : new Dictionary<string, object?>(StringComparer.Ordinal);
            enabled.Add(Enable(sub, subValues, path + sub.Name + ".", top));
        }

        var result = chart with { Subcharts = enabled };
        return ImportValues(result, values);
    }

    internal static bool IsEnabled(HelmDependency dep, string path, Dictionary<string, object?> top)
    {
        var enabled = true;
        if (dep.Tags.Count > 0 && top.TryGetValue("tags", out var t) && t is Dictionary<string, object?> tags)
        {
            var states = dep.Tags.Select(tag => tags.TryGetValue(tag, out var s) && s is bool b ? (bool?)b : null).ToList();
            if (states.Contains(true))
            {
                enabled = true;
            }
            else if (states.Contains(false))
            {
                enabled = false;
            }
        }

        foreach (var condition in (dep.Condition ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Lookup(top, path + condition) is bool b)
            {
                return b;
            }
        }

        return enabled;
    }

    private static HelmChart ImportValues(HelmChart chart, Dictionary<string, object?> values)
    {
        var imported = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var dep in chart.Dependencies)
        {
            var name = string.IsNullOrEmpty(dep.Alias) ? dep.Name : dep.Alias!;
            if (dep.ImportValues.Count == 0 || chart.Subcharts.All(s => s.Name != name))
            {
                continue;
            }

            foreach (var entry in dep.ImportValues)
            {
                string child, parent;
                if (entry is Dictionary<string, object?> m)
                {
                    child = GoValues.ToStr(m.GetValueOrDefault("child"));
                    parent = GoValues.ToStr(m.GetValueOrDefault("parent"));
                }
                else
                {
                    child = "exports." + GoValues.ToStr(entry);
                    parent = ".";
                }

                var value = Lookup(values, name + "." + child);
                if (value is null)
                {
                    continue;
                }

                if (parent is "." or "")
                {
                    if (value is Dictionary<string, object?> vm)
                    {
                        HelmValues.Merge(imported, vm);
                    }
                }
                else
                {
                    HelmValues.SetPath(imported, parent, HelmValues.DeepCopy(value));
                }
            }
        }

        if (imported.Count == 0)
        {
            return chart;
        }

        // The parent's own values win over imported ones.
        HelmValues.Merge(imported, chart.Values);
        return chart with { Values = imported };
    }

    private static object? Lookup(Dictionary<string, object?> values, string path)
    {
        object? current = values;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current is not Dictionary<string, object?> m || !m.TryGetValue(part, out current))
            {
                return null;
            }
        }

        return current;
    }
}

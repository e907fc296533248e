using System.Text.Json.Nodes;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>SEC001: a Secret with data or stringData committed to Git. Values are never quoted.</summary>
public sealed class SecretAnalyzer : IStaticAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seen = new HashSet<Loading.SourceLocation>();
        var candidates = context.DistinctApps().SelectMany(a => a.App.Resources.Select(r => (Object: r, App: (string?)a.App.Name)))
            .Concat(context.Profiles.SelectMany(p => p.Expanded.Layers.SelectMany(l => l.Objects)).Select(o => (Object: o, App: (string?)null)));
        foreach (var (obj, app) in candidates)
        {
            if (obj.Group.Length != 0 || obj.Kind != "Secret")
            {
                continue;
            }

            foreach (var field in new[] { "data", "stringData" })
            {
                if (obj.Body[field] is JsonObject values && values.Count > 0 && seen.Add(obj.LocationOf("/" + field)))
                {
                    yield return AppFindings.Create(FindingIds.Sec001,
                        $"Secret {(obj.Namespace is null ? string.Empty : obj.Namespace + "/")}{obj.Name}{(app is null ? string.Empty : $" (app {app})")} carries {values.Count} value(s) in plain text under {field} in Git (values not shown).",
                        obj.LocationOf("/" + field),
                        "Remove the values from Git and rotate them; deliver the Secret through an ExternalSecret, a SealedSecret or SOPS.",
                        app);
                    break;
                }
            }
        }
    }
}

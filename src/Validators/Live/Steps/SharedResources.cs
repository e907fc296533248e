using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Runner;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// One owner per resource: after a profile is applied, no resource — above all no child Application — may be listed
/// by two Applications. Two owners fight over it (Argo CD's <c>SharedResourceWarning</c>, the tracking label or
/// annotation flips, self-heal re-applies it back and forth) and deleting either owner's layer deletes it for the
/// other. Read from every app's <c>status.resources</c>, which lists what it renders whoever last applied it, so the
/// check does not depend on catching the flip at the right moment.
/// </summary>
public static class SharedResources
{
    public const string Check = LiveChecks.OneOwner;

    public static async Task CheckAsync(RunContext ctx, string profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var apps = await ctx.Argo.ListAsync(cancellationToken);
        var owners = new Dictionary<string, (string Kind, string Name, SortedSet<string> Apps)>(StringComparer.Ordinal);
        foreach (var app in apps.Values)
        {
            foreach (var r in app.Resources)
            {
                var key = $"{r.Group}/{r}";
                if (!owners.TryGetValue(key, out var entry))
                {
                    entry = (r.Kind, r.Name, new SortedSet<string>(StringComparer.Ordinal));
                    owners[key] = entry;
                }

                entry.Apps.Add(app.Name);
            }
        }

        var shared = owners.Where(o => o.Value.Apps.Count > 1).OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        foreach (var (key, (kind, name, by)) in shared.Take(20))
        {
            var what = key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];
            var app = kind == Argo.ArgoLive.Application ? name : by.First();
            ctx.Fail(Check, profile, $"{what} is managed by {by.Count} apps ({string.Join(", ", by)}): they fight over it (SharedResourceWarning) and deleting either one's layer deletes it for the other; keep it in one app only", app);
        }

        if (shared.Count == 0)
        {
            ctx.Pass(Check, profile, $"every one of {owners.Count} managed resource(s) belongs to one app");
        }
    }
}

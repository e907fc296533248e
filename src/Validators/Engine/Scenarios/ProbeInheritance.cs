namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// The probes each profile runs: its own, then those of every narrower profile (listed before it) that do not say
/// <c>inherit: false</c>. A probe of the same name declared by the wider profile replaces the inherited one.
/// </summary>
public static class ProbeInheritance
{
    public static IReadOnlyDictionary<string, IReadOnlyList<ProbeCheck>> Resolve(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var result = new Dictionary<string, IReadOnlyList<ProbeCheck>>(StringComparer.Ordinal);
        for (var i = 0; i < scenario.Profiles.Count; i++)
        {
            var name = scenario.Profiles[i].Name;
            var own = scenario.Probes.GetValueOrDefault(name) ?? [];
            var list = new List<ProbeCheck>(own);
            for (var j = 0; j < i; j++)
            {
                var narrower = scenario.Profiles[j].Name;
                foreach (var probe in scenario.Probes.GetValueOrDefault(narrower) ?? [])
                {
                    if (probe.Inherit && list.All(p => p.Name != probe.Name))
                    {
                        list.Add(probe with { InheritedFrom = narrower });
                    }
                }
            }

            if (list.Count > 0)
            {
                result[name] = list;
            }
        }

        return result;
    }
}

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>
/// Every resource the server serves right now: the built-ins plus the versions of Established CRDs.
/// Thread-safe; <see cref="Revision"/> changes whenever the set changes (discovery caches key on it).
/// </summary>
public sealed class ResourceRegistry
{
    private readonly object gate = new();
    private readonly List<ResourceType> builtIns;
    private Dictionary<string, List<ResourceType>> customByCrd = new(StringComparer.Ordinal);
    private Snapshot snapshot;

    public ResourceRegistry(IEnumerable<ResourceType> builtIns)
    {
        this.builtIns = builtIns.ToList();
        snapshot = new Snapshot(this.builtIns);
    }

    public long Revision => snapshot.Revision;

    public IReadOnlyList<ResourceType> All => snapshot.All;

    public ResourceType? Find(string group, string version, string plural) =>
        snapshot.ByGvr.TryGetValue((group, version, plural), out var t) ? t : null;

    public ResourceType? FindKind(string group, string version, string kind) =>
        snapshot.ByGvk.TryGetValue((group, version, kind), out var t) ? t : null;

    /// <summary>The storage-version type for a resource (any served version when none is marked storage).</summary>
    public ResourceType? Storage(GroupResource gr) =>
        snapshot.StorageByGr.TryGetValue(gr, out var t) ? t : null;

    /// <summary>Every served version of a group resource.</summary>
    public IReadOnlyList<ResourceType> Versions(GroupResource gr) =>
        snapshot.All.Where(t => t.GroupResource == gr).ToList();

    /// <summary>Groups in discovery order with their versions, preferred version first.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups() => snapshot.Groups;

    /// <summary>Whether a group/version is served at all.</summary>
    public bool ServesGroupVersion(string group, string version) => snapshot.Groups.Any(g => g.Group == group && g.Versions.Contains(version));

    /// <summary>Registers (or replaces) the types a CRD serves.</summary>
    public void SetCustom(string crdName, IReadOnlyList<ResourceType> types)
    {
        lock (gate)
        {
            var next = new Dictionary<string, List<ResourceType>>(customByCrd, StringComparer.Ordinal) { [crdName] = types.ToList() };
            customByCrd = next;
            snapshot = new Snapshot(builtIns.Concat(next.Values.SelectMany(v => v)), snapshot.Revision + 1);
        }
    }

    /// <summary>Removes the types a CRD served.</summary>
    public void RemoveCustom(string crdName)
    {
        lock (gate)
        {
            if (!customByCrd.ContainsKey(crdName))
            {
                return;
            }

            var next = new Dictionary<string, List<ResourceType>>(customByCrd, StringComparer.Ordinal);
            next.Remove(crdName);
            customByCrd = next;
            snapshot = new Snapshot(builtIns.Concat(next.Values.SelectMany(v => v)), snapshot.Revision + 1);
        }
    }

    /// <summary>Sorts versions the way Kubernetes does: GA before beta before alpha, higher numbers first.</summary>
    public static int CompareVersions(string a, string b) => VersionPriority(b).CompareTo(VersionPriority(a));

    private static (int Level, int Major, int Minor, string Raw) VersionPriority(string v)
    {
        var m = System.Text.RegularExpressions.Regex.Match(v, "^v(\\d+)(?:(alpha|beta)(\\d+))?$");
        if (!m.Success)
        {
            return (0, 0, 0, v);
        }

        var major = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var level = m.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
        var minor = m.Groups[3].Success && m.Groups[3].Value.Length > 0 ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (level, major, minor, v);
    }

    private sealed class Snapshot
    {
        public Snapshot(IEnumerable<ResourceType> types, long revision = 1)
        {
            Revision = revision;
            All = types.ToList();
            foreach (var t in All)
            {
                ByGvr[(t.Group, t.Version, t.Plural)] = t;
                ByGvk.TryAdd((t.Group, t.Version, t.Kind), t);
                if (t.StorageVersion == t.Version || !StorageByGr.ContainsKey(t.GroupResource))
                {
                    StorageByGr[t.GroupResource] = t;
                }
            }

            var groups = new List<(string, IReadOnlyList<string>)>();
            foreach (var g in All.GroupBy(t => t.Group))
            {
                var versions = g.Select(t => t.Version).Distinct().ToList();
                versions.Sort(CompareVersions);
                groups.Add((g.Key, versions));
            }

            // core first, then built-in groups in registration order, then CRD groups.
            Groups = groups;
        }

        public long Revision { get; }

        public List<ResourceType> All { get; }

        public Dictionary<(string, string, string), ResourceType> ByGvr { get; } = [];

        public Dictionary<(string, string, string), ResourceType> ByGvk { get; } = [];

        public Dictionary<GroupResource, ResourceType> StorageByGr { get; } = [];

        public List<(string Group, IReadOnlyList<string> Versions)> Groups { get; }
    }
}

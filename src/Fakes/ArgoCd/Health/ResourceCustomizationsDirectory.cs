namespace PlatformValidation.Fakes.ArgoCd.Health;

/// <summary>
/// An Argo CD <c>resource_customizations/</c> folder used as the built-in Lua health scripts, as a real Argo CD of that
/// version embeds them: <c>&lt;group&gt;/&lt;Kind&gt;/health.lua</c>, looked up after argocd-cm overrides and before
/// the Go checks; a folder named <c>_</c> (in the group or kind) is a wildcard matching one path segment, tried only
/// when no exact folder exists; built-in scripts always run with the standard libraries open
/// [argo-cd util/lua/lua.go GetHealthScript, getWildcardBuiltInHealthOverrideLua]. Scripts compile on first use.
/// </summary>
public sealed class ResourceCustomizationsDirectory : IDisposable
{
    public const string HealthScriptFile = "health.lua";

    private readonly Dictionary<string, string> exact = new(StringComparer.Ordinal);
    private readonly List<(string Pattern, string Path)> wildcards = [];
    private readonly Dictionary<string, LuaHealthScript> compiled = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private ResourceCustomizationsDirectory(string root) => Root = root;

    public string Root { get; }

    /// <summary>Every <c>group/Kind</c> folder with a health script (wildcard folders keep their <c>_</c>).</summary>
    public IReadOnlyCollection<string> Kinds => exact.Values.Concat(wildcards.Select(w => w.Path)).Select(p => Path.GetRelativePath(Root, Path.GetDirectoryName(p)!).Replace('\\', '/')).ToList();

    /// <summary>Reads the folder; a missing folder or one without any <c>group/Kind/health.lua</c> is an error that says so.</summary>
    public static ResourceCustomizationsDirectory Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new ArgumentException($"Argo CD resource customizations folder '{directory}' does not exist: pass the resource_customizations folder of an argo-cd checkout.");
        }

        // A checkout's root is accepted too.
        if (Directory.Exists(Path.Combine(root, "resource_customizations")))
        {
            root = Path.Combine(root, "resource_customizations");
        }

        var result = new ResourceCustomizationsDirectory(root);
        foreach (var groupDir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            foreach (var kindDir in Directory.EnumerateDirectories(groupDir).Order(StringComparer.Ordinal))
            {
                var script = Path.Combine(kindDir, HealthScriptFile);
                if (!File.Exists(script))
                {
                    continue;
                }

                var key = $"{Path.GetFileName(groupDir)}/{Path.GetFileName(kindDir)}";
                if (key.Contains('_', StringComparison.Ordinal))
                {
                    result.wildcards.Add((key.Replace('_', '*'), script));
                }
                else
                {
                    result.exact[key] = script;
                }
            }
        }

        if (result.exact.Count == 0 && result.wildcards.Count == 0)
        {
            throw new ArgumentException($"'{directory}' holds no <group>/<Kind>/health.lua: pass the resource_customizations folder of an argo-cd checkout.");
        }

        return result;
    }

    /// <summary>Whether a <c>group/Kind</c> folder (not a wildcard one) covers the kind.</summary>
    public bool HasExact(string group, string kind) => exact.ContainsKey(group.Length == 0 ? kind : $"{group}/{kind}");

    /// <summary>Whether a kind folder is an exact (not wildcard) one.</summary>
    public bool IsExactFolder(string folder) => exact.ContainsValue(Path.Combine(Path.GetFullPath(folder), HealthScriptFile));

    /// <summary>The built-in script for a group/kind, or null when the folder covers none.</summary>
    public LuaHealthScript? HealthScriptFor(string group, string kind)
    {
        var key = group.Length == 0 ? kind : $"{group}/{kind}";
        string? path = exact.GetValueOrDefault(key);
        if (path is null)
        {
            foreach (var (pattern, p) in wildcards)
            {
                if (Validators.Patterns.GlobPattern.Match(pattern, key, separators: "/"))
                {
                    path = p;
                    break;
                }
            }
        }

        if (path is null)
        {
            return null;
        }

        lock (gate)
        {
            if (!compiled.TryGetValue(path, out var script))
            {
                script = new LuaHealthScript(key, File.ReadAllText(path), useOpenLibs: true);
                compiled[path] = script;
            }

            return script;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var s in compiled.Values)
            {
                s.Dispose();
            }

            compiled.Clear();
        }
    }
}

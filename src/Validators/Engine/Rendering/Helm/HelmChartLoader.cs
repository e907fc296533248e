using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// Loads a chart from a repository directory or a <c>.tgz</c> archive [helm pkg/chart/v2/loader]: Chart.yaml (apiVersion
/// v1 with requirements.yaml, or v2), values.yaml, templates/, crds/, values.schema.json, <c>.helmignore</c> (<see cref="HelmIgnore"/>), and each
/// subchart of charts/ (directories and archives, recursively). Every path stays inside the repository; a chart whose
/// files add up to more than <see cref="MaxChartBytes"/> is refused with the limit named.
/// </summary>
public static class HelmChartLoader
{
    /// <summary>The most a chart (with its subcharts) may hold unpacked.</summary>
    public const long MaxChartBytes = 20L * 1024 * 1024;

    /// <summary>How deep subcharts may nest.</summary>
    private const int MaxDepth = 20;

    /// <summary>Loads the chart in repo directory <paramref name="chartDirectory"/>. Throws <see cref="HelmChartException"/>.</summary>
    public static HelmChart LoadDirectory(RepoTree repo, string chartDirectory)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(chartDirectory);
        var files = ReadDirectory(repo, chartDirectory);
        var budget = new Budget(chartDirectory);
        budget.Add(files.Values.Sum(f => (long)f.Length));
        return Build(files, chartDirectory, budget, 0);
    }

    /// <summary>Loads a chart archive (the layout <c>helm pull</c> writes). Throws <see cref="HelmChartException"/>.</summary>
    public static HelmChart LoadArchive(byte[] archive, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var budget = new Budget(displayPath);
        return Build(Unpack(archive, displayPath, budget), displayPath, budget, 0);
    }

    private static Dictionary<string, byte[]> ReadDirectory(RepoTree repo, string chartDirectory)
    {
        // One containment rule for every renderer (symlinks included): RepoSandbox.
        var resolved = RepoSandbox.Resolve(repo, string.Empty, chartDirectory);
        if (resolved.Verdict != SandboxVerdict.Inside || !Directory.Exists(resolved.FullPath))
        {
            throw new HelmChartException(resolved.Verdict == SandboxVerdict.Outside
                ? $"{chartDirectory}: the chart directory points outside the repository ({resolved.Problem}); charts are read only inside the repository"
                : $"{chartDirectory}: the chart directory does not exist in the repository");
        }

        var listing = repo.List(chartDirectory, recursive: true);
        var prefix = chartDirectory.Length == 0 ? string.Empty : chartDirectory + "/";
        var relativePaths = listing.Files.Select(f => f[prefix.Length..]).ToList();

        // The top chart's .helmignore (plus Helm's default rule) decides what is read at all, subcharts included.
        string? ignoreText = null;
        if (relativePaths.Contains(".helmignore"))
        {
            if (!repo.TryReadFile(prefix + ".helmignore", 1024 * 1024, out var ignoreBytes, out var ignoreProblem))
            {
                throw new HelmChartException($"{prefix}.helmignore: {ignoreProblem}");
            }

            ignoreText = Encoding.UTF8.GetString(ignoreBytes);
        }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        foreach (var relative in HelmIgnore.Parse(ignoreText, prefix + ".helmignore").Keep(relativePaths))
        {
            var file = prefix + relative;
            total += repo.TryGetFullPath(file, out _) is { } full ? new FileInfo(full).Length : 0;
            if (total > MaxChartBytes)
            {
                throw new HelmChartException($"{chartDirectory}: the chart holds more than {MaxChartBytes / (1024 * 1024)} MiB of files (the unpacked chart size limit); remove large files or add them to .helmignore");
            }

            if (!repo.TryReadFile(file, MaxChartBytes, out var bytes, out var problem))
            {
                throw new HelmChartException($"{file}: {problem}");
            }

            files[relative] = bytes;
        }

        return files;
    }

    private static Dictionary<string, byte[]> Unpack(byte[] archive, string displayPath, Budget budget)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                // helm package writes CHARTNAME/…; the first component is dropped, and no entry may climb out.
                var name = entry.Name.Replace('\\', '/');
                var slash = name.IndexOf('/', StringComparison.Ordinal);
                var relative = slash < 0 ? null : RepoTree.NormalizePath(name[(slash + 1)..]);
                if (relative is null || relative.Length == 0)
                {
                    throw new HelmChartException($"{displayPath}: archive entry '{entry.Name}' is not inside a chart directory (or climbs out of it)");
                }

                budget.Add(entry.Length);
                using var buffer = new MemoryStream();
                entry.DataStream.CopyTo(buffer);
                files[relative] = buffer.ToArray();
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new HelmChartException($"{displayPath}: not a readable chart archive ({ex.Message})", ex);
        }

        return files;
    }

    private static HelmChart Build(Dictionary<string, byte[]> files, string displayPath, Budget budget, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new HelmChartException($"{displayPath}: subcharts nest more than {MaxDepth} levels deep");
        }

        if (!files.TryGetValue("Chart.yaml", out var chartYaml))
        {
            throw new HelmChartException($"{Join(displayPath, "Chart.yaml")}: the chart has no Chart.yaml (Chart.yaml file is missing)");
        }

        var chartFile = Join(displayPath, "Chart.yaml");
        var metadataRaw = ReadYamlMap(chartYaml, chartFile);
        var metadata = MetadataFields(metadataRaw);
        var name = metadataRaw.TryGetValue("name", out var n) ? GoValues.ToStr(n) : string.Empty;
        if (name.Length == 0)
        {
            throw new HelmChartException($"{chartFile}: validation: chart.metadata.name is required");
        }

        var apiVersion = metadataRaw.TryGetValue("apiVersion", out var av) ? GoValues.ToStr(av) : string.Empty;
        if (apiVersion.Length == 0)
        {
            throw new HelmChartException($"{chartFile}: validation: chart.metadata.apiVersion is required");
        }

        var values = files.TryGetValue("values.yaml", out var valuesYaml) ? ReadYamlMap(valuesYaml, Join(displayPath, "values.yaml")) : new Dictionary<string, object?>(StringComparer.Ordinal);
        var dependencySource = apiVersion == "v1" && files.TryGetValue("requirements.yaml", out var requirements)
            ? ReadYamlMap(requirements, Join(displayPath, "requirements.yaml"))
            : metadataRaw;
        var dependencies = ParseDependencies(dependencySource);

        var templates = new List<HelmChartFile>();
        var crds = new List<HelmChartFile>();
        var other = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var subchartFiles = new SortedDictionary<string, Dictionary<string, byte[]>>(StringComparer.Ordinal);
        var subchartArchives = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        string? schema = null;
        foreach (var (path, bytes) in files.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (path.StartsWith("templates/", StringComparison.Ordinal))
            {
                templates.Add(new HelmChartFile(path, Encoding.UTF8.GetString(bytes)));
            }
            else if (path.StartsWith("charts/", StringComparison.Ordinal))
            {
                var rest = path["charts/".Length..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                if (slash > 0)
                {
                    var sub = rest[..slash];
                    if (!subchartFiles.TryGetValue(sub, out var subFiles))
                    {
                        subchartFiles[sub] = subFiles = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                    }

                    subFiles[rest[(slash + 1)..]] = bytes;
                }
                else if (rest.EndsWith(".tgz", StringComparison.Ordinal) || rest.EndsWith(".tar.gz", StringComparison.Ordinal))
                {
                    subchartArchives[rest] = bytes;
                }
            }
            else
            {
                if (path.StartsWith("crds/", StringComparison.Ordinal))
                {
                    crds.Add(new HelmChartFile(path, Encoding.UTF8.GetString(bytes)));
                }

                if (path == "values.schema.json")
                {
                    schema = Encoding.UTF8.GetString(bytes);
                }

                if (path is not ("Chart.yaml" or "values.yaml" or "requirements.yaml" or "requirements.lock" or "Chart.lock" or "values.schema.json"))
                {
                    other[path] = bytes;
                }
            }
        }

        var subcharts = new List<HelmChart>();
        foreach (var (sub, subFiles) in subchartFiles)
        {
            if (subFiles.ContainsKey("Chart.yaml"))
            {
                subcharts.Add(Build(subFiles, Join(displayPath, "charts/" + sub), budget, depth + 1));
            }
        }

        foreach (var (archiveName, bytes) in subchartArchives)
        {
            var archivePath = Join(displayPath, "charts/" + archiveName);
            subcharts.Add(Build(Unpack(bytes, archivePath, budget), archivePath, budget, depth + 1));
        }

        return new HelmChart(name, displayPath, metadata, values, templates, crds, other, schema, dependencies, subcharts);
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : a + "/" + b;

    /// <summary>Reads a YAML mapping (a values file) as template values. Throws <see cref="HelmChartException"/>.</summary>
    public static Dictionary<string, object?> ReadYamlMap(byte[] bytes, string file)
    {
        var (documents, findings) = YamlDocumentReader.Read(Encoding.UTF8.GetString(bytes), file, LoaderOptions.Default);
        if (findings.Count > 0)
        {
            throw new HelmChartException($"{findings[0].Location}: {findings[0].Message}");
        }

        return documents.Count == 0 || documents[0].Root is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : GoValues.FromJson(documents[0].Root) as Dictionary<string, object?> ?? throw new HelmChartException($"{file}: the file must hold a YAML mapping");
    }

    /// <summary>Chart.yaml keys as the Go Metadata struct's field names (.Chart.Name, .Chart.AppVersion, .Chart.APIVersion).</summary>
    private static Dictionary<string, object?> MetadataFields(Dictionary<string, object?> raw)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in raw)
        {
            var field = k switch
            {
                "apiVersion" => "APIVersion",
                "kubeVersion" => "KubeVersion",
                "appVersion" => "AppVersion",
                _ => k.Length == 0 ? k : char.ToUpperInvariant(k[0]) + k[1..],
            };
            result[field] = v is double d ? GoValues.FormatFloat(d) : v;
        }

        foreach (var field in new[] { "Name", "Version", "AppVersion", "Description", "Type", "Home", "Icon", "KubeVersion", "APIVersion" })
        {
            result.TryAdd(field, string.Empty);
        }

        return result;
    }

    private static List<HelmDependency> ParseDependencies(Dictionary<string, object?> source)
    {
        var result = new List<HelmDependency>();
        if (!source.TryGetValue("dependencies", out var raw) || raw is not List<object?> list)
        {
            return result;
        }

        foreach (var item in list.OfType<Dictionary<string, object?>>())
        {
            string? S(string key) => item.TryGetValue(key, out var v) && v is not null ? GoValues.ToStr(v) : null;
            var tags = item.TryGetValue("tags", out var t) && t is List<object?> tl ? tl.Select(GoValues.ToStr).ToList() : [];
            var imports = item.TryGetValue("import-values", out var iv) && iv is List<object?> il ? il : [];
            result.Add(new HelmDependency(S("name") ?? string.Empty, S("version"), S("repository"), S("condition"), tags, S("alias"), imports));
        }

        return result;
    }

    private sealed class Budget(string displayPath)
    {
        private long total;

        public void Add(long bytes)
        {
            total += bytes;
            if (total > MaxChartBytes)
            {
                throw new HelmChartException($"{displayPath}: the chart is larger than {MaxChartBytes / (1024 * 1024)} MiB unpacked (the chart size limit); it is refused");
            }
        }
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Loading;

/// <summary>
/// Reads multi-document YAML and JSON into <see cref="ManifestObject"/>s with a location for every node, converting
/// scalars the way Kubernetes does (sigs.k8s.io/yaml over go-yaml v2), expanding <c>kind: List</c>, skipping empty
/// documents, and turning every problem into a YAML001 finding instead of an exception. Thread-safe.
/// </summary>
public sealed class ManifestLoader
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    public ManifestLoader(LoaderOptions? options = null)
    {
        Options = options ?? LoaderOptions.Default;
        Options.Validate();
    }

    /// <summary>The limits in force.</summary>
    public LoaderOptions Options { get; }

    /// <summary>True for the extensions the loader reads from directories (<c>.yaml</c>, <c>.yml</c>, <c>.json</c>).</summary>
    public static bool IsManifestFile(string path) =>
        ManifestExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Loads one file of <paramref name="repo"/> (path relative to its root).</summary>
    public LoadResult LoadFile(RepoTree repo, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(relativePath);
        var display = RepoTree.NormalizePath(relativePath) ?? relativePath.Replace('\\', '/');
        if (!repo.TryReadFile(relativePath, Options.MaxFileBytes, out var content, out var problem))
        {
            return new LoadResult([], [ReadProblem(display, problem!)]);
        }

        return LoadBytes(content, display);
    }

    /// <summary>Loads every <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> file under a directory of <paramref name="repo"/>, in path order.</summary>
    public LoadResult LoadDirectory(RepoTree repo, string relativeDirectory, bool recursive)
    {
        ArgumentNullException.ThrowIfNull(repo);
        var listing = repo.List(relativeDirectory, recursive);
        var result = new LoadResult([], listing.Findings);
        foreach (var path in listing.Files.Where(IsManifestFile))
        {
            result = result.Concat(LoadFile(repo, path));
        }

        return result;
    }

    /// <summary>Loads raw bytes (UTF-8, or UTF-16 with a BOM) that claim to come from <paramref name="displayPath"/>.</summary>
    public LoadResult LoadBytes(ReadOnlyMemory<byte> content, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(displayPath);
        if (content.Length > Options.MaxFileBytes)
        {
            return new LoadResult([], [TooLarge(displayPath, content.Length, Options.MaxFileBytes)]);
        }

        var text = Decode(content.Span, displayPath, out var decodeProblem);
        return text is null ? new LoadResult([], [decodeProblem!]) : LoadText(text, displayPath);
    }

    /// <summary>Loads YAML or JSON text that claims to come from <paramref name="displayPath"/>.</summary>
    public LoadResult LoadText(string text, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(displayPath);
        if (text.Length > Options.MaxFileBytes)
        {
            return new LoadResult([], [TooLarge(displayPath, text.Length, Options.MaxFileBytes)]);
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return new LoadResult([], [BinaryFile(displayPath, text.IndexOf('\0', StringComparison.Ordinal))]);
        }

        var (documents, findings) = YamlDocumentReader.Read(text, displayPath, Options);
        if (findings.Count > 0 && documents.Count == 0 && displayPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            // JSON that YAML's flow syntax rejects (e.g. tabs between tokens) is still valid JSON.
            if (TryParseJson(text, displayPath) is { } json)
            {
                documents = [json];
                findings = [];
            }
        }

        var objects = new List<ManifestObject>();
        var skipped = new List<SkippedDocument>();
        var allFindings = new List<Finding>(findings);
        foreach (var doc in documents)
        {
            Collect(doc, objects, skipped, allFindings);
        }

        return new LoadResult(objects, allFindings) { Skipped = skipped };
    }

    private static void Collect(ParsedDocument doc, List<ManifestObject> objects, List<SkippedDocument> skipped, List<Finding> findings)
    {
        switch (doc.Root)
        {
            case null:
                return; // empty document
            case JsonObject o:
                var manifest = new ManifestObject(o, doc.Location) { Locations = doc.Locations };
                if (IsList(o, out var items))
                {
                    ExpandList(manifest, items, objects, findings);
                }
                else if (IsNullList(o))
                {
                    return;
                }
                else if (MissingIdentity(o) is { } reason)
                {
                    skipped.Add(new SkippedDocument(doc.Location, reason));
                }
                else
                {
                    objects.Add(manifest);
                }

                return;
            case JsonArray:
                skipped.Add(new SkippedDocument(doc.Location, "the document is a list, not a Kubernetes object"));
                return;
            default:
                skipped.Add(new SkippedDocument(doc.Location, "the document is a single value, not a Kubernetes object"));
                return;
        }
    }

    /// <summary><c>kind: *List</c> with an <c>items</c> array expands to its items, as kubectl and Argo CD do.</summary>
    private static void ExpandList(ManifestObject list, JsonArray items, List<ManifestObject> objects, List<Finding> findings)
    {
        foreach (var item in items.ToList())
        {
            var location = list.LocationOf(item);
            if (item is not JsonObject o)
            {
                findings.Add(LoadingFindings.Yaml(location, $"an item of {list.Kind} is not an object", "Make every entry of items a Kubernetes object."));
                continue;
            }

            items.Remove(o);
            if (MissingIdentity(o) is { } reason)
            {
                findings.Add(LoadingFindings.Yaml(location, $"an item of {list.Kind}: {reason}", "Give every item of the list its apiVersion and kind."));
                continue;
            }

            objects.Add(new ManifestObject(o, location) { Locations = list.Locations });
        }
    }

    private static bool IsList(JsonObject o, out JsonArray items)
    {
        items = null!;
        if (o["kind"] is JsonValue k && k.TryGetValue<string>(out var kind) && kind.EndsWith("List", StringComparison.Ordinal) &&
            o["items"] is JsonArray a)
        {
            items = a;
            return true;
        }

        return false;
    }

    private static bool IsNullList(JsonObject o) =>
        !o.ContainsKey("spec") && !o.ContainsKey("status") && o.TryGetPropertyValue("items", out var items) && items is null;

    private static string? MissingIdentity(JsonObject o)
    {
        var hasKind = o["kind"] is JsonValue k && k.TryGetValue<string>(out var kind) && kind.Length > 0;
        var hasApi = o["apiVersion"] is JsonValue a && a.TryGetValue<string>(out var api) && api.Length > 0;
        return (hasKind, hasApi) switch
        {
            (true, true) => null,
            (false, false) => "the mapping has no apiVersion and no kind, so it is not a Kubernetes object",
            (false, _) => "the mapping has no kind, so it is not a Kubernetes object",
            _ => "the mapping has no apiVersion, so it is not a Kubernetes object",
        };
    }

    private ParsedDocument? TryParseJson(string text, string displayPath)
    {
        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = Options.MaxDepth });
            return new ParsedDocument(node, SourceLocation.OfFile(displayPath), new NodeLocations(displayPath));
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null; // duplicate property names
        }
    }

    private static string? Decode(ReadOnlySpan<byte> bytes, string displayPath, out Finding? problem)
    {
        problem = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            problem = BinaryFile(displayPath, nul);
            return null;
        }

        var chars = ArrayPool<char>.Shared.Rent(bytes.Length + 1);
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status != System.Buffers.OperationStatus.Done)
            {
                var (line, column) = LineColumnOf(bytes, read);
                problem = LoadingFindings.Yaml(
                    new SourceLocation(displayPath, line, column),
                    $"the file is not valid UTF-8 (invalid byte 0x{bytes[read]:X2} at offset {read})",
                    "Save the file as UTF-8 (Kubernetes and Argo CD read manifests as UTF-8).");
                return null;
            }

            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static (int Line, int Column) LineColumnOf(ReadOnlySpan<byte> bytes, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    private static Finding BinaryFile(string displayPath, int offset) =>
        LoadingFindings.Yaml(
            SourceLocation.OfFile(displayPath),
            $"the file is binary (a NUL byte at offset {offset}), not YAML or JSON",
            "Remove the file from the manifest directory, rename it to a non-manifest extension, or exclude it (spec.source.directory.exclude).");

    private static Finding TooLarge(string displayPath, long size, long limit) =>
        LoadingFindings.Yaml(
            SourceLocation.OfFile(displayPath),
            $"the file is {size:N0} bytes, above the limit of {limit:N0} bytes (LoaderOptions.MaxFileBytes)",
            $"Split the file, exclude it, or raise the limit with {LoaderOptions.MaxFileBytesOption} <bytes>.");

    private static Finding ReadProblem(string displayPath, string problem) =>
        LoadingFindings.Yaml(
            SourceLocation.OfFile(displayPath),
            problem,
            problem.Contains("limit", StringComparison.Ordinal)
                ? $"Split the file, exclude it, or raise the limit with {LoaderOptions.MaxFileBytesOption} <bytes>."
                : "Fix or remove the file (symlinks must stay inside the repository and must not loop).");
}

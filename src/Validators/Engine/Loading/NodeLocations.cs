using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Loading;

/// <summary>
/// Where the nodes of one object body were written: node → line/column in one file. Keyed by node identity, so a
/// lookup costs nothing to build and survives reading; nodes created later (templating, defaulting) fall back to
/// their nearest located ancestor through <see cref="ManifestObject.LocationOf(JsonNode?)"/>.
/// </summary>
public sealed class NodeLocations
{
    private readonly Dictionary<JsonNode, (int Line, int Column)> positions;

    public NodeLocations(string file)
        : this(file, new Dictionary<JsonNode, (int, int)>(ReferenceEqualityComparer.Instance))
    {
    }

    private NodeLocations(string file, Dictionary<JsonNode, (int Line, int Column)> positions)
    {
        ArgumentNullException.ThrowIfNull(file);
        File = file;
        this.positions = positions;
    }

    /// <summary>The repo-relative file every location points into.</summary>
    public string File { get; }

    /// <summary>How many nodes have a location.</summary>
    public int Count => positions.Count;

    /// <summary>Records where <paramref name="node"/> was written (1-based).</summary>
    public void Add(JsonNode node, int line, int column)
    {
        ArgumentNullException.ThrowIfNull(node);
        positions[node] = (line, column);
    }

    /// <summary>The location of exactly this node, or null.</summary>
    public SourceLocation? Find(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return positions.TryGetValue(node, out var p) ? new SourceLocation(File, p.Line, p.Column) : null;
    }

    /// <summary>The same locations for <paramref name="copy"/>, a structurally identical deep copy of <paramref name="original"/>.</summary>
    public NodeLocations Remap(JsonNode original, JsonNode copy)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(copy);
        var map = new Dictionary<JsonNode, (int, int)>(positions.Count, ReferenceEqualityComparer.Instance);
        var stack = new Stack<(JsonNode From, JsonNode To)>();
        stack.Push((original, copy));
        while (stack.Count > 0)
        {
            var (from, to) = stack.Pop();
            if (positions.TryGetValue(from, out var p))
            {
                map[to] = p;
            }

            switch (from)
            {
                case JsonObject fo when to is JsonObject tobj:
                    foreach (var (key, value) in fo)
                    {
                        if (value is not null && tobj[key] is { } target)
                        {
                            stack.Push((value, target));
                        }
                    }

                    break;
                case JsonArray fa when to is JsonArray ta:
                    for (var i = 0; i < fa.Count && i < ta.Count; i++)
                    {
                        if (fa[i] is { } value && ta[i] is { } target)
                        {
                            stack.Push((value, target));
                        }
                    }

                    break;
            }
        }

        return new NodeLocations(File, map);
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlatformValidation.Validators.Findings;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PlatformValidation.Validators.Loading;

/// <summary>
/// Turns YamlDotNet parser events into JSON documents, iteratively (no recursion, so 20,000-deep nesting cannot
/// overflow the stack), with a location for every node, go-yaml scalar resolution, merge keys, duplicate-key
/// detection and caps on depth and alias expansion. A cap that is hit stops the whole stream at once: YamlDotNet's
/// scanner spends time proportional to the open flow levels on every token, so reading on past the depth limit
/// would make hostile input cost time quadratic in its nesting (the limit keeps it linear).
/// </summary>
internal sealed partial class YamlDocumentReader
{
    private readonly string file;
    private readonly LoaderOptions options;
    private readonly bool firstDocumentOnly;
    private readonly bool nameLimitOptions;
    private readonly List<Finding> findings = [];
    private readonly List<ParsedDocument> documents = [];
    private readonly List<(SourceLocation Location, string Reason)> errors = [];
    private int nodeCount;

    private YamlDocumentReader(string file, LoaderOptions options, bool firstDocumentOnly, bool nameLimitOptions)
    {
        this.file = file;
        this.options = options;
        this.firstDocumentOnly = firstDocumentOnly;
        this.nameLimitOptions = nameLimitOptions;
    }

    /// <summary>Reads every document of <paramref name="text"/>.</summary>
    public static (IReadOnlyList<ParsedDocument> Documents, IReadOnlyList<Finding> Findings) Read(string text, string file, LoaderOptions options)
    {
        var reader = new YamlDocumentReader(file, options, firstDocumentOnly: false, nameLimitOptions: true);
        reader.ReadStream(text);
        return (reader.documents, reader.findings);
    }

    /// <summary>
    /// Reads only the first document (as go-yaml's Unmarshal does for a request body): its root, or the first error
    /// (location and reason, without the loader's fix hints).
    /// </summary>
    public static (ParsedDocument? Document, (SourceLocation Location, string Reason)? Error) ReadFirst(string text, string file, LoaderOptions options)
    {
        var reader = new YamlDocumentReader(file, options, firstDocumentOnly: true, nameLimitOptions: false);
        reader.ReadStream(text);
        if (reader.errors.Count > 0)
        {
            return (null, reader.errors[0]);
        }

        return (reader.documents.Count > 0 ? reader.documents[0] : null, null);
    }

    private void AddError(SourceLocation location, string reason, string message, string fixHint)
    {
        errors.Add((location, reason));
        findings.Add(LoadingFindings.Yaml(location, message, fixHint));
    }

    private void ReadStream(string text)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            while (!parser.Accept<StreamEnd>(out _))
            {
                var start = parser.Consume<DocumentStart>();
                if (documents.Count >= options.MaxDocuments)
                {
                    var tooMany = $"more than {options.MaxDocuments:N0} documents in one file (LoaderOptions.MaxDocuments)";
                    AddError(At(start.Start), tooMany, tooMany, "Split the file into several files.");
                    return;
                }

                var doc = ReadDocument(parser);
                parser.Consume<DocumentEnd>();
                if (doc is not null)
                {
                    documents.Add(doc);
                }

                if (firstDocumentOnly)
                {
                    return;
                }
            }
        }
        catch (LimitExceededException limit)
        {
            // A depth or size cap: stop reading the file here (see the class comment).
            AddError(At(limit.Mark), limit.Message, limit.Message, HintFor(limit.Message));
        }
        catch (YamlException ex)
        {
            SyntaxError(ex, text);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException or FormatException or OverflowException)
        {
            // YamlDotNet can fail with a non-YAML exception on some malformed inputs (found by the fuzz test).
            var mark = parser.Current?.Start ?? default;
            var reason = $"the parser stopped after line {Math.Max(mark.Line, 1)} ({ex.Message})";
            AddError(
                At(mark),
                reason,
                "invalid YAML: " + reason,
                "Fix the YAML syntax near the reported line (check brackets, quotes and indentation); `kubectl apply --dry-run=client -f FILE` shows the same region.");
        }
    }

    /// <summary>One document, or null when it failed (a finding was added).</summary>
    private ParsedDocument? ReadDocument(IParser parser)
    {
        var locations = new NodeLocations(file);
        var anchors = new Dictionary<string, Anchor>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        string? error = null;
        Mark errorMark = default;
        JsonNode? root = null;
        Mark rootMark = default;
        var rootSet = false;

        void Fail(string message, Mark mark)
        {
            if (error is null)
            {
                error = message;
                errorMark = mark;
            }
        }

        // Attaches a completed value to the frame on top of the stack (or makes it the root).
        void Attach(JsonNode? value, Mark mark, int height)
        {
            if (stack.Count == 0)
            {
                root = value;
                rootMark = mark;
                rootSet = true;
                return;
            }

            var parent = stack.Peek();
            parent.MaxDepth = Math.Max(parent.MaxDepth, parent.Depth + 1 + height);
            if (error is not null)
            {
                parent.PendingKey = null;
                return;
            }

            if (parent.Container is JsonArray array)
            {
                array.Add(value);
                if (value is not null)
                {
                    locations.Add(value, (int)mark.Line, (int)mark.Column);
                }

                return;
            }

            var obj = (JsonObject)parent.Container;
            if (parent.PendingMerge)
            {
                parent.PendingMerge = false;
                if (!CollectMerge(parent, value))
                {
                    Fail("the value of a merge key (<<) must be a mapping or a list of mappings", mark);
                }

                return;
            }

            var key = parent.PendingKey!;
            parent.PendingKey = null;
            var keyMark = parent.PendingKeyMark;
            if (parent.ExplicitKeys.TryGetValue(key, out var firstLine))
            {
                Fail($"duplicate mapping key \"{key}\" (first defined at line {firstLine})", keyMark);
                return;
            }

            parent.ExplicitKeys[key] = keyMark.Line;
            obj[key] = value;
            if (value is not null)
            {
                locations.Add(value, (int)keyMark.Line, (int)keyMark.Column);
            }
        }

        void Register(AnchorName anchor, JsonNode? node, int count, int height)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = new Anchor(node, count, height);
            }
        }

        do
        {
            var ev = parser.Consume<ParsingEvent>();
            var depth = stack.Count;
            switch (ev)
            {
                case Scalar scalar:
                {
                    if (IsExpectingKey(stack))
                    {
                        var frame = stack.Peek();
                        if (error is null)
                        {
                            if (scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && scalar.Value == "<<")
                            {
                                frame.PendingMerge = true;
                            }
                            else
                            {
                                var key = YamlScalars.ResolveKey(scalar, out var keyError);
                                if (keyError is not null)
                                {
                                    Fail(keyError, scalar.Start);
                                }

                                frame.PendingKey = key ?? string.Empty;
                                frame.PendingKeyMark = scalar.Start;
                            }
                        }

                        frame.KeyRead = true;
                        if (!scalar.Anchor.IsEmpty)
                        {
                            Register(scalar.Anchor, JsonValue.Create(scalar.Value), 1, 0);
                        }

                        break;
                    }

                    CountNodes(1, scalar.Start);
                    JsonNode? value = null;
                    if (error is null)
                    {
                        value = YamlScalars.Resolve(scalar, out var scalarError);
                        if (scalarError is not null)
                        {
                            Fail(scalarError, scalar.Start);
                        }
                    }

                    Register(scalar.Anchor, value, 1, 0);
                    Attach(value, scalar.Start, 0);
                    MarkValueRead(stack);
                    break;
                }

                case MappingStart ms:
                    if (IsExpectingKey(stack))
                    {
                        Fail("a mapping used as a mapping key is not supported (JSON objects have string keys)", ms.Start);
                        stack.Peek().KeyRead = true;
                        stack.Peek().ComplexKey = true;
                    }

                    CountNodes(1, ms.Start);
                    if (depth + 1 > options.MaxDepth)
                    {
                        throw new LimitExceededException(DepthMessage(ms.Start), ms.Start);
                    }

                    stack.Push(new Frame(new JsonObject(), ms.Anchor, ms.Start, depth + 1, nodeCount));
                    break;

                case SequenceStart ss:
                    if (IsExpectingKey(stack))
                    {
                        Fail("a sequence used as a mapping key is not supported (JSON objects have string keys)", ss.Start);
                        stack.Peek().KeyRead = true;
                        stack.Peek().ComplexKey = true;
                    }

                    CountNodes(1, ss.Start);
                    if (depth + 1 > options.MaxDepth)
                    {
                        throw new LimitExceededException(DepthMessage(ss.Start), ss.Start);
                    }

                    stack.Push(new Frame(new JsonArray(), ss.Anchor, ss.Start, depth + 1, nodeCount));
                    break;

                case MappingEnd or SequenceEnd:
                {
                    var done = stack.Pop();
                    if (done.Container is JsonObject mapping && error is null && done.HasMerges)
                    {
                        ApplyMerges(done, mapping);
                    }

                    var height = done.MaxDepth - done.Depth;
                    Register(done.Anchor, done.Container, nodeCount - done.StartCount + 1, height);
                    if (stack.Count > 0 && stack.Peek().ComplexKey)
                    {
                        // The finished container was a (rejected) key; the value comes next.
                        stack.Peek().ComplexKey = false;
                        break;
                    }

                    Attach(error is null ? done.Container : null, done.Start, height);
                    MarkValueRead(stack);
                    break;
                }

                case AnchorAlias alias:
                {
                    if (!anchors.TryGetValue(alias.Value.Value, out var anchor))
                    {
                        Fail($"alias *{alias.Value.Value} refers to an anchor that is not defined before it", alias.Start);
                        if (IsExpectingKey(stack))
                        {
                            stack.Peek().KeyRead = true;
                            stack.Peek().PendingKey = string.Empty;
                        }
                        else
                        {
                            Attach(null, alias.Start, 0);
                            MarkValueRead(stack);
                        }

                        break;
                    }

                    if (IsExpectingKey(stack))
                    {
                        var frame = stack.Peek();
                        frame.KeyRead = true;
                        if (anchor.Node is JsonValue kv && kv.TryGetValue<string>(out var ks))
                        {
                            frame.PendingKey = ks;
                            frame.PendingKeyMark = alias.Start;
                        }
                        else
                        {
                            Fail("an alias used as a mapping key must refer to a scalar", alias.Start);
                            frame.PendingKey = string.Empty;
                        }

                        break;
                    }

                    CountNodes(anchor.Count, alias.Start);
                    if (depth + anchor.Height > options.MaxDepth)
                    {
                        throw new LimitExceededException(DepthMessage(alias.Start), alias.Start);
                    }

                    var copy = error is null ? anchor.Node?.DeepClone() : null;
                    Attach(copy, alias.Start, anchor.Height);
                    MarkValueRead(stack);
                    break;
                }

                default:
                    throw new YamlException(ev.Start, ev.End, $"unexpected {ev.GetType().Name} inside a document");
            }
        }
        while (stack.Count > 0 || !rootSet);

        if (error is not null)
        {
            AddError(At(errorMark), error, error, HintFor(error));
            return null;
        }

        return new ParsedDocument(root, At(rootMark), locations);
    }

    private static bool IsExpectingKey(Stack<Frame> stack) =>
        stack.Count > 0 && stack.Peek().Container is JsonObject && !stack.Peek().KeyRead;

    private static void MarkValueRead(Stack<Frame> stack)
    {
        if (stack.Count > 0 && stack.Peek().Container is JsonObject)
        {
            stack.Peek().KeyRead = false;
        }
    }

    private void CountNodes(int count, Mark mark)
    {
        nodeCount = (int)Math.Min((long)nodeCount + count, int.MaxValue);
        if (nodeCount > options.MaxNodes)
        {
            var option = nameLimitOptions ? " (LoaderOptions.MaxNodes)" : string.Empty;
            throw new LimitExceededException($"the document expands to more than {options.MaxNodes:N0} nodes{option}; this looks like a YAML alias bomb", mark);
        }
    }

    private static bool CollectMerge(Frame frame, JsonNode? value)
    {
        switch (value)
        {
            case JsonObject o:
                frame.Merges.Add(o);
                return true;
            case JsonArray a when a.All(i => i is JsonObject):
                frame.Merges.AddRange(a.Cast<JsonObject>());
                return true;
            default:
                return false;
        }
    }

    /// <summary>Merge keys (YAML 1.1 <c>&lt;&lt;</c>): explicit keys win, then earlier merged mappings win over later ones.</summary>
    private static void ApplyMerges(Frame frame, JsonObject target)
    {
        foreach (var source in frame.Merges)
        {
            foreach (var (key, value) in source.ToList())
            {
                if (!target.ContainsKey(key))
                {
                    source.Remove(key);
                    target[key] = value;
                }
            }
        }
    }

    private string DepthMessage(Mark mark) =>
        $"nesting deeper than {options.MaxDepth} levels{(nameLimitOptions ? " (LoaderOptions.MaxDepth)" : string.Empty)} at line {mark.Line}";

    private static string HintFor(string error) =>
        error.StartsWith("duplicate mapping key", StringComparison.Ordinal) ? "Remove one of the two keys; Kubernetes rejects objects with duplicate fields."
        : error.Contains("alias bomb", StringComparison.Ordinal) ? "Remove the nested aliases (*name) that multiply the document, or raise LoaderOptions.MaxNodes if the file is legitimate."
        : error.StartsWith("nesting deeper", StringComparison.Ordinal) ? "Flatten the document; Kubernetes objects are never this deep. Raise LoaderOptions.MaxDepth only if the nesting is intended."
        : error.Contains("cannot represent", StringComparison.Ordinal) ? "Quote the value to make it a string."
        : "Fix the value at the reported line; `kubectl apply --dry-run=client -f FILE` reports the same problem.";

    private void SyntaxError(YamlException ex, string text)
    {
        var message = YamlMarkPrefix().Replace(ex.Message, string.Empty).Trim();
        var location = At(ex.Start);
        var line = LineAt(text, ex.Start.Line);
        var indent = line.Length - line.TrimStart(' ', '\t').Length;
        if (line[..indent].Contains('\t', StringComparison.Ordinal) || message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            // YamlDotNet's mark for tab errors can point at the start of the mapping; find the offending line.
            var (tabLine, tabColumn) = FirstTabIndentation(text, ex.Start.Line) ?? ((int)ex.Start.Line, (int)ex.Start.Column);
            var tabReason = $"tab character used for indentation at line {tabLine}; YAML allows only spaces ({message})";
            AddError(
                new SourceLocation(file, Math.Max(tabLine, 1), Math.Max(tabColumn, 1)),
                tabReason,
                tabReason,
                "Replace the tabs with spaces (configure your editor to indent YAML with spaces).");
            return;
        }

        AddError(location, message, $"invalid YAML: {message}", "Fix the YAML syntax at the reported line (check indentation, quoting and colons); `kubectl apply --dry-run=client -f FILE` shows the same error.");
    }

    private static (int Line, int Column)? FirstTabIndentation(string text, long fromLine)
    {
        var lineNumber = 1;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            var line = end < 0 ? text[start..] : text[start..end];
            if (lineNumber >= fromLine)
            {
                for (var i = 0; i < line.Length && (line[i] == ' ' || line[i] == '\t'); i++)
                {
                    if (line[i] == '\t')
                    {
                        return (lineNumber, i + 1);
                    }
                }
            }

            if (end < 0)
            {
                return null;
            }

            start = end + 1;
            lineNumber++;
        }

        return null;
    }

    private static string LineAt(string text, long lineNumber)
    {
        var current = 1L;
        var start = 0;
        while (current < lineNumber)
        {
            var next = text.IndexOf('\n', start);
            if (next < 0)
            {
                return string.Empty;
            }

            start = next + 1;
            current++;
        }

        var end = text.IndexOf('\n', start);
        return end < 0 ? text[start..] : text[start..end];
    }

    private SourceLocation At(Mark mark) =>
        new(file, (int)Math.Clamp(mark.Line, 1, int.MaxValue), (int)Math.Clamp(mark.Column, 1, int.MaxValue));

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*", RegexOptions.CultureInvariant)]
    private static partial Regex YamlMarkPrefix();

    private sealed record Anchor(JsonNode? Node, int Count, int Height);

    /// <summary>A depth or node cap was hit: reading stops at <see cref="Mark"/>.</summary>
    private sealed class LimitExceededException(string message, Mark mark) : Exception(message)
    {
        public Mark Mark { get; } = mark;
    }

    private sealed class Frame(JsonNode container, AnchorName anchor, Mark start, int depth, int startCount)
    {
        public JsonNode Container { get; } = container;

        public AnchorName Anchor { get; } = anchor;

        public Mark Start { get; } = start;

        public int Depth { get; } = depth;

        public int StartCount { get; } = startCount;

        public int MaxDepth { get; set; } = depth;

        public bool KeyRead { get; set; }

        public bool ComplexKey { get; set; }

        public bool PendingMerge { get; set; }

        public string? PendingKey { get; set; }

        public Mark PendingKeyMark { get; set; }

        public Dictionary<string, long> ExplicitKeys => explicitKeys ??= new(StringComparer.Ordinal);

        public List<JsonObject> Merges => merges ??= [];

        public bool HasMerges => merges is { Count: > 0 };

        private Dictionary<string, long>? explicitKeys;

        private List<JsonObject>? merges;
    }
}

/// <summary>One parsed YAML document: its root value (null for an empty document), where it starts, and node locations.</summary>
internal sealed record ParsedDocument(JsonNode? Root, SourceLocation Location, NodeLocations Locations);

namespace PlatformValidation.Validators.Templating;

/// <summary>
/// A set of associated Go templates sharing named templates (<c>define</c>/<c>template</c>/<c>block</c>) and a
/// function table, as <c>template.New(…).Funcs(…)</c> with one <c>Parse</c> per file builds it in Helm's engine. Extra
/// functions see the running template (to render <c>include</c>/<c>tpl</c>). Parse everything first, then execute;
/// execution does not change the set, so one set may execute on several threads.
/// </summary>
public sealed class GoTemplateSet
{
    /// <summary>How deep <c>template</c>/<c>include</c>/<c>tpl</c> calls may nest: Helm's recursionMaxNums [pkg/engine/engine.go].</summary>
    public const int MaxNesting = 1000;

    private readonly Dictionary<string, ListNode> templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GoContextFunction> functions = new(StringComparer.Ordinal);

    public GoTemplateSet(GoMissingKey missingKey = GoMissingKey.Default)
    {
        MissingKey = missingKey;
    }

    public GoMissingKey MissingKey { get; }

    /// <summary>The names of every template (files and defines).</summary>
    public IReadOnlyCollection<string> Names => templates.Keys;

    internal void AddFunction(string name, GoContextFunction function) => functions[name] = function;

    internal bool TryGetFunction(string name, out GoContextFunction function) => functions.TryGetValue(name, out function!);

    internal bool FunctionExists(string name) => functions.ContainsKey(name) || GoFunctions.Exists(name);

    /// <summary>Parses <paramref name="text"/> as template <paramref name="name"/>; its defines join the set. Throws <see cref="GoTemplateException"/>.</summary>
    public void Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        var defines = new Dictionary<string, ListNode>(StringComparer.Ordinal);
        var root = GoTemplateParser.Parse(text, name, FunctionExists, defines);

        // text/template: a file whose body is only blanks/defines does not replace an existing template of its name.
        templates[name] = root;
        foreach (var (k, v) in defines)
        {
            templates[k] = v;
        }
    }

    public bool Contains(string name) => templates.ContainsKey(name);

    internal bool TryGet(string name, out ListNode root) => templates.TryGetValue(name, out root!);

    /// <summary>Executes template <paramref name="name"/> against <paramref name="data"/> (the template value model). Throws <see cref="GoTemplateException"/>.</summary>
    internal string Execute(string name, object? data)
    {
        if (!templates.TryGetValue(name, out var root))
        {
            throw new GoTemplateException($"template: no template \"{name}\" associated with template \"gotpl\"");
        }

        return GoTemplateExecutor.Execute(root, data, MissingKey, this, name);
    }
}

/// <summary>A function that sees the running template (Helm's include, tpl, required).</summary>
internal delegate object? GoContextFunction(GoTemplateExecutor.CallContext context, List<object?> args);

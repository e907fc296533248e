using System.Text;

namespace PlatformValidation.Validators.Templating;

/// <summary>Walks a parsed template against data, as text/template's exec.go does for the supported subset.</summary>
internal sealed class GoTemplateExecutor
{
    /// <summary>The most characters one template (or one string a function builds) may produce.</summary>
    internal const int MaxOutputChars = 16 * 1024 * 1024;
    private const long MaxSteps = 10_000_000;

    private readonly GoMissingKey missingKey;
    private readonly GoTemplateSet? set;
    private readonly Dictionary<string, ListNode> localTemplates = new(StringComparer.Ordinal);
    private StringBuilder output = new();
    private List<(string Name, object? Value)> variables = [];
    private string templateName;
    private long steps;
    private long totalOutput;
    private int nesting;

    private GoTemplateExecutor(GoMissingKey missingKey, GoTemplateSet? set, string templateName)
    {
        this.missingKey = missingKey;
        this.set = set;
        this.templateName = templateName;
    }

    private bool MissingKeyIsError => missingKey == GoMissingKey.Error;

    public static string Execute(ListNode root, object? data, bool missingKeyIsError) =>
        Execute(root, data, missingKeyIsError ? GoMissingKey.Error : GoMissingKey.Default, set: null, name: string.Empty);

    public static string Execute(ListNode root, object? data, GoMissingKey missingKey, GoTemplateSet? set, string name)
    {
        var exec = new GoTemplateExecutor(missingKey, set, name);
        exec.variables.Add(("$", data));
        exec.Walk(data, root);
        return exec.output.ToString();
    }

    /// <summary>What a context function may do with the running template.</summary>
    internal sealed class CallContext(GoTemplateExecutor executor)
    {
        /// <summary>The template being executed (for messages such as Helm's "execution error at (…)").</summary>
        public string TemplateName => executor.templateName;

        /// <summary>The line of the action that called the function.</summary>
        public int Line { get; init; }

        /// <summary>Renders named template <paramref name="name"/> with <paramref name="data"/> to a string (Helm's include).</summary>
        public string Include(string name, object? data) => executor.Capture(name, data, null);

        /// <summary>Parses <paramref name="text"/> (its defines visible to it) and renders it with <paramref name="data"/> (Helm's tpl).</summary>
        public string Tpl(string text, object? data)
        {
            if (executor.set is null)
            {
                throw new GoTemplateException("tpl needs a template set");
            }

            var defines = new Dictionary<string, ListNode>(StringComparer.Ordinal);
            var root = GoTemplateParser.Parse(text, executor.templateName, executor.set.FunctionExists, defines);
            foreach (var (k, v) in defines)
            {
                executor.localTemplates[k] = v;
            }

            return executor.Capture(executor.templateName, data, root);
        }
    }

    /// <summary>Runs a named template (or <paramref name="root"/>) into a fresh buffer with a fresh variable scope, counting the nesting.</summary>
    private string Capture(string name, object? data, ListNode? root)
    {
        if (root is null && !TryFindTemplate(name, out root))
        {
            throw new GoTemplateException($"template: no template \"{name}\" associated with template \"gotpl\"");
        }

        if (++nesting > GoTemplateSet.MaxNesting)
        {
            nesting = 0;
            throw new GoTemplateException($"rendering template has a nested reference name: {name}: unable to execute template (more than {GoTemplateSet.MaxNesting:N0} nested include/template/tpl calls; the template recurses without end)");
        }

        var saved = (output, variables, templateName);
        output = new StringBuilder();
        variables = [("$", data)];
        templateName = name;
        try
        {
            Walk(data, root);
            return output.ToString();
        }
        finally
        {
            (output, variables, templateName) = saved;
            nesting--;
        }
    }

    private bool TryFindTemplate(string name, out ListNode root)
    {
        if (localTemplates.TryGetValue(name, out root!))
        {
            return true;
        }

        if (set is not null && set.TryGet(name, out root))
        {
            return true;
        }

        root = null!;
        return false;
    }

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    private Flow Walk(object? dot, TemplateNode node)
    {
        if (++steps > MaxSteps)
        {
            throw new GoTemplateException($"template: {templateName}: executing: more than {MaxSteps:N0} steps; the template loops too long");
        }

        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new GoTemplateException($"template: {templateName}:{node.Line}: executing: nested too deep for this thread's stack");
        }

        switch (node)
        {
            case ListNode list:
                foreach (var n in list.Nodes)
                {
                    var flow = Walk(dot, n);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }

                return Flow.Normal;
            case TextNode t:
                Write(t.Text);
                return Flow.Normal;
            case ActionNode a:
            {
                var value = EvalPipeline(dot, a.Pipe);
                if (a.Pipe.Variables.Count == 0)
                {
                    Write(GoValues.Print(value));
                }

                return Flow.Normal;
            }

            case IfNode i:
                return WalkConditional(dot, i.Pipe, i.Then, i.Else, setDot: false);
            case WithNode w:
                return WalkConditional(dot, w.Pipe, w.Then, w.Else, setDot: true);
            case RangeNode r:
                return WalkRange(dot, r);
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            case TemplateCallNode call:
            {
                var data = call.Pipe is null ? null : EvalPipeline(dot, call.Pipe);
                Write(Capture(call.Name, data, null));
                return Flow.Normal;
            }

            default:
                throw new GoTemplateException($"template: unknown node {node.GetType().Name}");
        }
    }

    private Flow WalkConditional(object? dot, PipeNode pipe, ListNode then, ListNode? elseList, bool setDot)
    {
        var mark = variables.Count;
        try
        {
            var value = EvalPipeline(dot, pipe);
            if (GoValues.IsTrue(value))
            {
                return Walk(setDot ? value : dot, then);
            }

            return elseList is null ? Flow.Normal : Walk(dot, elseList);
        }
        finally
        {
            variables.RemoveRange(mark, variables.Count - mark);
        }
    }

    private Flow WalkRange(object? dot, RangeNode r)
    {
        var mark = variables.Count;
        try
        {
            var value = EvalPipeline(dot, r.Pipe with { Variables = [] });
            var items = new List<(object? Key, object? Value)>();
            switch (value)
            {
                case null:
                    break;
                case var m when ReferenceEquals(m, GoValues.Missing):
                    break;
                case IDictionary<string, object?> map:
                    items.AddRange(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => ((object?)p.Key, p.Value)));
                    break;
                case List<object?> list:
                    items.AddRange(list.Select((v, i) => ((object?)(long)i, v)));
                    break;
                case long n:
                    for (var i = 0L; i < n; i++)
                    {
                        items.Add((i, i));
                    }

                    break;
                default:
                    throw Exec(r.Pipe, $"range can't iterate over {GoValues.Print(value)}");
            }

            if (items.Count == 0)
            {
                return r.Else is null ? Flow.Normal : Walk(dot, r.Else);
            }

            foreach (var (key, item) in items)
            {
                var iterationMark = variables.Count;
                if (r.Pipe.Variables.Count == 1)
                {
                    variables.Add((r.Pipe.Variables[0], item));
                }
                else if (r.Pipe.Variables.Count == 2)
                {
                    variables.Add((r.Pipe.Variables[0], key));
                    variables.Add((r.Pipe.Variables[1], item));
                }

                var flow = Walk(item, r.Body);
                variables.RemoveRange(iterationMark, variables.Count - iterationMark);
                if (flow == Flow.Break)
                {
                    break;
                }
            }

            return Flow.Normal;
        }
        finally
        {
            variables.RemoveRange(mark, variables.Count - mark);
        }
    }

    private object? EvalPipeline(object? dot, PipeNode pipe)
    {
        object? value = null;
        var hasFinal = false;
        foreach (var cmd in pipe.Commands)
        {
            value = EvalCommand(dot, cmd, hasFinal, value, pipe);
            hasFinal = true;
        }

        foreach (var name in pipe.Variables)
        {
            if (pipe.IsAssign)
            {
                var index = variables.FindLastIndex(v => v.Name == name);
                variables[index] = (name, value);
            }
            else
            {
                variables.Add((name, value));
            }
        }

        return value;
    }

    private object? EvalCommand(object? dot, CommandNode cmd, bool hasFinal, object? final, PipeNode pipe)
    {
        var first = cmd.Args[0];
        if (first is IdentifierNode fn)
        {
            return CallFunction(dot, fn.Name, cmd.Args.Skip(1).ToList(), hasFinal, final, pipe);
        }

        if (first is FieldNode or VariableNode or ChainNode)
        {
            var head = EvalArg(dot, first, pipe, invokeMethods: false);
            if (head is GoMethod method)
            {
                var args = cmd.Args.Skip(1).Select(a => EvalArg(dot, a, pipe)).ToList();
                if (hasFinal)
                {
                    args.Add(final);
                }

                return InvokeMethod(method, args, pipe);
            }

            if (cmd.Args.Count > 1 || hasFinal)
            {
                throw Exec(pipe, $"can't give argument to non-function {Describe(first)}");
            }

            return head;
        }

        if (cmd.Args.Count > 1 || hasFinal)
        {
            throw Exec(pipe, $"can't give argument to non-function {Describe(first)}");
        }

        return EvalArg(dot, first, pipe);
    }

    private object? InvokeMethod(GoMethod method, List<object?> args, PipeNode pipe)
    {
        try
        {
            return method.Invoke(args);
        }
        catch (GoTemplateException ex)
        {
            throw Exec(pipe, $"error calling {method.Name}: {ex.Message}");
        }
        catch (Exception ex) when (IsFunctionFailure(ex))
        {
            throw Exec(pipe, $"error calling {method.Name}: {Describe(ex)}");
        }
    }

    private object? CallFunction(object? dot, string name, List<TemplateNode> argNodes, bool hasFinal, object? final, PipeNode pipe)
    {
        // and/or short-circuit (Go 1.18+): they return the first argument that decides the result.
        if (name is "and" or "or")
        {
            if (argNodes.Count + (hasFinal ? 1 : 0) == 0)
            {
                throw Exec(pipe, $"wrong number of args for {name}: want at least 1 got 0");
            }

            object? last = null;
            foreach (var node in argNodes)
            {
                last = EvalArg(dot, node, pipe);
                if (GoValues.IsTrue(last) == (name == "or"))
                {
                    return last;
                }
            }

            return hasFinal ? final : last;
        }

        var args = argNodes.Select(a => EvalArg(dot, a, pipe)).ToList();
        if (hasFinal)
        {
            args.Add(final);
        }

        try
        {
            if (set is not null && set.TryGetFunction(name, out var contextFunction))
            {
                return contextFunction(new CallContext(this) { Line = pipe.Line }, args);
            }

            return GoFunctions.Call(name, args, MissingKeyIsError);
        }
        catch (GoTemplateException ex) when (!ex.Message.StartsWith("template: ", StringComparison.Ordinal) && !ex.Message.StartsWith("execution error at", StringComparison.Ordinal))
        {
            throw Exec(pipe, $"error calling {name}: {ex.Message}");
        }
        catch (Exception ex) when (IsFunctionFailure(ex))
        {
            // Go's text/template turns a function's error (or panic) into "error calling NAME: …" at the action (exec.go
            // safeCall); a .NET exception escaping a function is the same kind of failure, never a crash of the caller.
            throw Exec(pipe, $"error calling {name}: {Describe(ex)}");
        }
    }

    /// <summary>An exception from a template function that is the template's fault (not the process's: out of memory, stack).</summary>
    private static bool IsFunctionFailure(Exception ex) =>
        ex is not GoTemplateException and not OutOfMemoryException and not InsufficientExecutionStackException and not OperationCanceledException;

    private static string Describe(Exception ex) => ex switch
    {
        System.Text.RegularExpressions.RegexMatchTimeoutException t => $"regular expression took longer than {t.MatchTimeout.TotalSeconds:0.##} s (it backtracks catastrophically on this input)",
        _ => ex.Message,
    };

    private object? EvalArg(object? dot, TemplateNode node, PipeNode pipe) =>
        EvalArg(dot, node, pipe, invokeMethods: true);

    private object? EvalArg(object? dot, TemplateNode node, PipeNode pipe, bool invokeMethods)
    {
        var value = EvalArgCore(dot, node, pipe);
        return invokeMethods && value is GoMethod m ? InvokeMethod(m, [], pipe) : value;
    }

    private object? EvalArgCore(object? dot, TemplateNode node, PipeNode pipe) => node switch
    {
        DotNode => dot,
        NilNode => null,
        LiteralNode l => l.Value,
        FieldNode f => EvalFields(dot, f.Fields, pipe),
        VariableNode v => EvalFields(Variable(v.Name, pipe), v.Fields, pipe),
        ChainNode c => EvalFields(EvalArg(dot, c.Operand, pipe), c.Fields, pipe),
        PipeNode p => EvalPipeline(dot, p),
        IdentifierNode fn => CallFunction(dot, fn.Name, [], false, null, pipe),
        _ => throw Exec(pipe, $"can't evaluate {node.GetType().Name}"),
    };

    private object? Variable(string name, PipeNode pipe)
    {
        for (var i = variables.Count - 1; i >= 0; i--)
        {
            if (variables[i].Name == name)
            {
                return variables[i].Value;
            }
        }

        throw Exec(pipe, $"undefined variable: {name}");
    }

    private object? EvalFields(object? receiver, IReadOnlyList<string> fields, PipeNode pipe)
    {
        var value = receiver;
        foreach (var field in fields)
        {
            if (value is GoMethod method)
            {
                value = InvokeMethod(method, [], pipe);
            }

            switch (value)
            {
                case IGoFields fielded when fielded.TryGetField(field, out var member):
                    value = member;
                    break;
                case IDictionary<string, object?> map:
                    if (map.TryGetValue(field, out var next))
                    {
                        value = next;
                    }
                    else if (MissingKeyIsError)
                    {
                        throw Exec(pipe, $"map has no entry for key \"{field}\"");
                    }
                    else
                    {
                        value = missingKey == GoMissingKey.Zero ? null : GoValues.Missing;
                    }

                    break;
                case null when missingKey == GoMissingKey.Zero:
                    throw Exec(pipe, $"nil pointer evaluating interface {{}}.{field}");
                case null:
                case var m when ReferenceEquals(m, GoValues.Missing):
                    if (MissingKeyIsError)
                    {
                        throw Exec(pipe, $"nil data; no entry for key \"{field}\"");
                    }

                    value = GoValues.Missing;
                    break;
                default:
                    throw Exec(pipe, $"can't evaluate field {field} in type {GoValues.TypeOf(value)}");
            }
        }

        return value;
    }

    private void Write(string s)
    {
        totalOutput += s.Length;
        if (output.Length + s.Length > MaxOutputChars || totalOutput > 8L * MaxOutputChars)
        {
            throw new GoTemplateException($"template: {templateName}: executing: output larger than {MaxOutputChars:N0} characters");
        }

        output.Append(s);
    }

    private static string Describe(TemplateNode node) => node switch
    {
        FieldNode f => "." + string.Join(".", f.Fields),
        VariableNode v => v.Name + string.Concat(v.Fields.Select(f => "." + f)),
        LiteralNode l => GoValues.Print(l.Value),
        _ => node.GetType().Name,
    };

    private GoTemplateException Exec(PipeNode pipe, string message) =>
        new($"template: {templateName}:{pipe.Line}: executing \"{templateName}\" at <{pipe.Source}>: {message}");
}

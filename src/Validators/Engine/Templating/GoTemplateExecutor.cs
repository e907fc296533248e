using System.Text;

namespace PlatformValidation.Validators.Templating;

/// <summary>Walks a parsed template against data, as text/template's exec.go does for the supported subset.</summary>
internal sealed class GoTemplateExecutor
{
    private const int MaxOutputChars = 16 * 1024 * 1024;
    private const long MaxSteps = 10_000_000;

    private readonly bool missingKeyIsError;
    private readonly StringBuilder output = new();
    private readonly List<(string Name, object? Value)> variables = [];
    private long steps;

    private GoTemplateExecutor(bool missingKeyIsError)
    {
        this.missingKeyIsError = missingKeyIsError;
    }

    public static string Execute(ListNode root, object? data, bool missingKeyIsError)
    {
        var exec = new GoTemplateExecutor(missingKeyIsError);
        exec.variables.Add(("$", data));
        exec.Walk(data, root);
        return exec.output.ToString();
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
            throw new GoTemplateException($"template: executing: more than {MaxSteps:N0} steps; the template loops too long");
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

        if (cmd.Args.Count > 1 || hasFinal)
        {
            throw Exec(pipe, $"can't give argument to non-function {Describe(first)}");
        }

        return EvalArg(dot, first, pipe);
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
            return GoFunctions.Call(name, args, missingKeyIsError);
        }
        catch (GoTemplateException ex)
        {
            throw Exec(pipe, $"error calling {name}: {ex.Message}");
        }
    }

    private object? EvalArg(object? dot, TemplateNode node, PipeNode pipe) => node switch
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
            switch (value)
            {
                case IDictionary<string, object?> map:
                    if (map.TryGetValue(field, out var next))
                    {
                        value = next;
                    }
                    else if (missingKeyIsError)
                    {
                        throw Exec(pipe, $"map has no entry for key \"{field}\"");
                    }
                    else
                    {
                        value = GoValues.Missing;
                    }

                    break;
                case null:
                case var m when ReferenceEquals(m, GoValues.Missing):
                    if (missingKeyIsError)
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
        if (output.Length + s.Length > MaxOutputChars)
        {
            throw new GoTemplateException($"template: executing: output larger than {MaxOutputChars:N0} characters");
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

    private static GoTemplateException Exec(PipeNode pipe, string message) =>
        new($"template: :{pipe.Line}: executing \"\" at <{pipe.Source}>: {message}");
}

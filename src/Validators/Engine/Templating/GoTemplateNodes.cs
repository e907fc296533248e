namespace PlatformValidation.Validators.Templating;

/// <summary>The parse tree of a Go template (a subset of text/template/parse).</summary>
internal abstract record TemplateNode(int Line);

internal sealed record ListNode(IReadOnlyList<TemplateNode> Nodes, int Line) : TemplateNode(Line);

internal sealed record TextNode(string Text, int Line) : TemplateNode(Line);

internal sealed record ActionNode(PipeNode Pipe, int Line) : TemplateNode(Line);

internal sealed record IfNode(PipeNode Pipe, ListNode Then, ListNode? Else, int Line) : TemplateNode(Line);

internal sealed record WithNode(PipeNode Pipe, ListNode Then, ListNode? Else, int Line) : TemplateNode(Line);

internal sealed record RangeNode(PipeNode Pipe, ListNode Body, ListNode? Else, int Line) : TemplateNode(Line);

/// <summary><c>{{template "name" pipe}}</c>; <paramref name="Template"/> is the template it was written in (for messages).</summary>
internal sealed record TemplateCallNode(string Name, PipeNode? Pipe, string Template, int Line) : TemplateNode(Line);

internal sealed record BreakNode(int Line) : TemplateNode(Line);

internal sealed record ContinueNode(int Line) : TemplateNode(Line);

/// <summary>A pipeline: optional variable declarations (<c>$x :=</c>) or assignment (<c>$x =</c>), then commands joined by <c>|</c>.</summary>
internal sealed record PipeNode(IReadOnlyList<string> Variables, bool IsAssign, IReadOnlyList<CommandNode> Commands, string Source, int Line) : TemplateNode(Line);

internal sealed record CommandNode(IReadOnlyList<TemplateNode> Args, int Line) : TemplateNode(Line);

/// <summary><c>.a.b</c>: a field chain on dot.</summary>
internal sealed record FieldNode(IReadOnlyList<string> Fields, int Line) : TemplateNode(Line);

/// <summary><c>$x.a.b</c>: a variable with an optional field chain.</summary>
internal sealed record VariableNode(string Name, IReadOnlyList<string> Fields, int Line) : TemplateNode(Line);

/// <summary><c>(pipe).a.b</c>: fields on a parenthesized pipeline.</summary>
internal sealed record ChainNode(TemplateNode Operand, IReadOnlyList<string> Fields, int Line) : TemplateNode(Line);

internal sealed record DotNode(int Line) : TemplateNode(Line);

internal sealed record NilNode(int Line) : TemplateNode(Line);

internal sealed record LiteralNode(object? Value, int Line) : TemplateNode(Line);

internal sealed record IdentifierNode(string Name, int Line) : TemplateNode(Line);

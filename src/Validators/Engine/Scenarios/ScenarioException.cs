using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// A scenario file cannot be used. <see cref="Errors"/> lists every problem found (not only the first), each with
/// the file:line and what to do; the message joins them.
/// </summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException()
        : this([])
    {
    }

    public ScenarioException(string message)
        : this([new ScenarioError(null, message)])
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ScenarioError(null, message)];
    }

    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ScenarioError> Errors { get; }

    private static string Format(IReadOnlyList<ScenarioError> errors) => errors.Count switch
    {
        0 => "The scenario file is invalid.",
        1 => errors[0].ToString(),
        _ => $"The scenario file has {errors.Count} problems:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  " + e)),
    };
}

/// <summary>One problem in a scenario file: where, and a message that says what to do.</summary>
public sealed record ScenarioError(SourceLocation? Location, string Message)
{
    public override string ToString() => Location is null ? Message : $"{Location}: {Message}";
}

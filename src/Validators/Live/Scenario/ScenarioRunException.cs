namespace PlatformValidation.Validators.Live.Scenario;

/// <summary>A live run could not go on (bad scenario, missing prerequisite); the message says what to do. Exit code 2.</summary>
public sealed class ScenarioRunException : Exception
{
    public ScenarioRunException()
    {
    }

    public ScenarioRunException(string message)
        : base(message)
    {
    }

    public ScenarioRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

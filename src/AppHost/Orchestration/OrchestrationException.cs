namespace PlatformValidation.AppHost.Orchestration;

/// <summary>A resource could not start or become healthy; the message names it and the check or dependency that failed.</summary>
public sealed class OrchestrationException : Exception
{
    public OrchestrationException()
    {
    }

    public OrchestrationException(string message)
        : base(message)
    {
    }

    public OrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

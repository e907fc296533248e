namespace PlatformValidation.Validators.Live.Runner;

/// <summary>A step found a failure that stops its suite (the rest of the suite's steps are skipped); the message names the app and the cause.</summary>
public sealed class StepFailedException : Exception
{
    public StepFailedException()
    {
    }

    public StepFailedException(string message)
        : base(message)
    {
    }

    public StepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

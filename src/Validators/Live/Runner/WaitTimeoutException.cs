namespace PlatformValidation.Validators.Live.Runner;

/// <summary>A wait ran out of time; the message says what was awaited, which named timeout expired, and the last state seen.</summary>
public sealed class WaitTimeoutException : TimeoutException
{
    public WaitTimeoutException()
    {
    }

    public WaitTimeoutException(string message)
        : base(message)
    {
    }

    public WaitTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

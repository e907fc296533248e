namespace PlatformValidation.Validators.Live.Suites;

/// <summary>The <c>suites</c> section of a scenario file is invalid; the message names the file, line and what to write instead.</summary>
public sealed class SuiteFormatException : Exception
{
    public SuiteFormatException()
    {
    }

    public SuiteFormatException(string message)
        : base(message)
    {
    }

    public SuiteFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

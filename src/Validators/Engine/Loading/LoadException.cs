namespace PlatformValidation.Validators.Loading;

/// <summary>
/// The repo cannot be read at all (missing or unreadable root directory). Problems inside single files are
/// YAML001 findings instead. The message names the path and says what to do.
/// </summary>
public sealed class LoadException : Exception
{
    public LoadException()
    {
    }

    public LoadException(string message)
        : base(message)
    {
    }

    public LoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

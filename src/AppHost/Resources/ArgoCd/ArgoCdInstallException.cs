namespace PlatformValidation.AppHost.Resources.ArgoCd;

/// <summary>Argo CD could not be installed or found; the message says what to do.</summary>
public sealed class ArgoCdInstallException : Exception
{
    public ArgoCdInstallException()
    {
    }

    public ArgoCdInstallException(string message)
        : base(message)
    {
    }

    public ArgoCdInstallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

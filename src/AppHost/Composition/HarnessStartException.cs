using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.AppHost.Composition;

/// <summary>The AppHost could not bring a resource (or DCP, or the dashboard) up; the message names it and what to do.</summary>
public sealed class HarnessStartException : Exception
{
    public HarnessStartException(string message)
        : base(message)
    {
    }

    public HarnessStartException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public HarnessStartException()
    {
    }

    /// <summary>Says what failed when Aspire itself could not start (DCP, the dashboard, a port), without its stack trace.</summary>
    public static HarnessStartException FromAspire(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var inner = e is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0] : e;
        var first = SecretRedactor.Shared.Redact((inner.Message.Split('\n', 2)[0]).Trim());
        var what = inner switch
        {
            _ when first.Contains("dcp", StringComparison.OrdinalIgnoreCase) || first.Contains("orchestrat", StringComparison.OrdinalIgnoreCase) =>
                "Aspire's orchestrator (DCP) could not start: " + first + " — restore the AppHost (dotnet build src/AppHost) so that the Aspire.Hosting.Orchestration package provides it",
            System.Net.Sockets.SocketException or IOException when first.Contains("address", StringComparison.OrdinalIgnoreCase) =>
                "a port the AppHost needs is in use: " + first + " — free it, or pick another with --dashboard-port",
            _ when first.Contains("dashboard", StringComparison.OrdinalIgnoreCase) =>
                "the Aspire Dashboard could not start: " + first + " — run headless (--dashboard off) or free its port",
            _ => "the Aspire AppHost could not start: " + first,
        };
        return new HarnessStartException(what, e);
    }
}

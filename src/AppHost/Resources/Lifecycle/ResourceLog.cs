using Microsoft.Extensions.Logging;
using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.AppHost.Resources.Lifecycle;

/// <summary>
/// A resource's log: every line is redacted, kept (the newest lines, for the HTML report and diagnostics) and, once
/// the resource is attached to the AppHost, written to its <see cref="ResourceLoggerService"/> logger, which is what
/// the Aspire Dashboard's console view shows.
/// </summary>
public sealed class ResourceLog
{
    private const int Capacity = 2000;
    private readonly Lock gate = new();
    private readonly Queue<string> lines = new();
    private ILogger? logger;

    /// <summary>Raised after a line is written (already redacted).</summary>
    public event Action<string>? LineWritten;

    public void Attach(ILogger resourceLogger)
    {
        List<string> earlier;
        lock (gate)
        {
            logger = resourceLogger;
            earlier = [.. lines];
        }

        foreach (var line in earlier)
        {
            Forward(resourceLogger, line);
        }
    }

    public void Write(string line)
    {
        var text = SecretRedactor.Shared.Redact(line);
        ILogger? target;
        lock (gate)
        {
            lines.Enqueue(text);
            while (lines.Count > Capacity)
            {
                lines.Dequeue();
            }

            target = logger;
        }

        if (target is not null)
        {
            Forward(target, text);
        }

        LineWritten?.Invoke(text);
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (gate)
        {
            return [.. lines];
        }
    }

#pragma warning disable CA1848, CA2254 // the line is the message: resource logs are plain lines, as a process writes them
    private static void Forward(ILogger target, string line) => target.LogInformation(line.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
#pragma warning restore CA1848, CA2254
}

using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.AppHost.ApplicationModel;

/// <summary>The last lines a resource logged (redacted as they are written); the dashboard and diagnostics read them.</summary>
public sealed class ResourceLog
{
    private const int Capacity = 2000;
    private readonly Lock gate = new();
    private readonly Queue<string> lines = new();

    /// <summary>Raised after a line is written (already redacted).</summary>
    public event Action<string>? LineWritten;

    public void Write(string line)
    {
        var text = SecretRedactor.Shared.Redact(line);
        lock (gate)
        {
            lines.Enqueue(text);
            while (lines.Count > Capacity)
            {
                lines.Dequeue();
            }
        }

        LineWritten?.Invoke(text);
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (gate)
        {
            return lines.ToList();
        }
    }
}

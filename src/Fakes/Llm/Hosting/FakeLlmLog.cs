using System.Globalization;

namespace PlatformValidation.Fakes.Llm.Hosting;

/// <summary>
/// The lines the server writes (start-up, warnings, uvicorn-style access lines), kept in a bounded ring so the simulated
/// cluster can expose them as pod logs. Secrets never reach it: keys are never formatted into a line.
/// </summary>
public sealed class FakeLlmLog(TimeProvider time, int capacity = 10_000)
{
    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    /// <summary>Raised for every line, after it is stored.</summary>
    public event Action<string>? LineWritten;

    public IReadOnlyList<string> Snapshot()
    {
        lock (gate)
        {
            return [.. lines];
        }
    }

    public void Info(string message) => Write("INFO", message);

    public void Warning(string message) => Write("WARNING", message);

    public void Error(string message) => Write("ERROR", message);

    /// <summary>An access line the way uvicorn writes it: <c>INFO:     127.0.0.1:5000 - "POST /v1/chat/completions HTTP/1.1" 200 OK</c>.</summary>
    public void Access(string client, string method, string path, string protocol, int status)
    {
        var line = $"INFO:     {client} - \"{method} {path} {protocol}\" {status.ToString(CultureInfo.InvariantCulture)} {Api.ApiError.Phrase(status).Replace("O K", "OK", StringComparison.Ordinal)}";
        Store(line);
    }

    private void Write(string level, string message)
    {
        var now = time.GetUtcNow();
        Store($"{level} {now.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} [fake-llm] {message}");
    }

    private void Store(string line)
    {
        lock (gate)
        {
            lines.Enqueue(line);
            while (lines.Count > capacity)
            {
                lines.Dequeue();
            }
        }

        LineWritten?.Invoke(line);
    }
}

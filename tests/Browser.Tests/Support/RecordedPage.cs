using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace PlatformValidation.Tests.Browser;

/// <summary>A page with the log of its requests, failed requests, console errors and uncaught script errors.</summary>
public sealed class RecordedPage : IAsyncDisposable
{
    public RecordedPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Request += (_, r) => Requests.Enqueue(r.Url);
        page.RequestFailed += (_, r) => FailedRequests.Enqueue($"{r.Url}: {r.Failure}");
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                ConsoleErrors.Enqueue($"{m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => ScriptErrors.Enqueue(e);
        page.FrameNavigated += (_, f) =>
        {
            if (f == page.MainFrame)
            {
                Interlocked.Increment(ref navigations);
            }
        };
    }

    private int navigations;

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentQueue<string> FailedRequests { get; } = new();

    public ConcurrentQueue<string> ConsoleErrors { get; } = new();

    public ConcurrentQueue<string> ScriptErrors { get; } = new();

    /// <summary>How many times the main frame navigated (1 after the first load; a reload would make it 2).</summary>
    public int Navigations => Volatile.Read(ref navigations);

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}

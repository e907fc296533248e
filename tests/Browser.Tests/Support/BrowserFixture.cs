using Microsoft.Playwright;

namespace PlatformValidation.Tests.Browser;

/// <summary>
/// One Chromium per fixture (Debian's, through Playwright; Playwright cannot download its own browser here). Started
/// in [OneTimeSetUp]; a startup failure is kept and rethrown by each test; a missing browser skips with the fix.
/// </summary>
public abstract class BrowserFixture
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private Exception? startupFailure;
    private IPlaywright? playwright;
    private IBrowser? browser;

    protected IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not running.");

    /// <summary>Where screenshots and written reports go (under the test output).</summary>
    protected static string ArtifactDirectory => Directory.CreateDirectory(Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-artifacts")).FullName;

    [OneTimeSetUp]
    public async Task StartBrowserAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        try
        {
            playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = (float)TestTimeouts.Medium.TotalMilliseconds,
            });
            await StartAsync();
        }
#pragma warning disable CA1031 // kept and rethrown by every test, so each says why it could not run
        catch (Exception e)
#pragma warning restore CA1031
        {
            startupFailure = e;
        }
    }

    [SetUp]
    public void RequireBrowser()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Ignore($"Chromium is not installed at {ChromiumPath}: run `apt-get install chromium` (./test.sh installs it) to run the browser tests.");
        }

        if (startupFailure is not null)
        {
            throw new InvalidOperationException($"The browser fixture failed to start: {startupFailure.Message}", startupFailure);
        }
    }

    [OneTimeTearDown]
    public async Task StopBrowserAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }

            playwright?.Dispose();
        }
    }

    /// <summary>Starts what the fixture serves (after the browser).</summary>
    protected virtual Task StartAsync() => Task.CompletedTask;

    /// <summary>Stops what the fixture served (before the browser closes).</summary>
    protected virtual Task StopAsync() => Task.CompletedTask;

    /// <summary>A fresh page in its own context, recording every request and every error it meets.</summary>
    protected async Task<RecordedPage> NewPageAsync(bool javaScript = true, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            JavaScriptEnabled = javaScript,
            ReducedMotion = ReducedMotion.Reduce,
            ColorScheme = colorScheme,
        });
        context.SetDefaultTimeout((float)TestTimeouts.Short.TotalMilliseconds);
        var page = await context.NewPageAsync();
        return new RecordedPage(context, page);
    }

    /// <summary>Saves a screenshot under the test output and attaches it to the test result.</summary>
    protected static async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(ArtifactDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        TestContext.AddTestAttachment(path, name);
        return path;
    }

    /// <summary>Saves a screenshot of one element (e.g. a section) under the test output and attaches it.</summary>
    protected static async Task<string> ScreenshotAsync(ILocator element, string name)
    {
        ArgumentNullException.ThrowIfNull(element);
        var path = Path.Combine(ArtifactDirectory, name + ".png");
        await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        TestContext.AddTestAttachment(path, name);
        return path;
    }

    /// <summary>Presses a key on the focused element, then returns a description of what has focus.</summary>
    protected static async Task<FocusInfo> PressAsync(IPage page, string key)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Keyboard.PressAsync(key);
        return await FocusAsync(page);
    }

    protected static async Task<FocusInfo> FocusAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await EvaluateJsonAsync<FocusInfo>(
            page,
            "() => { const e = document.activeElement; return { tag: e.tagName, id: e.id || '', text: (e.textContent || '').trim().slice(0, 80), outline: getComputedStyle(e).outlineStyle, cls: typeof e.className === 'string' ? e.className : '' }; }");
    }

    /// <summary>Evaluates <paramref name="function"/> in the page and reads its result as JSON into a record.</summary>
    protected static async Task<T> EvaluateJsonAsync<T>(IPage page, string function)
    {
        ArgumentNullException.ThrowIfNull(page);
        var json = await page.EvaluateAsync<string>($"() => JSON.stringify(({function})())");
        return System.Text.Json.JsonSerializer.Deserialize<T>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"The page returned no value for {typeof(T).Name}.");
    }
}

/// <summary>What has keyboard focus.</summary>
public sealed record FocusInfo(string Tag, string Id, string Text, string Outline, string Cls);

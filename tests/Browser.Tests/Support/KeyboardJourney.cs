using Microsoft.Playwright;
using PlatformValidation.Tests.Browser;

namespace PlatformValidation.Tests.Reports;

/// <summary>
/// From the top of a report to a failing app's diagnostics by keyboard only: Tab to the skip link and on into the
/// matrix, arrow keys to the failing cell, Enter to follow it, Space to fold a panel. Asserts at every stop.
/// </summary>
public static class KeyboardJourney
{
    public static async Task RunAsync(IPage page, string check, string profile, string appAnchor, Func<string, Task> screenshot)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(screenshot);

        // The skip link comes first and is visible when focused.
        var focus = await Press(page, "Tab");
        Assert.That(focus.Text, Is.EqualTo("Skip to content"));
        Assert.That(await page.Locator("a.skip").IsVisibleAsync(), Is.True);
        Assert.That(focus.Outline, Is.Not.EqualTo("none"), "focus must be visible");
        await screenshot("1-skip-link");

        // Tab into the matrix: one cell is in the tab order (the first failing one).
        for (var i = 0; i < 60 && !focus.Cls.Contains("cell", StringComparison.Ordinal); i++)
        {
            focus = await Press(page, "Tab");
        }

        Assert.That(focus.Cls, Does.Contain("cell"), "Tab never reached the matrix");

        // Arrow keys move to the failing cell.
        var target = await page.EvaluateAsync<string?>(
            "([check, profile]) => document.querySelector(`a.cell[data-check=\"${check}\"][data-profile=\"${profile}\"]`)?.id ?? null", new[] { check, profile });
        Assert.That(target, Is.Not.Null, $"no matrix cell for {check} × {profile}");
        var (targetRow, targetColumn) = Position(target!);
        for (var i = 0; i < 80 && focus.Id != target; i++)
        {
            var (r, c) = Position(focus.Id);
            focus = await Press(page, r < targetRow ? "ArrowDown" : r > targetRow ? "ArrowUp" : c < targetColumn ? "ArrowRight" : "ArrowLeft");
        }

        Assert.That(focus.Id, Is.EqualTo(target), "the arrow keys did not reach the failing cell");
        Assert.That(focus.Text, Does.Contain("failed"));
        await screenshot("2-matrix-cell");

        // Enter follows the cell to the failing app: focus lands on its diagnostics, which are open and visible.
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync($"() => document.activeElement && document.activeElement.id === '{appAnchor}'");
        foreach (var part in new[] { "tree", "conditions", "events", "logs", "diff" })
        {
            Assert.That(await page.Locator($"#{appAnchor}-{part} .diag-body").IsVisibleAsync(), Is.True, $"the {part} of the failing app should be visible");
        }

        await screenshot("3-failing-app-diagnostics");

        // Tab on to the pod logs panel; Space folds it and unfolds it.
        for (var i = 0; i < 30 && !(focus.Tag == "SUMMARY" && focus.Text.StartsWith("Pod logs", StringComparison.Ordinal)); i++)
        {
            focus = await Press(page, "Tab");
        }

        Assert.That(focus.Text, Does.StartWith("Pod logs"));
        await page.Keyboard.PressAsync("Space");
        Assert.That(await page.Locator($"#{appAnchor}-logs .diag-body").IsVisibleAsync(), Is.False, "Space should fold the pod logs");
        await page.Keyboard.PressAsync("Space");
        Assert.That(await page.Locator($"#{appAnchor}-logs .diag-body").IsVisibleAsync(), Is.True, "Space should unfold the pod logs");
        await screenshot("4-pod-logs");
    }

    private static async Task<FocusInfo> Press(IPage page, string key)
    {
        await page.Keyboard.PressAsync(key);
        var json = await page.EvaluateAsync<string>(
            "() => { const e = document.activeElement; return JSON.stringify({ tag: e.tagName, id: e.id || '', text: (e.textContent || '').trim().slice(0, 80), outline: getComputedStyle(e).outlineStyle, cls: typeof e.className === 'string' ? e.className : '' }); }");
        return System.Text.Json.JsonSerializer.Deserialize<FocusInfo>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
    }

    private static (int Row, int Column) Position(string id)
    {
        var parts = id.Split('-');
        return (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace PlatformValidation.Fuzz.Tests.Harness;

/// <summary>What one case did: a label counted in the report (a status code, an exception type, "ok"), and a failure or null.</summary>
public readonly record struct FuzzOutcome(string Label, string? Failure = null)
{
    public static FuzzOutcome Ok(string label = "ok") => new(label);

    public static FuzzOutcome Fail(string label, string failure) => new(label, failure);
}

/// <summary>The totals of one target's run.</summary>
public sealed record FuzzReport(string Target, ulong Seed, int Cases, int CorpusCases, TimeSpan Elapsed, TimeSpan Slowest, IReadOnlyDictionary<string, int> Outcomes, IReadOnlyList<string> Failures)
{
    public string Summary =>
        string.Create(CultureInfo.InvariantCulture, $"{Target}: {Cases:N0} cases ({CorpusCases} from the corpus) in {Elapsed.TotalSeconds:0.0} s, slowest {Slowest.TotalMilliseconds:N0} ms, seed {Seed}; ")
        + string.Join(", ", Outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} ×{o.Value}"))
        + $"; {Failures.Count} failure(s)";
}

/// <summary>
/// Runs one fuzz target: every corpus input first, then generated inputs in batches until the time budget is spent.
/// Each case runs with a timeout (a case that does not finish is a hang); an exception the probe does not turn into an
/// outcome is a failure. Failing inputs are written under the test's work directory so they can be replayed and
/// added to the corpus.
/// </summary>
public static class FuzzRunner
{
    private const int BatchSize = 16;
    private const int MaxFailuresKept = 20;

    /// <summary>Hung cases keep a thread busy, so a run stops after this many (generated inputs: after the first).</summary>
    private const int MaxHangs = 3;

    public static async Task<FuzzReport> RunAsync<T>(
        string target,
        IEnumerable<T> corpus,
        Gen<T> generator,
        Func<T, CancellationToken, Task<FuzzOutcome>> probe,
        Func<T, string> describe,
        TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(describe);
        var limit = budget ?? FuzzSettings.Budget;
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var cases = 0;
        var corpusCases = 0;
        var hangs = 0;
        var slowest = TimeSpan.Zero;
        var slowestInput = string.Empty;

        async Task RunCase(T input, string origin)
        {
            cases++;
            using var cts = new CancellationTokenSource();
            FuzzOutcome outcome;
            var started = Stopwatch.GetTimestamp();
            try
            {
                outcome = await Task.Run(() => probe(input, cts.Token), cts.Token).WaitAsync(FuzzSettings.CaseTimeout);
            }
            catch (TimeoutException)
            {
                await cts.CancelAsync();
                outcome = FuzzOutcome.Fail("hang", $"no answer within {FuzzSettings.CaseTimeout.TotalSeconds:0.#} s");
                hangs++;
            }
            catch (Exception e)
            {
                outcome = FuzzOutcome.Fail("exception " + e.GetType().Name, $"{e.GetType().FullName}: {e.Message}\n{e.StackTrace}");
            }

            var took = Stopwatch.GetElapsedTime(started);
            if (took > slowest)
            {
                slowest = took;
                slowestInput = Shorten(describe(input), 80);
            }

            outcomes[outcome.Label] = outcomes.GetValueOrDefault(outcome.Label) + 1;
            if (outcome.Failure is not null && failures.Count < MaxFailuresKept)
            {
                var file = Save(target, failures.Count, describe(input));
                failures.Add($"[{origin}] {outcome.Label}: {Shorten(outcome.Failure, 600)}\n    input ({file}): {Shorten(describe(input), 300)}");
            }
        }

        foreach (var input in corpus)
        {
            corpusCases++;
            await RunCase(input, "corpus");
            if (hangs >= MaxHangs)
            {
                break;
            }
        }

        var stop = TestContext.CurrentContext.CancellationToken;
        for (var batch = 0; hangs == 0 && clock.Elapsed < limit && !stop.IsCancellationRequested; batch++)
        {
            // One generator state per batch: batch N of seed S is the same inputs on every machine.
            var size = 10 + (batch % 10) * 10;
            var inputs = Gen.Sample(generator, numberOfSamples: BatchSize, seed: new Rnd(FuzzSettings.Seed + (ulong)batch), size: size);
            for (var i = 0; i < inputs.Length && hangs == 0 && clock.Elapsed < limit; i++)
            {
                await RunCase(inputs[i], $"seed {FuzzSettings.Seed} batch {batch} #{i} size {size}");
            }
        }

        var report = new FuzzReport(target, FuzzSettings.Seed, cases, corpusCases, clock.Elapsed, slowest, outcomes, failures);
        await TestContext.Out.WriteLineAsync(report.Summary);
        await TestContext.Out.WriteLineAsync("  slowest input: " + slowestInput.ReplaceLineEndings("⏎"));
        return report;
    }

    /// <summary>Fails the test when the report has failures, listing them.</summary>
    public static void AssertNoFailures(FuzzReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Assert.That(report.Failures, Is.Empty, report.Summary + "\n" + string.Join("\n", report.Failures));
    }

    private static string Save(string target, int index, string input)
    {
        try
        {
            var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "fuzz-failures");
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $"{target}-{FuzzSettings.Seed}-{index}.txt");
            File.WriteAllText(path, input, new UTF8Encoding(false));
            return path;
        }
        catch (IOException e)
        {
            return $"not saved: {e.Message}";
        }
    }

    private static string Shorten(string text, int max)
    {
        var oneLine = text.Length > max ? text[..max] + $"… ({text.Length:N0} chars)" : text;
        var sb = new StringBuilder(oneLine.Length);
        foreach (var c in oneLine)
        {
            sb.Append(char.IsControl(c) && c != '\n' ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return sb.ToString();
    }
}

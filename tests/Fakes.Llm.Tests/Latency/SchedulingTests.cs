using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;
using PlatformValidation.Fakes.Llm.Latency;
using PlatformValidation.Fakes.Llm.Tests.Support;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.Llm.Tests.Latency;

/// <summary>max-num-seqs, the bounded waiting queue (429), KV-cache preemption and the load factor.</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class SchedulingTests
{
    [Test]
    public async Task RequestsBeyondMaxNumSeqsWaitAndAFullQueueAnswers429()
    {
        var latency = new LatencyOptions { InterTokenLatency = TimeSpan.FromMilliseconds(30) };
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { MaxNumSeqs = 1, MaxWaitingRequests = 1, Latency = latency });
        using var http = LlmClient.Create(server.Uri);
        var body = LlmClient.Chat("fake/llama-3.1-8b-instruct", "x", ""","max_tokens":20,"ignore_eos":true""");
        var first = LlmClient.PostAsync(http, "v1/chat/completions", body);
        var second = LlmClient.PostAsync(http, "v1/chat/completions", body);
        var deadline = DateTime.UtcNow + TestTimeouts.Short;
        while (server.Engine.Scheduler.Waiting < 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        var (status, error, _) = await LlmClient.PostAsync(http, "v1/chat/completions", body);

        Assert.That(status, Is.EqualTo(429));
        Assert.That(error!["error"]!["type"]!.GetValue<string>(), Is.EqualTo("RateLimitError"));
        Assert.That((await first).Status, Is.EqualTo(200));
        Assert.That((await second).Status, Is.EqualTo(200));
        Assert.That(server.Engine.Metrics.QueueTime.Sum, Is.GreaterThan(0.4), "the second request waited for the first");
    }

    [Test]
    public async Task KvCachePressurePreemptsTheNewestSequenceAndCountsIt()
    {
        var scheduler = new EngineScheduler(maxNumSeqs: 4, maxWaiting: 10, totalBlocks: 4, blockSize: 4);
        var older = new SequenceGroup(promptTokens: 4, n: 1);
        var newer = new SequenceGroup(promptTokens: 4, n: 1);
        var preempted = new List<SequenceGroup>();
        scheduler.PreemptedGroup += preempted.Add;
        await scheduler.AdmitAsync(older, CancellationToken.None);
        await scheduler.AdmitAsync(newer, CancellationToken.None);

        // Each holds one block; older grows to 16 tokens = 4 blocks, more than the pool has free, so the newest group is preempted.
        Assert.That(scheduler.Grow(older, 4), Is.True);
        Assert.That(scheduler.Grow(older, 8), Is.True);
        Assert.That(preempted, Is.Empty);
        Assert.That(scheduler.Grow(older, 12), Is.True);

        Assert.That(preempted, Is.EqualTo(new[] { newer }));
        Assert.That(newer.Preempted, Is.True);
        Assert.That(scheduler.Grow(newer, 1), Is.False, "a preempted group must wait to be rescheduled");
        Assert.That(scheduler.Waiting, Is.EqualTo(1));

        var readmitted = scheduler.ReadmitAsync(newer, CancellationToken.None);
        Assert.That(readmitted.IsCompleted, Is.False);
        scheduler.Release(older);
        await readmitted.WaitAsync(TestTimeouts.Short);
        Assert.That(newer.Preempted, Is.False);
        Assert.That(newer.Preemptions, Is.EqualTo(1));
    }

    [Test]
    public void LoadFactorGrowsLinearlyToTheConfiguredMaximum()
    {
        var latency = new LatencyOptions { LoadFactor = 3.0 };
        Assert.Multiple(() =>
        {
            Assert.That(LatencySampler.LoadFactor(latency, 1, 9), Is.EqualTo(1.0));
            Assert.That(LatencySampler.LoadFactor(latency, 5, 9), Is.EqualTo(2.0));
            Assert.That(LatencySampler.LoadFactor(latency, 9, 9), Is.EqualTo(3.0));
        });
    }

    [Test]
    public void SamplesStayWithinSeventyPercentOfTheMean()
    {
        var sampler = new LatencySampler(new Random(1));
        var latency = new LatencyOptions { InterTokenLatency = TimeSpan.FromMilliseconds(10), InterTokenLatencyStdDev = TimeSpan.FromMilliseconds(10) };
        var samples = Enumerable.Range(0, 10_000).Select(_ => sampler.InterToken(latency, 1).TotalMilliseconds).ToList();
        Assert.That(samples.Min(), Is.GreaterThanOrEqualTo(3.0));
        Assert.That(samples.Max(), Is.LessThanOrEqualTo(17.0));
        Assert.That(samples.Average(), Is.InRange(9.0, 11.0));
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;

namespace PlatformValidation.Benchmarks;

/// <summary>
/// fake-llm figures, side by side in one run on loopback. The load generator is HttpClient with SocketsHttpHandler
/// (no external tool): N workers each send requests back to back for a fixed time.
/// 1. throughput: non-streaming chat, latency off, vs a bare Kestrel endpoint returning a fixed JSON body;
/// 2. fidelity: 64 concurrent streams, p50 TTFT and inter-token latency vs configured;
/// 3. queueing: max-num-seqs 8 under 32 concurrent requests (waiting gauge and latency vs the model);
/// 4. memory: resident set of a separate fake-llm process holding 1,000 open streams.
/// Options: --seconds N (throughput window, default 5), --concurrency N (default 32).
/// </summary>
internal static class FakeLlmBenchmark
{
    private const string ChatBody = """{"model":"llama","messages":[{"role":"user","content":"Benchmark me, please."}],"max_tokens":16}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 5);
        var concurrency = Option(args, "--concurrency", 32);
        Console.WriteLine($"fake-llm benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load generator HttpClient/SocketsHttpHandler");
        await ThroughputAsync(seconds, concurrency);
        await FidelityAsync();
        await QueueingAsync();
        await MemoryAsync();
        return 0;
    }

    private static async Task ThroughputAsync(int seconds, int concurrency)
    {
        var fixedJson = Encoding.UTF8.GetBytes("""{"id":"chatcmpl-0","object":"chat.completion","created":0,"model":"llama","choices":[{"index":0,"message":{"role":"assistant","content":"Fixed answer of about sixteen tokens for the bare Kestrel baseline endpoint here."},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"total_tokens":26,"completion_tokens":16}}""");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var bare = builder.Build();
        bare.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = fixedJson.Length;
            await context.Response.Body.WriteAsync(fixedJson);
        });
        await bare.StartAsync();
        var bareUri = new Uri(bare.Urls.First() + "/");
        await using var fake = await FakeLlmServer.StartAsync(new FakeLlmOptions { ServedModelNames = ["llama"], AccessLog = false, MaxNumSeqs = 1024 });

        await LoadAsync(bareUri, 1, concurrency, ChatBody);
        await LoadAsync(fake.Uri, 1, concurrency, ChatBody);
        var bareRps = await LoadAsync(bareUri, seconds, concurrency, ChatBody);
        var fakeRps = await LoadAsync(fake.Uri, seconds, concurrency, ChatBody);
        Console.WriteLine($"throughput: bare Kestrel {bareRps:0} req/s, fake-llm chat (latency off, 16 tokens) {fakeRps:0} req/s, ratio {fakeRps / bareRps:0.00} (target >= 0.5), {concurrency} connections, {seconds} s each");
    }

    private static async Task FidelityAsync()
    {
        var ttft = TimeSpan.FromMilliseconds(200);
        var itl = TimeSpan.FromMilliseconds(20);
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions
        {
            ServedModelNames = ["llama"],
            AccessLog = false,
            KvCache = new KvCacheOptions { EnablePrefixCaching = false },
            Latency = new LatencyOptions { TimeToFirstToken = ttft, InterTokenLatency = itl },
        });
        using var http = Client(server.Uri, 64);
        var body = """{"model":"llama","messages":[{"role":"user","content":"stream"}],"max_tokens":50,"ignore_eos":true,"stream":true}""";

        // Warm-up: open the 64 connections and JIT the streaming path, so the measured round sees steady state.
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => StreamAsync(http, body.Replace("\"max_tokens\":50", "\"max_tokens\":3", StringComparison.Ordinal))));
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => StreamAsync(http, body)));
        var ttfts = results.Select(r => r.Ttft).ToList();
        var itls = results.SelectMany(r => r.Gaps).ToList();
        var p50Ttft = Percentile(ttfts, 0.5);
        var p50Itl = Percentile(itls, 0.5);
        Console.WriteLine(
            $"fidelity (64 streams, 50 tokens): p50 TTFT {p50Ttft:0.0} ms vs {ttft.TotalMilliseconds} configured ({Deviation(p50Ttft, ttft.TotalMilliseconds)}), " +
            $"p50 ITL {p50Itl:0.00} ms vs {itl.TotalMilliseconds} ({Deviation(p50Itl, itl.TotalMilliseconds)}), p99 ITL {Percentile(itls, 0.99):0.00} ms");
    }

    private static async Task QueueingAsync()
    {
        const int maxSeqs = 8, requests = 32, tokens = 20;
        var ttft = TimeSpan.FromMilliseconds(100);
        var itl = TimeSpan.FromMilliseconds(10);
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions
        {
            ServedModelNames = ["llama"],
            AccessLog = false,
            MaxNumSeqs = maxSeqs,
            KvCache = new KvCacheOptions { EnablePrefixCaching = false },
            Latency = new LatencyOptions { TimeToFirstToken = ttft, InterTokenLatency = itl },
        });
        using var http = Client(server.Uri, requests);
        var body = $$"""{"model":"llama","messages":[{"role":"user","content":"queue"}],"max_tokens":{{tokens}},"ignore_eos":true}""";
        var maxWaiting = 0.0;
        var maxRunning = 0.0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                maxWaiting = Math.Max(maxWaiting, server.Engine.Metrics.Waiting.Value);
                maxRunning = Math.Max(maxRunning, server.Engine.Metrics.Running.Value);
                await Task.Delay(2);
            }
        });
        var latencies = await Task.WhenAll(Enumerable.Range(0, requests).Select(async _ =>
        {
            var sw = Stopwatch.StartNew();
            using var response = await http.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
            await response.Content.ReadAsByteArrayAsync();
            return sw.Elapsed.TotalMilliseconds;
        }));
        await stop.CancelAsync();
        await sampler;
        var service = ttft.TotalMilliseconds + (tokens - 1) * itl.TotalMilliseconds;
        var waves = requests / maxSeqs;
        var expectedMean = service * (waves + 1) / 2.0;
        Console.WriteLine(
            $"queueing (max-num-seqs {maxSeqs}, {requests} concurrent, service {service:0} ms): peak waiting gauge {maxWaiting} (expected {requests - maxSeqs}), peak running {maxRunning} (expected {maxSeqs}), " +
            $"mean latency {latencies.Average():0} ms (model {expectedMean:0} ms), max {latencies.Max():0} ms (model {service * waves:0} ms)");
    }

    private static async Task MemoryAsync()
    {
        const int streams = 1000;
        var dll = Path.Combine(AppContext.BaseDirectory, "fake-llm.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--port", "0", "--served-model-name", "llama", "--max-num-seqs", "1024", "--itl", "500ms", "--no-enable-prefix-caching" })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        try
        {
            string? line;
            Uri? uri = null;
            while (uri is null && (line = await process.StandardOutput.ReadLineAsync()) is not null)
            {
                var at = line.IndexOf("http://", StringComparison.Ordinal);
                if (at >= 0)
                {
                    uri = new Uri(line[at..].Split(' ')[0].TrimEnd('/') + "/");
                }
            }

            _ = process.StandardOutput.ReadToEndAsync();
            using var http = Client(uri ?? throw new InvalidOperationException("fake-llm did not print its address."), streams);
            await http.GetStringAsync("health");
            var idle = Rss(process.Id);
            var body = """{"model":"llama","messages":[{"role":"user","content":"hold"}],"max_tokens":120,"ignore_eos":true,"stream":true}""";
            using var cancel = new CancellationTokenSource();
            var opened = 0;
            var open = Enumerable.Range(0, streams).Select(async _ =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
                await reader.ReadLineAsync(cancel.Token);
                Interlocked.Increment(ref opened);
                try
                {
                    while (await reader.ReadLineAsync(cancel.Token) is not null)
                    {
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Volatile.Read(ref opened) < streams && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            await Task.Delay(2000);
            var loaded = Rss(process.Id);
            await cancel.CancelAsync();
            await Task.WhenAll(open.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            Console.WriteLine($"memory: fake-llm process RSS {idle / 1048576.0:0} MiB idle, {loaded / 1048576.0:0} MiB with {opened} open streams ({(loaded - idle) / 1024.0 / Math.Max(1, opened):0} KiB per stream)");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<double> LoadAsync(Uri uri, int seconds, int concurrency, string body)
    {
        using var http = Client(uri, concurrency);
        var payload = Encoding.UTF8.GetBytes(body);
        var count = 0L;
        var errors = 0L;
        var until = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (until.Elapsed < limit)
            {
                using var content = new ByteArrayContent(payload);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync("v1/chat/completions", content);
                await response.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref response.IsSuccessStatusCode ? ref count : ref errors);
            }
        }));
        if (errors > 0)
        {
            Console.WriteLine($"  {errors} failed requests against {uri}");
        }

        return count / until.Elapsed.TotalSeconds;
    }

    private static async Task<(double Ttft, List<double> Gaps)> StreamAsync(HttpClient http, string body)
    {
        var sw = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var ttft = double.NaN;
        var last = 0.0;
        var gaps = new List<double>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal) || !line.Contains("\"content\":\"", StringComparison.Ordinal) || line.Contains("\"role\"", StringComparison.Ordinal))
            {
                continue;
            }

            var now = sw.Elapsed.TotalMilliseconds;
            if (double.IsNaN(ttft))
            {
                ttft = now;
            }
            else
            {
                gaps.Add(now - last);
            }

            last = now;
        }

        return (ttft, gaps);
    }

    private static HttpClient Client(Uri uri, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = uri, Timeout = TimeSpan.FromMinutes(5) };

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[(int)Math.Clamp(Math.Round(p * (sorted.Count - 1)), 0, sorted.Count - 1)];
    }

    private static string Deviation(double measured, double configured) =>
        ((measured - configured) / configured * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %";

    private static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}

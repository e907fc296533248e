using System.Net;
using System.Text;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.Llm.Tests.Api;

/// <summary>Mutated request bodies never meet a 5xx (no faults are configured, so none is injected).</summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class FuzzTests
{
    private static readonly string[] Seeds =
    [
        """{"model":"llama","messages":[{"role":"user","content":"hello"}],"max_tokens":5,"temperature":0.7,"n":2,"stop":["x"],"stream":false}""",
        """{"model":"llama","messages":[{"role":"system","content":"be brief"},{"role":"user","content":[{"type":"text","text":"hi"}]}],"max_completion_tokens":3,"logprobs":true,"top_logprobs":2}""",
        """{"model":"llama","messages":[{"role":"user","content":"w"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"array","items":{"type":"number","minimum":1}}},"required":["a"]}}}],"tool_choice":"required","max_tokens":30}""",
        """{"model":"llama","prompt":["a b c",[1,2,3]],"max_tokens":4,"echo":true,"logprobs":1,"seed":9}""",
        """{"model":"llama","messages":[{"role":"user","content":"s"}],"stream":true,"stream_options":{"include_usage":true,"continuous_usage_stats":true},"max_tokens":3}""",
        """{"prompt":"tokenize me","add_special_tokens":false,"return_token_strs":true}""",
    ];

    private static readonly string[] Paths = ["v1/chat/completions", "v1/chat/completions", "v1/chat/completions", "v1/completions", "v1/chat/completions", "tokenize"];

    private static readonly string[] Junk = ["null", "true", "-1", "0", "1e309", "\"\"", "[]", "{}", "\"\\u0000\"", "9999999999999999999999", "[[[[[]]]]]", "{\"a\":", "\"\uD800\"", "1.5", "\"llama\""];

    [Test]
    public async Task TenThousandMutatedBodiesMeetNoServerError()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ServedModelNames = ["llama"], MaxModelLen = 2048, AccessLog = false, MaxRequestBodyBytes = 32 * 1024 });
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = server.Uri, Timeout = TestTimeouts.Medium };
        var random = new Random(20240611);
        var cases = Enumerable.Range(0, 10_000).Select(i =>
        {
            var seed = i % Seeds.Length;
            return (Path: Paths[seed], Body: Mutate(Seeds[seed], random));
        }).ToList();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, ct) =>
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(c.Body));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(c.Path, content, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} for {c.Path}: {c.Body}");
            }
        });

        TestContext.Out.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(5)));
        Assert.That(statuses.Keys, Does.Contain((int)HttpStatusCode.OK).And.Contain((int)HttpStatusCode.BadRequest), "the mutations reach both paths");
        Assert.That(server.Log.Snapshot(), Has.None.Contain("Unhandled error"));
    }

    private static string Mutate(string seed, Random random)
    {
        var text = seed;
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            switch (random.Next(7))
            {
                case 0: // delete a span
                    var start = random.Next(text.Length);
                    text = text.Remove(start, Math.Min(random.Next(1, 8), text.Length - start));
                    break;
                case 1: // duplicate a span
                    var from = random.Next(text.Length);
                    var len = Math.Min(random.Next(1, 20), text.Length - from);
                    text = text.Insert(random.Next(text.Length), text.Substring(from, len));
                    break;
                case 2: // flip a character
                    var at = random.Next(text.Length);
                    text = text[..at] + (char)random.Next(32, 127) + text[(at + 1)..];
                    break;
                case 3: // replace a value after a colon with junk
                    var colons = Enumerable.Range(0, text.Length).Where(i => text[i] == ':').ToList();
                    if (colons.Count > 0)
                    {
                        var c = colons[random.Next(colons.Count)] + 1;
                        var end = c;
                        while (end < text.Length && text[end] is not (',' or '}'))
                        {
                            end++;
                        }

                        text = text[..c] + Junk[random.Next(Junk.Length)] + text[end..];
                    }

                    break;
                case 4: // swap numbers for extremes
                    text = text.Replace("5", random.Next(2) == 0 ? "-5" : "500000", StringComparison.Ordinal);
                    break;
                case 5: // truncate
                    text = text[..random.Next(text.Length)];
                    break;
                default: // insert random unicode
                    text = text.Insert(random.Next(text.Length), char.ConvertFromUtf32(random.Next(0x20, 0x2FFF)));
                    break;
            }

            if (text.Length == 0)
            {
                text = "{";
            }
        }

        return text;
    }
}

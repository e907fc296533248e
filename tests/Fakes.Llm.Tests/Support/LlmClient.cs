using PlatformValidation.Tests;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.Llm.Tests.Support;

/// <summary>Small raw-HTTP helpers for tests that check exact bodies.</summary>
internal static class LlmClient
{
    public static HttpClient Create(Uri baseUri, string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = baseUri, Timeout = TestTimeouts.Medium };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<(int Status, JsonNode? Body, string Raw)> PostAsync(HttpClient client, string path, string json, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }

        using var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            body = raw.Length > 0 ? JsonNode.Parse(raw) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON (SSE or text); Raw has it.
        }

        return ((int)response.StatusCode, body, raw);
    }

    public static string Chat(string model, string content, string extra = "") =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":"{{content}}"}]{{extra}}}""";
}

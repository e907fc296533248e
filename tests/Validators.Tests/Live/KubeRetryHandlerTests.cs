using System.Net;
using PlatformValidation.Validators.Live.Kube;

namespace PlatformValidation.Validators.Tests.Live;

public sealed class KubeRetryHandlerTests
{
    [Test]
    public async Task TransientAnswersAreRetriedWithTheSameBody()
    {
        var inner = new ScriptedHandler(HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        using var client = new HttpClient(new KubeRetryHandler(new KubeRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1) }) { InnerHandler = inner });
        using var content = new StringContent("{\"a\":1}");
        using var response = await client.PatchAsync(new Uri("http://127.0.0.1/apis/x"), content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(inner.Bodies, Is.EqualTo(new[] { "{\"a\":1}", "{\"a\":1}", "{\"a\":1}" }));
    }

    [Test]
    public async Task PermanentErrorsAreNotRetried()
    {
        var inner = new ScriptedHandler(HttpStatusCode.NotFound, HttpStatusCode.OK);
        using var client = new HttpClient(new KubeRetryHandler() { InnerHandler = inner });
        using var response = await client.GetAsync(new Uri("http://127.0.0.1/api/v1/pods"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(inner.Bodies, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RetriesGiveUpAfterTheLimitWithTheLastAnswer()
    {
        var inner = new ScriptedHandler(Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 10).ToArray());
        using var client = new HttpClient(new KubeRetryHandler(new KubeRetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1) }) { InnerHandler = inner });
        using var response = await client.GetAsync(new Uri("http://127.0.0.1/api/v1/pods"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(inner.Bodies, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task StalledAttemptsAreAbandonedAndRetried()
    {
        var inner = new ScriptedHandler(HttpStatusCode.OK) { StallFirst = true };
        using var client = new HttpClient(new KubeRetryHandler(new KubeRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), AttemptTimeout = TimeSpan.FromMilliseconds(200) }) { InnerHandler = inner });
        using var response = await client.GetAsync(new Uri("http://127.0.0.1/api/v1/pods"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private sealed class ScriptedHandler(params HttpStatusCode[] answers) : HttpMessageHandler
    {
        private int next;

        public List<string> Bodies { get; } = [];

        public bool StallFirst { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            if (StallFirst && Bodies.Count == 1)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var status = answers[Math.Min(next++, answers.Length - 1)];
            return new HttpResponseMessage(status);
        }
    }
}

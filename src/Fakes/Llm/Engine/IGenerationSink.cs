namespace PlatformValidation.Fakes.Llm.Engine;

/// <summary>Where a run's output goes: an SSE stream or a buffered JSON body.</summary>
public interface IGenerationSink
{
    /// <summary>Generation is about to start (the stream sends its headers and role chunks).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>One engine step: token <paramref name="step"/> of every choice still generating.</summary>
    Task TokensAsync(int step, IReadOnlyList<ChoicePlan> emitting, CancellationToken cancellationToken);

    /// <summary>Every choice finished.</summary>
    Task FinishAsync(CancellationToken cancellationToken);

    /// <summary>Aborts the connection (an injected drop).</summary>
    void Abort();
}

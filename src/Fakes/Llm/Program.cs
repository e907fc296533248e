// Standalone entry point of the simulated vLLM/OpenAI endpoint (also reachable as `AppHost fake-llm`).
using PlatformValidation.Fakes.Llm.Hosting;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
return await FakeLlmProgram.RunAsync(args, Console.Out, Console.Error, stop.Token);

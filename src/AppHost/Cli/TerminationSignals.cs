using System.Runtime.InteropServices;

namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C), SIGTERM (CI cancelling a job) and SIGQUIT into cancellation of a live run, so that its
/// finally blocks tear everything down (scale-to-zero, containers, servers, temp dirs) before the process exits.
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource cts;
    private readonly List<PosixSignalRegistration> registrations = [];

    public TerminationSignals(CancellationToken outer)
    {
        cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true; // keep the process alive until the teardown has run
                cts.Cancel();
            }));
        }
    }

    public CancellationToken Token => cts.Token;

    public void Dispose()
    {
        foreach (var r in registrations)
        {
            r.Dispose();
        }

        cts.Dispose();
    }
}

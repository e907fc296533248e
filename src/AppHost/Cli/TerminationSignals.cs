using System.Runtime.InteropServices;

namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C), SIGTERM (CI cancelling a job), SIGHUP (terminal closed) and SIGQUIT into cancellation of the
/// running command, so that its finally blocks tear everything down (scale-to-zero, containers, servers, temp dirs)
/// before the process exits. Says so on <c>notice</c> when the first signal arrives and remembers it for the exit code
/// (128 + the signal number, as a shell reports a process ended by that signal: 130 SIGINT, 143 SIGTERM). A second
/// SIGINT or SIGTERM is not intercepted: it ends the process at once, for when a teardown hangs.
/// <see cref="CommandCatalog.InvokeAsync"/> installs one for the whole invocation (<see cref="Current"/>).
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private static readonly AsyncLocal<TerminationSignals?> Ambient = new();

    private readonly CancellationTokenSource cts;
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly TextWriter? notice;
    private int received;

    public TerminationSignals(CancellationToken outer, TextWriter? notice = null)
    {
        cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        this.notice = notice;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
    }

    /// <summary>The signals of the current CLI invocation, when the command runs under <see cref="CommandCatalog.InvokeAsync"/>.</summary>
    public static TerminationSignals? Current
    {
        get => Ambient.Value;
        internal set => Ambient.Value = value;
    }

    public CancellationToken Token => cts.Token;

    /// <summary>The first termination signal received, or null.</summary>
    public PosixSignal? Received => Volatile.Read(ref received) switch
    {
        0 => null,
        1 => PosixSignal.SIGHUP,
        2 => PosixSignal.SIGINT,
        3 => PosixSignal.SIGQUIT,
        _ => PosixSignal.SIGTERM,
    };

    /// <summary>The exit code of a command ended by the received signal (128 + its number), or null when none arrived.</summary>
    public int? ExitCode => Volatile.Read(ref received) is var n and > 0 ? CommandCatalog.SignalExitBase + n : null;

    /// <summary>" by SIGINT" when a signal ended the command, else empty (for messages).</summary>
    public string ByWhat => Received is { } s ? " by " + s : string.Empty;

    public void Dispose()
    {
        foreach (var r in registrations)
        {
            r.Dispose();
        }

        cts.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref received, Number(context.Signal), 0) != 0)
        {
            // Second signal: let the default action end the process now.
            return;
        }

        context.Cancel = true; // keep the process alive until the teardown has run
        try
        {
            notice?.WriteLine($"{context.Signal} received: stopping; tearing down everything this command started before exiting (send it again to exit at once).");
        }
        catch (ObjectDisposedException)
        {
            // The writer is gone: the command has already finished.
        }

        try
        {
            cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A signal after the command ended.
        }
    }

    private static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        _ => 15,
    };
}

using System.Diagnostics;
using System.Reflection;

namespace PlatformValidation.Fakes.ArgoCd.Health.Gopher;

/// <summary>
/// The wall-clock budget of one health script run: Argo CD gives every run a context that expires after one second and
/// gopher-lua checks it before each instruction, raising "context deadline exceeded"
/// [argo-cd util/lua/lua.go runLua: context.WithTimeout(…, 1*time.Second), l.SetContext; gopher-lua vm.go mainLoopWithContext].
/// Here a Lua count hook asks <see cref="Expired"/> every <see cref="CheckEveryInstructions"/> instructions; once the
/// budget is spent the hook fires on every instruction, so a <c>pcall</c> cannot swallow the error for good.
/// </summary>
internal sealed class ScriptDeadline
{
    /// <summary>Argo CD's budget for one script run.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    public const int CheckEveryInstructions = 1000;

    /// <summary>The error gopher-lua raises when the context is done (Go's <c>context.DeadlineExceeded</c> text).</summary>
    public const string Message = "context deadline exceeded";

    private long deadline = long.MaxValue;

    internal static MethodInfo ExpiredMethod { get; } = typeof(ScriptDeadline).GetMethod(nameof(Expired))!;

    /// <summary>Starts a run's budget.</summary>
    public void Start(TimeSpan budget) => deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Ends the run: no deadline until the next <see cref="Start"/>.</summary>
    public void Stop() => deadline = long.MaxValue;

    /// <summary>Called from the Lua hook.</summary>
    public bool Expired() => Stopwatch.GetTimestamp() >= deadline;
}

using System;
using System.Threading;

namespace ReferenceNN.Cli;

/// <summary>
/// Orders an interruption (Ctrl-C, SIGTERM) against the command's own end, so that the process ends one way only.
/// The signal handler runs on a thread of its own while the command goes on: it deletes the temporaries, and the
/// command, finding its temporary gone, fails. Without this gate that failure's message ("cannot write to --npy …")
/// followed the "interrupted" line, and the command's exit code (4) could win the race against the handler's 130.
/// With it, once <see cref="TryStop"/> has succeeded, the command's thread is parked — at its next write to stdout,
/// its next failure message or its end, whichever comes first — until the handler ends the process; and once the
/// command has ended or is reporting its failure (<see cref="Finish"/>, <see cref="BeforeFailure"/>), a signal no
/// longer stops anything: its outputs and its exit code stand.
/// Docs: docs/Cli/InterruptGate.md.
/// </summary>
/// <param name="park">What a parked thread does: in refnn, sleep until the process ends; in tests, throw.</param>
internal sealed class InterruptGate(Action park)
{
    private readonly object _sync = new();
    private bool _stopping, _finished;

    /// <summary>The gate of the refnn process, whose parked thread sleeps until the handler's exit ends it.</summary>
    public static InterruptGate Process { get; } = new(() => Thread.Sleep(Timeout.Infinite));

    /// <summary>
    /// Called by the signal handler. True for the first signal while the command is still running: the handler then
    /// owns the end of the process. False if the command has ended, or another signal came first.
    /// </summary>
    public bool TryStop()
    {
        lock (_sync)
        {
            if (_stopping || _finished) return false;
            Volatile.Write(ref _stopping, true);
            return true;
        }
    }

    /// <summary>
    /// Called by the command's thread before it reports a failure: parks it if an interruption is under way, and
    /// otherwise closes the gate, as <see cref="Finish"/> does — the command's temporaries are gone by then and its
    /// failure line and exit code are the process's; a signal now would add a second line and replace the code.
    /// </summary>
    public void BeforeFailure() => Finish();

    /// <summary>
    /// Called by the command's thread before each write to stdout: parks it if an interruption is under way, so nothing
    /// follows the "interrupted" line (a later signal is refused by then). A plain read of one flag, without the lock.
    /// </summary>
    public void BeforeOutput()
    {
        if (Volatile.Read(ref _stopping)) park();
    }

    /// <summary>
    /// Called by the command's thread when it ends: parks it if an interruption is under way, and otherwise closes
    /// the gate to later signals.
    /// </summary>
    public void Finish()
    {
        bool stopping;
        lock (_sync)
        {
            stopping = _stopping;
            _finished = !stopping;
        }
        if (stopping) park();
    }

    /// <summary>What an interruption says, given how many outputs the command had already put in place.</summary>
    public static string Message(int committed) => committed == 0
        ? "refnn: interrupted; the output files are as they were"
        : $"refnn: interrupted after {committed} output{(committed == 1 ? " was" : "s were")} written whole; any other output is as it was";
}

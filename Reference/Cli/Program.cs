using System;
using System.IO;
using System.Runtime.InteropServices;
using ReferenceNN.Oracle;

namespace ReferenceNN.Cli;

/// <summary>The entry point of <c>refnn</c>.</summary>
internal static class Program
{
    /// <summary>
    /// Runs refnn with the process's standard streams. Ctrl-C (SIGINT) and SIGTERM delete the temporary files and
    /// folders being written, so the outputs not yet complete stay as they were, and end the process with 130 or 143
    /// (docs/Cli/InterruptGate.md).
    /// </summary>
    public static int Main(string[] args)
    {
        // Not disposed when Main returns: a signal between the command's end and the process's exit still reaches
        // Stop, which refuses it (the gate is closed), instead of SIGINT's default killing a finished command.
        PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        Commands.Interactive = !Console.IsOutputRedirected;
        int code = Run(args, StandardStreams.Output(), StandardStreams.Error(), InterruptGate.Process);
        GC.KeepAlive(interrupt);
        GC.KeepAlive(terminate);
        return code;
    }

    /// <summary>Runs the command through <paramref name="gate"/> and closes it: Main's body, apart for tests.</summary>
    internal static int Run(string[] args, Stream stdout, TextWriter stderr, InterruptGate gate)
    {
        int code = Commands.Run(args, stdout, stderr, gate);
        gate.Finish();
        return code;
    }

    private static void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        // The command has ended or is reporting its failure (its outputs and exit code stand), or another signal is being handled.
        if (!InterruptGate.Process.TryStop()) return;
        TemporaryPaths.Process.DeleteAll();
        // Straight to file descriptor 2, not through the console's streams: a command blocked writing to a stalled
        // stdout (refnn … | less, paused) holds the lock they share, and the handler would wait on it for ever.
        StandardStreams.WriteErrorDirectly(InterruptGate.Message(TemporaryPaths.Process.Committed));
        Environment.Exit(context.Signal == PosixSignal.SIGTERM ? Commands.Terminated : Commands.Interrupted);
    }
}

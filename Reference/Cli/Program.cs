using System;
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
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        Commands.Interactive = !Console.IsOutputRedirected;
        int code = Commands.Run(args, StandardStreams.Output(), StandardStreams.Error(), InterruptGate.Process);
        InterruptGate.Process.Finish();
        return code;
    }

    private static void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        // The command has ended (its outputs are complete and its exit code stands), or another signal is being handled.
        if (!InterruptGate.Process.TryStop()) return;
        TemporaryPaths.Process.DeleteAll();
        StandardStreams.WriteLine(StandardStreams.Error(), InterruptGate.Message(TemporaryPaths.Process.Committed));
        Environment.Exit(context.Signal == PosixSignal.SIGTERM ? Commands.Terminated : Commands.Interrupted);
    }
}

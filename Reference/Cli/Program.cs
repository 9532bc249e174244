using System;
using System.Runtime.InteropServices;
using ReferenceNN.Oracle;

namespace ReferenceNN.Cli;

/// <summary>The entry point of <c>refnn</c>.</summary>
internal static class Program
{
    /// <summary>
    /// Runs refnn with the process's standard streams. Ctrl-C (SIGINT) and SIGTERM delete the temporary files and
    /// folders being written, so the outputs stay as they were, and end the process with 130 or 143.
    /// </summary>
    public static int Main(string[] args)
    {
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        Commands.Interactive = !Console.IsOutputRedirected;
        return Commands.Run(args);
    }

    private static void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        TemporaryPaths.DeleteAll();
        StandardStreams.WriteLine(StandardStreams.Error(), "refnn: interrupted; the output files are as they were");
        Environment.Exit(context.Signal == PosixSignal.SIGTERM ? Commands.Terminated : Commands.Interrupted);
    }
}

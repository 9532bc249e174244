using System;
using System.IO;

namespace ReferenceNN.Cli;

/// <summary>The entry point of <c>refnn</c>.</summary>
internal static class Program
{
    /// <summary>Runs refnn with the process's console.</summary>
    public static int Main(string[] args)
    {
        Commands.Interactive = !Console.IsOutputRedirected;
        return Commands.Run(args, Console.Out, Console.Error);
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using ReferenceNN.Cli;

namespace ReferenceNN.Verification.Support;

/// <summary>
/// What a refnn process did: its exit code (128 + n when killed by signal n, null when it ran past its time and was
/// killed), stdout, stderr and its wall time.
/// </summary>
public sealed record ProcessRun(int? ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>One line for assertion messages.</summary>
    public override string ToString() =>
        $"exit {(ExitCode is null ? "none (killed at the time limit)" : ExitCode.ToString())} after {Elapsed.TotalSeconds:F2} s; " +
        $"stderr: {(Stderr.Length > 400 ? Stderr[..400] + "…" : Stderr)}";
}

/// <summary>
/// Runs the built refnn in a process of its own, for what an in-process run cannot show: a hang (killed after a time
/// limit), a memory blow-up (a cap on the managed heap), closed or full standard streams, a working folder, signals.
/// Linux only (the shell, mkfifo and /dev/full); the tests that use it return early elsewhere.
/// </summary>
public static class RefnnProcess
{
    /// <summary>refnn.dll, copied beside the tests with its runtime configuration.</summary>
    public static string Dll { get; } = typeof(Commands).Assembly.Location;

    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>
    /// Runs <c>refnn args</c>. <paramref name="redirect"/> is shell redirection applied to refnn itself (<c>&gt;&amp;-</c>
    /// closes stdout, <c>&gt; /dev/full</c> fills it); <paramref name="heapLimitBytes"/> caps its managed heap
    /// (DOTNET_GCHeapHardLimit), so that a run that would take gigabytes fails instead of taking the machine's memory;
    /// <paramref name="prelude"/> is shell run first (<c>ulimit -f 4</c> limits the size of the files refnn may write).
    /// </summary>
    public static ProcessRun Run(IEnumerable<string> args, double timeoutSeconds = 20, string? workingDirectory = null,
        string redirect = "", long heapLimitBytes = 0, Action<Process>? whileRunning = null, string prelude = "")
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{prelude} exec \"$@\" {redirect}");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(dotnet);
        start.ArgumentList.Add(Dll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_TieredPGO"] = "0";
        if (heapLimitBytes > 0) start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + heapLimitBytes.ToString("X");
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        whileRunning?.Invoke(process);
        bool exited = process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds));
        if (!exited)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
        }
        TimeSpan elapsed = clock.Elapsed;
        // The shell execs dotnet, so this is refnn's own status.
        int? exit = exited ? process.ExitCode : null;
        return new ProcessRun(exit, Text(stdout), Text(stderr), elapsed);
    }

    public static ProcessRun Run(params string[] args) => Run(args.AsEnumerable());

    /// <summary>Makes a named pipe (FIFO) at <paramref name="path"/>.</summary>
    public static string MakeFifo(string path)
    {
        using Process mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0) throw new InvalidOperationException($"mkfifo {path} failed");
        return path;
    }

    private static string Text(System.Threading.Tasks.Task<string> read) =>
        read.Wait(TimeSpan.FromSeconds(10)) ? read.Result : "(the stream stayed open)";
}

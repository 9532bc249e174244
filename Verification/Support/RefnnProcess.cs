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
    /// <summary>
    /// refnn.dll in refnn's own build folder (Reference/Cli/bin/&lt;configuration&gt;/&lt;framework&gt;), the same build
    /// as the copy beside the tests; the copy only when that folder is missing. The copy's ReferenceNN.dll is the one a
    /// coverage run instruments (a child process would then record hits, slowly and through a named mutex that a
    /// <c>ulimit -f</c> breaks) and a mutation run mutates, so a separate process runs the assemblies as built; its
    /// refnn.dll and ReferenceNN.Oracle.dll must be byte for byte the copies beside the tests. (So under Stryker the
    /// tests that run refnn in a process of its own cannot kill a mutant of the library.)
    /// </summary>
    public static string Dll { get; } = Locate();

    private static string Locate()
    {
        string copy = typeof(Commands).Assembly.Location;
        var beside = new DirectoryInfo(Path.GetDirectoryName(copy)!);
        // …/Verification/bin/<configuration>/<framework>/refnn.dll → …/Reference/Cli/bin/<configuration>/<framework>/refnn.dll
        if (beside.Parent?.Parent?.Parent?.Parent is { } root && beside.Parent.Parent.Name == "bin")
        {
            string own = Path.Combine(root.FullName, "Reference", "Cli", "bin", beside.Parent.Name, beside.Name, "refnn.dll");
            // The same build: refnn.dll and the oracle, which neither coverage nor Stryker touches, byte for byte
            // (a stale folder from an earlier build is not used).
            string ownFolder = Path.GetDirectoryName(own)!, copyFolder = beside.FullName;
            if (File.Exists(own) && File.Exists(Path.Combine(ownFolder, "ReferenceNN.dll"))
                && Same("refnn.dll") && Same("ReferenceNN.Oracle.dll")) return own;

            bool Same(string name) => File.Exists(Path.Combine(ownFolder, name)) &&
                File.ReadAllBytes(Path.Combine(ownFolder, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(copyFolder, name)));
        }
        return copy;
    }

    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>
    /// Runs <c>refnn args</c>. <paramref name="redirect"/> is shell redirection applied to refnn itself (<c>&gt;&amp;-</c>
    /// closes stdout, <c>&gt; /dev/full</c> fills it); <paramref name="heapLimitBytes"/> caps its managed heap
    /// (DOTNET_GCHeapHardLimit), so that a run that would take gigabytes fails instead of taking the machine's memory;
    /// <paramref name="prelude"/> is shell run first (<c>ulimit -f 4</c> limits the size of the files refnn may write).
    /// <paramref name="interruptible"/> starts refnn with SIGINT at its default disposition even when the tests were
    /// started with it ignored, as a shell without job control starts a background command (<c>bash .ci/run &amp;</c>); a
    /// process that inherits an ignored SIGINT keeps ignoring it, as it should, and a Ctrl-C test could not run.
    /// </summary>
    public static ProcessRun Run(IEnumerable<string> args, double timeoutSeconds = 20, string? workingDirectory = null,
        string redirect = "", long heapLimitBytes = 0, Action<Process>? whileRunning = null, string prelude = "",
        bool interruptible = false)
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
        // perl (Essential in Debian) resets SIGINT to its default, then execs refnn in the same process.
        const string defaultInterrupt = "perl -e '$SIG{INT} = \"DEFAULT\"; exec { $ARGV[0] } @ARGV or die \"exec: $!\\n\"' -- ";
        start.ArgumentList.Add($"{prelude} exec {(interruptible ? defaultInterrupt : "")}\"$@\" {redirect}");
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

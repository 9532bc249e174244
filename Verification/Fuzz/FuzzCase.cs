using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ReferenceNN.Cli;
using ReferenceNN.Verification.Support;

namespace ReferenceNN.Verification.Fuzz;

/// <summary>
/// One file of a fuzz case, made in the case's folder: bytes, text, a sparse file (a prefix and a length, so a
/// 50 GB file costs nothing), text built of repeated pieces, or a special file (a FIFO, a link, a folder).
/// </summary>
public sealed record FuzzFile(string Name, byte[]? Bytes = null, long SparseLength = 0, string? Special = null)
{
    public static FuzzFile Text(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    public override string ToString() => Special is not null ? $"{Name}: {Special}"
        : SparseLength > 0 ? $"{Name}: {Bytes!.Length} bytes then zeros to {SparseLength}"
        : $"{Name}: {Preview(Bytes!)}";

    private static string Preview(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 300));
        return ReferenceNN.Oracle.Echo.Line(text) + (bytes.Length > 300 ? $"… ({bytes.Length} bytes)" : "");
    }
}

/// <summary>
/// One hostile input for refnn: the files to make, the arguments (<c>{dir}</c> stands for the case's folder), and the
/// files no run may change. <see cref="Run"/> makes them, runs refnn in-process with a time limit, and checks the
/// contract every input must keep (<see cref="Violations"/>). FuzzTests generates these; the corpus
/// (Verification/Fuzz/Corpus/*.json) holds the ones that once broke the contract.
/// </summary>
public sealed record FuzzCase(string What, string[] Args, FuzzFile[] Files, string[]? Protected = null, int? ExpectedExit = null, string? ExpectedStderr = null)
{
    /// <summary>How long one in-process run may take before the case counts as a hang.</summary>
    public static TimeSpan TimeLimit { get; } = TimeSpan.FromSeconds(20);

    public override string ToString() =>
        $"{What}: refnn {string.Join(" ", Args.Select(a => ReferenceNN.Oracle.Echo.Quote(a)))}; files: {string.Join("; ", Files.Select(f => f.ToString()))}";

    /// <summary>The result of one run: the exit code (null: it hung), stdout, stderr, the time, and the folder's state after.</summary>
    public sealed record Outcome(int? ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, string[] Leftovers, string[] Changed);

    /// <summary>Makes the files in a fresh folder and runs refnn on them.</summary>
    public Outcome Run()
    {
        using var folder = new TempFolder();
        var before = new Dictionary<string, byte[]>();
        foreach (FuzzFile file in Files) Make(folder.Path, file);
        foreach (string name in Protected ?? []) before[name] = File.ReadAllBytes(Path.Combine(folder.Path, name));
        string[] args = Args.Select(a => a.Replace("{dir}", folder.Path, StringComparison.Ordinal)).ToArray();
        var stdout = new MemoryStream();
        var stderr = new StringWriter { NewLine = "\n" };
        var clock = Stopwatch.StartNew();
        // A thread of its own: if a regression makes refnn block (on a FIFO, say), the case fails instead of the suite hanging.
        Task<int> run = Task.Factory.StartNew(() => Commands.Run(args, stdout, stderr), TaskCreationOptions.LongRunning);
        int? code = run.Wait(TimeLimit) ? run.Result : null;
        TimeSpan elapsed = clock.Elapsed;
        string[] leftovers = code is null ? [] : Directory.EnumerateFileSystemEntries(folder.Path, ".refnn-*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(folder.Path, p)).ToArray();
        string[] changed = before.Where(kv => !File.Exists(Path.Combine(folder.Path, kv.Key)) || !File.ReadAllBytes(Path.Combine(folder.Path, kv.Key)).SequenceEqual(kv.Value))
            .Select(kv => kv.Key).ToArray();
        return new Outcome(code, code is null ? "" : Encoding.UTF8.GetString(stdout.ToArray()), code is null ? "" : stderr.ToString(), elapsed, leftovers, changed);
    }

    /// <summary>
    /// What the run did that no input may make refnn do: hang, exit with 3 (an internal error) or anything but 0, 1
    /// and 2, print a stack trace or more than one line on stderr, print on stdout when failing, leave temporary
    /// files, or change a protected file. Also, for a corpus entry, a different exit code or message than recorded.
    /// </summary>
    public IReadOnlyList<string> Violations(Outcome outcome)
    {
        var problems = new List<string>();
        if (outcome.ExitCode is null)
        {
            problems.Add($"no answer within {TimeLimit.TotalSeconds} s");
            return problems;
        }
        int code = outcome.ExitCode.Value;
        if (code is not (0 or 1 or 2)) problems.Add($"exit code {code}");
        if (code == 2)
        {
            if (outcome.Stdout.Length > 0) problems.Add("stdout is not empty on bad input");
            if (!outcome.Stderr.StartsWith("refnn: ", StringComparison.Ordinal) || outcome.Stderr.IndexOf('\n') != outcome.Stderr.Length - 1)
            {
                problems.Add("stderr is not one line starting with refnn:");
            }
        }
        else if (code is 0 or 1 && outcome.Stderr.Length > 0)
        {
            problems.Add("stderr is not empty on success");
        }
        if (outcome.Stderr.Contains("   at ", StringComparison.Ordinal)) problems.Add("a stack trace");
        if (outcome.Stderr.Length > ReferenceNN.Oracle.Echo.MaxLineLength + 200) problems.Add($"a line of {outcome.Stderr.Length} characters");
        if (outcome.Stderr.TrimEnd('\n').Any(c => char.IsControl(c))) problems.Add("a control character on stderr");
        if (outcome.Leftovers.Length > 0) problems.Add($"temporary files left: {string.Join(", ", outcome.Leftovers)}");
        if (outcome.Changed.Length > 0) problems.Add($"protected files changed: {string.Join(", ", outcome.Changed)}");
        if (ExpectedExit is int expected && code != expected) problems.Add($"exit {code}, recorded {expected}");
        if (ExpectedStderr is string message && !outcome.Stderr.Contains(message, StringComparison.Ordinal)) problems.Add($"stderr lacks the recorded \"{message}\"");
        return problems;
    }

    private static void Make(string folder, FuzzFile file)
    {
        string path = Path.Combine(folder, file.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        switch (file.Special)
        {
            case null when file.SparseLength > 0:
                using (FileStream stream = File.Create(path))
                {
                    stream.Write(file.Bytes);
                    stream.SetLength(file.SparseLength);
                }
                break;
            case null:
                File.WriteAllBytes(path, file.Bytes!);
                break;
            case "fifo":
                if (OperatingSystem.IsLinux()) RefnnProcess.MakeFifo(path);
                break;
            case "dir":
                Directory.CreateDirectory(path);
                break;
            default:
                // "link:TARGET", the target relative to the folder unless absolute.
                string target = file.Special["link:".Length..];
                File.CreateSymbolicLink(path, target.StartsWith('/') ? target : Path.Combine(folder, target));
                break;
        }
    }

    /// <summary>Writes the case in the corpus format (files as base64, sparse files as prefix and length), to keep a failure.</summary>
    public void Save(string path)
    {
        var files = new JsonObject();
        foreach (FuzzFile file in Files)
        {
            files[file.Name] = file.Special is not null ? new JsonObject { ["special"] = file.Special }
                : file.SparseLength > 0 ? new JsonObject { ["sparse"] = new JsonObject { ["prefix"] = Convert.ToBase64String(file.Bytes!), ["length"] = file.SparseLength } }
                : new JsonObject { ["base64"] = Convert.ToBase64String(file.Bytes!) };
        }
        var entry = new JsonObject
        {
            ["what"] = What,
            ["args"] = new JsonArray(Args.Select(a => (JsonNode)a).ToArray()),
            ["files"] = files,
            ["protected"] = new JsonArray((Protected ?? []).Select(a => (JsonNode)a).ToArray()),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, entry.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>
    /// Reads a corpus entry: {"what", "args", "files": {name: {"text"|"base64"|"pieces" (with "prefix")|"sparse"|"special"}},
    /// "protected", "exit", "stderr"}.
    /// </summary>
    public static FuzzCase Load(string path)
    {
        JsonNode entry = JsonNode.Parse(File.ReadAllText(path))!;
        var files = new List<FuzzFile>();
        foreach ((string name, JsonNode? spec) in entry["files"]?.AsObject() ?? [])
        {
            if (spec!["text"] is { } text) files.Add(FuzzFile.Text(name, (string)text!));
            else if (spec["base64"] is { } base64) files.Add(new FuzzFile(name, Convert.FromBase64String((string)base64!)));
            else if (spec["pieces"] is JsonArray pieces)
            {
                // Text built of [piece, times] pairs, after an optional binary prefix.
                var built = new StringBuilder();
                foreach (JsonNode? piece in pieces) built.Insert(built.Length, (string)piece![0]!, (int)piece[1]!);
                byte[] prefix = spec["prefix"] is { } p ? Convert.FromBase64String((string)p!) : [];
                files.Add(new FuzzFile(name, [.. prefix, .. Encoding.UTF8.GetBytes(built.ToString())]));
            }
            else if (spec["sparse"] is { } sparse)
            {
                files.Add(new FuzzFile(name, Convert.FromBase64String((string)sparse["prefix"]!), (long)sparse["length"]!));
            }
            else files.Add(new FuzzFile(name, Special: (string)spec["special"]!));
        }
        return new FuzzCase((string)entry["what"]!, entry["args"]!.AsArray().Select(a => (string)a!).ToArray(), files.ToArray(),
            entry["protected"]?.AsArray().Select(a => (string)a!).ToArray(), (int?)entry["exit"], (string?)entry["stderr"]);
    }
}

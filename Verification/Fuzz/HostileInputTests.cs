using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using ReferenceNN.Verification.Cli;
using ReferenceNN.Verification.Cli.Data;
using ReferenceNN.Verification.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Fuzz;

/// <summary>
/// Issue 13, class by class: each hostile input of the issue, end to end through refnn, must end cleanly (one line on
/// stderr, exit 2 — or 4 for a standard stream that cannot be written — nothing on stdout, no stack trace), in
/// bounded time and memory, with nothing outside the output paths touched and no half-written outputs. Inputs that
/// could hang or take gigabytes run in a process of their own, with a time limit and a cap on its heap.
/// </summary>
public class HostileInputTests
{
    private const string Xor = """
        {"format":"referencenn/case@1",
         "network":[{"type":"dense","weights":[[0.1,-0.2,0.3],[0.4,0.5,-0.6]],"bias":[[0.01,0.02,0.03]]},
                    {"type":"activation","function":"tanh"},
                    {"type":"dense","weights":[[0.7],[-0.8],[0.9]],"bias":[[0.05]]},
                    {"type":"activation","function":"tanh"}],
         "loss":"mse","input":[[1,0]],"target":[[1]]
        """;

    internal static string XorCase(int? epochs = null) => Xor + (epochs is null ? "}" :
        $$$""","train":{"inputs":[[[0,0]],[[0,1]],[[1,0]],[[1,1]]],"targets":[[[0]],[[1]],[[1]],[[0]]],"epochs":{{{epochs}}},"learningRate":0.1}}""");

    private static readonly string Tanh = """[{"type":"activation","function":"tanh"}]""";

    /// <summary>A clean failure: the exit code, nothing on stdout, one line on stderr that starts with refnn: and holds no stack trace.</summary>
    internal static void Clean(int? exitCode, string stdout, string stderr, int expected = 2, string? contains = null)
    {
        string why = $"exit {exitCode}, stderr: {(stderr.Length > 500 ? stderr[..500] : stderr)}";
        Assert.True(exitCode == expected, why);
        Assert.True(stdout == "", "stdout: " + (stdout.Length > 200 ? stdout[..200] : stdout));
        Assert.True(stderr.EndsWith('\n') && stderr.IndexOf('\n') == stderr.Length - 1, "not one line: " + why);
        Assert.StartsWith("refnn: ", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("internal error", stderr);
        Assert.True(stderr.Length <= 1000, $"a line of {stderr.Length} characters");
        if (contains is not null) Assert.True(stderr.Contains(contains, StringComparison.Ordinal), $"'{contains}' not in: {why}");
    }

    internal static void Clean(Run run, int expected = 2, string? contains = null) => Clean(run.ExitCode, run.Stdout, run.Stderr, expected, contains);

    internal static void Clean(ProcessRun run, int expected = 2, string? contains = null, double seconds = 10)
    {
        Assert.True(run.ExitCode is not null, run.ToString());
        Clean(run.ExitCode, run.Stdout, run.Stderr, expected, contains);
        Assert.True(run.Elapsed.TotalSeconds < seconds, run.ToString());
    }

    private static string Sparse(string path, byte[] prefix, long length)
    {
        using FileStream file = File.Create(path);
        file.Write(prefix);
        file.SetLength(length);
        return path;
    }

    // ---- 1. @ arguments: response files are off, so @x is a path like any other ----

    [Fact]
    public void Class1_AtDirectory_IsAPathThatDoesNotExist_NotAResponseFile()
    {
        using var folder = new TempFolder();
        Clean(Run.Refnn("grad", "@" + folder.Path), contains: "no such file");
    }

    [Fact]
    public void Class1_AtTextFile_IsNeitherExpandedNorEchoed()
    {
        using var folder = new TempFolder();
        string secret = folder.Write("secret.txt", "password=hunter2\n");
        Run run = Run.Refnn("grad", "@" + secret);
        Clean(run, contains: "no such file");
        Assert.DoesNotContain("hunter2", run.Stderr);
    }

    [Fact]
    public void Class1_AtDevZeroAndAtFifo_EndAtOnce()
    {
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        string fifo = RefnnProcess.MakeFifo(Path.Combine(folder.Path, "fifo"));
        Clean(RefnnProcess.Run(["grad", "@/dev/zero"], timeoutSeconds: 15, heapLimitBytes: 256 << 20), contains: "no such file");
        Clean(RefnnProcess.Run(["grad", "@" + fifo], timeoutSeconds: 15), contains: "no such file");
    }

    [Fact]
    public void Class1_ACaseFileNamedWithAnAt_IsRead()
    {
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        folder.Write("@x.json", XorCase());
        ProcessRun run = RefnnProcess.Run(["grad", "@x.json"], workingDirectory: folder.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("{\n  \"format\": \"referencenn/result@1\"", run.Stdout);
    }

    // ---- 2. overflowing sizes ----

    [Fact]
    public void Class2_AShapeWhoseProductWrapsToOne_IsRefused()
    {
        // 7623851·409891·2731·4323 = 1 + 2·2⁶⁴: modulo 2⁶⁴ the product is 1, the size of the one double in the file.
        using var folder = new TempFolder();
        folder.Write("wrap.npy", NpyTests.Make("<f8", "(7623851, 409891, 2731, 4323)", NpyTests.Doubles(0.5)));
        string path = folder.Write("case.json", CaseFileTests.Case(network: Tanh, input: """{"npy":"wrap.npy"}""", target: """{"npy":"wrap.npy"}"""));
        Clean(Run.Refnn("gradcheck", path), contains: "wrap.npy: the header claims 36893488147419103233 values");
    }

    [Fact]
    public void Class2_AVersion2HeaderLengthOfMegabytes_IsRefusedBeforeReadingIt()
    {
        using var folder = new TempFolder();
        byte[] prefix = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(8), 50_000_000);
        Sparse(Path.Combine(folder.Path, "long.npy"), prefix, 50_000_100);
        string path = folder.Write("case.json", CaseFileTests.Case(network: Tanh, input: """{"npy":"long.npy"}""", target: "[[1]]"));
        Clean(Run.Refnn("grad", path), contains: "long.npy: the header is 50000000 bytes; NumPy reads at most 10000");
    }

    [Fact]
    public void Class2_AValidNpyFileOver2GB_IsRefusedByTheInputLimit_NotAnOverflow()
    {
        using var folder = new TempFolder();
        Sparse(Path.Combine(folder.Path, "big.npy"), NpyTests.Make("<f8", "(275000000,)", []), 128 + 275_000_000L * 8);
        string path = folder.Write("case.json", CaseFileTests.Case(network: Tanh, input: """{"npy":"big.npy"}""", target: "[[1]]"));
        Clean(Run.Refnn("grad", path), contains: "big.npy: is 2200000128 bytes, more than the input limit of 1073741824 bytes (--max-input-size)");
    }

    // ---- 3. non-regular files ----

    [Fact]
    public void Class3_AFifoAsCaseResultNpyOrIdx_IsRefusedAtOnce()
    {
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        string fifo = RefnnProcess.MakeFifo(Path.Combine(folder.Path, "fifo"));
        string good = folder.Write("xor.case.json", XorCase());
        string npyCase = folder.Write("npy.case.json", CaseFileTests.Case(network: Tanh, input: """{"npy":"fifo"}""", target: "[[1]]"));
        const string Pipe = "is a named pipe (FIFO), not a regular file";
        Clean(RefnnProcess.Run(["grad", fifo], timeoutSeconds: 15), contains: "fifo: $: " + Pipe);
        Clean(RefnnProcess.Run(["check", good, fifo], timeoutSeconds: 15), contains: "fifo: $: " + Pipe);
        Clean(RefnnProcess.Run(["grad", npyCase], timeoutSeconds: 15), contains: "npy.case.json: $.input: fifo: " + Pipe);
        string data = MnistDataTests.WriteFolder(new TempFolderAt(Path.Combine(folder.Path, "data")).Folder, gzip: false);
        File.Delete(Path.Combine(data, "train-images-idx3-ubyte"));
        RefnnProcess.MakeFifo(Path.Combine(data, "train-images-idx3-ubyte"));
        Clean(RefnnProcess.Run(["mnist-fc", "--data", data, "--epochs", "1"], timeoutSeconds: 15), contains: "train-images-idx3-ubyte: " + Pipe);
    }

    [Fact]
    public void Class3_DevZeroAsCaseResultOrIdx_IsRefusedAtOnce_InLittleMemory()
    {
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        string good = folder.Write("xor.case.json", XorCase());
        const string Device = "is a character device, not a regular file";
        Clean(RefnnProcess.Run(["grad", "/dev/zero"], timeoutSeconds: 15, heapLimitBytes: 256 << 20), contains: "zero: $: " + Device);
        Clean(RefnnProcess.Run(["check", good, "/dev/zero"], timeoutSeconds: 15, heapLimitBytes: 256 << 20), contains: "zero: $: " + Device);
        string data = MnistDataTests.WriteFolder(new TempFolderAt(Path.Combine(folder.Path, "data")).Folder, gzip: false);
        File.Delete(Path.Combine(data, "train-images-idx3-ubyte"));
        File.CreateSymbolicLink(Path.Combine(data, "train-images-idx3-ubyte"), "/dev/zero");
        Clean(RefnnProcess.Run(["mnist-fc", "--data", data, "--epochs", "1"], timeoutSeconds: 15, heapLimitBytes: 256 << 20), contains: "train-images-idx3-ubyte: " + Device);
    }

    [Fact]
    public void Class3_AFolderAsTheCase_IsNamedAsSuch()
    {
        using var folder = new TempFolder();
        Clean(Run.Refnn("grad", folder.Path), contains: "is a directory, not a regular file");
    }

    // ---- 4. slow parsing ----

    [Fact]
    public void Class4_AFourMegabyteNpyHeaderOfRepeatedShapeKeys_EndsAtOnce()
    {
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        string dict = "{'descr': '<f8', 'fortran_order': False, " + string.Concat(Enumerable.Repeat("'shape': (", 4 * 1024 * 1024 / 10)) + "}\n";
        byte[] prefix = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(8), (uint)dict.Length);
        folder.Write("slow.npy", [.. prefix, .. Encoding.Latin1.GetBytes(dict)]);
        string path = folder.Write("case.json", CaseFileTests.Case(network: Tanh, input: """{"npy":"slow.npy"}""", target: "[[1]]"));
        Clean(RefnnProcess.Run(["grad", path], timeoutSeconds: 30), contains: "NumPy reads at most 10000", seconds: 10);
    }

    // ---- 5. JSON edge cases ----

    [Fact]
    public void Class5_ALoneSurrogate_IsBadInput_NotAnInternalError()
    {
        using var folder = new TempFolder();
        string path = folder.Write("case.json", CaseFileTests.Case(loss: "\"\\ud800\""));
        Clean(Run.Refnn("grad", path), contains: "case.json: $.loss: ");
        string key = folder.Write("key.json", CaseFileTests.Case().Replace("\"loss\"", "\"\\udc00\":1,\"loss\""));
        Clean(Run.Refnn("grad", key), contains: "key.json: $: ");
    }

    [Fact]
    public void Class5_ADuplicateKey_IsRejected_NotLastOneWins()
    {
        using var folder = new TempFolder();
        string casePath = folder.Write("xor.case.json", XorCase());
        string result = Run.Refnn("grad", casePath).Stdout;
        string twice = folder.Write("twice.json", result.Replace("\"output\":", "\"output\": [[12345]],\n  \"output\":"));
        Clean(Run.Refnn("check", casePath, twice), contains: "twice.json: $.output: the key \"output\" appears twice");
        string layer = folder.Write("layer.json", XorCase().Replace("\"type\":\"dense\",", "\"type\":\"dense\",\"type\":\"dense\","));
        Clean(Run.Refnn("grad", layer), contains: "layer.json: $.network[0].type: the key \"type\" appears twice");
    }

    [Fact]
    public void Class5_NestingTooDeep_SaysSo()
    {
        using var folder = new TempFolder();
        string path = folder.Write("deep.json", CaseFileTests.Case(input: new string('[', 100_000) + new string(']', 100_000)));
        Clean(Run.Refnn("grad", path), contains: "deep.json: $.input");
        Assert.Contains("nested deeper than 64 levels", Run.Refnn("grad", path).Stderr);
    }

    // ---- 6. amplification ----

    [Fact]
    public void Class6_AConvolutionWithBillionsOfOutputs_IsRefusedWithBothNumbers()
    {
        using var folder = new TempFolder();
        const int k = 50_000;
        string weights = "[[[[" + string.Join(",", Enumerable.Repeat("0.5", k)) + "]]]]";
        string input = "[" + string.Join(",", Enumerable.Repeat("[1]", k)) + "]";
        string path = folder.Write("conv.json", CaseFileTests.Case(network: $$"""[{"type":"conv","weights":{{weights}},"bias":[{{string.Join(",", Enumerable.Repeat("0", k))}}]},{"type":"flatten"}]""",
            input: "[" + input + "]", target: "[[0]]"));
        Clean(Run.Refnn("grad", path), contains: "conv.json: $.network[0]: its output 1×50000×50000 holds 2500000000 values, more than an array holds (2147483591)");
    }

    [Fact]
    public void Class6_EightLargeDenseLayersSharingOneNpy_AreRefusedByTheMemoryBudget_WithBothNumbers()
    {
        using var folder = new TempFolder();
        Sparse(Path.Combine(folder.Path, "w.npy"), NpyTests.Make("<f8", "(4096, 4096)", []), 128 + 4096L * 4096 * 8);
        string layer = """{"type":"dense","weights":{"npy":"w.npy"},"bias":[[""" + string.Join(",", Enumerable.Repeat("0", 4096)) + "]]}";
        string path = folder.Write("dense.json", CaseFileTests.Case(network: "[" + string.Join(",", Enumerable.Repeat(layer, 8)) + "]",
            input: "[[" + string.Join(",", Enumerable.Repeat("0.5", 4096)) + "]]", target: "[[" + string.Join(",", Enumerable.Repeat("0", 4096)) + "]]"));
        Run run = Run.Refnn("grad", path, "--max-memory", "512M");
        Clean(run, contains: "more than --max-memory 536870912 bytes");
        Assert.Matches(@"needs at least \d+ bytes", run.Stderr);
    }

    [Fact]
    public void Class6_EpochsNear2To31_AreRefusedByTheWorkBudget()
    {
        using var folder = new TempFolder();
        string path = folder.Write("case.json", XorCase(epochs: int.MaxValue));
        Clean(Run.Refnn("train", path), contains: "more than --max-work");
    }

    [Fact]
    public void Class6_TrainStreamsItsEpochErrors_InBoundedMemory()
    {
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        string path = folder.Write("case.json", XorCase(epochs: 2_000_000));
        string output = Path.Combine(folder.Path, "trained.json");
        // Before: the errors as double[2e6] and the whole JSON (≈ 45 MB) as one string took more than 64 MB of heap.
        ProcessRun run = RefnnProcess.Run(["train", path], timeoutSeconds: 60, redirect: $"> '{output}'", heapLimitBytes: 64 << 20);
        Assert.True(run.ExitCode == 0, run.ToString());
        string text = File.ReadAllText(output);
        Assert.EndsWith("}\n", text);
        Assert.Equal(2_000_000, text[text.IndexOf("\"epochErrors\"")..text.IndexOf("\"network\"")].Count(c => c == ','));
    }

    [Fact]
    public void Class6_GradWithNpy_StreamsItsJson_InBoundedMemory()
    {
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        const int n = 1500;
        Sparse(Path.Combine(folder.Path, "w.npy"), NpyTests.Make("<f8", $"({n}, {n})", []), 128 + (long)n * n * 8);
        string path = folder.Write("case.json", CaseFileTests.Case(network: """[{"type":"dense","weights":{"npy":"w.npy"},"bias":{"npy":"b.npy"}}]""",
            input: """{"npy":"x.npy"}""", target: """{"npy":"b.npy"}"""));
        folder.Write("b.npy", NpyTests.Make("<f8", $"(1, {n})", new byte[n * 8]));
        folder.Write("x.npy", NpyTests.Make("<f8", $"(1, {n})", NpyTests.Doubles(Enumerable.Repeat(0.5, n).ToArray())));
        string output = Path.Combine(folder.Path, "result.json");
        // 2.25 million gradient elements: ≈ 18 MB per copy, ≈ 9 MB of JSON text. Before: the text as a UTF-8 buffer,
        // its copy and a UTF-16 string on top of the case took more than 160 MB of heap.
        ProcessRun run = RefnnProcess.Run(["grad", path, "--npy", Path.Combine(folder.Path, "out")], timeoutSeconds: 60,
            redirect: $"> '{output}'", heapLimitBytes: 160 << 20);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.EndsWith("}\n", File.ReadAllText(output));
    }

    [Fact]
    public void Class6_AGzipBomb_StopsAtTheSizeItsIdxHeaderDeclares()
    {
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        string data = MnistDataTests.WriteFolder(new TempFolderAt(Path.Combine(folder.Path, "data")).Folder, gzip: true);
        // The header declares 2 images of 28×28 (1568 bytes); the stream inflates to 256 MB of zeros.
        using (var gzip = new GZipStream(File.Create(Path.Combine(data, "train-images-idx3-ubyte.gz")), CompressionLevel.SmallestSize))
        {
            byte[] header = new byte[16];
            BinaryPrimitives.WriteUInt32BigEndian(header, 0x0803);
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 2);
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), 28);
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(12), 28);
            gzip.Write(header);
            byte[] zeros = new byte[1 << 20];
            for (int n = 0; n < 256; n++) gzip.Write(zeros);
        }
        Clean(RefnnProcess.Run(["mnist-fc", "--data", data, "--epochs", "1"], timeoutSeconds: 20, heapLimitBytes: 128 << 20),
            contains: "train-images-idx3-ubyte.gz: decompresses to more than the 1584 bytes its IDX header declares");
    }

    // ---- 7. outputs ----

    [Fact]
    public void Class7_MnistChecksCsvAndPlotBeforeTraining()
    {
        using var folder = new TempFolder();
        string data = MnistDataTests.WriteFolder(folder);
        Clean(Run.Refnn("mnist-fc", "--data", data, "--epochs", "1", "--csv", Path.Combine(folder.Path, "no", "h.csv")), contains: "--csv ");
        string csv = folder.Write("h.csv", "old\n");
        Clean(Run.Refnn("mnist-fc", "--data", data, "--epochs", "1", "--csv", csv, "--plot", Path.Combine(folder.Path, "no", "h.svg")), contains: "--plot ");
        Assert.Equal("old\n", File.ReadAllText(csv));
    }

    [Fact]
    public void Class7_NpyDir_ReplacesTheOldSetWhole_StaleFilesGo()
    {
        using var folder = new TempFolder();
        string casePath = folder.Write("xor.case.json", XorCase());
        string directory = Path.Combine(folder.Path, "out");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "layers.9.weightsGradient.npy"), "stale");
        Run run = Run.Refnn("grad", casePath, "--npy", directory);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.False(File.Exists(Path.Combine(directory, "layers.9.weightsGradient.npy")));
        Assert.True(File.Exists(Path.Combine(directory, "output.npy")));
        Assert.Equal(["out", "xor.case.json"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Class7_NpyDir_ASymlinkAtATemporaryName_IsNeverFollowed()
    {
        using var folder = new TempFolder();
        string casePath = folder.Write("xor.case.json", XorCase());
        string victim = folder.Write("victim.txt", "precious\n");
        string directory = Path.Combine(folder.Path, "out");
        Directory.CreateDirectory(directory);
        File.CreateSymbolicLink(Path.Combine(directory, "output.npy.partial"), victim);
        Run.Refnn("grad", casePath, "--npy", directory);
        Assert.Equal("precious\n", File.ReadAllText(victim));
    }

    [Fact]
    public void Class7_NpyDir_AFailureHalfWay_LeavesTheOldSetAndNoPartialFiles()
    {
        using var folder = new TempFolder();
        string casePath = folder.Write("xor.case.json", XorCase());
        string directory = Path.Combine(folder.Path, "out");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "output.npy"), "old");
        Directory.CreateDirectory(Path.Combine(directory, "loss.npy"));
        Run run = Run.Refnn("grad", casePath, "--npy", directory);
        Clean(run, contains: "--npy ");
        Assert.Equal("old", File.ReadAllText(Path.Combine(directory, "output.npy")));
        Assert.Equal(["loss.npy", "output.npy"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Order());
        Assert.Equal(["out", "xor.case.json"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Class7_NpyDir_AFolderOfOtherFiles_IsNeverReplaced()
    {
        using var folder = new TempFolder();
        string casePath = folder.Write("xor.case.json", XorCase());
        Clean(Run.Refnn("grad", casePath, "--npy", folder.Path), contains: "--npy ");
        Assert.True(File.Exists(casePath));
    }

    [Theory]
    [InlineData("grad", "")]
    [InlineData("grad", "a\0b")]
    [InlineData("npy", "")]
    [InlineData("npy", "a\0b")]
    [InlineData("csv", "")]
    [InlineData("plot", "a\0b")]
    public void Class7_EmptyPathsAndNulCharacters_AreBadInput(string where, string path)
    {
        using var folder = new TempFolder();
        string casePath = folder.Write("xor.case.json", XorCase());
        string data = MnistDataTests.WriteFolder(folder);
        Run run = where switch
        {
            "grad" => Run.Refnn("grad", path),
            "npy" => Run.Refnn("grad", casePath, "--npy", path),
            "csv" => Run.Refnn("mnist-fc", "--data", data, "--epochs", "1", "--csv", path),
            _ => Run.Refnn("mnist-fc", "--data", data, "--epochs", "1", "--plot", path),
        };
        Clean(run, contains: path == "" ? "the path is empty" : "the path holds a NUL character");
    }

    /// <summary>Sends SIGINT to <paramref name="process"/>, as Ctrl-C in its terminal would.</summary>
    private static void Interrupt(Process process)
    {
        using Process kill = Process.Start("kill", ["-INT", process.Id.ToString()])!;
        kill.WaitForExit();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Class7_CtrlC_LeavesTheOldFilesAndNoTemporaries(bool whileTraining)
    {
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        string casePath = folder.Write("xor.case.json", XorCase(epochs: 100_000_000));
        string directory = Path.Combine(folder.Path, "out");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "epochErrors.npy"), "old");
        ProcessRun run = RefnnProcess.Run(["train", casePath, "--npy", directory, "--max-work", "1e13"], timeoutSeconds: 60, redirect: "> /dev/null",
            interruptible: true, whileRunning: process =>
            {
                // Signal once refnn is writing (its temporary folder exists; or, while training, holds epochErrors.npy),
                // so the handler has something to clean up; without a handler SIGINT's default would end it with the
                // same 130 but leave the temporary behind. In the first case the command soon fails on its deleted
                // folder, and must neither say so nor exit with that failure's 4 (docs/Cli/InterruptGate.md).
                var clock = Stopwatch.StartNew();
                bool Writing()
                {
                    string[] temporaries = Directory.GetFileSystemEntries(folder.Path, ".refnn-*");
                    return temporaries.Length > 0 && (!whileTraining || File.Exists(Path.Combine(temporaries[0], "epochErrors.npy")));
                }
                while (!Writing() && clock.Elapsed.TotalSeconds < 30 && !process.HasExited)
                {
                    System.Threading.Thread.Sleep(5);
                }
                Interrupt(process);
            });
        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Equal("refnn: interrupted; the output files are as they were\n", run.Stderr);
        Assert.Equal("old", File.ReadAllText(Path.Combine(directory, "epochErrors.npy")));
        Assert.Equal(["out", "xor.case.json"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order());
        Assert.Equal(["epochErrors.npy"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Class7_CtrlC_AtAnyMoment_EndsOneWayOnly()
    {
        // SIGINT at moments spread over a short `grad --npy` run, from its start to after its end. Each run must end
        // in one of four ways: done (0, nothing on stderr, the new set); interrupted before refnn's handler existed
        // (130 by the signal's default, nothing on stderr, the old set); interrupted before the commit (130, the one
        // line, the old set); interrupted after it (130, the line saying one output was written whole, the new set).
        // Never a second line, another exit code, a mixed set, or a temporary left behind.
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        string casePath = folder.Write("xor.case.json", XorCase());
        string directory = Path.Combine(folder.Path, "out");
        ProcessRun Once(double delaySeconds)
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "output.npy"), "old");
            return RefnnProcess.Run(["grad", casePath, "--npy", directory], timeoutSeconds: 60, redirect: "> /dev/null", interruptible: true,
                whileRunning: process =>
                {
                    if (delaySeconds < 0) return;
                    System.Threading.Thread.Sleep(TimeSpan.FromSeconds(delaySeconds));
                    if (!process.HasExited) Interrupt(process);
                });
        }
        ProcessRun plain = Once(-1);
        Assert.True(plain.ExitCode == 0 && plain.Stderr == "", plain.ToString());
        double seconds = plain.Elapsed.TotalSeconds;
        for (int i = 0; i <= 12; i++)
        {
            ProcessRun run = Once(seconds * i / 10);
            string[] set = Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
            bool old = set.SequenceEqual(["output.npy"]) && File.ReadAllText(Path.Combine(directory, "output.npy")) == "old";
            bool fresh = set.Contains("loss.npy") && set.Contains("output.npy") && File.ReadAllBytes(Path.Combine(directory, "output.npy"))[0] == 0x93;
            string outcome = (run.ExitCode, run.Stderr, old, fresh) switch
            {
                (0, "", false, true) => "done",
                (130, "", true, false) => "before the handler",
                (130, "refnn: interrupted; the output files are as they were\n", true, false) => "before the commit",
                (130, "refnn: interrupted after 1 output was written whole; any other output is as it was\n", false, true) => "after the commit",
                _ => "",
            };
            Assert.True(outcome != "", $"signal at {seconds * i / 10:F3} s of {seconds:F3} s: {run}; the folder holds {string.Join(", ", set)}");
            Assert.Equal(["out", "xor.case.json"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
    }

    // ---- 8. echoed input ----

    [Fact]
    public void Class8_ControlCharactersInAValue_AreEscaped_OnOneLine()
    {
        using var folder = new TempFolder();
        string path = folder.Write("forged.json", XorCase().Replace("\"activation\"", "\"x\\nrefnn: OK, all checks passed\\u001b[2J\""));
        Run run = Run.Refnn("grad", path);
        Clean(run, contains: "unknown layer type \"x\\nrefnn: OK, all checks passed\\u001b[2J\"");
        Assert.DoesNotContain('\u001b', run.Stderr);
    }

    [Fact]
    public void Class8_ATenMegabyteValue_IsCut()
    {
        using var folder = new TempFolder();
        string path = folder.Write("long.json", CaseFileTests.Case(loss: "\"" + new string('A', 10_000_000) + "\""));
        Clean(Run.Refnn("grad", path), contains: "… (10000000 characters)");
    }

    [Fact]
    public void Class8_AFileNameWithANewline_IsEscaped()
    {
        using var folder = new TempFolder();
        string path = folder.Write("a\nrefnn: OK.json", "{}");
        Clean(Run.Refnn("grad", path), contains: "a\\nrefnn: OK.json: $.format: is missing");
    }

    // ---- 9. standard streams ----

    [Fact]
    public void Class9_AFullStdout_IsItsOwnExitCode_WithOneLine()
    {
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        string casePath = folder.Write("xor.case.json", XorCase());
        ProcessRun run = RefnnProcess.Run(["grad", casePath], redirect: "> /dev/full");
        Clean(run, expected: 4, contains: "refnn: cannot write to stdout: no space left on device");
    }

    [Fact]
    public void Class9_AClosedStdout_IsItsOwnExitCode_AndAClosedStderr_DoesNotAbort()
    {
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        string casePath = folder.Write("xor.case.json", XorCase());
        Clean(RefnnProcess.Run(["grad", casePath], redirect: ">&-"), expected: 4, contains: "refnn: cannot write to stdout: ");
        string bad = folder.Write("bad.json", CaseFileTests.Case(loss: "\"hinge\""));
        ProcessRun quiet = RefnnProcess.Run(["grad", bad], redirect: "2>&-");
        Assert.True(quiet.ExitCode == 2, quiet.ToString());
        ProcessRun fine = RefnnProcess.Run(["grad", casePath], redirect: "2>&-");
        Assert.True(fine.ExitCode == 0, fine.ToString());
    }

    [Fact]
    public void Class9_AFullDiskUnderTheNpyFolder_IsItsOwnExitCode_AndLeavesTheOldSet()
    {
        if (!RefnnProcess.Supported) return;
        using var folder = new TempFolder();
        // A 64×64 weights gradient is 32 KiB; the shell's file size limit of 4 blocks (2 KiB) fails its write as a full disk would.
        string weights = "[" + string.Join(",", Enumerable.Repeat("[" + string.Join(",", Enumerable.Repeat("0.01", 64)) + "]", 64)) + "]";
        string casePath = folder.Write("case.json", CaseFileTests.Case(network: $$"""[{"type":"dense","weights":{{weights}},"bias":[{{string.Join(",", Enumerable.Repeat("0", 64))}}]}]""",
            input: "[[" + string.Join(",", Enumerable.Repeat("1", 64)) + "]]", target: "[[" + string.Join(",", Enumerable.Repeat("0", 64)) + "]]"));
        string directory = Path.Combine(folder.Path, "out");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "output.npy"), "old");
        ProcessRun run = RefnnProcess.Run(["grad", casePath, "--npy", directory], prelude: "export DOTNET_EnableWriteXorExecute=0; trap '' XFSZ; ulimit -f 4;");
        Clean(run, expected: 4, contains: $"refnn: cannot write to --npy {directory}: file too large");
        Assert.Equal(["output.npy"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
        Assert.Equal("old", File.ReadAllText(Path.Combine(directory, "output.npy")));
        Assert.Equal(["case.json", "out"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order());
    }

    // ---- 10. loose validation ----

    private static byte[] NpyWithHeader(string dict, byte[] data)
    {
        string header = dict + new string(' ', (10 + dict.Length + 1 + 63) / 64 * 64 - (10 + dict.Length + 1)) + "\n";
        byte[] prefix = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 0, 0];
        BinaryPrimitives.WriteUInt16LittleEndian(prefix.AsSpan(8), (ushort)header.Length);
        return [.. prefix, .. Encoding.Latin1.GetBytes(header), .. data];
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1, }")]
    [InlineData("['descr': '<f8', 'fortran_order': False, 'shape': (2,), ]")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'shape': (1,), }")]
    [InlineData("{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (2,), }")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1,,,2,), }")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2), }")]
    [InlineData("x{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), } junk")]
    public void Class10_NpyHeadersThatAreNotNumpysDictLiteral_AreRejected(string dict)
    {
        using var folder = new TempFolder();
        folder.Write("x.npy", NpyWithHeader(dict, NpyTests.Doubles(1, 2)));
        string path = folder.Write("case.json", CaseFileTests.Case(network: Tanh, input: """{"npy":"x.npy"}""", target: """{"npy":"x.npy"}"""));
        Clean(Run.Refnn("grad", path), contains: "x.npy: the header ");
    }

    [Fact]
    public void Class10_TrailingBytesAfterTheData_AreRejected()
    {
        using var folder = new TempFolder();
        folder.Write("x.npy", NpyTests.Make("<f8", "(1, 1)", NpyTests.Doubles(1, 2)));
        string path = folder.Write("case.json", CaseFileTests.Case(network: Tanh, input: """{"npy":"x.npy"}""", target: "[[1]]"));
        Clean(Run.Refnn("grad", path), contains: "x.npy: 8 bytes after the data");
    }

    [Fact]
    public void Class10_ACommaInANumberOption_IsRejected_NotReadAsThousands()
    {
        using var folder = new TempFolder();
        string casePath = folder.Write("xor.case.json", XorCase());
        string result = folder.Write("r.json", Run.Refnn("grad", casePath).Stdout);
        Clean(Run.Refnn("check", casePath, result, "--rtol", "1,5"), contains: "--rtol");
        Clean(Run.Refnn("xor", "--learning-rate", "1,5"), contains: "--learning-rate");
    }

    [Fact]
    public void Class10_AnOptionGivenTwice_IsRejected()
    {
        using var folder = new TempFolder();
        // Before: the second, empty --data was ignored and the first one used.
        Clean(Run.Refnn("mnist-fc", "--data", folder.Path, "--data"), contains: "--data is given more than once");
        Clean(Run.Refnn("mnist-fc", "--data", folder.Path, "--data", folder.Path), contains: "--data");
    }

    [Fact]
    public void Class10_AProducerThatIsNotAString_IsRejected()
    {
        using var folder = new TempFolder();
        string casePath = folder.Write("xor.case.json", XorCase());
        string result = Run.Refnn("grad", casePath).Stdout;
        string odd = folder.Write("r.json", System.Text.RegularExpressions.Regex.Replace(result, "\"producer\": \"[^\"]*\"", "\"producer\": 17"));
        Clean(Run.Refnn("check", casePath, odd), contains: "r.json: $.producer: must be a string");
    }

    [Fact]
    public void Class10_EpochsWrittenAsThreePointZero_AreAnInteger_AsTheSchemaSays()
    {
        using var folder = new TempFolder();
        string path = folder.Write("case.json", XorCase(epochs: 3).Replace("\"epochs\":3", "\"epochs\":3.0"));
        Run run = Run.Refnn("train", path);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Clean(Run.Refnn("train", folder.Write("half.json", XorCase(epochs: 3).Replace("\"epochs\":3", "\"epochs\":3.5"))), contains: "$.train.epochs: must be an integer ≥ 1, not 3.5");
    }

    [Fact]
    public void Class10_AGzipCrcError_IsReportedAsSuch()
    {
        using var folder = new TempFolder();
        string data = MnistDataTests.WriteFolder(folder, gzip: true);
        string path = Path.Combine(data, "train-labels-idx1-ubyte.gz");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^8] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        Clean(Run.Refnn("mnist-fc", "--data", data, "--epochs", "1"), contains: "train-labels-idx1-ubyte.gz: gzip CRC-32 mismatch");
    }

    [Fact]
    public void Class10_AFiftyGigabyteNpy_IsNamedByItsSize_NotAsClaimingWhatItHolds()
    {
        using var folder = new TempFolder();
        const long values = 62_500L * 100_000;
        Sparse(Path.Combine(folder.Path, "huge.npy"), NpyTests.Make("<f8", "(62500, 100000)", []), 128 + values * 8);
        string path = folder.Write("case.json", CaseFileTests.Case(network: Tanh, input: """{"npy":"huge.npy"}""", target: "[[1]]"));
        Run run = Run.Refnn("grad", path);
        Clean(run, contains: "huge.npy: is 50000000128 bytes, more than the input limit");
    }
}

/// <summary>A TempFolder-like handle on a named folder inside another (disposed with its parent).</summary>
internal sealed class TempFolderAt
{
    public TempFolderAt(string path)
    {
        Directory.CreateDirectory(path);
        Folder = TempFolder.At(path);
    }

    public TempFolder Folder { get; }
}

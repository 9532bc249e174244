using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using ReferenceNN.Verification.Cli.Data;
using ReferenceNN.Verification.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;
using Xunit.Abstractions;

namespace ReferenceNN.Verification.Fuzz;

/// <summary>
/// The fuzzing harness: FsCheck generates hostile inputs of five kinds — mutated case and result files, crafted .npy
/// files, crafted IDX files (plain and gzip), special files in every role (a FIFO, a device, a folder, a dangling or
/// looping link) and adversarial output paths — and each must keep the contract of <see cref="FuzzCase.Violations"/>:
/// an answer within the time limit, exit 0, 1 or 2, one clean line on stderr, no temporary files left, nothing
/// outside the outputs changed. The normal test run tries a bounded number of cases from a fixed seed (a few seconds);
/// a longer run is one command (docs/Oracle/Limits.md):
/// <c>REFNN_FUZZ_CASES=5000 REFNN_FUZZ_SEED=random dotnet test ReferenceNN.sln -c Release --filter FullyQualifiedName~FuzzTests</c>.
/// A failing case is written to TestResults/fuzz-failures/ in the corpus format; fixed, it joins
/// Verification/Fuzz/Corpus/, which <see cref="Corpus_EveryRecordedFailure_EndsCleanly"/> replays on every run.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    /// <summary>Cases per generator: REFNN_FUZZ_CASES, or the default of the normal test run.</summary>
    private static int Cases(int normal) =>
        int.TryParse(Environment.GetEnvironmentVariable("REFNN_FUZZ_CASES"), out int n) && n > 0 ? n : normal;

    /// <summary>The seed: REFNN_FUZZ_SEED (a number, or "random"), or the suite's fixed one.</summary>
    private static (ulong Seed, ulong Gamma) Seed()
    {
        string? text = Environment.GetEnvironmentVariable("REFNN_FUZZ_SEED");
        if (text == "random") return ((ulong)Random.Shared.NextInt64(), 2 * (ulong)Random.Shared.NextInt64(1L << 61) + 1);
        if (ulong.TryParse(text, out ulong seed)) return (seed, 2718281829);
        return (1145141919, 2718281829);
    }

    /// <summary>The limits every fuzzed oracle command runs within: enough for every seed case, small enough to keep each run short.</summary>
    private static readonly string[] OracleLimits = ["--max-work", "1e8", "--max-memory", "512M", "--max-input-size", "64M"];

    private static readonly string[] DataLimits = ["--max-memory", "512M", "--max-input-size", "64M"];

    private void Check(string name, Gen<FuzzCase> cases, int normal)
    {
        (ulong seed, ulong gamma) = Seed();
        int count = Cases(normal);
        output.WriteLine($"{name}: {count} cases, seed ({seed},{gamma})");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Property property = Prop.ForAll(cases.ToArbitrary(), fuzz =>
        {
            IReadOnlyList<string> problems = fuzz.Violations(fuzz.Run());
            if (problems.Count > 0)
            {
                string file = Repository.PathOf($"TestResults/fuzz-failures/{name}-{Guid.NewGuid():N}.json");
                fuzz.Save(file);
                return false.Label($"{string.Join("; ", problems)} — saved to {file}");
            }
            return true.ToProperty();
        });
        Config config = Config.QuickThrowOnFailure.WithMaxTest(count).WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, gamma), FSharpOption<int>.None)));
        FsCheck.Check.One(config, property);
        output.WriteLine($"{name}: {count} cases passed in {clock.Elapsed.TotalSeconds:F1} s");
    }

    // ---- the seeds: good cases, results and data to mutate ----

    private static readonly string Conformance = Repository.PathOf("Verification/Conformance");

    private static readonly (string Name, string Case, string Result)[] Seeds = Directory.EnumerateFiles(Conformance, "*.case.json")
        .Order(StringComparer.Ordinal)
        .Select(f => (Path.GetFileName(f), File.ReadAllText(f), File.ReadAllText(f.Replace(".case.json", ".result.json"))))
        .Append(("xor-train.case.json", HostileInputTests.XorCase(epochs: 3), ""))
        .ToArray();

    private static readonly FuzzFile[] ConformanceNpy = Directory.EnumerateFiles(Conformance, "*.npy").Order(StringComparer.Ordinal)
        .Select(f => new FuzzFile(Path.GetFileName(f), File.ReadAllBytes(f))).ToArray();

    /// <summary>Files every case's folder holds beside its own: a victim no run may touch, a FIFO, a small valid .npy.</summary>
    private static IEnumerable<FuzzFile> Surroundings()
    {
        yield return FuzzFile.Text("victim.txt", "precious\n");
        if (OperatingSystem.IsLinux()) yield return new FuzzFile("fifo", Special: "fifo");
        yield return new FuzzFile("x.npy", NpyTests.Make("<f8", "(1, 2)", NpyTests.Doubles(0.5, -0.25)));
    }

    private static readonly string[] Protect = ["victim.txt", "x.npy"];

    private static readonly string[] HostileNumbers =
    [
        "1e400", "-1e400", "1e-400", "-0", "0", "1", "2", "3.0", "3.5", "1E2", "-1", "0.5", "2147483647", "2147483648", "4294967296",
        "9223372036854775808", "99999999999999999999999", new string('9', 5000), "1" + new string('0', 400), "1.0000000000000000000001",
    ];

    private static readonly string[] HostileStrings =
    [
        "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"x\\nrefnn: OK\"", "\"\\u001b[2J\"", "\"\\u202e\"", "\"\"", "\"dense\"", "\"conv\"",
        "\"maxpool\"", "\"flatten\"", "\"dropout\"", "\"softmax\"", "\"activation\"", "\"tanh\"", "\"relu\"", "\"leaky_relu\"", "\"mse\"",
        "\"cross_entropy\"", "\"referencenn/case@1\"", "\"referencenn/result@1\"", "\"NaN\"", "\"Infinity\"", "\"" + new string('A', 100_000) + "\"",
    ];

    private static readonly string[] HostileValues =
    [
        "[]", "{}", "null", "true", "[[]]", "[[[[[[1]]]]]]", "[1,[2]]", "[[1],[2,3]]", "{\"npy\":\"x.npy\"}", "{\"npy\":\"\"}", "{\"npy\":\"/dev/zero\"}",
        "{\"npy\":\"fifo\"}", "{\"npy\":\"victim.txt\"}", "{\"npy\":\"missing.npy\"}", "{\"npy\":\"a\\u0000b\"}", "{\"npy\":\"x.npy\",\"npy\":\"x.npy\"}",
        "{\"npy\":1}", new string('[', 70) + "1" + new string(']', 70), "[" + string.Concat(Enumerable.Repeat("0,", 50_000)) + "0]",
        "[[" + string.Join(",", Enumerable.Repeat("0.5", 3000)) + "]]",
    ];

    private static readonly string[] Tokens = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\0", "\n", "1", "-", "e", "\u00e9", "\ud800", "😀", " "];

    /// <summary>One edit of a text: what it is, where (taken modulo the candidates), and what it puts there.</summary>
    public sealed record Mutation(string Kind, int Where, int Length, string With)
    {
        private static readonly Regex Number = new(@"-?\d+(\.\d+)?([eE][+-]?\d+)?", RegexOptions.Compiled);
        private static readonly Regex Text = new("\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.Compiled);
        private static readonly Regex Member = new("\"[A-Za-z]+\"\\s*:\\s*(\"[^\"]*\"|-?[0-9.eE+-]+|true|false|null)", RegexOptions.Compiled);

        public string Apply(string text)
        {
            if (text.Length == 0) return With;
            int at = Where % (text.Length + 1);
            switch (Kind)
            {
                case "number": return Replace(text, Number, With);
                case "string": return Replace(text, Text, With);
                case "value": return Replace(text, Where % 2 == 0 ? Number : Text, With);
                case "duplicate":
                {
                    MatchCollection members = Member.Matches(text);
                    if (members.Count == 0) return text;
                    Match m = members[Where % members.Count];
                    return text.Insert(m.Index, m.Value + ",");
                }
                case "delete": return text.Remove(at, Math.Min(Length, text.Length - at));
                case "insert": return text.Insert(at, string.Concat(Enumerable.Repeat(With, Math.Max(1, Length))));
                case "truncate": return text[..at];
                case "nest":
                {
                    MatchCollection numbers = Number.Matches(text);
                    if (numbers.Count == 0) return text;
                    Match m = numbers[Where % numbers.Count];
                    return text[..m.Index] + new string('[', Length) + m.Value + new string(']', Length) + text[(m.Index + m.Length)..];
                }
                default: return text;
            }
        }

        private string Replace(string text, Regex pattern, string with)
        {
            MatchCollection matches = pattern.Matches(text);
            if (matches.Count == 0) return text;
            Match m = matches[Where % matches.Count];
            return text[..m.Index] + with + text[(m.Index + m.Length)..];
        }
    }

    private static readonly Gen<Mutation> Mutations =
        from kind in Gen.Elements("number", "number", "string", "string", "value", "duplicate", "delete", "insert", "truncate", "nest")
        from position in Gen.Choose(0, int.MaxValue)
        from length in Gen.Choose(1, 80)
        from replacement in kind switch
        {
            "number" => Gen.Elements(HostileNumbers),
            "string" => Gen.Elements(HostileStrings),
            "value" => Gen.Elements(HostileValues),
            "insert" => Gen.Elements(Tokens),
            _ => Gen.Constant(""),
        }
        select new Mutation(kind, position, length, replacement);

    private static readonly Gen<FuzzCase> MutatedFiles =
        from seed in Gen.Elements(Seeds)
        from edits in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Mutations, n))
        from command in Gen.Elements("grad", "train", "gradcheck", "check", "check")
        from mutateResult in Gen.Elements(false, command == "check" && seed.Result.Length > 0)
        select MutatedCase(seed, edits, command, mutateResult);

    private static FuzzCase MutatedCase((string Name, string Case, string Result) seed, Mutation[] edits, string command, bool mutateResult)
    {
        string caseText = seed.Case, resultText = seed.Result.Length > 0 ? seed.Result : Seeds[^2].Result;
        foreach (Mutation edit in edits)
        {
            if (mutateResult) resultText = edit.Apply(resultText);
            else caseText = edit.Apply(caseText);
        }
        var files = new List<FuzzFile>(Surroundings()) { FuzzFile.Text("case.json", caseText), FuzzFile.Text("result.json", resultText) };
        files.AddRange(ConformanceNpy);
        string[] args = command == "check" ? ["check", "{dir}/case.json", "{dir}/result.json"] : [command, "{dir}/case.json"];
        return new FuzzCase($"{seed.Name}, {(mutateResult ? "its result" : "the case")} edited: {string.Join(", ", edits.Select(e => e.Kind))}",
            [.. args, .. OracleLimits], files.ToArray(), Protect);
    }

    [Fact]
    public void MutatedCaseAndResultFiles_EndCleanly() => Check("mutated-files", MutatedFiles, 60);

    // ---- crafted .npy files ----

    private static readonly Gen<string> ShapeTexts =
        from sizes in Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(Gen.Elements("0", "1", "2", "3", "7", "2147483647", "2147483648", "4294967296",
            "7623851", "409891", "2731", "4323", "99999999999999999999", "007", "3L", "-1", "1.0", "True", ""), n))
        from separator in Gen.Elements(", ", ",", " , ", ",,", " ")
        from trailing in Gen.Elements("", ",", ", ")
        from brackets in Gen.Elements(("(", ")"), ("(", ")"), ("(", ")"), ("[", "]"), ("", ""), ("(", ""))
        select brackets.Item1 + string.Join(separator, sizes) + trailing + brackets.Item2;

    private static readonly Gen<string> Entries =
        from key in Gen.Elements("'descr'", "'fortran_order'", "'shape'", "\"descr\"", "\"shape\"", "'extra'", "''", "'Shape'", "descr", "'shape")
        from value in key.Contains("descr") ? Gen.Elements("'<f8'", "'<f4'", "'>f8'", "'<i8'", "'|u1'", "''", "'<f8", "3", "'x\\n'", "\"<f8\"")
            : key.Contains("fortran") ? Gen.Elements("False", "True", "1", "None", "'False'", "false", "Falsey")
            : ShapeTexts
        from colon in Gen.Elements(": ", ":", " : ", " ")
        select key + colon + value;

    private static readonly Gen<string> Dicts =
        from standard in Gen.Elements(true, false)
        from shape in ShapeTexts
        from descr in Gen.Elements("'<f8'", "'<f4'")
        from extra in Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(Entries, n))
        from separator in Gen.Elements(", ", ",", ",,", " ")
        from open in Gen.Elements("{", "{", "{", "[", "", "{{")
        from close in Gen.Elements("}", "}", "}", "]", "", "} x")
        select standard
            ? "{'descr': " + descr + ", 'fortran_order': False, 'shape': " + shape + ", }"
            : open + string.Join(separator, extra) + close;

    public sealed record NpySpec(int Version, string Dict, int LengthDelta, int DataDelta, bool NonFinite, bool Sparse, int Layer);

    private static readonly Gen<NpySpec> NpySpecs =
        from version in Gen.Elements(1, 1, 1, 2, 3, 0, 4, 255)
        from dict in Dicts
        from lengthDelta in Gen.Elements(0, 0, 0, 0, -1, 1, -9, 10_001, 70_000, int.MaxValue)
        from dataDelta in Gen.Elements(0, 0, 0, 0, -8, -1, 1, 8, 64)
        from nonFinite in Gen.Elements(false, false, false, true)
        from sparse in Gen.Elements(false, false, false, false, true)
        from layer in Gen.Elements(0, 1, 2)
        select new NpySpec(version, dict, lengthDelta, dataDelta, nonFinite, sparse, layer);

    private static FuzzCase NpyCase(NpySpec spec)
    {
        string header = spec.Dict + new string(' ', (64 - (12 + spec.Dict.Length + 1) % 64) % 64) + "\n";
        byte[] text = spec.Version == 3 ? Encoding.UTF8.GetBytes(header) : Encoding.Latin1.GetBytes(header);
        var bytes = new MemoryStream();
        bytes.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)spec.Version, 0]);
        long length = Math.Clamp((long)text.Length + spec.LengthDelta, 0, uint.MaxValue);
        if (spec.Version == 1) bytes.Write(BitConverter.GetBytes((ushort)Math.Min(length, ushort.MaxValue)));
        else bytes.Write(BitConverter.GetBytes((uint)length));
        bytes.Write(text);
        // As much data as the shape's numbers say, if they are few, give or take the delta.
        long values = Regex.Matches(spec.Dict, @"\d+").Select(m => long.TryParse(m.Value, out long v) ? v : 1).Take(4)
            .Aggregate(1L, (a, b) => a <= 4096 && b <= 4096 ? a * Math.Max(b, 0) : 4097);
        long dataLength = Math.Max(0, (values <= 4096 ? values * 8 : 64) + spec.DataDelta);
        byte[] data = new byte[spec.Sparse ? 0 : dataLength];
        for (int n = 0; n + 8 <= data.Length; n += 8) BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(n), spec.NonFinite && n == 8 ? double.NaN : 0.25 * n);
        bytes.Write(data);
        FuzzFile npy = spec.Sparse ? new FuzzFile("f.npy", bytes.ToArray(), bytes.Length + (4L << 30)) : new FuzzFile("f.npy", bytes.ToArray());
        string network = spec.Layer switch
        {
            0 => """[{"type":"activation","function":"tanh"}]""",
            1 => """[{"type":"dense","weights":{"npy":"f.npy"},"bias":[[0]]}]""",
            _ => """[{"type":"conv","weights":{"npy":"f.npy"},"bias":[0]},{"type":"flatten"}]""",
        };
        string input = spec.Layer switch { 0 => """{"npy":"f.npy"}""", 1 => "[[1,2]]", _ => "[[[1],[2]],[[3],[4]]]" };
        string target = spec.Layer == 0 ? """{"npy":"f.npy"}""" : "[[0]]";
        var files = new List<FuzzFile>(Surroundings()) { npy, FuzzFile.Text("case.json", CaseFileTests.Case(network: network, input: input, target: target)) };
        return new FuzzCase($"a crafted .npy: {spec}", ["grad", "{dir}/case.json", .. OracleLimits], files.ToArray(), Protect);
    }

    [Fact]
    public void CraftedNpyFiles_EndCleanly() => Check("npy", NpySpecs.Select(NpyCase), 60);

    // ---- crafted IDX files ----

    public sealed record IdxSpec(uint Magic, uint[] Sizes, int DataDelta, string Compression, int Corrupt);

    private static readonly Gen<IdxSpec> IdxSpecs =
        from magic in Gen.Elements(0x803u, 0x803u, 0x803u, 0x801u, 0x0C03u, 0x1F8B0803u, 0u)
        from sizes in Gen.ArrayOf(Gen.Elements<uint>(0u, 1u, 2u, 3u, 28u, 28u, 28u, 29u, 60000u, (uint)int.MaxValue, uint.MaxValue), 3)
        from dataDelta in Gen.Elements(0, 0, 0, -1, 1, 784, 1 << 20)
        from compression in Gen.Elements("none", "gzip", "gzip", "gzip")
        from corrupt in Gen.Elements(0, 0, 0, 1, 2, 3, 4, 5)
        select new IdxSpec(magic, sizes, dataDelta, compression, corrupt);

    private static FuzzCase IdxCase(IdxSpec spec)
    {
        var raw = new MemoryStream();
        raw.Write(IdxTests.Header(spec.Magic, spec.Sizes));
        long declared = spec.Sizes.Aggregate(1L, (a, b) => a <= 100_000 && b <= 100_000 ? a * b : 100_001);
        long length = Math.Max(0, (declared <= 100_000 ? declared : 100) + spec.DataDelta);
        raw.Write(new byte[length]);
        byte[] bytes = raw.ToArray();
        if (spec.Compression == "gzip")
        {
            var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
            bytes = compressed.ToArray();
            switch (spec.Corrupt)
            {
                case 1: bytes[^8] ^= 0x55; break;                              // CRC
                case 2: bytes[^1] ^= 0x01; break;                              // length
                case 3: bytes = bytes[..(bytes.Length / 2)]; break;            // truncated
                case 4: bytes = [.. bytes, .. bytes]; break;                   // two members
                case 5: bytes[Math.Min(12, bytes.Length - 9)] ^= 0xFF; break;  // deflate data
            }
        }
        string prefix = "data/";
        string images = prefix + "train-images-idx3-ubyte" + (spec.Compression == "gzip" ? ".gz" : "");
        var files = new List<FuzzFile>(Surroundings())
        {
            new(images, bytes),
            new(prefix + "train-labels-idx1-ubyte", IdxTests.Header(0x801, 2).Concat(new byte[] { 1, 2 }).ToArray()),
            new(prefix + "t10k-images-idx3-ubyte", IdxTests.Header(0x803, 2, 28, 28).Concat(new byte[2 * 784]).ToArray()),
            new(prefix + "t10k-labels-idx1-ubyte", IdxTests.Header(0x801, 2).Concat(new byte[] { 3, 4 }).ToArray()),
        };
        return new FuzzCase($"a crafted IDX file: magic 0x{spec.Magic:X}, sizes {string.Join("×", spec.Sizes)}, data {spec.DataDelta:+0;-0;0} bytes, {spec.Compression}, corruption {spec.Corrupt}",
            ["mnist-fc", "--data", "{dir}/data", "--epochs", "1", "--train-size", "2", "--test-size", "2", .. DataLimits], files.ToArray(), [.. Protect, "data/t10k-images-idx3-ubyte"]);
    }

    [Fact]
    public void CraftedIdxFiles_EndCleanly() => Check("idx", IdxSpecs.Select(IdxCase), 30);

    // ---- special files in every role ----

    private static readonly string[] Kinds = ["fifo", "link:/dev/zero", "link:/dev/null", "link:/dev/full", "dir", "link:nowhere", "link:loop", "empty"];

    private static readonly string[] Roles = ["case", "result", "npy", "idx", "csv", "plot", "npy-dir"];

    private static FuzzCase SpecialCase(string role, string kind)
    {
        FuzzFile Special(string name) => kind switch
        {
            "empty" => new FuzzFile(name, []),
            "link:loop" => new FuzzFile(name, Special: "link:" + name),
            _ => new FuzzFile(name, Special: kind),
        };
        var files = new List<FuzzFile>(Surroundings())
        {
            FuzzFile.Text("xor.json", HostileInputTests.XorCase()),
            FuzzFile.Text("npy.json", CaseFileTests.Case(network: """[{"type":"activation","function":"tanh"}]""", input: """{"npy":"special"}""", target: "[[1]]")),
        };
        foreach (string name in new[] { "train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte" }) files.Add(new FuzzFile("data/" + name, IdxTests.Header(0x801, 2).Concat(new byte[] { 1, 2 }).ToArray()));
        foreach (string name in new[] { "train-images-idx3-ubyte", "t10k-images-idx3-ubyte" })
        {
            if (role != "idx" || name.StartsWith("t10k", StringComparison.Ordinal)) files.Add(new FuzzFile("data/" + name, IdxTests.Header(0x803, 2, 28, 28).Concat(new byte[2 * 784]).ToArray()));
        }
        files.Add(Special(role switch { "idx" => "data/train-images-idx3-ubyte", "npy-dir" => "out", _ => "special" }));
        string[] args = role switch
        {
            "case" => ["grad", "{dir}/special"],
            "result" => ["check", "{dir}/xor.json", "{dir}/special"],
            "npy" => ["grad", "{dir}/npy.json"],
            "idx" => ["mnist-fc", "--data", "{dir}/data", "--epochs", "1", "--train-size", "2", "--test-size", "2"],
            "csv" => ["mnist-fc", "--data", "{dir}/data", "--epochs", "1", "--train-size", "2", "--test-size", "2", "--csv", "{dir}/special"],
            "plot" => ["mnist-fc", "--data", "{dir}/data", "--epochs", "1", "--train-size", "2", "--test-size", "2", "--plot", "{dir}/special"],
            _ => ["grad", "{dir}/xor.json", "--npy", "{dir}/out"],
        };
        return new FuzzCase($"a special file ({kind}) as the {role}", args, files.ToArray(), Protect);
    }

    [Fact]
    public void SpecialFilesInEveryRole_EndCleanly()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Few enough to try them all, every run.
        var failures = new List<string>();
        foreach (string role in Roles)
        {
            foreach (string kind in Kinds)
            {
                FuzzCase fuzz = SpecialCase(role, kind);
                IReadOnlyList<string> problems = fuzz.Violations(fuzz.Run());
                if (problems.Count > 0) failures.Add($"{fuzz.What}: {string.Join("; ", problems)}");
            }
        }
        output.WriteLine($"special files: {Roles.Length * Kinds.Length} cases");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // ---- adversarial output paths ----

    private static readonly string[] OutputPaths =
    [
        "", "\0", "a\0b", "{dir}/" + new string('n', 300), "{dir}/" + string.Concat(Enumerable.Repeat("d/", 600)) + "out",
        "{dir}/x\ny\u001b[2J", "{dir}/victim.txt", "{dir}/victim.txt/sub", "{dir}/planted", "{dir}/own", "{dir}/linked", "{dir}/to-victim",
        "{dir}/new", "{dir}/missing/deeper/out", "/", "/dev/full", "{dir}/fifo", "{dir}/out/", "{dir}/.", "{dir}/own/output.npy",
    ];

    public sealed record PathSpec(string Option, string Path);

    private static readonly Gen<PathSpec> PathSpecs =
        from option in Gen.Elements("--npy", "--csv", "--plot", "--train-npy")
        from path in Gen.Elements(OutputPaths)
        select new PathSpec(option, path);

    private static FuzzCase PathCase(PathSpec spec)
    {
        var files = new List<FuzzFile>(Surroundings())
        {
            FuzzFile.Text("xor.json", HostileInputTests.XorCase(epochs: 2)),
            FuzzFile.Text("planted/notes.txt", "mine"),
            FuzzFile.Text("own/output.npy", "old set"),
            FuzzFile.Text("own/layers.7.biasGradient.npy", "stale"),
            new FuzzFile("linked", Special: "link:own"),
            new FuzzFile("to-victim", Special: "link:victim.txt"),
        };
        foreach (string prefix in new[] { "train", "t10k" })
        {
            files.Add(new FuzzFile($"data/{prefix}-images-idx3-ubyte", IdxTests.Header(0x803, 2, 28, 28).Concat(new byte[2 * 784]).ToArray()));
            files.Add(new FuzzFile($"data/{prefix}-labels-idx1-ubyte", IdxTests.Header(0x801, 2).Concat(new byte[] { 1, 2 }).ToArray()));
        }
        string[] args = spec.Option switch
        {
            "--npy" => ["grad", "{dir}/xor.json", "--npy", spec.Path],
            "--train-npy" => ["train", "{dir}/xor.json", "--npy", spec.Path],
            _ => ["mnist-fc", "--data", "{dir}/data", "--epochs", "1", "--train-size", "2", "--test-size", "2", spec.Option, spec.Path],
        };
        // Every file but the one the option names (which it may replace, as asked) must come out as it went in.
        string[] protect = [.. Protect, "planted/notes.txt"];
        return new FuzzCase($"{spec.Option} {ReferenceNN.Oracle.Echo.Quote(spec.Path)}", args, files.ToArray(),
            protect.Where(p => spec.Path != "{dir}/" + p).ToArray());
    }

    [Fact]
    public void AdversarialOutputPaths_EndCleanly_TouchingNothingElse() => Check("paths", PathSpecs.Select(PathCase), 30);

    // ---- the corpus of failures found so far ----

    public static TheoryData<string> CorpusEntries()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Repository.PathOf("Verification/Fuzz/Corpus"), "*.json").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusEntries))]
    public void Corpus_EveryRecordedFailure_EndsCleanly(string entry)
    {
        FuzzCase fuzz = FuzzCase.Load(Repository.PathOf($"Verification/Fuzz/Corpus/{entry}"));
        if (!OperatingSystem.IsLinux() && fuzz.Files.Any(f => f.Special is not null)) return;
        FuzzCase.Outcome outcome = fuzz.Run();
        IReadOnlyList<string> problems = fuzz.Violations(outcome);
        Assert.True(problems.Count == 0, $"{fuzz.What}: {string.Join("; ", problems)}\nstderr: {outcome.Stderr}");
    }
}

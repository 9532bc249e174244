using System;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace ReferenceNN.Verification.Support;

/// <summary>
/// The seed of a test run. Every property draws its cases from its own stream, derived from the run's seed and the
/// property's name, so no two properties see the same cases. By default each run takes a fresh seed (so runs keep
/// exploring new cases); <c>REFERENCENN_SEED=n</c> replays a run, and CI sets it to <see cref="Fixed"/> so that its
/// run is reproducible. The seed is written to <c>seed.txt</c> beside the test assembly (CI prints it), and a failing
/// property prints its own (seed, gamma) pair, which <c>[SeededProperty(Replay = "(seed,gamma)")]</c> replays alone.
/// </summary>
public static class Seeds
{
    /// <summary>The seed CI runs with.</summary>
    public const ulong Fixed = 1145141919;

    /// <summary>This run's seed.</summary>
    public static ulong Run { get; } = ReadRunSeed();

    /// <summary>FsCheck's replay pair "(seed,gamma)" for a property: a SplitMix64 hash of the run's seed and the name.</summary>
    public static string ReplayFor(string property)
    {
        ulong state = Run;
        foreach (byte b in Encoding.UTF8.GetBytes(property)) state = Mix(state ^ b);
        ulong seed = Mix(unchecked(state + 0x9E3779B97F4A7C15UL)) >> 1;
        ulong gamma = (Mix(unchecked(state + 0x3C6EF372FE94F82AUL)) >> 1) | 1;
        return string.Create(CultureInfo.InvariantCulture, $"({seed},{gamma})");
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong ReadRunSeed()
    {
        string? text = Environment.GetEnvironmentVariable("REFERENCENN_SEED");
        ulong seed = text is null
            ? BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 1
            : ulong.Parse(text, CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "seed.txt"),
            string.Create(CultureInfo.InvariantCulture, $"REFERENCENN_SEED={seed}\n"));
        return seed;
    }
}

/// <summary>
/// An FsCheck property whose cases come from this run's seed and the property's name (<see cref="Seeds"/>), with the
/// project's generators (<see cref="Arbitraries"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SeededPropertyAttribute : FsCheck.Xunit.PropertyAttribute
{
    public SeededPropertyAttribute([CallerMemberName] string property = "")
    {
        Replay = Seeds.ReplayFor(property);
        Arbitrary = [typeof(Arbitraries)];
        MaxTest = 100;
    }

    /// <summary>
    /// How many cases the property tries: the number given, divided by <c>REFERENCENN_CASE_DIVISOR</c> when that is set
    /// (at least 5 cases remain). Only the mutation gate sets it (Verification/mutation.sh), where each mutant reruns
    /// the properties that cover it under Stryker's instrumentation; a wrong formula fails on its first cases, and fewer
    /// cases can only let more mutants survive, never fewer.
    /// </summary>
    public new int MaxTest
    {
        get => base.MaxTest;
        set => base.MaxTest = Divisor is > 1 and var d ? Math.Max(5, value / d) : value;
    }

    private static readonly int Divisor =
        int.TryParse(Environment.GetEnvironmentVariable("REFERENCENN_CASE_DIVISOR"), NumberStyles.None, CultureInfo.InvariantCulture, out int d) ? d : 1;
}

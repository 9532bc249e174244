using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ReferenceNN.Cli;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Fuzz;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Cli;

public class InterruptGateTests
{
    /// <summary>What a parked thread does in these tests: it leaves by this exception instead of sleeping for ever.</summary>
    private sealed class ParkedException : Exception;

    private static (InterruptGate Gate, Func<int> Parked) NewGate()
    {
        int parked = 0;
        var gate = new InterruptGate(() =>
        {
            Interlocked.Increment(ref parked);
            throw new ParkedException();
        });
        return (gate, () => Volatile.Read(ref parked));
    }

    [Fact]
    public void TryStop_WhileTheCommandRuns_ParksItsOutputItsFailureMessageAndItsEnd()
    {
        var (gate, parked) = NewGate();
        gate.BeforeOutput();
        Assert.Equal(0, parked());
        Assert.True(gate.TryStop());
        Assert.Throws<ParkedException>(gate.BeforeOutput);
        Assert.Throws<ParkedException>(gate.BeforeFailure);
        Assert.Throws<ParkedException>(gate.Finish);
        Assert.Equal(3, parked());
    }

    [Fact]
    public void TryStop_OnceAFailureIsBeingReported_IsRefused_SoItsLineAndExitCodeStand()
    {
        var (gate, parked) = NewGate();
        gate.BeforeFailure();
        Assert.False(gate.TryStop());
        gate.BeforeOutput();
        gate.Finish();
        Assert.Equal(0, parked());
    }

    [Fact]
    public void TryStop_AfterTheCommandEnded_IsRefused_AndNothingParks()
    {
        var (gate, parked) = NewGate();
        gate.Finish();
        Assert.False(gate.TryStop());
        gate.BeforeFailure();
        Assert.Equal(0, parked());
    }

    [Fact]
    public void TryStop_ASecondSignal_IsRefused_WhileTheFirstOwnsTheEnd()
    {
        var (gate, _) = NewGate();
        Assert.True(gate.TryStop());
        Assert.False(gate.TryStop());
    }

    [Fact]
    public async Task TryStopAndFinish_RacingOnTwoThreads_ExactlyOneOwnsTheEnd()
    {
        // The handler's thread and the command's thread meet at the gate at the same moment, 2,000 times: either the
        // signal wins (TryStop true, the command parks) or the command's end does (TryStop false, nothing parks).
        int stops = 0, ends = 0;
        for (int i = 0; i < 2000; i++)
        {
            var (gate, parked) = NewGate();
            using var start = new Barrier(2);
            bool stopped = false, finishedParked = false;
            var handler = Task.Run(() => { start.SignalAndWait(); stopped = gate.TryStop(); });
            var command = Task.Run(() =>
            {
                start.SignalAndWait();
                try { gate.Finish(); } catch (ParkedException) { finishedParked = true; }
            });
            await Task.WhenAll(handler, command);
            Assert.True(stopped == finishedParked, $"round {i}: TryStop {stopped}, the command parked {finishedParked}");
            Assert.Equal(stopped ? 1 : 0, parked());
            if (stopped) stops++; else ends++;
        }
        // Not asserted: how often each side wins, which depends on the machine (one run here: 1,960 stops, 40 ends).
        _ = (stops, ends);
    }

    [Fact]
    public void Message_SaysWhetherAnyOutputWasAlreadyInPlace()
    {
        Assert.Equal("refnn: interrupted; the output files are as they were", InterruptGate.Message(0));
        Assert.Equal("refnn: interrupted after 1 output was written whole; any other output is as it was", InterruptGate.Message(1));
        Assert.Equal("refnn: interrupted after 2 outputs were written whole; any other output is as it was", InterruptGate.Message(2));
    }

    [Fact]
    public void Run_WithAStoppedGate_ParksBeforeItsFailureMessage_AndWritesNothing()
    {
        var (open, _) = NewGate();
        var stderr = new StringWriter();
        Assert.Equal(2, Commands.Run(["fit"], new MemoryStream(), stderr, open));
        Assert.StartsWith("refnn: ", stderr.ToString());
        var (gate, parked) = NewGate();
        Assert.True(gate.TryStop());
        stderr = new StringWriter();
        Assert.Throws<ParkedException>(() => Commands.Run(["fit"], new MemoryStream(), stderr, gate));
        Assert.Equal("", stderr.ToString());
        // Twice here: the parse error's report parks inside Run's try, whose catch-all reports that too and parks
        // again. In refnn the first park never returns.
        Assert.Equal(2, parked());
    }

    [Fact]
    public void Run_WithAStoppedGate_ParksBeforeItsFirstWriteToStdout()
    {
        var (gate, parked) = NewGate();
        Assert.True(gate.TryStop());
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        Assert.Throws<ParkedException>(() => Commands.Run(["xor", "--epochs", "20"], stdout, stderr, gate));
        Assert.Equal(0, stdout.Length);
        Assert.Equal("", stderr.ToString());
        Assert.True(parked() >= 1);
    }

    [Fact]
    public void ProgramRun_ClosesTheGateWhenTheCommandEnds_SoALateSignalIsRefused()
    {
        var (gate, parked) = NewGate();
        var stdout = new MemoryStream();
        Assert.Equal(0, Program.Run(["--version"], stdout, new StringWriter(), gate));
        Assert.True(stdout.Length > 0);
        Assert.False(gate.TryStop());
        Assert.Equal(0, parked());
    }

    [Fact]
    public async Task Run_FailingOnATemporaryTheHandlerDeleted_ParksWithoutAMessage_AndLeavesTheOldSet()
    {
        // What CI once saw: the signal handler deleted the --npy temporary folder, the command then failed to create
        // epochErrors.npy in it and said "cannot write to --npy …", exit 4, racing the handler's 130. Here the test is
        // the handler: it waits for the temporary, stops the gate, deletes this folder's temporaries (DeleteAll with
        // no filter would close the process's list to the tests running beside this one) and lets the command go on.
        // 400,000 epochs (about a second) keep the command running while the test looks for its temporary; if it had
        // already created epochErrors.npy, it trains on and fails at its next file.
        using var folder = new TempFolder();
        string casePath = folder.Write("xor.case.json", HostileInputTests.XorCase(epochs: 400_000));
        string directory = Path.Combine(folder.Path, "out");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "epochErrors.npy"), "old");
        var (gate, parked) = NewGate();
        var stderr = new StringWriter();
        var stdout = new MemoryStream();
        Task<int> command = Task.Run(() => Commands.Run(["train", casePath, "--npy", directory], stdout, stderr, gate));
        var clock = Stopwatch.StartNew();
        while (Directory.GetFileSystemEntries(folder.Path, ".refnn-*").Length == 0 && !command.IsCompleted && clock.Elapsed.TotalSeconds < 30)
        {
            Thread.SpinWait(100);
        }
        Assert.False(command.IsCompleted, "the command ended before its temporary folder was seen");
        Assert.True(gate.TryStop());
        TemporaryPaths.Process.DeleteAll(p => p.StartsWith(folder.Path + "/", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ParkedException>(() => command);
        // Once or twice: at the failure's report, or first at a write to stdout inside Run's try, whose catch-all then
        // reports that and parks again (in refnn the first park never returns).
        Assert.InRange(parked(), 1, 2);
        Assert.Equal("", stderr.ToString());
        Assert.Equal("old", File.ReadAllText(Path.Combine(directory, "epochErrors.npy")));
        Assert.Equal(["out", "xor.case.json"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}

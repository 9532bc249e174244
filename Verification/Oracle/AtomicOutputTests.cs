using System;
using System.IO;
using System.Linq;
using System.Text;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class AtomicOutputTests
{
    private static string[] Entries(string folder) => Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private static void Write(OutputFile file, string text) => file.Stream.Write(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void OutputFile_IsWrittenBesideThePath_AndRenamedOverItOnCommit()
    {
        using var folder = new TempFolder();
        string path = folder.Write("h.csv", "old");
        using (OutputFile file = OutputFile.Create(path))
        {
            Assert.Equal(folder.Path, Path.GetDirectoryName(file.Temporary));
            Assert.Matches(@"^\.refnn-[0-9a-f]{32}\.tmp$", Path.GetFileName(file.Temporary));
            Write(file, "new");
            Assert.Equal("old", File.ReadAllText(path));
            file.Commit();
        }
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["h.csv"], Entries(folder.Path));
    }

    [Fact]
    public void OutputFile_NotCommitted_LeavesTheOldFileAndNoTemporary()
    {
        using var folder = new TempFolder();
        string path = folder.Write("h.csv", "old");
        using (OutputFile file = OutputFile.Create(path)) Write(file, "half");
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["h.csv"], Entries(folder.Path));
        Assert.Equal(0, TemporaryPaths.Process.Count(folder.Path));
    }

    [Fact]
    public void OutputFile_ALinkAtThePath_IsReplaced_ItsTargetUntouched()
    {
        using var folder = new TempFolder();
        string victim = folder.Write("victim", "precious");
        string path = Path.Combine(folder.Path, "out.csv");
        File.CreateSymbolicLink(path, victim);
        using (OutputFile file = OutputFile.Create(path))
        {
            Write(file, "new");
            file.Commit();
        }
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal("new", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("", "the path is empty")]
    [InlineData("a\0b", "the path holds a NUL character")]
    public void OutputFile_BadPaths_SaySo(string path, string problem) =>
        Assert.Equal(problem, Assert.Throws<OutputPathException>(() => OutputFile.Create(path)).Message);

    [Fact]
    public void OutputFile_AFolderOrAMissingFolder_SaySo()
    {
        using var folder = new TempFolder();
        Assert.Equal("is a folder, not a file", Assert.Throws<OutputPathException>(() => OutputFile.Create(folder.Path)).Message);
        Assert.Equal("is a folder, not a file", Assert.Throws<OutputPathException>(() => OutputFile.Create(Path.Combine(folder.Path, "new") + "/")).Message);
        string missing = Path.Combine(folder.Path, "no", "h.csv");
        Assert.Equal($"no such folder: {Path.Combine(folder.Path, "no")}", Assert.Throws<OutputPathException>(() => OutputFile.Create(missing)).Message);
    }

    [Fact]
    public void OutputFile_ADeviceOrAPipeAtThePath_IsNeverReplaced()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.Equal("is a character device, not a regular file", Assert.Throws<OutputPathException>(() => OutputFile.Create("/dev/full")).Message);
        using var folder = new TempFolder();
        string fifo = RefnnProcess.MakeFifo(Path.Combine(folder.Path, "fifo"));
        Assert.Equal("is a named pipe (FIFO), not a regular file", Assert.Throws<OutputPathException>(() => OutputFile.Create(fifo)).Message);
        Assert.Equal(["fifo"], Entries(folder.Path));
    }

    [Fact]
    public void TemporaryPaths_DeleteAll_RemovesWhatAnInterruptedRunWasWriting()
    {
        using var folder = new TempFolder();
        string path = folder.Write("h.csv", "old");
        using OutputFile file = OutputFile.Create(path);
        using OutputFolder set = OutputFolder.Create(Path.Combine(folder.Path, "npy"));
        set.WriteFile("output.npy", s => s.WriteByte(1));
        Assert.Equal(2, Entries(folder.Path).Count(e => e.StartsWith(".refnn-", StringComparison.Ordinal)));
        // Only this test's: tests run side by side, and the signal handler's DeleteAll() takes every path.
        TemporaryPaths.Process.DeleteAll(p => p.StartsWith(folder.Path, StringComparison.Ordinal));
        Assert.Equal(["h.csv"], Entries(folder.Path));
        Assert.Equal("old", File.ReadAllText(path));
    }

    [Fact]
    public void TemporaryPaths_AfterTheProcessWideDeleteAll_RefusesToCreateOrCommit()
    {
        using var folder = new TempFolder();
        var paths = new TemporaryPaths();
        string early = Path.Combine(folder.Path, "early");
        paths.Create(early, isFolder: false, () => { File.WriteAllText(early, "x"); return 0; });
        paths.Commit(() => { });
        Assert.Equal(1, paths.Committed);
        paths.DeleteAll();
        Assert.False(File.Exists(early));
        string late = Path.Combine(folder.Path, "late");
        Assert.Equal("refnn is being interrupted",
            Assert.Throws<OutputPathException>(() => paths.Create(late, isFolder: false, () => { File.WriteAllText(late, "x"); return 0; })).Message);
        Assert.Equal("refnn is being interrupted", Assert.Throws<OutputPathException>(() => paths.Commit(() => File.WriteAllText(late, "x"))).Message);
        Assert.Empty(Entries(folder.Path));
        Assert.Equal(1, paths.Committed);
    }

    [Fact]
    public void TemporaryPaths_FilteredDeleteAll_LeavesCreationOpen()
    {
        using var folder = new TempFolder();
        var paths = new TemporaryPaths();
        paths.DeleteAll(_ => true);
        string path = Path.Combine(folder.Path, "a");
        paths.Create(path, isFolder: false, () => { File.WriteAllText(path, "x"); return 0; });
        Assert.Equal(1, paths.Count(folder.Path));
    }

    [Fact]
    public void TemporaryPaths_ACreationThatThrows_IsNotRegistered()
    {
        using var folder = new TempFolder();
        var paths = new TemporaryPaths();
        Assert.Throws<IOException>(() => paths.Create<int>(Path.Combine(folder.Path, "a"), isFolder: false, () => throw new IOException("no")));
        Assert.Equal(0, paths.Count(folder.Path));
    }

    [Fact]
    public async System.Threading.Tasks.Task TemporaryPaths_DeleteAll_WaitsForACreationInProgress_AndDeletesWhatItMade()
    {
        // Registered, then created: a DeleteAll between the two would delete nothing and leave the file behind.
        using var folder = new TempFolder();
        var paths = new TemporaryPaths();
        string path = Path.Combine(folder.Path, "slow");
        using var entered = new System.Threading.ManualResetEventSlim();
        var creating = System.Threading.Tasks.Task.Run(() => paths.Create(path, isFolder: false, () =>
        {
            entered.Set();
            System.Threading.Thread.Sleep(200);
            File.WriteAllText(path, "x");
            return 0;
        }));
        entered.Wait();
        paths.DeleteAll();
        await creating;
        Assert.Empty(Entries(folder.Path));
    }

    [Fact]
    public async System.Threading.Tasks.Task TemporaryPaths_DeleteAll_WaitsForACommitInProgress_WhichCompletes()
    {
        // A commit's rename and the deletion must not interleave: deleted between the commit's start and its rename,
        // the temporary would be gone and the commit would fail half-way.
        using var folder = new TempFolder();
        var paths = new TemporaryPaths();
        string temporary = Path.Combine(folder.Path, ".t"), target = Path.Combine(folder.Path, "out");
        paths.Create(temporary, isFolder: false, () => { File.WriteAllText(temporary, "new"); return 0; });
        using var entered = new System.Threading.ManualResetEventSlim();
        var committing = System.Threading.Tasks.Task.Run(() => paths.Commit(() =>
        {
            entered.Set();
            System.Threading.Thread.Sleep(200);
            File.Move(temporary, target);
            paths.Remove(temporary);
        }));
        entered.Wait();
        paths.DeleteAll();
        await committing;
        Assert.Equal(["out"], Entries(folder.Path));
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(1, paths.Committed);
    }

    [Fact]
    public async System.Threading.Tasks.Task TemporaryPaths_DeleteAll_OfAFolderBeingFilled_LeavesNothing()
    {
        // A command writing file after file into its temporary folder while the handler deletes it: a recursive delete
        // in place can meet a file created after its listing and fail on a non-empty folder; renamed away first, the
        // folder is gone from under the writer's path, whose next file fails for want of it.
        using var folder = new TempFolder();
        for (int round = 0; round < 20; round++)
        {
            var paths = new TemporaryPaths();
            string temporary = Path.Combine(folder.Path, TemporaryPaths.NewName());
            paths.Create(temporary, isFolder: true, () => Directory.CreateDirectory(temporary));
            using var started = new System.Threading.ManualResetEventSlim();
            var writer = System.Threading.Tasks.Task.Run(() =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                for (int i = 0; clock.Elapsed.TotalSeconds < 2; i++)
                {
                    try { File.WriteAllText(Path.Combine(temporary, $"f{i}"), "x"); }
                    catch (DirectoryNotFoundException) { return i; }
                    if (i == 50) started.Set();
                }
                return -1;
            });
            started.Wait();
            paths.DeleteAll();
            Assert.True(await writer >= 50, $"round {round}: the writer went on writing into the deleted folder");
            Assert.True(Entries(folder.Path).Length == 0, $"round {round}: left {string.Join(", ", Entries(folder.Path))}");
        }
    }

    [Theory]
    [InlineData("output.npy", true)]
    [InlineData("loss.npy", true)]
    [InlineData("inputGradient.npy", true)]
    [InlineData("epochErrors.npy", true)]
    [InlineData("layers.12.weightsGradient.npy", true)]
    [InlineData("layers.0.biasGradient.npy", true)]
    [InlineData("network.3.weights.npy", true)]
    [InlineData("network.3.bias.npy", true)]
    [InlineData("output.npy.partial", false)]
    [InlineData("weights.npy", false)]
    [InlineData("layers.x.biasGradient.npy", false)]
    [InlineData("case.json", false)]
    [InlineData("Output.npy", false)]
    public void OutputFolder_KnowsTheNamesRefnnWrites(string name, bool own) => Assert.Equal(own, OutputFolder.IsOwnName(name));

    [Fact]
    public void OutputFolder_ReplacesTheOldSetWhole()
    {
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "npy");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "output.npy"), "old");
        File.WriteAllText(Path.Combine(target, "layers.9.weightsGradient.npy"), "stale");
        using (OutputFolder set = OutputFolder.Create(target))
        {
            set.WriteFile("output.npy", s => s.Write("new"u8));
            Assert.Equal("old", File.ReadAllText(Path.Combine(target, "output.npy")));
            set.Commit();
        }
        Assert.Equal(["output.npy"], Entries(target));
        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "output.npy")));
        Assert.Equal(["npy"], Entries(folder.Path));
    }

    [Fact]
    public void OutputFolder_New_AndItsMissingParents_AreCreated()
    {
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "a", "b");
        using (OutputFolder set = OutputFolder.Create(target))
        {
            set.WriteFile("loss.npy", s => s.WriteByte(7));
            set.Commit();
        }
        Assert.Equal(["loss.npy"], Entries(target));
        Assert.Equal(["b"], Entries(Path.Combine(folder.Path, "a")));
    }

    [Fact]
    public void OutputFolder_NotCommitted_LeavesTheOldSet()
    {
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "npy");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "output.npy"), "old");
        using (OutputFolder set = OutputFolder.Create(target)) set.WriteFile("output.npy", s => s.Write("new"u8));
        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "output.npy")));
        Assert.Equal(["npy"], Entries(folder.Path));
    }

    [Fact]
    public void OutputFolder_FilesAreCreatedExclusively()
    {
        using var folder = new TempFolder();
        using OutputFolder set = OutputFolder.Create(Path.Combine(folder.Path, "npy"));
        set.WriteFile("output.npy", s => s.WriteByte(1));
        Assert.StartsWith("cannot write output.npy (", Assert.Throws<OutputPathException>(() => set.CreateFile("output.npy")).Message);
    }

    [Fact]
    public void OutputFolder_NeverReplacesAFolderOfOtherThings()
    {
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "npy");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");
        Assert.Equal("holds \"notes.txt\", which refnn does not write; give a new or empty folder, or one refnn wrote",
            Assert.Throws<OutputPathException>(() => OutputFolder.Create(target)).Message);
        File.Delete(Path.Combine(target, "notes.txt"));
        Directory.CreateDirectory(Path.Combine(target, "output.npy"));
        Assert.StartsWith("holds \"output.npy\"", Assert.Throws<OutputPathException>(() => OutputFolder.Create(target)).Message);
        Directory.Delete(Path.Combine(target, "output.npy"));
        File.CreateSymbolicLink(Path.Combine(target, "loss.npy"), folder.Write("victim", "x"));
        Assert.StartsWith("holds \"loss.npy\"", Assert.Throws<OutputPathException>(() => OutputFolder.Create(target)).Message);
        Assert.Equal(["npy", "victim"], Entries(folder.Path));
    }

    [Fact]
    public void OutputFolder_HoldingAnInput_OrALink_OrAFile_IsNeverReplaced()
    {
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "npy");
        Directory.CreateDirectory(target);
        string input = Path.Combine(target, "output.npy");
        File.WriteAllText(input, "an input the case reads");
        Assert.Equal("holds \"output.npy\", which this command reads", Assert.Throws<OutputPathException>(() => OutputFolder.Create(target, input)).Message);
        using (OutputFolder set = OutputFolder.Create(target))
        {
            Assert.Equal("holds \"output.npy\", which this command reads", Assert.Throws<OutputPathException>(() => set.RejectInputs([input])).Message);
        }
        string link = Path.Combine(folder.Path, "link");
        Directory.CreateSymbolicLink(link, target);
        Assert.Equal("is a symbolic link; give the folder itself", Assert.Throws<OutputPathException>(() => OutputFolder.Create(link)).Message);
        Assert.Equal("is a file, not a folder", Assert.Throws<OutputPathException>(() => OutputFolder.Create(folder.Write("f", "x"))).Message);
        Assert.Equal("is the root folder", Assert.Throws<OutputPathException>(() => OutputFolder.Create("/")).Message);
        Assert.Equal("the path is empty", Assert.Throws<OutputPathException>(() => OutputFolder.Create("")).Message);
        Assert.Equal(["f", "link", "npy"], Entries(folder.Path));
    }
}

using System;
using System.Diagnostics;
using System.IO;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Oracle;

public class InputFileTests
{
    private static string Problem(string path, long max = 1 << 20) =>
        Assert.Throws<InputFileException>(() => InputFile.ReadAllBytes(path, max)).Message;

    [Fact]
    public void ReadAllBytes_ARegularFile_AndALinkToOne()
    {
        using var folder = new TempFolder();
        string file = folder.Write("a.bin", [1, 2, 3]);
        Assert.Equal([1, 2, 3], InputFile.ReadAllBytes(file, 3));
        string link = Path.Combine(folder.Path, "link");
        File.CreateSymbolicLink(link, file);
        Assert.Equal([1, 2, 3], InputFile.ReadAllBytes(link, 100));
        Assert.Empty(InputFile.ReadAllBytes(folder.Write("empty", []), 0));
    }

    [Fact]
    public void TheSizeLimit_IsCheckedBeforeReading_AndIsInclusive()
    {
        using var folder = new TempFolder();
        string file = folder.Write("eleven", new byte[11]);
        Assert.Equal(11, InputFile.ReadAllBytes(file, 11).Length);
        Assert.Equal("is 11 bytes, more than the input limit of 10 bytes (--max-input-size)", Problem(file, 10));
        // A sparse file of 1 TiB costs nothing to make and would take hours to read: refused at once.
        string huge = Path.Combine(folder.Path, "huge");
        using (FileStream stream = File.Create(huge)) stream.SetLength(1L << 40);
        var clock = Stopwatch.StartNew();
        Assert.Equal($"is {1L << 40} bytes, more than the input limit of 1073741824 bytes (--max-input-size)", Problem(huge, 1L << 30));
        Assert.True(clock.Elapsed.TotalSeconds < 2);
    }

    [Fact]
    public void MissingFilesFoldersAndBadPaths_SaySo()
    {
        using var folder = new TempFolder();
        Assert.Equal("no such file", Problem(Path.Combine(folder.Path, "none")));
        Assert.Equal("no such file", Problem(Path.Combine(folder.Path, "none", "deeper")));
        Assert.Equal("is a directory, not a regular file", Problem(folder.Path));
        Assert.Equal("the path is empty", Problem(""));
        Assert.Equal("the path holds a NUL character", Problem("a\0b"));
        Assert.Throws<ArgumentNullException>(() => InputFile.ReadAllBytes(null!, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => InputFile.ReadAllBytes(folder.Write("x", [1]), -1));
    }

    [Fact]
    public void PipesAndDevices_AreRefusedAtOnce()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var folder = new TempFolder();
        string fifo = RefnnProcess.MakeFifo(Path.Combine(folder.Path, "fifo"));
        var clock = Stopwatch.StartNew();
        // No writer ever opens the pipe: a blocking open would wait here for ever.
        Assert.Equal("is a named pipe (FIFO), not a regular file", Problem(fifo));
        Assert.Equal("is a character device, not a regular file", Problem("/dev/zero"));
        Assert.Equal("is a character device, not a regular file", Problem("/dev/null"));
        string link = Path.Combine(folder.Path, "zero");
        File.CreateSymbolicLink(link, "/dev/zero");
        Assert.Equal("is a character device, not a regular file", Problem(link));
        string loop = Path.Combine(folder.Path, "loop");
        File.CreateSymbolicLink(loop, loop);
        Assert.Equal("cannot be read (too many levels of symbolic links)", Problem(loop));
        Assert.True(clock.Elapsed.TotalSeconds < 5, $"{clock.Elapsed.TotalSeconds} s");
    }

    [Fact]
    public void AFileThatChangesWhileBeingRead_IsRefused()
    {
        using var folder = new TempFolder();
        string path = folder.Write("f", new byte[8]);
        using (InputFile file = InputFile.Open(path, 100))
        {
            File.AppendAllText(path, "more");
            var buffer = new byte[8];
            file.ReadExactly(0, buffer);
            Assert.Equal("changed while being read (it is longer than when it was opened)",
                Assert.Throws<InputFileException>(() => file.RequireEnd(file.Length)).Message);
        }
        using (InputFile file = InputFile.Open(path, 100))
        {
            File.WriteAllBytes(path, new byte[2]);
            Assert.Equal("changed while being read (it is shorter than when it was opened)",
                Assert.Throws<InputFileException>(() => file.ReadExactly(0, new byte[file.Length])).Message);
            Assert.Equal(2, file.Read(0, new byte[10]));
        }
    }
}

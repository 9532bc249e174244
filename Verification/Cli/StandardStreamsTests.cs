using System;
using System.IO;
using ReferenceNN.Cli;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Cli;

public class StandardStreamsTests
{
    /// <summary>A stream that fails every write as a full disk does.</summary>
    private sealed class FullDisk : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("No space left on device");
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device");
    }

    [Fact]
    public void AFailedWrite_IsAStreamWriteException_InTheSystemsWords()
    {
        var stream = new StandardStreams.GuardedStream(new FullDisk(), "stdout");
        Assert.Equal("cannot write to stdout: no space left on device", Assert.Throws<StreamWriteException>(() => stream.Write([1])).Message);
        var closed = new StandardStreams.GuardedStream(null, "stdout");
        closed.Flush();
        Assert.Equal("cannot write to stdout: it is closed", Assert.Throws<StreamWriteException>(() => closed.Write([1], 0, 1)).Message);
    }

    [Fact]
    public void Commands_AFullStdout_ExitsFour_WithOneLine()
    {
        var stderr = new StringWriter { NewLine = "\n" };
        int code = Commands.Run(["grad", Repository.PathOf("Verification/Conformance/xor.case.json")], new FullDisk(), stderr);
        Assert.Equal(Commands.StreamError, code);
        Assert.Equal("refnn: cannot write to stdout: no space left on device\n", stderr.ToString());
        stderr = new StringWriter { NewLine = "\n" };
        Assert.Equal(Commands.StreamError, Commands.Run(["xor", "--epochs", "1"], new FullDisk(), stderr));
        Assert.Equal("refnn: cannot write to stdout: no space left on device\n", stderr.ToString());
    }

    [Fact]
    public void WriteLine_EscapesAndCuts_AndNeverThrows()
    {
        var writer = new StringWriter { NewLine = "\n" };
        StandardStreams.WriteLine(writer, "a\nb\u001b");
        Assert.Equal("a\\nb\\u001b\n", writer.ToString());
        var broken = new StreamWriter(new FullDisk()) { AutoFlush = true };
        StandardStreams.WriteLine(broken, "lost");
    }

    [Fact]
    public void OnlyAnInheritedWritableDescriptor_CountsAsAStandardStream()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var folder = new TempFolder();
        // .NET opens files close-on-exec: a descriptor of this process's own is never taken for an inherited stdout.
        using FileStream own = File.Create(Path.Combine(folder.Path, "f"));
        Assert.False(StandardStreams.IsInheritedForWriting((int)own.SafeFileHandle.DangerousGetHandle()));
        Assert.False(StandardStreams.IsInheritedForWriting(100_000));
    }
}

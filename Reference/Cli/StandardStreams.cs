using System;
using System.IO;
using System.Linq;
using System.Text;

namespace ReferenceNN.Cli;

/// <summary>
/// Writing to stdout or to a checked output path failed — a full disk, a closed or broken pipe — which is neither bad
/// input nor a bug: refnn says so in one line, <c>refnn: cannot write to stdout: no space left on device</c>, and exits
/// with its own code (4).
/// </summary>
internal sealed class StreamWriteException(string stream, string reason, Exception? inner = null)
    : Exception($"cannot write to {stream}: {reason}", inner);

/// <summary>
/// refnn's standard output and error. Stdout is wrapped so that every failure to write it is a
/// <see cref="StreamWriteException"/>; stderr is written only as far as it can be, and a failure there is ignored
/// (there is nowhere left to report it). At startup on Linux, a standard stream the parent closed is recognised —
/// the runtime may by then have reused its number for a pipe of its own, which refnn must never write into — and
/// treated as closed. Docs: docs/Cli/StandardStreams.md.
/// </summary>
internal static class StandardStreams
{
    private const int CloseOnExec = 0x80000, AccessMode = 3, ReadOnly = 0;

    /// <summary>
    /// Whether file descriptor <paramref name="fd"/> is one the parent left open for writing: on Linux it is listed in
    /// /proc/self/fdinfo, open for writing, and without close-on-exec (a descriptor inherited across exec never has
    /// it; one the runtime opened after the parent closed the stream always does). Elsewhere, true.
    /// </summary>
    public static bool IsInheritedForWriting(int fd)
    {
        if (!OperatingSystem.IsLinux()) return true;
        string info = $"/proc/self/fdinfo/{fd}";
        string? line;
        try
        {
            if (!Directory.Exists("/proc/self/fdinfo")) return true;
            line = File.ReadLines(info).FirstOrDefault(l => l.StartsWith("flags:", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        if (line is null) return true;
        int flags = Convert.ToInt32(line["flags:".Length..].Trim(), 8);
        return (flags & CloseOnExec) == 0 && (flags & AccessMode) != ReadOnly;
    }

    /// <summary>The process's stdout, wrapped; closed if the parent closed it.</summary>
    public static Stream Output() =>
        new GuardedStream(IsInheritedForWriting(1) ? Console.OpenStandardOutput() : null, "stdout");

    /// <summary>The process's stderr as a writer that never throws; silent if the parent closed it.</summary>
    public static TextWriter Error() =>
        IsInheritedForWriting(2) ? new QuietWriter(new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" }) : TextWriter.Null;

    /// <summary>
    /// Writes one message line straight to file descriptor 2 (escaped and cut, as <see cref="WriteLine"/> does), not
    /// through <see cref="Console"/>'s streams, whose lock a thread blocked writing stdout may hold; silent if the
    /// parent closed stderr or it cannot be written. For the signal handler.
    /// </summary>
    public static void WriteErrorDirectly(string message)
    {
        if (!IsInheritedForWriting(2)) return;
        FileStream stream;
        try
        {
            stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(2, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return; // Nowhere left to report it.
        }
        using (stream)
        {
            WriteLine(Text(stream), message);
        }
    }

    /// <summary>A text writer over a stream, UTF-8 without a byte-order mark, lines ending in \n, flushed as it goes.</summary>
    public static TextWriter Text(Stream stream) => new StreamWriter(stream, new UTF8Encoding(false), 1 << 12, leaveOpen: true) { AutoFlush = true, NewLine = "\n" };

    /// <summary>Writes the message as one line, escaped and cut (docs/Oracle/Echo.md), ignoring a stream that cannot be written.</summary>
    public static void WriteLine(TextWriter writer, string message)
    {
        try
        {
            writer.WriteLine(ReferenceNN.Oracle.Echo.Line(message));
            writer.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // Nowhere left to report it.
        }
    }

    /// <summary>
    /// Whether an exception from writing is the environment's: an I/O error, a closed or read-only stream, or EFBIG (a
    /// file over the file system's or the process's size limit), which .NET reports as an
    /// <see cref="ArgumentOutOfRangeException"/> ("Specified file length was too large for the file system").
    /// </summary>
    public static bool IsWriteFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException or ArgumentOutOfRangeException;

    /// <summary>
    /// A write failure in the system's words, without the path .NET appends: "no space left on device", "broken pipe",
    /// "file too large" (taken from the innermost exception, which is the system's).
    /// </summary>
    public static string Reason(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        if (e is ArgumentOutOfRangeException) return "file too large (a file system's or the process's file size limit)";
        string reason = e.Message;
        int path = reason.IndexOf(" : '", StringComparison.Ordinal);
        if (path > 0) reason = reason[..path];
        reason = reason.Trim().TrimEnd('.');
        if (reason.Length > 1 && char.IsUpper(reason[0]) && char.IsLower(reason[1])) reason = char.ToLowerInvariant(reason[0]) + reason[1..];
        return reason;
    }

    /// <summary>
    /// A failure to write becomes a <see cref="StreamWriteException"/> naming the stream and the reason. With a
    /// <paramref name="gate"/>, a write after an interruption began parks instead (docs/Cli/InterruptGate.md).
    /// </summary>
    internal sealed class GuardedStream(Stream? inner, string name, InterruptGate? gate = null) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            gate?.BeforeOutput();
            if (inner is null) throw new StreamWriteException(name, "it is closed");
            try
            {
                inner.Write(buffer);
            }
            catch (Exception e) when (Failed(e))
            {
                throw Reason(e);
            }
        }

        public override void Flush()
        {
            if (inner is null) return;
            try
            {
                inner.Flush();
            }
            catch (Exception e) when (Failed(e))
            {
                throw Reason(e);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        private static bool Failed(Exception e) => IsWriteFailure(e);

        private StreamWriteException Reason(Exception e) => new(name, StandardStreams.Reason(e), e);
    }

    /// <summary>A writer whose failures are swallowed: for stderr.</summary>
    private sealed class QuietWriter : TextWriter
    {
        private readonly TextWriter inner;

        public QuietWriter(TextWriter inner)
        {
            this.inner = inner;
            CoreNewLine = ['\n'];
        }

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value) => Quietly(() => inner.Write(value));
        public override void Write(string? value) => Quietly(() => inner.Write(value));
        public override void WriteLine(string? value) => Quietly(() => inner.WriteLine(value));
        public override void Flush() => Quietly(inner.Flush);

        private static void Quietly(System.Action write)
        {
            try { write(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException) { }
        }
    }
}

using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ReferenceNN.Oracle;

/// <summary>Why an input file cannot be read, in words for a message: <c>is a named pipe (FIFO), not a regular file</c>.</summary>
internal sealed class InputFileException(string problem, Exception? inner = null) : Exception(problem, inner);

/// <summary>
/// An input file opened for reading, safely: only a regular file (links are followed), opened once — on Linux without
/// blocking, so a named pipe or a device is refused at once instead of waiting for a writer or reading forever — and
/// its size checked against a limit before a byte is read. Every problem is an <see cref="InputFileException"/> whose
/// message says what is wrong in a few words (<c>no such file</c>, <c>is a directory, not a regular file</c>,
/// <c>is 2200000128 bytes, more than the input limit of 1073741824 bytes (--max-input-size)</c>).
/// Docs: docs/Oracle/InputFile.md.
/// </summary>
internal sealed class InputFile : IDisposable
{
    private readonly SafeFileHandle _handle;

    private InputFile(SafeFileHandle handle, long length)
    {
        _handle = handle;
        Length = length;
    }

    /// <summary>The file's size when it was opened.</summary>
    public long Length { get; }

    /// <summary>Opens a regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is negative.</exception>
    /// <exception cref="InputFileException">The path is empty or holds a NUL, the file is missing, unreadable, not a regular file, or too large.</exception>
    public static InputFile Open(string path, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        CheckPath(path);
        (SafeFileHandle handle, long length) = OperatingSystem.IsLinux() && Native.Available ? OpenLinux(path) : OpenManaged(path);
        if (length > maxBytes)
        {
            handle.Dispose();
            throw new InputFileException($"is {length} bytes, more than the input limit of {maxBytes} bytes (--max-input-size)");
        }
        return new InputFile(handle, length);
    }

    /// <summary>Reads a whole regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="InputFileException">The file cannot be opened (see <see cref="Open"/>) or changed while being read.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        using InputFile file = Open(path, maxBytes);
        var bytes = new byte[file.Length];
        file.ReadExactly(0, bytes);
        file.RequireEnd(file.Length);
        return bytes;
    }

    /// <summary>Reads <paramref name="buffer"/>'s length of bytes from <paramref name="offset"/>; fewer only at the end of the file.</summary>
    /// <exception cref="InputFileException">The file cannot be read.</exception>
    public int Read(long offset, Span<byte> buffer)
    {
        int total = 0;
        try
        {
            while (total < buffer.Length)
            {
                int read = RandomAccess.Read(_handle, buffer[total..], offset + total);
                if (read == 0) break;
                total += read;
            }
        }
        catch (IOException e)
        {
            throw new InputFileException($"cannot be read ({e.Message})", e);
        }
        return total;
    }

    /// <summary>Reads exactly <paramref name="buffer"/>'s length of bytes from <paramref name="offset"/>.</summary>
    /// <exception cref="InputFileException">The file ends sooner (it shrank while being read) or cannot be read.</exception>
    public void ReadExactly(long offset, Span<byte> buffer)
    {
        if (Read(offset, buffer) < buffer.Length) throw new InputFileException("changed while being read (it is shorter than when it was opened)");
    }

    /// <summary>Checks that nothing follows <paramref name="offset"/>: the file did not grow while being read.</summary>
    /// <exception cref="InputFileException">There are more bytes.</exception>
    public void RequireEnd(long offset)
    {
        Span<byte> probe = stackalloc byte[1];
        if (Read(offset, probe) > 0) throw new InputFileException("changed while being read (it is longer than when it was opened)");
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _handle.Dispose();

    /// <summary>Refuses an empty path and a path holding a NUL character, which no file can have.</summary>
    /// <exception cref="InputFileException">The path is empty or holds a NUL.</exception>
    internal static void CheckPath(string path)
    {
        if (path.Length == 0) throw new InputFileException("the path is empty");
        if (path.Contains('\0', StringComparison.Ordinal)) throw new InputFileException("the path holds a NUL character");
    }

    private static (SafeFileHandle, long) OpenLinux(string path)
    {
        int fd;
        do
        {
            fd = Native.Open(path, Native.ReadOnly | Native.NonBlocking | Native.NoControllingTerminal | Native.CloseOnExec);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == Native.Interrupted);
        if (fd < 0) throw new InputFileException(OpenError(Marshal.GetLastPInvokeError()));
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            (int type, long length) = Native.Status(fd);
            if (Problem(type) is { } problem) throw new InputFileException(problem);
            return (handle, length);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What kind of special file is at <paramref name="path"/> itself (a link is not followed), in words —
    /// <c>is a named pipe (FIFO), not a regular file</c> — or null for a regular file, a link, a folder, nothing, or
    /// where the system cannot tell (elsewhere than Linux).
    /// </summary>
    internal static string? SpecialKind(string path)
    {
        if (!OperatingSystem.IsLinux() || !Native.Available) return null;
        int type = Native.TypeAt(path);
        return type is Native.Fifo or Native.CharacterDevice or Native.BlockDevice or Native.Socket ? Problem(type) : null;
    }

    private static string? Problem(int type) => type switch
    {
        Native.Regular => null,
        Native.Directory => "is a directory, not a regular file",
        Native.Fifo => "is a named pipe (FIFO), not a regular file",
        Native.CharacterDevice => "is a character device, not a regular file",
        Native.BlockDevice => "is a block device, not a regular file",
        Native.Socket => "is a socket, not a regular file",
        _ => "is not a regular file",
    };

    private static string OpenError(int errno) => errno switch
    {
        Native.NoEntry or Native.NotDirectory => "no such file",
        Native.Access or Native.Permission => "cannot be read (permission denied)",
        Native.Loop => "cannot be read (too many levels of symbolic links)",
        Native.NameTooLong => "cannot be read (the path is too long)",
        _ => $"cannot be read ({Marshal.GetPInvokeErrorMessage(errno)})",
    };

    /// <summary>Elsewhere than Linux: .NET's own open, which refuses a directory but cannot tell a pipe or a device without blocking.</summary>
    private static (SafeFileHandle, long) OpenManaged(string path)
    {
        if (Directory.Exists(path)) throw new InputFileException("is a directory, not a regular file");
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputFileException("no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException($"cannot be read ({e.Message})", e);
        }
        try
        {
            return (handle, RandomAccess.GetLength(handle));
        }
        catch (Exception e) when (e is IOException or NotSupportedException)
        {
            handle.Dispose();
            throw new InputFileException("is not a regular file", e);
        }
    }

    /// <summary>
    /// The few system calls .NET does not offer: <c>open</c> with O_NONBLOCK (and O_NOCTTY, so a terminal never becomes this process's) and <c>statx</c> for the file type (its
    /// structure has the same layout on every Linux architecture). The flag values are those of every architecture
    /// .NET runs Linux on.
    /// </summary>
    private static class Native
    {
        public const int ReadOnly = 0, NoControllingTerminal = 0x100, NonBlocking = 0x800, CloseOnExec = 0x80000;
        public const int Permission = 1, NoEntry = 2, Interrupted = 4, Access = 13, NotDirectory = 20, NameTooLong = 36, Loop = 40;
        public const int Fifo = 0x1000, CharacterDevice = 0x2000, Directory = 0x4000, BlockDevice = 0x6000, Regular = 0x8000, Socket = 0xC000;
        private const int EmptyPath = 0x1000, NoFollow = 0x100, CurrentFolder = -100;
        private const uint TypeAndSize = 0x1 | 0x200;

        /// <summary>Whether libc has statx (glibc 2.28 and later, musl 1.2.5 and later).</summary>
        public static bool Available { get; } = Probe();

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

        /// <summary>The file type (S_IFMT bits) and size of an open file.</summary>
        public static (int Type, long Length) Status(int fd)
        {
            var buffer = new byte[256];
            if (Statx(fd, "", EmptyPath, TypeAndSize, buffer) != 0)
            {
                throw new InputFileException($"cannot be read ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})");
            }
            int mode = BitConverter.ToUInt16(buffer, 28);
            return (mode & 0xF000, BitConverter.ToInt64(buffer, 40));
        }

        /// <summary>The type (S_IFMT bits) of what is at a path, the path's last link not followed; 0 if nothing is there.</summary>
        public static int TypeAt(string path)
        {
            var buffer = new byte[256];
            return Statx(CurrentFolder, path, NoFollow, TypeAndSize, buffer) == 0 ? BitConverter.ToUInt16(buffer, 28) & 0xF000 : 0;
        }

        private static bool Probe()
        {
            try
            {
                return Statx(-100, "/", 0, TypeAndSize, new byte[256]) == 0;
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                return false;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ReferenceNN.Oracle;

/// <summary>An output path that cannot be used, with the reason in a few words (<c>the path is empty</c>, <c>no such folder: /x</c>).</summary>
public sealed class OutputPathException(string problem, Exception? inner = null) : IOException(problem, inner);

/// <summary>
/// Temporary files and folders refnn is writing, so that an interrupted run (Ctrl-C, SIGTERM) can remove them and
/// leave only what was there before. A path is registered and created under one lock, which the process-wide
/// <see cref="DeleteAll"/> also takes: it deletes either nothing of a creation or all of it, and once it has run no
/// new temporary can be created. Docs: docs/Oracle/AtomicOutput.md.
/// </summary>
internal sealed class TemporaryPaths
{
    /// <summary>The process's own list, which refnn's signal handler deletes (tests make lists of their own).</summary>
    public static TemporaryPaths Process { get; } = new();

    private readonly object _sync = new();
    private readonly Dictionary<string, bool> _paths = new(StringComparer.Ordinal);
    private bool _closed;
    private int _committed;

    /// <summary>How many registered paths are in <paramref name="folder"/> (for tests, which run side by side).</summary>
    public int Count(string folder)
    {
        lock (_sync) return _paths.Keys.Count(p => string.Equals(Path.GetDirectoryName(p), folder, StringComparison.Ordinal));
    }

    /// <summary>
    /// Registers <paramref name="path"/> and runs <paramref name="create"/>, which creates it, under the lock; if
    /// <paramref name="create"/> throws, the path is unregistered and the exception goes on.
    /// </summary>
    /// <exception cref="OutputPathException">The process is being interrupted: no temporary may be created any more.</exception>
    public T Create<T>(string path, bool isFolder, Func<T> create)
    {
        lock (_sync)
        {
            if (_closed) throw new OutputPathException("refnn is being interrupted");
            _paths[path] = isFolder;
            try
            {
                return create();
            }
            catch
            {
                _paths.Remove(path);
                throw;
            }
        }
    }

    /// <summary>Forgets <paramref name="path"/> (it was committed or deleted).</summary>
    public void Remove(string path)
    {
        lock (_sync) _paths.Remove(path);
    }

    /// <summary>How many outputs this process has committed (renamed into place).</summary>
    public int Committed
    {
        get { lock (_sync) return _committed; }
    }

    /// <summary>
    /// Runs a commit's renames under the lock, so that the process-wide <see cref="DeleteAll"/> comes wholly before
    /// them (and they fail, the temporary being gone) or wholly after them, and counts it in <see cref="Committed"/>.
    /// </summary>
    /// <exception cref="OutputPathException">The process is being interrupted.</exception>
    public void Commit(Action renames)
    {
        lock (_sync)
        {
            if (_closed) throw new OutputPathException("refnn is being interrupted");
            renames();
            _committed++;
        }
    }

    /// <summary>
    /// Deletes every registered path (or only those <paramref name="where"/> picks, for tests, which leaves creation
    /// open), as far as it can; never throws. A folder is first renamed to a fresh name, so that a file the command
    /// creates in it afterwards fails for want of the folder; one whose lookup came just before the rename may land
    /// after the delete's listing, and the delete is retried (up to five times) until the folder is gone.
    /// </summary>
    public void DeleteAll(Func<string, bool>? where = null)
    {
        lock (_sync)
        {
            if (where is null) _closed = true;
            foreach ((string path, bool isFolder) in _paths.ToArray())
            {
                if (where is not null && !where(path)) continue;
                try
                {
                    if (isFolder) DeleteFolder(path);
                    else File.Delete(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Best effort: the process is ending.
                }
                _paths.Remove(path);
            }
        }
    }

    private static void DeleteFolder(string path)
    {
        string away = Path.Combine(Path.GetDirectoryName(path)!, NewName());
        try
        {
            Directory.Move(path, away);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            away = path;
        }
        // A creation whose path lookup came before the rename may still land in the folder after the listing, and
        // the delete then fails on a non-empty folder; no later lookup can reach the new name, so retries converge.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(away, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5 && Directory.Exists(away))
            {
                System.Threading.Thread.Sleep(1);
            }
        }
    }

    /// <summary>A name no one can guess: a dot (hidden), refnn, 128 random bits.</summary>
    public static string NewName() => $".refnn-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}.tmp";
}

/// <summary>
/// One output file written whole or not at all: <see cref="Create"/> checks the path and creates a temporary file
/// beside it — exclusively (O_CREAT|O_EXCL, which never follows a link) under a name no one can guess — before any
/// work is done; <see cref="Commit"/> flushes it to disk and renames it over the path, atomically; disposing without
/// committing deletes it. A reader of the path sees the old file or the new one, never part of one.
/// Docs: docs/Oracle/AtomicOutput.md.
/// </summary>
internal sealed class OutputFile : IDisposable
{
    private readonly FileStream _stream;
    private bool _done;

    private OutputFile(string target, string temporary, FileStream stream)
    {
        Target = target;
        Temporary = temporary;
        _stream = stream;
    }

    /// <summary>The path to write, in full.</summary>
    public string Target { get; }

    /// <summary>The temporary file beside it.</summary>
    public string Temporary { get; }

    /// <summary>Where to write the content.</summary>
    public Stream Stream => _stream;

    /// <summary>Checks <paramref name="path"/> and creates the temporary file in its folder.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="OutputPathException">The path is empty, holds a NUL, names a folder, or its folder is missing or not writable.</exception>
    public static OutputFile Create(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = OutputFolder.FullPath(path);
        if (path.EndsWith('/') || Directory.Exists(full)) throw new OutputPathException("is a folder, not a file");
        // A device or a pipe at the path is never replaced by a file (a link is: the link, not what it points to).
        if (InputFile.SpecialKind(full) is { } special) throw new OutputPathException(special);
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new OutputPathException($"no such folder: {Echo.Value(folder)}");
        string temporary = Path.Combine(folder, TemporaryPaths.NewName());
        try
        {
            FileStream stream = TemporaryPaths.Process.Create(temporary, isFolder: false,
                () => new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
            return new OutputFile(full, temporary, stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not OutputPathException)
        {
            throw new OutputPathException($"cannot write in {Echo.Value(folder)} ({e.Message})", e);
        }
    }

    /// <summary>Flushes the content to disk and renames the temporary file over the target.</summary>
    /// <exception cref="OutputPathException">The file cannot be written or renamed.</exception>
    public void Commit()
    {
        try
        {
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            TemporaryPaths.Process.Commit(() =>
            {
                File.Move(Temporary, Target, overwrite: true);
                _done = true;
                TemporaryPaths.Process.Remove(Temporary);
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not OutputPathException)
        {
            throw new OutputPathException($"cannot write ({e.Message})", e);
        }
    }

    /// <summary>Deletes the temporary file unless it was committed.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        if (_done) return;
        try { File.Delete(Temporary); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        TemporaryPaths.Process.Remove(Temporary);
    }
}

/// <summary>
/// A folder of output files replaced whole: <see cref="Create"/> checks the folder — it may be new, empty, or hold
/// only files named as refnn names its outputs (so a folder of anything else, or holding an input of the case, is
/// never replaced) — and creates a temporary folder beside it before any work is done; files are written into that
/// folder exclusively; <see cref="Commit"/> swaps it in (on Linux in one step, renameat2 with RENAME_EXCHANGE) and
/// deletes the old set, stale files included. A reader sees the old set or the new set, never a mix; an error or an
/// interruption leaves the old set. Docs: docs/Oracle/AtomicOutput.md.
/// </summary>
internal sealed partial class OutputFolder : IDisposable
{
    private bool _done;

    private OutputFolder(string target, string temporary)
    {
        Target = target;
        Temporary = temporary;
    }

    /// <summary>The folder to replace, in full.</summary>
    public string Target { get; }

    /// <summary>The temporary folder beside it, where the new set is written.</summary>
    public string Temporary { get; }

    [GeneratedRegex(@"^((output|loss|inputGradient|epochErrors)|layers\.\d+\.(weightsGradient|biasGradient)|network\.\d+\.(weights|bias))\.npy$")]
    private static partial Regex OwnName();

    /// <summary>Whether refnn writes files of this name (<c>output.npy</c>, <c>layers.2.biasGradient.npy</c>, …).</summary>
    public static bool IsOwnName(string name) => OwnName().IsMatch(name);

    /// <summary>The longest name of one file or folder on common file systems (NAME_MAX), in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>
    /// A path made full, after refusing an empty one, one holding a NUL, and one with a name longer than
    /// <see cref="MaxNameBytes"/> — which could otherwise be found only when the output is renamed into place, after the work.
    /// </summary>
    /// <exception cref="OutputPathException">The path is empty, holds a NUL, or has a name too long.</exception>
    internal static string FullPath(string path)
    {
        if (path.Length == 0) throw new OutputPathException("the path is empty");
        if (path.Contains('\0', StringComparison.Ordinal)) throw new OutputPathException("the path holds a NUL character");
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        foreach (string name in full.Split(Path.DirectorySeparatorChar))
        {
            int bytes = System.Text.Encoding.UTF8.GetByteCount(name);
            if (bytes > MaxNameBytes) throw new OutputPathException($"a name in the path is {bytes} bytes long, more than file systems allow ({MaxNameBytes})");
        }
        return full;
    }

    /// <summary>Checks the folder and creates the temporary one beside it (creating missing parent folders).</summary>
    /// <param name="path">The folder to write.</param>
    /// <param name="inputs">Files the command reads: a folder holding one of them is never replaced.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OutputPathException">The folder cannot be used, with the reason.</exception>
    public static OutputFolder Create(string path, params string[] inputs)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(inputs);
        string full = FullPath(path);
        string? parent = Path.GetDirectoryName(full);
        if (parent is null) throw new OutputPathException("is the root folder");
        if (File.Exists(full)) throw new OutputPathException("is a file, not a folder");
        if (Directory.Exists(full))
        {
            var info = new DirectoryInfo(full);
            if (info.LinkTarget is not null) throw new OutputPathException("is a symbolic link; give the folder itself");
            foreach (FileSystemInfo entry in info.EnumerateFileSystemInfos())
            {
                bool regular = (entry.Attributes & (FileAttributes.Directory | FileAttributes.ReparsePoint)) == 0;
                if (!regular || !IsOwnName(entry.Name))
                {
                    throw new OutputPathException($"holds {Echo.Quote(entry.Name)}, which refnn does not write; give a new or empty folder, or one refnn wrote");
                }
            }
        }
        string temporary = Path.Combine(parent, TemporaryPaths.NewName());
        try
        {
            Directory.CreateDirectory(parent);
            DirectoryInfo created = TemporaryPaths.Process.Create(temporary, isFolder: true, () => Directory.CreateDirectory(temporary));
            if (created.LinkTarget is not null || created.EnumerateFileSystemInfos().Any())
            {
                TemporaryPaths.Process.Remove(temporary);
                throw new OutputPathException($"the temporary folder {Echo.Value(temporary)} was not new");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not OutputPathException)
        {
            throw new OutputPathException($"cannot write in {Echo.Value(parent)} ({e.Message})", e);
        }
        var folder = new OutputFolder(full, temporary);
        try
        {
            folder.RejectInputs(inputs);
        }
        catch (OutputPathException)
        {
            folder.Dispose();
            throw;
        }
        return folder;
    }

    /// <summary>Refuses to replace a folder that holds one of <paramref name="inputs"/> (files the command has read).</summary>
    /// <exception cref="OutputPathException">The folder holds one of them.</exception>
    public void RejectInputs(System.Collections.Generic.IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (string input in inputs)
        {
            string inputFull = Path.GetFullPath(input);
            if (string.Equals(Path.GetDirectoryName(inputFull), Target, StringComparison.Ordinal))
            {
                throw new OutputPathException($"holds {Echo.Quote(Path.GetFileName(inputFull))}, which this command reads");
            }
        }
    }

    /// <summary>Creates a new file in the temporary folder (exclusively: never an existing file, never through a link).</summary>
    /// <exception cref="OutputPathException">The file cannot be created.</exception>
    public Stream CreateFile(string name)
    {
        try
        {
            return new FileStream(Path.Combine(Temporary, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputPathException($"cannot write {Echo.Value(name)} ({e.Message})", e);
        }
    }

    /// <summary>Writes one file whole into the temporary folder, flushed to disk.</summary>
    /// <exception cref="OutputPathException">The file cannot be written.</exception>
    public void WriteFile(string name, Action<Stream> write)
    {
        using Stream stream = CreateFile(name);
        try
        {
            write(stream);
            ((FileStream)stream).Flush(flushToDisk: true);
        }
        catch (IOException e) when (e is not OutputPathException)
        {
            throw new OutputPathException($"cannot write {Echo.Value(name)} ({e.Message})", e);
        }
    }

    /// <summary>Swaps the new set in and deletes the old one.</summary>
    /// <exception cref="OutputPathException">The swap fails (the old set is then left as it was).</exception>
    public void Commit()
    {
        try
        {
            string? old = null;
            TemporaryPaths.Process.Commit(() =>
            {
                if (!Directory.Exists(Target))
                {
                    Directory.Move(Temporary, Target);
                    TemporaryPaths.Process.Remove(Temporary);
                }
                else if (Native.Exchange(Temporary, Target))
                {
                    // The temporary name now holds the old set, still registered: an interruption deletes it.
                    old = Temporary;
                }
                else
                {
                    // Two renames: for a moment there is no folder at all (never a mixed one); both happen under
                    // the lock, so an interruption comes before them or after them. The old set is registered
                    // once the new one is in place.
                    old = Path.Combine(Path.GetDirectoryName(Target)!, TemporaryPaths.NewName());
                    Directory.Move(Target, old);
                    try
                    {
                        Directory.Move(Temporary, Target);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        Directory.Move(old, Target);
                        throw;
                    }
                    TemporaryPaths.Process.Remove(Temporary);
                    TemporaryPaths.Process.Create(old, isFolder: true, () => old);
                }
                _done = true;
            });
            if (old is null) return;
            DeleteOldSet(old);
            TemporaryPaths.Process.Remove(old);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not OutputPathException)
        {
            throw new OutputPathException($"cannot replace the folder ({e.Message})", e);
        }
    }

    /// <summary>Deletes the temporary folder unless it was committed.</summary>
    public void Dispose()
    {
        if (_done) return;
        try { Directory.Delete(Temporary, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        TemporaryPaths.Process.Remove(Temporary);
    }

    /// <summary>Deletes refnn's own files from the old folder, then the folder; anything else put there meanwhile is left.</summary>
    private static void DeleteOldSet(string old)
    {
        try
        {
            foreach (FileInfo file in new DirectoryInfo(old).EnumerateFiles())
            {
                if (IsOwnName(file.Name) && (file.Attributes & FileAttributes.ReparsePoint) == 0) file.Delete();
            }
            Directory.Delete(old);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The new set is in place; an old folder someone added to is left for them.
        }
    }

    private static class Native
    {
        private const int CurrentFolder = -100;
        private const uint RenameExchange = 2;

        [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
        private static extern int RenameAt2(int oldFolder, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
            int newFolder, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

        /// <summary>Exchanges two paths in one step; false where the system or the file system cannot.</summary>
        public static bool Exchange(string a, string b)
        {
            if (!OperatingSystem.IsLinux()) return false;
            try
            {
                return RenameAt2(CurrentFolder, a, CurrentFolder, b, RenameExchange) == 0;
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                return false;
            }
        }
    }
}

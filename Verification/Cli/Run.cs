using System.IO;
using System.Text;
using ReferenceNN.Cli;

namespace ReferenceNN.Verification.Cli;

/// <summary>Runs refnn in-process and captures what it prints.</summary>
public sealed record Run(int ExitCode, string Stdout, string Stderr)
{
    public static Run Refnn(params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter { NewLine = "\n" };
        int code = Commands.Run(args, stdout, stderr);
        return new Run(code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }
}

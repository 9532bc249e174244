using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ReferenceNN.Verification.Cli;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification;

/// <summary>What README.md shows is what the commands print today.</summary>
public class ReadmeTests
{
    private static string Readme => File.ReadAllText(Repository.PathOf("README.md"));

    [Fact]
    public void XorOutputBlock_IsWhatRefnnXorPrints()
    {
        Match block = Regex.Match(Readme, @"prints, in the article's format:\n\n```\n(?<lines>.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "README has no XOR output block");
        string[] shown = block.Groups["lines"].Value.TrimEnd('\n').Split('\n');
        string[] printed = Run.Refnn("xor").Stdout.TrimEnd('\n').Split('\n');
        // The block shows the first lines, "...", and the last lines: each shown line must be printed, in order.
        int next = 0;
        foreach (string line in shown.Where(l => l != "..."))
        {
            int found = Array.IndexOf(printed, line, next);
            Assert.True(found >= 0, $"README shows \"{line}\", which refnn xor does not print (after line {next})");
            next = found + 1;
        }
        Assert.Equal(printed[^1], shown[^1]);
        Assert.Equal(printed[0], shown[0]);
    }

    [Fact]
    public void QuickStart_HasExactlyTheTwoCommands()
    {
        Match block = Regex.Match(Readme, @"## Quick start.*?```sh\n(?<commands>.*?)```", RegexOptions.Singleline);
        string[] commands = block.Groups["commands"].Value.TrimEnd('\n').Split('\n');
        Assert.Equal(2, commands.Length);
        Assert.StartsWith("dotnet run --project Reference/Cli -c Release -- xor", commands[0]);
        Assert.StartsWith("dotnet test ReferenceNN.sln -c Release", commands[1]);
        Assert.Contains("dotnet test ReferenceNN.sln -c Release", File.ReadAllText(Repository.PathOf(".ci/run")));
    }
}

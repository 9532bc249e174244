using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ReferenceNN.Oracle;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification.Conformance;

/// <summary>
/// The conformance vectors: every committed *.case.json has its *.result.json (and *.trained.json when it trains),
/// as this build computes them. A changed number fails here, so any change of result is a visible diff. To accept a
/// deliberate change, run bash Verification/accept-golden.sh after the failing run (see <see cref="Golden"/>) and
/// commit the rewritten files.
/// The "producer" line is not compared, so a version bump alone changes nothing.
/// </summary>
public class ConformanceTests
{
    private static string Folder => Repository.PathOf("Verification/Conformance");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Folder, "*.case.json").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Result_IsTheCommittedOne(string caseFile)
    {
        OracleCase oracleCase = CaseFile.Load(Path.Combine(Folder, caseFile));
        AssertCommitted(caseFile.Replace(".case.json", ".result.json"), ResultFile.Write(OracleResult.Compute(oracleCase)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Trained_IsTheCommittedOne(string caseFile)
    {
        OracleCase oracleCase = CaseFile.Load(Path.Combine(Folder, caseFile));
        string trainedFile = caseFile.Replace(".case.json", ".trained.json");
        if (oracleCase.Train is not { } train)
        {
            Assert.False(File.Exists(Path.Combine(Folder, trainedFile)), $"{trainedFile} exists but its case has no train section");
            return;
        }
        double[] errors = oracleCase.Network.Fit(train.Inputs, train.Targets, train.Epochs, train.LearningRate);
        AssertCommitted(trainedFile, ResultFile.WriteTrained(oracleCase, errors));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_PassesTheVerificationCoreWithoutKinks(string caseFile)
    {
        CaseGradCheck check = CaseGradCheck.Run(CaseFile.Load(Path.Combine(Folder, caseFile)));
        Assert.True(check.Passed, check.ToString());
        Assert.Empty(check.Notes);
    }

    [Fact]
    public void Vectors_CoverEveryLayerLossAndActivation()
    {
        var types = new HashSet<string>();
        var losses = new HashSet<string>();
        var functions = new HashSet<string>();
        foreach (string file in Directory.EnumerateFiles(Folder, "*.case.json"))
        {
            OracleCase oracleCase = CaseFile.Load(file);
            losses.Add(oracleCase.Loss.Name);
            foreach (CaseLayer layer in oracleCase.Layers)
            {
                types.Add(layer.Type);
                if (layer.Layer is ReferenceNN.Layers.ActivationLayer a) functions.Add(a.Activation.Name);
            }
        }
        Assert.Equal(["activation", "conv", "dense", "dropout", "flatten", "maxpool", "softmax"], types.Order());
        Assert.Equal(["binary_cross_entropy", "cross_entropy", "mse"], losses.Order());
        Assert.Equal(["leaky_relu", "relu", "sigmoid", "softplus", "tanh"], functions.Order());
    }

    private static void AssertCommitted(string name, string actual) =>
        Golden.AssertMatches($"Verification/Conformance/{name}", actual, WithoutProducer);

    private static string WithoutProducer(string json) => Regex.Replace(json, @"^\s*""producer"": ""[^""]*"",\n", "", RegexOptions.Multiline);
}

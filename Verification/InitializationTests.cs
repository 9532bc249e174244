using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ReferenceNN.Cli.Examples;
using ReferenceNN.Layers;
using ReferenceNN.Networks;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification;

public class InitializationTests
{
    [Fact]
    public void Uniform_IsNextDoubleMinusHalfInRowMajorOrder()
    {
        var tensor = new Tensor(new Shape(3, 4));
        Initialization.Uniform(tensor, new Rng(3));
        var random = new Rng(3);
        foreach (double value in tensor.Span)
        {
            Assert.Equal(random.NextDouble() - 0.5, value);
            Assert.InRange(value, -0.5, 0.5);
        }
    }

    [Fact]
    public void Uniform_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => Initialization.Uniform(null!, new Rng(1)));
        Assert.Throws<ArgumentNullException>(() => Initialization.Uniform(Tensor.Row(1), null!));
    }

    /// <summary>
    /// The SHA-256 of the initial weights of refnn xor and of both MNIST networks (seed 1), as little-endian doubles in
    /// the order they are drawn. Verification/initial_weights.py computes the same hashes with NumPy alone from the
    /// documented generator (CI runs it), so equal hashes there prove the NumPy function reproduces them bit for bit.
    /// </summary>
    [Fact]
    public void InitialWeights_HashesAreTheCommittedOnes()
    {
        var text = new StringBuilder();
        foreach ((string name, Network network) in new[]
                 {
                     ("xor", Xor.Build(Xor.DefaultSeed)),
                     ("mnist-fc", Mnist.FullyConnectedNetwork(new SplitMix64(1))),
                     ("mnist-conv", Mnist.ConvolutionalNetwork(new SplitMix64(1))),
                 })
        {
            var bytes = new List<byte>();
            foreach (Layer layer in network.Layers)
            {
                foreach (Parameter parameter in layer.Parameters)
                {
                    foreach (double value in parameter.Value.Span) bytes.AddRange(BitConverter.GetBytes(value));
                }
            }
            text.Append(CultureInfo.InvariantCulture, $"{name} {Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()))}\n");
        }
        Assert.True(BitConverter.IsLittleEndian);
        Golden.AssertMatches("Verification/initial-weights.sha256", text.ToString());
    }
}

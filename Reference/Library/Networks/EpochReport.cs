using System.Globalization;

namespace ReferenceNN.Networks;

/// <summary>What <see cref="Network.Fit"/> reports after each epoch: its number (from 1), the total, and the mean error over the samples.</summary>
/// <param name="Epoch">The epoch just finished, counted from 1.</param>
/// <param name="Epochs">The number of epochs in the run.</param>
/// <param name="Error">The mean of the loss over the epoch's samples, each taken before that sample's update (the article's <c>err /= samples</c>).</param>
public readonly record struct EpochReport(int Epoch, int Epochs, double Error)
{
    /// <summary>The article's line, <c>epoch 1/1000   error=0.322980</c> (Python's <c>%f</c>: six decimals).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"epoch {Epoch}/{Epochs}   error={Error:F6}");
}

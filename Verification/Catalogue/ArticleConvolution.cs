using ReferenceNN.Verification.Support;
using System;
using System.Collections.Generic;
using ReferenceNN.Layers;

namespace ReferenceNN.Verification.Catalogue;

/// <summary>
/// The article's ConvLayer exactly as its Python is written, kept here (never in Reference/) to prove the errata.
/// It differs from <see cref="Convolution"/> in two places:
/// Forward adds <c>bias[k]</c> inside the loop over input channels, so the effective bias is d·b_k;
/// Backward sets <c>dBias[k] = layer_depth · Σ output_error[:,:,k]</c>, whose true value for this forward is d·Σ.
/// Its weights gradient and input gradient are the article's and are correct.
/// </summary>
public sealed class ArticleConvolution : Layer
{
    private readonly Convolution _shapes;
    private readonly Parameter[] _parameters;

    public ArticleConvolution(Shape inputShape, int kernelHeight, int kernelWidth, int layerDepth, Rng random)
        : this(new Convolution(inputShape, kernelHeight, kernelWidth, layerDepth, random)) { }

    private ArticleConvolution(Convolution shapes) : base(shapes.InputShape, shapes.OutputShape)
    {
        _shapes = shapes;
        _parameters = [new Parameter("weights", shapes.Weights.Clone()), new Parameter("bias", shapes.Bias.Clone())];
    }

    public override string Name => "ArticleConvolution";

    public override IReadOnlyList<Parameter> Parameters => _parameters;

    public Tensor Bias => _parameters[1].Value;

    public Tensor BiasError => _parameters[1].Error;

    private int M => _shapes.Weights.Shape[0];
    private int N => _shapes.Weights.Shape[1];
    private int D => _shapes.Weights.Shape[2];
    private int K => _shapes.Weights.Shape[3];

    // for k: for d: output[:,:,k] += correlate2d(input[:,:,d], weights[:,:,d,k], 'valid') + bias[k]
    protected override void ForwardCore(Tensor input, Tensor output)
    {
        int outHeight = OutputShape[0], outWidth = OutputShape[1];
        Tensor w = _parameters[0].Value;
        output.Span.Clear();
        for (int k = 0; k < K; k++)
        for (int d = 0; d < D; d++)
        for (int p = 0; p < outHeight; p++)
        for (int q = 0; q < outWidth; q++)
        {
            double correlation = 0;
            for (int a = 0; a < M; a++)
            for (int b = 0; b < N; b++)
            {
                correlation += input[p + a, q + b, d] * w[a, b, d, k];
            }
            output[p, q, k] += correlation + Bias.Span[k];
        }
    }

    // in_error[:,:,d] += convolve2d(output_error[:,:,k], weights[:,:,d,k], 'full')
    // dWeights[:,:,d,k] = correlate2d(input[:,:,d], output_error[:,:,k], 'valid')
    // dBias[k] = layer_depth * np.sum(output_error[:,:,k])
    protected override void BackwardCore(Tensor outputError, Tensor inputError)
    {
        int height = InputShape[0], width = InputShape[1], outHeight = OutputShape[0], outWidth = OutputShape[1];
        Tensor w = _parameters[0].Value, dw = _parameters[0].Error;
        inputError.Span.Clear();
        for (int k = 0; k < K; k++)
        {
            for (int d = 0; d < D; d++)
            {
                for (int r = 0; r < height; r++)
                for (int s = 0; s < width; s++)
                for (int a = 0; a < M; a++)
                for (int b = 0; b < N; b++)
                {
                    if (r - a >= 0 && r - a < outHeight && s - b >= 0 && s - b < outWidth)
                    {
                        inputError[r, s, d] += outputError[r - a, s - b, k] * w[a, b, d, k];
                    }
                }
                for (int a = 0; a < M; a++)
                for (int b = 0; b < N; b++)
                {
                    double sum = 0;
                    for (int p = 0; p < outHeight; p++)
                    for (int q = 0; q < outWidth; q++)
                    {
                        sum += Input[p + a, q + b, d] * outputError[p, q, k];
                    }
                    dw[a, b, d, k] = sum;
                }
            }
            double total = 0;
            for (int p = 0; p < outHeight; p++)
            for (int q = 0; q < outWidth; q++)
            {
                total += outputError[p, q, k];
            }
            BiasError.Span[k] = K * total;
        }
    }
}

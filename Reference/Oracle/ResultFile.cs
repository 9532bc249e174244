using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using ReferenceNN.Layers;

namespace ReferenceNN.Oracle;

/// <summary>
/// The oracle's output files: <c>referencenn/result@1</c> (what <c>refnn grad</c> prints, and what <c>refnn check</c>
/// reads from another implementation) and <c>referencenn/trained@1</c> (what <c>refnn train</c> prints). Every file
/// carries <c>"producer": "ReferenceNN x.y.z"</c>. Numbers round-trip exactly. Docs: docs/Oracle.md.
/// </summary>
public static class ResultFile
{
    /// <summary>The result format.</summary>
    public const string Format = "referencenn/result@1";

    /// <summary>The trained-network format.</summary>
    public const string TrainedFormat = "referencenn/trained@1";

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The result as JSON text, ending with a newline.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string Write(OracleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        Write(result, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Writes the result as JSON, ending with a newline, to <paramref name="stream"/> as it goes: the text is flushed in
    /// pieces of about <see cref="JsonTensor.FlushBytes"/> bytes, never built whole in memory.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The stream cannot be written.</exception>
    public static void Write(OracleResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        Json(stream, writer =>
        {
            writer.WriteString("format", Format);
            writer.WriteString("producer", Producer.Name);
            writer.WritePropertyName("output");
            JsonTensor.Write(writer, result.Output);
            writer.WritePropertyName("loss");
            JsonTensor.WriteNumber(writer, result.Loss);
            writer.WritePropertyName("inputGradient");
            JsonTensor.Write(writer, result.InputGradient);
            writer.WriteStartArray("layers");
            foreach (LayerGradients layer in result.Layers)
            {
                writer.WriteStartObject();
                writer.WriteString("type", layer.Type);
                if (layer.WeightsGradient is not null)
                {
                    writer.WritePropertyName("weightsGradient");
                    JsonTensor.Write(writer, layer.WeightsGradient);
                }
                if (layer.BiasGradient is not null)
                {
                    writer.WritePropertyName("biasGradient");
                    JsonTensor.Write(writer, layer.BiasGradient);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }

    /// <summary>The trained network in case format, after the epochs, as JSON text ending with a newline.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string WriteTrained(OracleCase oracleCase, double[] epochErrors)
    {
        ArgumentNullException.ThrowIfNull(oracleCase);
        ArgumentNullException.ThrowIfNull(epochErrors);
        using var buffer = new MemoryStream();
        WriteTrained(oracleCase, epochErrors, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Writes <c>referencenn/trained@1</c> JSON to <paramref name="stream"/> as it goes: each epoch error as
    /// <paramref name="epochErrors"/> yields it — so training can run inside the enumeration, streaming its errors
    /// instead of holding them — then the network in case format, as it is once the enumeration has ended.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IOException">The stream cannot be written.</exception>
    public static void WriteTrained(OracleCase oracleCase, IEnumerable<double> epochErrors, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(oracleCase);
        ArgumentNullException.ThrowIfNull(epochErrors);
        ArgumentNullException.ThrowIfNull(stream);
        Json(stream, writer =>
        {
            writer.WriteString("format", TrainedFormat);
            writer.WriteString("producer", Producer.Name);
            writer.WriteStartArray("epochErrors");
            foreach (double error in epochErrors)
            {
                JsonTensor.WriteNumber(writer, error);
                JsonTensor.FlushIfFull(writer);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("network");
            foreach (CaseLayer layer in oracleCase.Layers) WriteLayer(writer, layer);
            writer.WriteEndArray();
        });
    }

    /// <summary>Every tensor of a result as <c>name → tensor</c>, in the names of the file and of <c>--npy</c>.</summary>
    internal static IEnumerable<(string Name, Tensor Tensor)> Tensors(OracleResult result)
    {
        yield return ("output", result.Output);
        yield return ("loss", new Tensor(new Shape(1), [result.Loss]));
        yield return ("inputGradient", result.InputGradient);
        for (int n = 0; n < result.Layers.Count; n++)
        {
            if (result.Layers[n].WeightsGradient is { } w) yield return ($"layers[{n}].weightsGradient", w);
            if (result.Layers[n].BiasGradient is { } b) yield return ($"layers[{n}].biasGradient", b);
        }
    }

    /// <summary>
    /// Writes each tensor of a result as <c>DIR/name.npy</c> (<c>layers[2].weightsGradient</c> becomes
    /// <c>layers.2.weightsGradient.npy</c>; the loss is a zero-axis array). The set is written into a new temporary
    /// folder and swapped in whole (docs/Oracle/AtomicOutput.md): a reader sees the old set or the new one.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OutputPathException">The folder cannot be used (it holds files refnn does not write, say) or written.</exception>
    public static void WriteNpy(OracleResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(directory);
        using OutputFolder folder = OutputFolder.Create(directory);
        WriteNpy(result, folder);
        folder.Commit();
    }

    /// <summary>Writes the result's tensors into a prepared output folder, which the caller commits.</summary>
    internal static void WriteNpy(OracleResult result, OutputFolder folder)
    {
        foreach ((string name, Tensor tensor) in Tensors(result))
        {
            if (name == "loss") folder.WriteFile(NpyName(name), stream => Npy.WriteScalar(result.Loss, stream));
            else folder.WriteFile(NpyName(name), stream => Npy.Write(tensor, stream));
        }
    }

    /// <summary>
    /// Writes <c>epochErrors.npy</c> and each layer's <c>network.N.weights.npy</c> and <c>network.N.bias.npy</c>, as
    /// one set swapped in whole, as <see cref="WriteNpy(OracleResult, string)"/> does.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OutputPathException">The folder cannot be used or written.</exception>
    public static void WriteTrainedNpy(OracleCase oracleCase, double[] epochErrors, string directory)
    {
        ArgumentNullException.ThrowIfNull(oracleCase);
        ArgumentNullException.ThrowIfNull(epochErrors);
        ArgumentNullException.ThrowIfNull(directory);
        using OutputFolder folder = OutputFolder.Create(directory);
        folder.WriteFile("epochErrors.npy", stream => Npy.Write(new Tensor(new Shape(epochErrors.Length), epochErrors), stream));
        WriteNetworkNpy(oracleCase, folder);
        folder.Commit();
    }

    /// <summary>Writes each layer's <c>network.N.weights.npy</c> and <c>network.N.bias.npy</c> into a prepared folder.</summary>
    internal static void WriteNetworkNpy(OracleCase oracleCase, OutputFolder folder)
    {
        for (int n = 0; n < oracleCase.Layers.Count; n++)
        {
            IReadOnlyList<Parameter> parameters = oracleCase.Layers[n].Layer.Parameters;
            if (parameters.Count == 0) continue;
            Tensor weights = parameters[0].Value, bias = new(oracleCase.Layers[n].BiasShape!.Value, parameters[1].Value.Span);
            folder.WriteFile(NpyName($"network[{n}].weights"), stream => Npy.Write(weights, stream));
            folder.WriteFile(NpyName($"network[{n}].bias"), stream => Npy.Write(bias, stream));
        }
    }

    /// <summary>The .npy file name for a tensor name: brackets become dots, <c>layers[2].biasGradient</c> → <c>layers.2.biasGradient.npy</c>.</summary>
    internal static string NpyName(string name) => name.Replace("].", ".", StringComparison.Ordinal).Replace('[', '.') + ".npy";

    private static void WriteLayer(Utf8JsonWriter writer, CaseLayer layer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", layer.Type);
        switch (layer.Layer)
        {
            case FullyConnected or Convolution:
                writer.WritePropertyName("weights");
                JsonTensor.Write(writer, layer.Layer.Parameters[0].Value);
                writer.WritePropertyName("bias");
                JsonTensor.Write(writer, new Tensor(layer.BiasShape!.Value, layer.Layer.Parameters[1].Value.Span));
                break;
            case ActivationLayer activation:
                writer.WriteString("function", activation.Activation.Name);
                if (activation.Activation is Activations.LeakyReLU leaky)
                {
                    writer.WritePropertyName("alpha");
                    JsonTensor.WriteNumber(writer, leaky.Alpha);
                }
                break;
            case MaxPooling pool:
                writer.WriteStartArray("size");
                writer.WriteNumberValue(pool.PoolHeight);
                writer.WriteNumberValue(pool.PoolWidth);
                writer.WriteEndArray();
                writer.WriteStartArray("stride");
                writer.WriteNumberValue(pool.StrideHeight);
                writer.WriteNumberValue(pool.StrideWidth);
                writer.WriteEndArray();
                break;
            case Dropout dropout:
                writer.WritePropertyName("rate");
                JsonTensor.WriteNumber(writer, layer.DropoutRate!.Value);
                if (layer.HasMask)
                {
                    writer.WritePropertyName("mask");
                    JsonTensor.Write(writer, dropout.Mask);
                }
                break;
        }
        writer.WriteEndObject();
    }

    private static void Json(Stream stream, Action<Utf8JsonWriter> body)
    {
        using (var writer = new Utf8JsonWriter(stream, Indented))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        stream.Write("\n"u8);
        stream.Flush();
    }
}

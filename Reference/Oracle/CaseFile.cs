using ReferenceNN.Networks;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ReferenceNN.Activations;
using ReferenceNN.Layers;
using ReferenceNN.Losses;

namespace ReferenceNN.Oracle;

/// <summary>
/// Reads <c>referencenn/case@1</c> files (JSON, UTF-8). Every problem is a <see cref="CaseFileException"/> whose
/// one-line message names the file and the field at fault; nothing is half-built. Docs: docs/Oracle.md.
/// </summary>
public static class CaseFile
{
    /// <summary>The format this version reads.</summary>
    public const string Format = "referencenn/case@1";

    /// <summary>Reads and checks a case file within the default <see cref="Limits"/>.</summary>
    /// <exception cref="CaseFileException">The file is missing, is not a regular file, is too large, is not JSON, or a field is wrong.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static OracleCase Load(string path) => Load(path, Limits.Default);

    /// <summary>
    /// Reads and checks a case file within <paramref name="limits"/>: the file's size, then the memory its JSON, its
    /// tensors and its layers need, counted as they are read and refused before any large buffer is allocated.
    /// </summary>
    /// <exception cref="CaseFileException">The file is missing, is not a regular file, is too large, is not JSON, a field is wrong, or a limit is passed.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static OracleCase Load(string path, Limits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        return Load(path, new Budget(limits));
    }

    /// <summary>Reads a case file under <paramref name="budget"/>, which may estimate a command's work as it goes.</summary>
    internal static OracleCase Load(string path, Budget budget) => Parse(ReadBytes(path, budget), path, budget);

    /// <summary>Reads a file's text, within the default input size limit, or throws a <see cref="CaseFileException"/> saying why it cannot.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="CaseFileException">The file is missing, is not a regular file, is too large or cannot be read.</exception>
    public static string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = ReadBytes(path, new Budget(Limits.Default));
        int skip = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        return System.Text.Encoding.UTF8.GetString(bytes, skip, bytes.Length - skip);
    }

    /// <summary>Reads a whole input file (a regular file within the size limit), charging its bytes to <paramref name="budget"/>.</summary>
    /// <exception cref="CaseFileException">The file cannot be read, with the reason.</exception>
    internal static byte[] ReadBytes(string path, Budget budget)
    {
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllBytes(path, budget.Limits.MaxInputBytes);
        }
        catch (InputFileException e)
        {
            throw new CaseFileException(path, "$", e.Message, e);
        }
        budget.Files.Add(path);
        budget.Charge(bytes.Length, path, "$");
        return bytes;
    }

    /// <summary>Parses JSON text; <paramref name="file"/> names it in messages and anchors relative .npy paths.</summary>
    /// <exception cref="CaseFileException">The text is not JSON, or a field is wrong.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static OracleCase Parse(string json, string file) => Parse(json, file, Limits.Default);

    /// <summary>Parses JSON text within <paramref name="limits"/>; <paramref name="file"/> names it in messages and anchors relative .npy paths.</summary>
    /// <exception cref="CaseFileException">The text is not JSON, a field is wrong, or a limit is passed.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static OracleCase Parse(string json, string file, Limits limits)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(limits);
        return Parse(System.Text.Encoding.UTF8.GetBytes(json), file, new Budget(limits));
    }

    internal static OracleCase Parse(ReadOnlyMemory<byte> utf8, string file, Budget budget)
    {
        using JsonDocument document = StrictJson.Parse(utf8, file, budget);
        JsonElement root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object) RequireFormat(root, file, Format);
        RequireObject(root, file, "$", "a case", ["format", "network", "loss", "input", "target", "train"]);

        Tensor input = JsonTensor.Read(Required(root, "input", file, "$"), file, "$.input", budget);
        var layers = new List<CaseLayer>();
        var network = new Network();
        JsonElement networkElement = Required(root, "network", file, "$");
        if (networkElement.ValueKind != JsonValueKind.Array || networkElement.GetArrayLength() == 0)
        {
            throw new CaseFileException(file, "$.network", "must be a non-empty array of layers");
        }
        Shape shape = input.Shape;
        string source = "the input";
        int index = 0;
        CaseCost cost = budget.Cost;
        cost.InputValues = input.Length;
        foreach (JsonElement layerElement in networkElement.EnumerateArray())
        {
            CaseLayer layer = ReadLayer(layerElement, file, index, shape, source, budget, cost);
            budget.RequireWorkSoFar(file, $"$.network[{index}]");
            layer.Layer.IsTraining = true;
            layers.Add(layer);
            network.Add(layer.Layer);
            shape = layer.Layer.OutputShape;
            source = $"layer {index} ({layer.Type})";
            index++;
        }

        Loss loss = ReadLoss(Required(root, "loss", file, "$"), file);
        network.Use(loss);
        // Only now is the output known; while the layers are read it counts as none, so each estimate so far is a lower bound.
        cost.OutputValues = shape.Size;
        cost.ForwardWork += shape.Size + Budget.LayerOverhead;
        Tensor target = JsonTensor.Read(Required(root, "target", file, "$"), file, "$.target", budget);
        if (target.Shape != shape)
        {
            throw new CaseFileException(file, "$.target", $"the target is {target.Shape} but the network's output is {shape}");
        }
        TrainSpec? train = root.TryGetProperty("train", out JsonElement trainElement)
            ? ReadTrain(trainElement, file, input.Shape, shape, budget)
            : null;
        return new OracleCase(file, layers, network, loss, input, target, train) { Budget = budget };
    }

    internal static void RequireFormat(JsonElement root, string file, string expected)
    {
        JsonElement format = Required(root, "format", file, "$");
        string? value = format.ValueKind == JsonValueKind.String ? format.GetString() : null;
        if (value != expected)
        {
            string given = value is null ? JsonTensor.Describe(format) : Echo.Quote(value);
            if (value is not null && Kind(value) is { } kind)
            {
                throw new CaseFileException(file, "$.format", $"this is {kind} (\"{value}\"), not {Kind(expected)} (\"{expected}\")");
            }
            throw new CaseFileException(file, "$.format", $"unsupported format {given}; this refnn ({Producer.Name}) reads \"{expected}\"");
        }
    }

    /// <summary>What a file of one of refnn's formats is, in words, for a file given where another was expected.</summary>
    private static string? Kind(string format) => format switch
    {
        Format => "a case file (the CASE of refnn grad, train, check and gradcheck)",
        ResultFile.Format => "a result file (the RESULT of refnn check; refnn grad writes one)",
        ResultFile.TrainedFormat => "the output of refnn train (its \"network\" can be pasted into a case)",
        _ => null,
    };

    internal static void RequireObject(JsonElement element, string file, string path, string what, string[] fields)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CaseFileException(file, path, $"expected {what} (a JSON object), got {JsonTensor.Describe(element)}");
        }
        RejectUnknownFields(element, file, path, fields);
    }

    internal static void RejectUnknownFields(JsonElement element, string file, string path, string[] fields)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!fields.Contains(property.Name))
            {
                throw new CaseFileException(file, Echo.Member(path, property.Name), $"unknown field (expected {string.Join(", ", fields)})");
            }
        }
    }

    internal static JsonElement Required(JsonElement element, string name, string file, string path) =>
        element.TryGetProperty(name, out JsonElement value)
            ? value
            : throw new CaseFileException(file, $"{path}.{name}", "is missing");

    /// <summary>A JSON string's value, or a description of what is there instead: for messages.</summary>
    private static string Given(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? Echo.Quote(element.GetString()!) : JsonTensor.Describe(element);

    private static CaseLayer ReadLayer(JsonElement element, string file, int index, Shape shape, string source, Budget budget, CaseCost cost)
    {
        string path = $"$.network[{index}]";
        if (element.ValueKind != JsonValueKind.Object) throw new CaseFileException(file, path, $"expected a layer object, got {JsonTensor.Describe(element)}");
        JsonElement typeElement = Required(element, "type", file, path);
        string type = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString()! : throw new CaseFileException(file, $"{path}.type", "must be a string");
        string Takes(string what) => $"layer {index} ({type}) takes {what} but {source} gives {shape}";
        double inputValues = shape.Size;

        // The layer's buffers (its input, output and inputError) and its parameters with their errors, charged before
        // the layer is built; and its work per forward pass. Returns nothing: it throws when over the budget.
        void Account(double outputValues, double parameterValues, double forwardWork, double extraValues = 0)
        {
            budget.ChargeValues(2 * inputValues + outputValues + 2 * parameterValues + extraValues, file, path);
            cost.ParameterValues += parameterValues;
            cost.ForwardWork += forwardWork + Budget.LayerOverhead;
        }

        switch (type)
        {
            case "dense":
            {
                RejectUnknownFields(element, file, path, ["type", "weights", "bias"]);
                Tensor weights = JsonTensor.Read(Required(element, "weights", file, path), file, $"{path}.weights", budget, parameters: true);
                if (weights.Shape.Rank != 2) throw new CaseFileException(file, $"{path}.weights", $"dense weights are {weights.Shape} but must be i×j");
                if (shape != new Shape(1, weights.Shape[0])) throw new CaseFileException(file, path, Takes($"1×{weights.Shape[0]}"));
                Tensor bias = JsonTensor.Read(Required(element, "bias", file, path), file, $"{path}.bias", budget, parameters: true);
                int j = weights.Shape[1];
                if (bias.Shape != new Shape(1, j) && bias.Shape != new Shape(j))
                {
                    throw new CaseFileException(file, $"{path}.bias", $"the bias is {bias.Shape} but 1×{j} is required");
                }
                Account(j, (double)weights.Length + j, (double)weights.Length + j);
                return new CaseLayer(type, new FullyConnected(weights, new Tensor(new Shape(1, j), bias.Span)), bias.Shape);
            }
            case "activation":
            {
                RejectUnknownFields(element, file, path, ["type", "function", "alpha"]);
                JsonElement function = Required(element, "function", file, path);
                bool hasAlpha = element.TryGetProperty("alpha", out JsonElement alphaElement);
                Activation activation = (function.ValueKind == JsonValueKind.String ? function.GetString() : null) switch
                {
                    "tanh" => Tanh.Instance,
                    "sigmoid" => Sigmoid.Instance,
                    "relu" => ReLU.Instance,
                    "leaky_relu" => new LeakyReLU(hasAlpha ? JsonTensor.ReadNumber(alphaElement, file, $"{path}.alpha") : LeakyReLU.DefaultAlpha),
                    "softplus" => Softplus.Instance,
                    _ => throw new CaseFileException(file, $"{path}.function",
                        $"unknown activation {Given(function)} (expected tanh, sigmoid, relu, leaky_relu or softplus)"),
                };
                if (hasAlpha && activation is not LeakyReLU)
                {
                    throw new CaseFileException(file, $"{path}.alpha", $"only leaky_relu takes alpha, not {activation.Name}");
                }
                Account(inputValues, 0, inputValues);
                return new CaseLayer(type, new ActivationLayer(shape, activation));
            }
            case "softmax":
                RejectUnknownFields(element, file, path, ["type"]);
                Account(inputValues, 0, 3 * inputValues);
                return new CaseLayer(type, new Softmax(shape));
            case "flatten":
                RejectUnknownFields(element, file, path, ["type"]);
                Account(inputValues, 0, inputValues);
                return new CaseLayer(type, new Flatten(shape));
            case "conv":
            {
                RejectUnknownFields(element, file, path, ["type", "weights", "bias"]);
                Tensor weights = JsonTensor.Read(Required(element, "weights", file, path), file, $"{path}.weights", budget, parameters: true);
                if (weights.Shape.Rank != 4) throw new CaseFileException(file, $"{path}.weights", $"conv weights are {weights.Shape} but must be m×n×d×k");
                (int m, int n, int d, int k) = (weights.Shape[0], weights.Shape[1], weights.Shape[2], weights.Shape[3]);
                if (shape.Rank != 3 || shape[2] != d) throw new CaseFileException(file, path, Takes($"an image of depth {d} (i×j×{d})"));
                if (m > shape[0] || n > shape[1])
                {
                    throw new CaseFileException(file, $"{path}.weights", $"the kernel {m}×{n} is larger than the input {shape}");
                }
                Tensor bias = JsonTensor.Read(Required(element, "bias", file, path), file, $"{path}.bias", budget, parameters: true);
                if (bias.Shape != new Shape(k) && bias.Shape != new Shape(1, k))
                {
                    throw new CaseFileException(file, $"{path}.bias", $"the bias is {bias.Shape} but {k} is required (one per output channel)");
                }
                // The output is the one shape here that can be far larger than anything in the file: check it exactly.
                (long rows, long columns) = (shape[0] - m + 1L, shape[1] - n + 1L);
                System.Numerics.BigInteger outputs = (System.Numerics.BigInteger)rows * columns * k;
                if (outputs > Array.MaxLength)
                {
                    throw new CaseFileException(file, path, $"its output {rows}×{columns}×{k} holds {outputs} values, more than an array holds ({Array.MaxLength})");
                }
                // Each output channel is a stride of k through the output: beyond the cache, every access is a miss.
                double perAccess = k > 1 && (double)outputs > Budget.CacheValues ? Budget.StridedOverhead : 1;
                Account((double)outputs, (double)weights.Length + k, (double)outputs * ((double)m * n * d + 1) * perAccess);
                return new CaseLayer(type, new Convolution(shape, weights, new Tensor(new Shape(k), bias.Span)), bias.Shape);
            }
            case "maxpool":
            {
                RejectUnknownFields(element, file, path, ["type", "size", "stride"]);
                (int p, int q) = ReadPair(Required(element, "size", file, path), file, $"{path}.size");
                (int s, int t) = element.TryGetProperty("stride", out JsonElement stride) ? ReadPair(stride, file, $"{path}.stride") : (p, q);
                if (shape.Rank != 3) throw new CaseFileException(file, path, Takes("an image i×j×d"));
                if (p > shape[0] || q > shape[1]) throw new CaseFileException(file, $"{path}.size", $"the pooling window {p}×{q} is larger than the input {shape}");
                double outputs = (Math.Floor((double)(shape[0] - p) / s) + 1) * (Math.Floor((double)(shape[1] - q) / t) + 1) * shape[2];
                double perAccess = shape[2] > 1 && inputValues > Budget.CacheValues ? Budget.StridedOverhead : 1;
                Account(outputs, 0, outputs * p * q * perAccess);
                return new CaseLayer(type, new MaxPooling(shape, p, q, s, t));
            }
            case "dropout":
            {
                RejectUnknownFields(element, file, path, ["type", "rate", "mask"]);
                double rate = JsonTensor.ReadNumber(Required(element, "rate", file, path), file, $"{path}.rate");
                if (!(rate >= 0 && rate < 1)) throw new CaseFileException(file, $"{path}.rate", $"must be in [0, 1), not {JsonTensor.Format(rate)}");
                if (!element.TryGetProperty("mask", out JsonElement maskElement))
                {
                    Account(inputValues, 0, inputValues, extraValues: inputValues);
                    var ones = new Tensor(shape);
                    ones.Span.Fill(1);
                    return new CaseLayer(type, new Dropout(shape, 0, ones), dropoutRate: rate);
                }
                Tensor mask = JsonTensor.Read(maskElement, file, $"{path}.mask", budget);
                if (mask.Shape != shape) throw new CaseFileException(file, $"{path}.mask", $"the mask is {mask.Shape} but {source} gives {shape}");
                for (int e = 0; e < mask.Length; e++)
                {
                    if (mask.Span[e] is not (0 or 1))
                    {
                        throw new CaseFileException(file, $"{path}.mask{Tensor.FormatIndex(mask.IndexOf(e))}", $"is {JsonTensor.Format(mask.Span[e])}, but a mask holds only 0 and 1");
                    }
                }
                Account(inputValues, 0, inputValues, extraValues: inputValues);
                return new CaseLayer(type, new Dropout(shape, rate, mask), dropoutRate: rate, hasMask: true);
            }
            default:
                throw new CaseFileException(file, $"{path}.type", $"unknown layer type {Echo.Quote(type)} (expected dense, activation, softmax, conv, maxpool, flatten or dropout)");
        }
    }

    private static (int, int) ReadPair(JsonElement element, string file, string path)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2)
        {
            throw new CaseFileException(file, path, $"expected two positive integers [rows, columns], got {JsonTensor.Describe(element)}");
        }
        return (ReadPositiveInteger(element[0], file, $"{path}[0]"), ReadPositiveInteger(element[1], file, $"{path}[1]"));
    }

    /// <summary>
    /// A JSON number whose value is a whole number from 1 to 2³¹ − 1, as JSON Schema's "integer" is: <c>3</c>, <c>3.0</c>
    /// and <c>3e0</c> are all 3; <c>3.5</c> is refused, and so is <c>3.0000000000000001</c>, read exactly.
    /// </summary>
    internal static int ReadPositiveInteger(JsonElement element, string file, string path)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out decimal value) || value != decimal.Truncate(value) || value < 1 || value > int.MaxValue)
        {
            throw new CaseFileException(file, path, $"must be an integer ≥ 1, not {(element.ValueKind == JsonValueKind.Number ? Echo.Value(element.GetRawText()) : JsonTensor.Describe(element))}");
        }
        return (int)value;
    }

    private static Loss ReadLoss(JsonElement element, string file) =>
        (element.ValueKind == JsonValueKind.String ? element.GetString() : null) switch
        {
            "mse" => MeanSquaredError.Instance,
            "binary_cross_entropy" => BinaryCrossEntropy.Instance,
            "cross_entropy" => CrossEntropy.Instance,
            _ => throw new CaseFileException(file, "$.loss", $"unknown loss {Given(element)} (expected mse, binary_cross_entropy or cross_entropy)"),
        };

    private static TrainSpec ReadTrain(JsonElement element, string file, Shape inputShape, Shape outputShape, Budget budget)
    {
        RequireObject(element, file, "$.train", "a training set", ["inputs", "targets", "epochs", "learningRate"]);
        Tensor[] inputs = Samples(JsonTensor.Read(Required(element, "inputs", file, "$.train"), file, "$.train.inputs", budget), inputShape, file, "$.train.inputs", "the network takes", budget);
        Tensor[] targets = Samples(JsonTensor.Read(Required(element, "targets", file, "$.train"), file, "$.train.targets", budget), outputShape, file, "$.train.targets", "the network gives", budget);
        if (inputs.Length != targets.Length)
        {
            throw new CaseFileException(file, "$.train.targets", $"{targets.Length} targets for {inputs.Length} inputs");
        }
        int epochs = ReadPositiveInteger(Required(element, "epochs", file, "$.train"), file, "$.train.epochs");
        double learningRate = JsonTensor.ReadNumber(Required(element, "learningRate", file, "$.train"), file, "$.train.learningRate");
        return new TrainSpec(inputs, targets, epochs, learningRate);
    }

    /// <summary>Splits a tensor stacked on its first axis into samples of <paramref name="sampleShape"/> (copies, charged to the budget).</summary>
    private static Tensor[] Samples(Tensor stacked, Shape sampleShape, string file, string path, string expectation, Budget budget)
    {
        int[] sizes = stacked.Shape.ToArray();
        if (sizes.Length < 2 || Shape.Of(sizes[1..]) != sampleShape)
        {
            string each = sizes.Length < 2 ? $"{stacked.Shape} has no sample axis" : $"the samples are {Shape.Of(sizes[1..])} (stacked {stacked.Shape})";
            throw new CaseFileException(file, path, $"{each} but {expectation} {sampleShape}; stack samples on a first axis");
        }
        budget.ChargeValues(stacked.Length, file, path);
        var samples = new Tensor[sizes[0]];
        int size = sampleShape.Size;
        for (int n = 0; n < samples.Length; n++) samples[n] = new Tensor(sampleShape, stacked.Span.Slice(n * size, size));
        return samples;
    }
}

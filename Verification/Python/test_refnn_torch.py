"""Tests of the PyTorch bridge (Reference/Python/refnn_torch), against refnn itself as the independent source:
PyTorch's autograd and ReferenceNN's literal formulas share no code, so an AGREE on random models of every supported
layer checks every layout conversion, and a DISAGREE on a deliberately wrong backward checks that the bridge does
not paper over a real difference. Run: PYTHONPATH=Reference/Python python3 -m pytest Verification/Python
"""
import json
import os
import re
import subprocess
import sys
from collections import OrderedDict

import numpy as np
import pytest
import torch
from torch import nn

import refnn_torch
from refnn_torch import _files

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
NORMWISE = 1e-12  # the bar: |torch − reference| ≤ 1e-12 · max|reference| for every tensor, in float64
MEASURED = {}     # worst normwise differences seen, printed after the run by conftest.py for the record


# ---------------------------------------------------------------------------------------------------- helpers
def rows(report):
    """refnn check's table as {tensor: (worst abs, worst rel, status)}."""
    table = {}
    for line in report.splitlines()[1:]:
        if line.startswith(("note:", "first difference:", "AGREE", "DISAGREE")):
            continue
        name, _shape, worst_abs, worst_rel, _ulps, status = line.split(maxsplit=5)
        table[name] = (float(worst_abs) if worst_abs != "-" else None, float(worst_rel) if worst_rel != "-" else None, status)
    return table


def tensors(result):
    """A result file's tensors by the names refnn check uses."""
    named = {"output": result["output"], "loss": [result["loss"]], "inputGradient": result["inputGradient"]}
    for n, layer in enumerate(result["layers"]):
        for key in ("weightsGradient", "biasGradient"):
            if key in layer:
                named[f"layers[{n}].{key}"] = layer[key]
    return {k: np.asarray(v, dtype=np.float64) for k, v in named.items()}


def agree(refnn, tmp_path, model, x, target, loss, label):
    """Checks the model, requires AGREE at refnn's default tolerances and agreement to NORMWISE, and records the worst
    normwise difference."""
    verdict = refnn_torch.check(model, x, target, loss, refnn=refnn, keep=str(tmp_path))
    assert verdict.agree, verdict.report
    assert verdict.exit_code == 0 and verdict.report.rstrip().splitlines()[-1].startswith("AGREE")
    with open(verdict.result, encoding="utf-8") as f:
        values = tensors(json.load(f))
    table = rows(verdict.report)
    assert set(table) == set(values), (sorted(table), sorted(values))
    worst = 0.0
    for name, (worst_abs, _rel, status) in table.items():
        assert status == "ok", (name, status)
        scale = float(np.max(np.abs(values[name])))
        normwise = worst_abs / scale if scale > 0 else (0.0 if worst_abs == 0 else np.inf)
        assert normwise <= NORMWISE, f"{label}: {name} differs by {worst_abs:.3g}, {normwise:.3g} of its largest element"
        worst = max(worst, normwise)
    MEASURED[label] = worst
    return verdict


def conv_pool_flatten_linear(seed, dtype=torch.float64):
    """The issue's model: conv → relu → pool → flatten → linear, logits for CrossEntropyLoss."""
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Conv2d(2, 4, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(4 * 4 * 4, 10)).to(dtype)
    return model, torch.randn(1, 2, 10, 10, dtype=dtype), torch.tensor([7])


# ------------------------------------------------------------------------------- float64: every layer agrees
ACTIVATIONS = {"tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "relu": nn.ReLU, "leaky_relu": lambda: nn.LeakyReLU(0.2),
               "softplus": nn.Softplus}


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_dense_network_with_each_activation_agrees(refnn, tmp_path, activation, seed):
    torch.manual_seed(seed)
    make = ACTIVATIONS[activation]
    model = nn.Sequential(nn.Linear(4, 5), make(), nn.Linear(5, 3), make()).double()
    agree(refnn, tmp_path, model, torch.randn(1, 4, dtype=torch.float64), torch.rand(1, 3, dtype=torch.float64),
          nn.MSELoss(), f"dense {activation} seed {seed}")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_conv_pool_flatten_linear_cross_entropy_agrees(refnn, tmp_path, seed):
    model, x, label = conv_pool_flatten_linear(seed)
    verdict = agree(refnn, tmp_path, model, x, label, nn.CrossEntropyLoss(), f"conv-pool-flatten-linear CE seed {seed}")
    with open(verdict.case, encoding="utf-8") as f:
        case = json.load(f)
    # CrossEntropyLoss on logits is ReferenceNN's softmax + cross_entropy, and the class index a one-hot target.
    assert [layer["type"] for layer in case["network"]] == ["conv", "activation", "maxpool", "flatten", "dense", "softmax"]
    assert case["loss"] == "cross_entropy" and case["target"] == [[0.0] * 7 + [1.0] + [0.0] * 2]
    with open(verdict.result, encoding="utf-8") as f:
        output = np.array(json.load(f)["output"])
    assert output.shape == (1, 10) and abs(output.sum() - 1) < 1e-15  # the output is the softmax probabilities


def test_cross_entropy_class_index_as_a_python_int_is_the_same_case(tmp_path):
    model, x, label = conv_pool_flatten_linear(0)
    refnn_torch.case_from_model(model, x, label, nn.CrossEntropyLoss(), str(tmp_path / "tensor.json"))
    refnn_torch.case_from_model(model, x, 7, nn.CrossEntropyLoss(), str(tmp_path / "int.json"))
    assert (tmp_path / "tensor.json").read_text() == (tmp_path / "int.json").read_text()
    with pytest.raises(ValueError, match="x must be a torch.Tensor or a numpy array, not list"):
        refnn_torch.case_from_model(model, [[1.0]], 7, nn.CrossEntropyLoss(), str(tmp_path / "c.json"))


def test_cross_entropy_with_probability_target_agrees(refnn, tmp_path):
    model, x, _ = conv_pool_flatten_linear(3)
    target = torch.softmax(torch.randn(1, 10, dtype=torch.float64), dim=1)
    agree(refnn, tmp_path, model, x, target, nn.CrossEntropyLoss(), "CE probability target")


def test_conv_with_depth_non_square_kernel_and_strided_pool_agrees(refnn, tmp_path):
    torch.manual_seed(4)
    # 7×6×2 → conv 3×2 (2→3) → 5×5×3 → pool 2×2 stride 2×1 (a remainder row) → 2×4×3 → flatten 24 → 4.
    model = nn.Sequential(nn.Conv2d(2, 3, (3, 2)), nn.Tanh(), nn.MaxPool2d((2, 2), stride=(2, 1)), nn.Flatten(),
                          nn.Linear(24, 4), nn.Sigmoid()).double()
    agree(refnn, tmp_path, model, torch.randn(1, 2, 7, 6, dtype=torch.float64), torch.rand(1, 4, dtype=torch.float64),
          nn.BCELoss(), "conv depth, strided pool, BCE")


def test_image_output_and_image_target_agree(refnn, tmp_path):
    torch.manual_seed(5)
    model = nn.Sequential(nn.Conv2d(3, 2, (2, 3)), nn.LeakyReLU(0.1)).double()
    agree(refnn, tmp_path, model, torch.randn(1, 3, 5, 6, dtype=torch.float64), torch.randn(1, 2, 4, 4, dtype=torch.float64),
          nn.MSELoss(), "image output")


def test_model_ending_with_flatten_permutes_output_and_target(refnn, tmp_path):
    torch.manual_seed(6)
    model = nn.Sequential(nn.Conv2d(1, 3, 2), nn.Tanh(), nn.Flatten()).double()
    x, target = torch.randn(1, 1, 4, 3, dtype=torch.float64), torch.randn(1, 3 * 3 * 2, dtype=torch.float64)
    verdict = agree(refnn, tmp_path, model, x, target, nn.MSELoss(), "ends with flatten")
    # The flatten order, worked out by hand: ReferenceNN's element (i·w + j)·d + c is PyTorch's c·h·w + i·w + j.
    with open(verdict.case, encoding="utf-8") as f:
        case_target = np.array(json.load(f)["target"]).reshape(-1)
    t = target.numpy().reshape(-1)
    assert case_target[1] == t[6] and case_target[2] == t[12] and case_target[3] == t[1] and case_target[17] == t[17]


def test_softmax_layer_and_nested_sequential_agree(refnn, tmp_path):
    torch.manual_seed(7)
    model = nn.Sequential(OrderedDict(features=nn.Sequential(nn.Linear(3, 6), nn.Softplus()),
                                      head=nn.Sequential(nn.Linear(6, 4), nn.Softmax(dim=1)))).double()
    agree(refnn, tmp_path, model, torch.randn(1, 3, dtype=torch.float64), torch.rand(1, 4, dtype=torch.float64),
          nn.MSELoss(), "softmax, nested")


def test_dropout_mask_is_the_forward_s_even_where_the_input_is_zero(refnn, tmp_path):
    # The input is half zeros: there the output is 0 whatever the mask, but ∂E/∂x is not, so a mask guessed from
    # output ≠ 0 would disagree on inputGradient. The bridge reads M from ∂Y/∂X of the forward itself.
    torch.manual_seed(8)
    model = nn.Sequential(nn.Dropout(0.5), nn.Linear(12, 3), nn.Tanh()).double().train()
    x = torch.randn(1, 12, dtype=torch.float64)
    x[0, ::2] = 0
    verdict = agree(refnn, tmp_path, model, x, torch.rand(1, 3, dtype=torch.float64), nn.MSELoss(), "dropout on zeros")
    with open(verdict.case, encoding="utf-8") as f:
        mask = np.array(json.load(f)["network"][0]["mask"])
    assert mask.shape == (1, 12) and 0 < mask.sum() < 12
    assert (mask[0, ::2] == 1).any(), "no kept element at a zero input: the test would not tell the methods apart"


def test_dropout_on_images_and_after_flatten_in_the_permuted_order_agrees(refnn, tmp_path):
    torch.manual_seed(9)
    model = nn.Sequential(nn.Conv2d(2, 3, 2), nn.Dropout(0.3), nn.ReLU(inplace=True), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Dropout(0.4), nn.Linear(12, 5), nn.Tanh()).double().train()
    agree(refnn, tmp_path, model, torch.randn(1, 2, 5, 5, dtype=torch.float64), torch.rand(1, 5, dtype=torch.float64),
          nn.MSELoss(), "dropout image and permuted")


def test_dropout_in_eval_mode_is_the_identity(refnn, tmp_path):
    torch.manual_seed(10)
    model = nn.Sequential(nn.Linear(3, 4), nn.Dropout(0.5), nn.Linear(4, 2)).double().eval()
    verdict = agree(refnn, tmp_path, model, torch.randn(1, 3, dtype=torch.float64), torch.rand(1, 2, dtype=torch.float64),
                    nn.MSELoss(), "dropout eval")
    with open(verdict.case, encoding="utf-8") as f:
        assert json.load(f)["network"][1] == {"type": "dropout", "rate": 0.5}


def test_layers_without_bias_and_in_place_relu_agree(refnn, tmp_path):
    # ReferenceNN's layers always have a bias: a bias-free layer gets a zero bias, whose gradient the bridge takes
    # from torch's ∂E/∂Y, undisturbed by the in-place ReLU that follows.
    torch.manual_seed(11)
    model = nn.Sequential(nn.Conv2d(1, 2, 3, bias=False), nn.ReLU(inplace=True), nn.Flatten(),
                          nn.Linear(18, 4, bias=False), nn.ReLU(inplace=True), nn.Linear(4, 2)).double()
    verdict = agree(refnn, tmp_path, model, torch.randn(1, 1, 5, 5, dtype=torch.float64), torch.rand(1, 2, dtype=torch.float64),
                    nn.MSELoss(), "no bias, in-place relu")
    with open(verdict.result, encoding="utf-8") as f:
        layers = json.load(f)["layers"]
    assert np.abs(layers[0]["biasGradient"]).max() > 0 and np.abs(layers[3]["biasGradient"]).max() > 0


def test_flatten_of_a_row_is_the_identity(refnn, tmp_path):
    torch.manual_seed(12)
    model = nn.Sequential(nn.Linear(3, 4), nn.Flatten(), nn.Sigmoid(), nn.Linear(4, 2)).double()
    agree(refnn, tmp_path, model, torch.randn(1, 3, dtype=torch.float64), torch.rand(1, 2, dtype=torch.float64),
          nn.MSELoss(), "flatten of a row")


# ---------------------------------------------------------------------------------- a wrong backward disagrees
class _RightTanh(torch.autograd.Function):
    """tanh with a hand-written backward: ∂y/∂x = 1 − tanh(x)²."""

    @staticmethod
    def forward(ctx, x):
        y = torch.tanh(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return grad * (1 - y * y)


# tanh with the classic slip in its backward, 1 − x² for 1 − tanh(x)²: the one the float32 validation uses.
from float32_validation import _SlipTanh as _WrongTanh  # noqa: E402


class HandWrittenTanh(nn.Tanh):
    """A user's own tanh layer: an nn.Tanh (so the bridge maps it to tanh) whose forward is a custom Function."""

    def __init__(self, wrong):
        super().__init__()
        self.function = _WrongTanh if wrong else _RightTanh

    def forward(self, x):
        return self.function.apply(x)


def test_hand_written_tanh_with_the_right_backward_agrees(refnn, tmp_path):
    torch.manual_seed(13)
    model = nn.Sequential(nn.Linear(3, 4), HandWrittenTanh(wrong=False), nn.Linear(4, 2)).double()
    agree(refnn, tmp_path, model, torch.randn(1, 3, dtype=torch.float64), torch.rand(1, 2, dtype=torch.float64),
          nn.MSELoss(), "hand-written tanh, right")


def test_hand_written_tanh_with_a_wrong_backward_disagrees_and_is_named(refnn, tmp_path):
    torch.manual_seed(13)
    model = nn.Sequential(nn.Linear(3, 4), HandWrittenTanh(wrong=True), nn.Linear(4, 2)).double()
    verdict = refnn_torch.check(model, torch.randn(1, 3, dtype=torch.float64), torch.rand(1, 2, dtype=torch.float64),
                                nn.MSELoss(), refnn=refnn)
    assert not verdict.agree and verdict.exit_code == 1
    status = {name: row[2] for name, row in rows(verdict.report).items()}
    # The forward and everything after the tanh is right; everything the tanh's backward feeds is wrong.
    assert status["output"] == status["loss"] == "ok"
    assert status["layers[2].weightsGradient"] == status["layers[2].biasGradient"] == "ok"
    assert status["layers[0].weightsGradient"] == "DIFFERS (12 of 12)"
    assert status["layers[0].biasGradient"] == "DIFFERS (4 of 4)"
    assert status["inputGradient"] == "DIFFERS (3 of 3)"
    assert re.search(r"^first difference: inputGradient\[0,0\]: reference \S+, yours \S+", verdict.report, re.M)
    assert verdict.report.rstrip().splitlines()[-1].startswith("DISAGREE: 3 of 7 tensors")


def test_wrong_tanh_backward_in_a_conv_network_is_named_at_the_conv(refnn, tmp_path):
    torch.manual_seed(14)
    model = nn.Sequential(nn.Conv2d(1, 2, 3), HandWrittenTanh(wrong=True), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(8, 3)).double()
    verdict = refnn_torch.check(model, torch.randn(1, 1, 6, 6, dtype=torch.float64), torch.tensor([1]),
                                nn.CrossEntropyLoss(), refnn=refnn)
    status = {name: row[2] for name, row in rows(verdict.report).items()}
    assert not verdict.agree
    assert [name for name, s in status.items() if s != "ok"] == ["inputGradient", "layers[0].weightsGradient",
                                                                 "layers[0].biasGradient"]


def test_softplus_above_torch_s_threshold_differs_by_one_minus_sigmoid(refnn):
    # torch's Softplus is x itself above threshold 20, so its derivative is 1 where ReferenceNN's is σ(x) = 1 − e⁻ˣ…:
    # docs/Oracle.md's mapping table says so; at x = 20.1 that is 1.9e-9 relative, beyond the default rtol 1e-9.
    model = nn.Sequential(nn.Linear(1, 1), nn.Softplus()).double()
    with torch.no_grad():
        model[0].weight.fill_(20.1)
        model[0].bias.fill_(0.0)
    verdict = refnn_torch.check(model, torch.ones(1, 1, dtype=torch.float64), torch.zeros(1, 1, dtype=torch.float64),
                                nn.MSELoss(), refnn=refnn)
    table = rows(verdict.report)
    assert not verdict.agree and table["output"][2] == "ok"
    # ∂E/∂w = 2y·σ(x)·1 against torch's 2x·1: relative difference (1 − σ(x)) − (y − x)/x, with y − x = log(1 + e⁻ˣ).
    expected = (1 - 1 / (1 + np.exp(-20.1))) - np.log1p(np.exp(-20.1)) / 20.1
    assert table["layers[0].weightsGradient"][1] == pytest.approx(expected, rel=0.01)


# ------------------------------------------------------------------ float32: held to derived rounding bounds
def rows32(report):
    """refnn check's float32 table as {tensor: (worst abs, worst |Δ|/bound, unresolved, status)}."""
    table = {}
    lines = report.splitlines()
    assert lines[0].split() == ["tensor", "shape", "worst", "abs", "worst", "|Δ|/bound", "unresolved", "status"], lines[0]
    for line in lines[1:]:
        if line.startswith(("note:", "first difference:", "AGREE", "DISAGREE")) or "cannot be told from zero" in line:
            continue
        name, _shape, worst_abs, ratio, unresolved, status = line.split(maxsplit=5)
        table[name] = (float(worst_abs), float(ratio.replace("inf", "Infinity")), int(unresolved), status)
    return table


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_float32_conv_pool_flatten_linear_softmax_agrees_within_derived_bounds(refnn, tmp_path, seed):
    model, x, label = conv_pool_flatten_linear(seed, torch.float32)
    verdict = refnn_torch.check(model, x, label, nn.CrossEntropyLoss(), refnn=refnn, keep=str(tmp_path))
    assert verdict.dtype == "float32"
    assert verdict.agree and verdict.exit_code == 0, verdict.report
    assert verdict.report.rstrip().splitlines()[-1].startswith("AGREE (float32): all 7 tensors within float32 rounding")
    with open(verdict.result, encoding="utf-8") as f:
        result = json.load(f)
    assert result["dtype"] == "float32" and result["producer"].endswith(", float32)")
    values = tensors(result)
    for name, value in values.items():  # every number is a float32, as torch computed it
        assert np.array_equal(value.astype(np.float32).astype(np.float64), value), name
    with open(verdict.case, encoding="utf-8") as f:
        case = json.load(f)
    weights = np.array(case["network"][0]["weights"])  # the case holds the float32 weights exactly, widened
    assert np.array_equal(weights, model[0].weight.detach().numpy().astype(np.float64).transpose(2, 3, 1, 0))
    table = rows32(verdict.report)
    assert set(table) == set(values)
    worst = max(row[1] for row in table.values())
    MEASURED[f"float32 conv-pool-flatten-linear CE seed {seed} (worst |Δ|/bound)"] = worst
    assert 0 < worst < 1  # float32 rounding shows, within its bound
    # The same numbers judged as a double-precision result are far outside the double tolerances.
    undeclared = tmp_path / "undeclared.json"
    undeclared.write_text(json.dumps({k: v for k, v in result.items() if k != "dtype"}), encoding="utf-8")
    as_double = subprocess.run(refnn_command(refnn) + ["check", verdict.case, str(undeclared)], capture_output=True,
                               text=True, check=False)
    assert as_double.returncode == 1 and as_double.stdout.rstrip().splitlines()[-1].startswith("DISAGREE: "), as_double.stdout


def refnn_command(refnn):
    import shlex
    return shlex.split(refnn)


@pytest.mark.parametrize("seed", [3, 4])
def test_float32_dense_network_with_every_activation_agrees(refnn, tmp_path, seed):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 8), nn.Sigmoid(), nn.Linear(8, 8), nn.Softplus(),
                          nn.Linear(8, 8), nn.LeakyReLU(0.1), nn.Linear(8, 3), nn.Sigmoid()).float()
    verdict = refnn_torch.check(model, torch.randn(1, 6) * 3, torch.rand(1, 3), nn.BCELoss(), refnn=refnn)
    assert verdict.agree, verdict.report


def test_float32_wrong_tanh_backward_disagrees_beyond_rounding_and_is_named(refnn, tmp_path):
    torch.manual_seed(14)
    model = nn.Sequential(nn.Conv2d(1, 2, 3), HandWrittenTanh(wrong=True), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(8, 3)).float()
    x, label = torch.randn(1, 1, 6, 6), torch.tensor([1])
    verdict = refnn_torch.check(model, x, label, nn.CrossEntropyLoss(), refnn=refnn)
    assert not verdict.agree and verdict.exit_code == 1
    table = rows32(verdict.report)
    # Everything after the tanh is right, within rounding; the conv's gradients and the input's are beyond it.
    for name in ("output", "loss", "layers[4].weightsGradient", "layers[4].biasGradient"):
        assert table[name][3] == "ok", (name, verdict.report)
    for name in ("inputGradient", "layers[0].weightsGradient", "layers[0].biasGradient"):
        assert table[name][3].startswith("BEYOND ROUNDING"), (name, verdict.report)
        assert table[name][1] > 10, (name, verdict.report)
    assert re.search(r"^first difference: inputGradient\[\d+,\d+,0\]: reference \S+, yours \S+ \(abs \S+; its float32 bound \S+: \S+ "
                     r"times the bound, beyond rounding\)$", verdict.report, re.M), verdict.report
    assert verdict.report.rstrip().splitlines()[-1].startswith("DISAGREE (float32): 3 of 7 tensors beyond float32 rounding")
    # The right backward, same weights, agrees.
    model[1] = HandWrittenTanh(wrong=False)
    assert refnn_torch.check(model, x, label, nn.CrossEntropyLoss(), refnn=refnn).agree


def test_float32_validation_on_random_torch_and_numpy_networks():
    """The float32 verdict's validation (float32_validation.py) on a sample, in CI: every torch and NumPy float32
    network AGREEs, and every visible slip DISAGREEs. The record in docs/Oracle/Float32Reference.md is a 500-model run."""
    import float32_validation
    assert float32_validation.main(40, 20261129) == 0


# ------------------------------------------------------------------------------------- refused, clearly named
def _linear():
    return nn.Linear(4, 2)


REFUSALS = [
    ("conv stride", nn.Sequential(nn.Conv2d(1, 1, 2, stride=2)), (1, 1, 4, 4), "model[0] (Conv2d", "stride (2, 2)"),
    ("conv padding", nn.Sequential(nn.Conv2d(1, 1, 3, padding=1)), (1, 1, 4, 4), "model[0]", "padding (1, 1)"),
    ("conv same", nn.Sequential(nn.Conv2d(1, 1, 3, padding="same")), (1, 1, 4, 4), "model[0]", "padding 'same'"),
    ("conv dilation", nn.Sequential(nn.Conv2d(1, 1, 2, dilation=2)), (1, 1, 5, 5), "model[0]", "dilation (2, 2)"),
    ("conv groups", nn.Sequential(nn.Conv2d(2, 2, 2, groups=2)), (1, 2, 4, 4), "model[0]", "groups=2"),
    ("pool padding", nn.Sequential(nn.MaxPool2d(2, padding=1)), (1, 1, 4, 4), "model[0] (MaxPool2d", "padding"),
    ("pool ceil", nn.Sequential(nn.MaxPool2d(2, ceil_mode=True)), (1, 1, 5, 5), "model[0]", "ceil_mode=True"),
    ("pool dilation", nn.Sequential(nn.MaxPool2d(2, dilation=2)), (1, 1, 5, 5), "model[0]", "dilation"),
    ("pool indices", nn.Sequential(nn.MaxPool2d(2, return_indices=True)), (1, 1, 4, 4), "model[0]", "return_indices"),
    ("flatten batch", nn.Sequential(nn.Flatten(0)), (1, 4), "model[0] (Flatten", "start_dim=0"),
    ("dropout 1", nn.Sequential(nn.Dropout(1.0)), (1, 4), "model[0] (Dropout", "p=1.0"),
    ("dropout inplace", nn.Sequential(nn.Dropout(0.5, inplace=True)), (1, 4), "model[0]", "inplace=True"),
    ("dropout2d", nn.Sequential(nn.Dropout2d(0.5)), (1, 1, 2, 2), "model[0] (Dropout2d", "only element-wise nn.Dropout"),
    ("batch norm", nn.Sequential(_linear(), nn.BatchNorm1d(2)), (1, 4), "model[1] (BatchNorm1d", "is not supported"),
    ("log softmax", nn.Sequential(_linear(), nn.LogSoftmax(dim=1)), (1, 4), "model[1] (LogSoftmax", "CrossEntropyLoss"),
    ("softplus beta", nn.Sequential(_linear(), nn.Softplus(beta=2)), (1, 4), "model[1] (Softplus", "beta=2"),
    ("softmax dim 0", nn.Sequential(_linear(), nn.Softmax(dim=0)), (1, 4), "model[1] (Softmax", "dim=0"),
    ("softmax on image", nn.Sequential(nn.Conv2d(1, 2, 1), nn.Softmax(dim=1)), (1, 1, 2, 2), "model[1]", "row 1×n"),
    ("linear on image", nn.Sequential(nn.Conv2d(1, 1, 1), nn.Linear(3, 2)), (1, 1, 3, 3), "model[1] (Linear",
     "put a Flatten before it"),
    ("nested name", nn.Sequential(OrderedDict(body=nn.Sequential(nn.GELU()))), (1, 4), "model.body[0] (GELU", "GELU"),
]


@pytest.mark.parametrize("label, model, shape, where, why", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_unsupported_module_is_refused_by_name_before_anything_is_written(tmp_path, label, model, shape, where, why):
    path = tmp_path / "case.json"
    with pytest.raises(ValueError) as error:
        refnn_torch.case_from_model(model, torch.randn(*shape), torch.zeros(1), nn.MSELoss(), str(path))
    message = str(error.value)
    assert message.startswith("refnn_torch: ") and where in message and why in message, message
    assert "\n" not in message
    assert list(tmp_path.iterdir()) == []


def _small():
    return nn.Sequential(nn.Linear(3, 2))


LOSS_AND_INPUT_REFUSALS = [
    ("mse sum", nn.MSELoss(reduction="sum"), None, None, "reduction='sum'"),
    ("bce weight", nn.BCELoss(weight=torch.ones(2)), None, None, "weight"),
    ("ce label smoothing", nn.CrossEntropyLoss(label_smoothing=0.1), None, torch.tensor([1]), "label_smoothing=0.1"),
    ("ce weight", nn.CrossEntropyLoss(weight=torch.ones(2)), None, torch.tensor([1]), "class weights"),
    ("ce ignore index", nn.CrossEntropyLoss(ignore_index=1), None, torch.tensor([1]), "ignore_index"),
    ("ce class out of range", nn.CrossEntropyLoss(), None, torch.tensor([2]), "class 2 is not in [0, 2)"),
    ("bce with logits", nn.BCEWithLogitsLoss(), None, None, "end the model with Sigmoid"),
    ("nll", nn.NLLLoss(), None, None, "NLLLoss"),
    ("batch of two", nn.MSELoss(), torch.randn(2, 3), torch.zeros(2, 2), "must be one sample"),
    ("float16 input", nn.MSELoss(), torch.randn(1, 3).half(), None, "float16"),
    ("dtype mismatch", nn.MSELoss(), torch.randn(1, 3, dtype=torch.float64), None, "give x in the model's dtype"),
    ("target shape", nn.MSELoss(), None, torch.zeros(1, 3), "the target is (1, 3)"),
    ("non-finite input", nn.MSELoss(), torch.tensor([[1.0, float("nan"), 2.0]]), None, "x holds a non-finite number"),
]


@pytest.mark.parametrize("label, loss, x, target, why", LOSS_AND_INPUT_REFUSALS, ids=[r[0] for r in LOSS_AND_INPUT_REFUSALS])
def test_unsupported_loss_or_input_is_refused(tmp_path, label, loss, x, target, why):
    torch.manual_seed(0)
    path = tmp_path / "result.json"
    with pytest.raises(ValueError) as error:
        refnn_torch.result_from_model(_small(), torch.randn(1, 3) if x is None else x,
                                      torch.rand(1, 2) if target is None else target, loss, str(path))
    assert why in str(error.value), str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_models_that_are_not_a_plain_sequential_are_refused(tmp_path):
    class Custom(nn.Sequential):
        def forward(self, x):
            return super().forward(x) * 2

    for model, why in ((nn.Linear(3, 2), "must be a torch.nn.Sequential"), (Custom(nn.Linear(3, 2)), "overrides forward"),
                       (nn.Sequential(), "no layers")):
        with pytest.raises(ValueError, match=why):
            refnn_torch.case_from_model(model, torch.randn(1, 3), torch.rand(1, 2), nn.MSELoss(), str(tmp_path / "c.json"))
    shared = nn.Linear(3, 3)
    tied = nn.Linear(3, 3)
    tied.weight = shared.weight
    for model, why in ((nn.Sequential(shared, nn.Tanh(), shared), r"model\[2\] \(Linear.*\) is the same module as model\[0\]"),
                       (nn.Sequential(shared, nn.Tanh(), tied), r"model\[2\] \(Linear.*\) shares a parameter with model\[0\]")):
        with pytest.raises(ValueError, match=why):
            refnn_torch.case_from_model(model, torch.randn(1, 3), torch.rand(1, 2), nn.MSELoss(), str(tmp_path / "c.json"))


def test_non_finite_weight_is_refused_by_name(tmp_path):
    model = _small()
    with torch.no_grad():
        model[0].weight[0, 0] = float("inf")
    with pytest.raises(ValueError, match=r"model\[0\].weight holds a non-finite number"):
        refnn_torch.case_from_model(model, torch.randn(1, 3), torch.rand(1, 2), nn.MSELoss(), str(tmp_path / "c.json"))


# ----------------------------------------------------------------------------------------------- the files
def test_npy_case_is_c_ordered_and_gives_refnn_the_same_numbers(refnn, tmp_path):
    torch.manual_seed(15)
    model = nn.Sequential(nn.Conv2d(2, 3, 2), nn.Dropout(0.5), nn.Flatten(), nn.Linear(27, 2)).double().train()
    x, target = torch.randn(1, 2, 4, 4, dtype=torch.float64), torch.rand(1, 2, dtype=torch.float64)
    inline, npy = tmp_path / "inline.case.json", tmp_path / "model.case.json"
    refnn_torch.case_from_model(model, x, target, nn.MSELoss(), str(inline))
    refnn_torch.case_from_model(model, x, target, nn.MSELoss(), str(npy), npy=True)
    with open(npy, encoding="utf-8") as f:
        case = json.load(f)
    assert case["network"][0]["weights"] == {"npy": "model.network.0.weights.npy"}
    assert case["network"][1]["mask"] == {"npy": "model.network.1.mask.npy"}
    for name in ("model.input.npy", "model.target.npy", "model.network.0.weights.npy", "model.network.3.bias.npy"):
        with open(tmp_path / name, "rb") as f:
            version = np.lib.format.read_magic(f)
            shape, fortran, dtype = np.lib.format._read_array_header(f, version)
        assert not fortran and dtype == np.dtype("<f8"), name
    command = refnn.split()
    answers = [subprocess.run(command + ["grad", str(p)], capture_output=True, text=True, check=True).stdout
               for p in (inline, npy)]
    assert answers[0] == answers[1]


def test_case_and_result_written_separately_see_the_same_dropout_masks(refnn, tmp_path):
    torch.manual_seed(16)
    model = nn.Sequential(nn.Linear(5, 8), nn.Dropout(0.5), nn.Linear(8, 2)).double().train()
    x, target = torch.randn(1, 5, dtype=torch.float64), torch.rand(1, 2, dtype=torch.float64)
    state = torch.get_rng_state()
    refnn_torch.case_from_model(model, x, target, nn.MSELoss(), str(tmp_path / "c.json"))
    refnn_torch.result_from_model(model, x, target, nn.MSELoss(), str(tmp_path / "r.json"))
    assert torch.equal(state, torch.get_rng_state()), "the caller's random state was disturbed"
    done = subprocess.run(refnn.split() + ["check", str(tmp_path / "c.json"), str(tmp_path / "r.json")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    # The masks come from the seed, not from the caller's random state; another seed draws others.
    torch.manual_seed(99)
    refnn_torch.case_from_model(model, x, target, nn.MSELoss(), str(tmp_path / "c2.json"))
    refnn_torch.case_from_model(model, x, target, nn.MSELoss(), str(tmp_path / "c3.json"), seed=1)
    assert (tmp_path / "c2.json").read_text() == (tmp_path / "c.json").read_text()
    assert (tmp_path / "c3.json").read_text() != (tmp_path / "c.json").read_text()


def test_files_replace_a_symbolic_link_instead_of_writing_through_it(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "result.json"
    link.symlink_to(victim)
    torch.manual_seed(0)
    refnn_torch.result_from_model(_small(), torch.randn(1, 3), torch.rand(1, 2), nn.MSELoss(), str(link))
    assert victim.read_text() == "keep me" and not link.is_symlink()
    assert json.loads(link.read_text())["format"] == "referencenn/result@1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json", "victim.txt"]


def test_non_finite_result_numbers_are_written_by_name_and_refnn_reads_them(refnn, tmp_path):
    assert _files._nested(np.array([[np.inf, -np.inf, np.nan, 0.5]])) == [["Infinity", "-Infinity", "NaN", 0.5]]
    # An overflowing model: every tensor is +∞ in torch and in ReferenceNN, and a non-finite value agrees with itself.
    model = nn.Sequential(nn.Linear(1, 1)).double()
    with torch.no_grad():
        model[0].weight.fill_(1e308)
        model[0].bias.fill_(0.0)
    x, target = torch.full((1, 1), 10.0, dtype=torch.float64), torch.zeros(1, 1, dtype=torch.float64)
    verdict = refnn_torch.check(model, x, target, nn.MSELoss(), refnn=refnn, keep=str(tmp_path))
    assert verdict.agree, verdict.report
    with open(verdict.result, encoding="utf-8") as f:
        text = f.read()
    assert '"loss": "Infinity"' in text and "NaN" not in text and json.loads(text)["output"] == [["Infinity"]]


def test_saturated_binary_cross_entropy_shows_torch_s_clamp(refnn):
    # ReferenceNN's loss at a saturated sigmoid is +∞ (no clipping); torch's BCELoss clamps the log at −100.
    model = nn.Sequential(nn.Linear(1, 1), nn.Sigmoid()).double()
    with torch.no_grad():
        model[0].weight.fill_(1000.0)
        model[0].bias.fill_(0.0)
    verdict = refnn_torch.check(model, torch.ones(1, 1, dtype=torch.float64), torch.zeros(1, 1, dtype=torch.float64),
                                nn.BCELoss(), refnn=refnn)
    assert verdict.exit_code == 1
    assert "first difference: loss: reference Infinity, yours 100 " in verdict.report, verdict.report


def test_check_reports_a_missing_refnn_and_a_refusal_of_refnn(tmp_path):
    torch.manual_seed(0)
    args = (_small(), torch.randn(1, 3), torch.rand(1, 2), nn.MSELoss())
    with pytest.raises(RuntimeError, match="cannot run 'no-such-refnn-here'"):
        refnn_torch.check(*args, refnn="no-such-refnn-here")
    with pytest.raises(RuntimeError, match=r"check exited 2 without a verdict: .*--rtol"):
        refnn_torch.check(*args, refnn=f"dotnet {os.path.join(ROOT, 'Reference/Cli/bin/Release/net10.0/refnn.dll')}",
                          rtol=-1)
    # dotnet itself exits 1 for a missing dll: an exit code without a verdict line is not a DISAGREE.
    with pytest.raises(RuntimeError, match="check exited 1 without a verdict"):
        refnn_torch.check(*args, refnn=f"dotnet {tmp_path / 'absent.dll'}")


# ---------------------------------------------------------------------------------------------- the command
SPEC = '''
import torch
from torch import nn
def good():
    torch.manual_seed(1)
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.Tanh(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8, 3)).double()
    return model, torch.randn(1, 1, 6, 6, dtype=torch.float64), torch.tensor([2]), nn.CrossEntropyLoss()
def strided():
    return nn.Sequential(nn.Conv2d(1, 1, 3, stride=2)), torch.randn(1, 1, 5, 5), torch.zeros(1, 1, 2, 2), nn.MSELoss()
'''


def _command(args, refnn, cwd):
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "Reference", "Python"), REFNN=refnn)
    return subprocess.run([sys.executable, "-m", "refnn_torch"] + args, capture_output=True, text=True, env=env, cwd=cwd)


def test_command_checks_a_spec_and_refuses_with_one_line(refnn, tmp_path):
    (tmp_path / "spec.py").write_text(SPEC)
    done = _command(["check", "spec.py:good"], refnn, tmp_path)
    assert done.returncode == 0 and done.stdout.rstrip().splitlines()[-1].startswith("AGREE"), done.stdout + done.stderr
    done = _command(["case", "spec.py:good", "out.case.json", "--npy"], refnn, tmp_path)
    assert done.returncode == 0 and (tmp_path / "out.input.npy").exists(), done.stderr
    done = _command(["result", "spec.py:good", "out.result.json"], refnn, tmp_path)
    assert done.returncode == 0 and (tmp_path / "out.result.json").exists(), done.stderr
    done = _command(["check", "spec.py:strided"], refnn, tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("refnn_torch: model[0] (Conv2d(") and "stride" in done.stderr
    done = _command(["check", "spec.py:absent"], refnn, tmp_path)
    assert done.returncode == 2 and "has no function 'absent'" in done.stderr
    done = _command(["check", "spec.py"], refnn, tmp_path)
    assert done.returncode == 2 and "FILE.py:FUNCTION" in done.stderr


# ------------------------------------------------------------------------------------ docs/PyTorch.md as written
def _page_blocks(kind):
    """The page's fenced blocks of a kind ("python", "sh", or "" for plain output), in order."""
    blocks, current, language = [], None, None
    with open(os.path.join(ROOT, "docs", "PyTorch.md"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("```"):
                if current is None:
                    current, language = [], line[3:].strip()
                else:
                    if language == kind:
                        blocks.append("".join(current))
                    current = None
            elif current is not None:
                current.append(line)
    return blocks


def _table(text):
    """A report's rows as (tensor, shape, status), and its verdict line without the numbers of the tolerances."""
    lines = text.strip().splitlines()
    body = [tuple(line.split(maxsplit=5)[i] for i in (0, 1, 5)) for line in lines[1:]
            if not line.startswith(("first difference:", "AGREE", "DISAGREE", "note:"))]
    return body, lines[-1].split("(")[0]


def test_pytorch_page_runs_as_written(tmp_path):
    """Every python3 command of docs/PyTorch.md runs, from a folder laid out like the repository, and the two scripts
    print the tables the page shows (tensor, shape, status and verdict; the worst differences may vary by a few ulps
    with the torch build)."""
    os.symlink(os.path.join(ROOT, "Reference"), tmp_path / "Reference")
    python, shown = _page_blocks("python"), _page_blocks("")
    scripts = {"check_model.py": next(b for b in python if "def make():" in b),
               "check_wrong.py": next(b for b in python if "class MyTanh" in b)}
    for name, text in scripts.items():
        (tmp_path / name).write_text(text)
    tables = [b for b in shown if b.startswith("tensor ")]
    assert len(tables) == 2
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "Reference", "Python"))
    commands = [line for block in _page_blocks("sh") for line in block.splitlines()
                if line.startswith("PYTHONPATH=Reference/Python python3") and "pytest" not in line]
    assert len(commands) == 4, commands
    outputs = {}
    for command in commands:
        done = subprocess.run(["bash", "-c", command.replace("python3", sys.executable, 1)], cwd=tmp_path, env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, f"{command}: {done.stderr}"
        outputs[command] = done.stdout
    assert _table(outputs["PYTHONPATH=Reference/Python python3 check_model.py"]) == _table(tables[0])
    assert _table(outputs["PYTHONPATH=Reference/Python python3 check_wrong.py"]) == _table(tables[1])
    assert (tmp_path / "model.case.json").exists() and (tmp_path / "model.input.npy").exists()
    # The snippet of section 4, after make() from check_model.py.
    snippet = next(b for b in python if "result_from_model" in b)
    done = subprocess.run([sys.executable, "-c", "import refnn_torch\nfrom check_model import make\n" + snippet],
                          cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "torch.result.json").read_text())["format"] == "referencenn/result@1"

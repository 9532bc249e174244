"""Runs a PyTorch model once, forward and backward, and translates what it saw into ReferenceNN's terms.

Everything layout-specific lives here: PyTorch holds a sample as a batch of one, images as N×C×H×W, Linear weights
as out×in, conv weights as out×in×kh×kw and flattens C×H×W; ReferenceNN holds one sample, images as h×w×d (channels
last), dense weights as i×j (Y = X·W + B), conv weights as m×n×d×k and flattens h×w×d. Docs: docs/PyTorch.md.
"""
import contextlib

import numpy as np
import torch
from torch import nn

SUPPORTED = ("Linear, Conv2d, MaxPool2d, Flatten, Dropout, Tanh, Sigmoid, ReLU, LeakyReLU, Softplus, Softmax")
SUPPORTED_LOSSES = "MSELoss, BCELoss or CrossEntropyLoss"
DTYPES = {torch.float64: "float64", torch.float32: "float32"}


class Trace:
    """One run of a model, in ReferenceNN's layout: the case's tensors in float64 (exactly the model's numbers,
    widened) and the result's tensors in the model's own dtype."""

    def __init__(self, dtype, network, loss, input, target, output, loss_value, input_gradient, layers):
        self.dtype = dtype                    # "float64" or "float32": the precision the model computed in
        self.network = network                # case layers: dicts whose tensors are float64 numpy arrays
        self.loss = loss                      # "mse", "binary_cross_entropy" or "cross_entropy"
        self.input = input                    # float64 numpy array, 1×i or h×w×d
        self.target = target                  # float64 numpy array, shaped like the output
        self.output = output                  # numpy array in the model's dtype
        self.loss_value = loss_value          # a Python float (the model's number, exactly)
        self.input_gradient = input_gradient  # numpy array in the model's dtype, shaped like the input
        self.layers = layers                  # result layers: dicts with "type" and, for dense and conv, gradients


class _Layout:
    """How a PyTorch activation (a batch of one) maps to ReferenceNN's tensor: an image N×C×H×W becomes h×w×d; a row
    1×n becomes 1×n with its elements reordered by `perm` (ReferenceNN's element k is PyTorch's element perm[k]),
    which is not the identity after a Flatten of an image."""

    def __init__(self, image, perm=None):
        self.image, self.perm = image, perm

    def to_reference(self, a):
        if self.image:
            return a[0].transpose(1, 2, 0)
        flat = a.reshape(-1)
        return (flat if self.perm is None else flat[self.perm]).reshape(1, -1)


def _name(path, module):
    return f"{path} ({module!r})" if path else repr(module)


def _refuse(path, module, reason):
    raise ValueError(f"refnn_torch: {_name(path, module)}: {reason}")


def _pair(value):
    return tuple(value) if isinstance(value, (tuple, list)) else (value, value)


def _layers(model):
    """The model's leaf modules in order, with their dotted names, after checking it is a plain Sequential."""
    if not isinstance(model, nn.Sequential):
        raise ValueError(f"refnn_torch: the model must be a torch.nn.Sequential of {SUPPORTED}; "
                         f"got {type(model).__name__}")
    found, seen, owners = [], {}, {}

    def walk(sequential, prefix):
        if type(sequential).forward is not nn.Sequential.forward:
            raise ValueError(f"refnn_torch: {prefix or 'the model'} is a {type(sequential).__name__} that overrides "
                             "forward, so its layers may not run in order; use a plain torch.nn.Sequential")
        for name, child in sequential._modules.items():  # not named_children(), which hides a module used twice
            path = f"{prefix or 'model'}[{name}]" if name.isdigit() else f"{prefix or 'model'}.{name}"
            if child is None:
                continue
            if id(child) in seen:
                raise ValueError(f"refnn_torch: {_name(path, child)} is the same module as {seen[id(child)]}; "
                                 "ReferenceNN's layers each own their weights: use a separate module")
            seen[id(child)] = path
            if isinstance(child, nn.Sequential):
                walk(child, path)
                continue
            for parameter in child.parameters():
                if id(parameter) in owners:
                    raise ValueError(f"refnn_torch: {_name(path, child)} shares a parameter with {owners[id(parameter)]}; "
                                     "ReferenceNN's layers each own their weights")
                owners[id(parameter)] = path
            found.append((path, child))

    walk(model, "")
    if not found:
        raise ValueError("refnn_torch: the model has no layers")
    return found


def _check_module(path, m):
    """Refuses a module or an option ReferenceNN does not compute, naming it and saying why."""
    if isinstance(m, nn.Linear):
        return
    if isinstance(m, nn.Conv2d):
        if _pair(m.stride) != (1, 1):
            _refuse(path, m, f"stride {_pair(m.stride)} is not supported: ReferenceNN's conv has stride 1")
        if m.padding not in ("valid", (0, 0), 0):
            _refuse(path, m, f"padding {m.padding!r} is not supported: ReferenceNN's conv is valid (no padding)")
        if _pair(m.dilation) != (1, 1):
            _refuse(path, m, f"dilation {_pair(m.dilation)} is not supported: ReferenceNN's conv has no dilation")
        if m.groups != 1:
            _refuse(path, m, f"groups={m.groups} is not supported: ReferenceNN's conv connects every input channel "
                             "to every output channel")
        return
    if isinstance(m, nn.MaxPool2d):
        if _pair(m.padding) != (0, 0):
            _refuse(path, m, f"padding {m.padding!r} is not supported: ReferenceNN's max pooling has no padding")
        if _pair(m.dilation) != (1, 1):
            _refuse(path, m, f"dilation {m.dilation!r} is not supported")
        if m.ceil_mode:
            _refuse(path, m, "ceil_mode=True is not supported: ReferenceNN's max pooling floors the output size")
        if m.return_indices:
            _refuse(path, m, "return_indices=True is not supported: the layer must return the pooled tensor only")
        return
    if isinstance(m, nn.Flatten):
        if m.start_dim != 1 or m.end_dim not in (-1, 3):
            _refuse(path, m, f"start_dim={m.start_dim}, end_dim={m.end_dim} is not supported: only the default "
                             "Flatten() (start_dim=1, end_dim=-1), which flattens one sample")
        return
    if isinstance(m, nn.Dropout):
        if not 0 <= m.p < 1:
            _refuse(path, m, f"p={m.p} is not supported: ReferenceNN's dropout rate is in [0, 1)")
        if m.inplace:
            _refuse(path, m, "inplace=True is not supported: the mask cannot be read back from an in-place dropout; "
                             "use inplace=False")
        return
    if isinstance(m, (nn.Tanh, nn.Sigmoid, nn.ReLU, nn.LeakyReLU)):
        return
    if isinstance(m, nn.Softplus):
        if m.beta != 1:
            _refuse(path, m, f"beta={m.beta} is not supported: ReferenceNN's softplus is log(1 + eˣ) (beta 1)")
        return
    if isinstance(m, nn.Softmax):
        return
    hint = ""
    if isinstance(m, nn.LogSoftmax):
        hint = "; for log-softmax + NLLLoss give the logits and CrossEntropyLoss instead"
    elif isinstance(m, (nn.Dropout1d, nn.Dropout2d, nn.Dropout3d, nn.AlphaDropout, nn.FeatureAlphaDropout)):
        hint = "; only element-wise nn.Dropout is supported"
    _refuse(path, m, f"{type(m).__name__} is not supported; ReferenceNN computes {SUPPORTED}{hint}")


def _check_loss(loss):
    if isinstance(loss, type) and issubclass(loss, nn.Module):
        loss = loss()
    if isinstance(loss, nn.MSELoss):
        if loss.reduction != "mean":
            raise ValueError(f"refnn_torch: loss {loss!r}: reduction='{loss.reduction}' is not supported: "
                             "ReferenceNN's mse is the mean over all elements (reduction='mean')")
        return loss, "mse"
    if isinstance(loss, nn.BCELoss):
        if loss.weight is not None:
            raise ValueError(f"refnn_torch: loss {loss!r}: a weight is not supported")
        if loss.reduction != "mean":
            raise ValueError(f"refnn_torch: loss {loss!r}: reduction='{loss.reduction}' is not supported: "
                             "ReferenceNN's binary_cross_entropy is the mean over all elements (reduction='mean')")
        return loss, "binary_cross_entropy"
    if isinstance(loss, nn.CrossEntropyLoss):
        if loss.weight is not None:
            raise ValueError(f"refnn_torch: loss {loss!r}: class weights are not supported")
        if loss.label_smoothing != 0:
            raise ValueError(f"refnn_torch: loss {loss!r}: label_smoothing={loss.label_smoothing} is not supported; "
                             "give the smoothed probabilities as the target instead")
        if loss.reduction not in ("mean", "sum"):
            raise ValueError(f"refnn_torch: loss {loss!r}: reduction='{loss.reduction}' is not supported")
        return loss, "cross_entropy"
    hint = "; for BCEWithLogitsLoss end the model with Sigmoid and use BCELoss" if isinstance(loss, nn.BCEWithLogitsLoss) else ""
    raise ValueError(f"refnn_torch: loss {loss!r} is not supported; ReferenceNN computes {SUPPORTED_LOSSES}{hint}")


def _as_tensor(value, what):
    if what == "target" and isinstance(value, int) and not isinstance(value, bool):
        return torch.tensor([value])  # a class index, for CrossEntropyLoss
    if isinstance(value, torch.Tensor):
        return value.detach()
    if isinstance(value, np.ndarray):
        return torch.from_numpy(value)
    raise ValueError(f"refnn_torch: {what} must be a torch.Tensor or a numpy array{' (or a class index)' if what == 'target' else ''}, "
                     f"not {type(value).__name__}")


def _finite64(t, what):
    a = t.detach().cpu().numpy().astype(np.float64)
    if not np.all(np.isfinite(a)):
        raise ValueError(f"refnn_torch: {what} holds a non-finite number; a case holds finite numbers only")
    return a


@contextlib.contextmanager
def _random_state(seed):
    """With a seed, the forward draws its dropout masks from torch.manual_seed(seed), and the caller's random state
    is restored afterwards; without one (None), from the caller's random state as it is."""
    if seed is None:
        yield
        return
    with torch.random.fork_rng(devices=list(range(torch.cuda.device_count())) if torch.cuda.is_available() else []):
        torch.manual_seed(seed)
        yield


def trace(model, x, target, loss, seed=0):
    """Runs `model` on one sample `x` with `loss` against `target`, forward and backward, and returns a Trace.

    Raises ValueError for anything ReferenceNN does not compute, naming the module or argument and the reason.
    """
    layers = _layers(model)
    for path, module in layers:
        _check_module(path, module)
    loss_module, loss_name = _check_loss(loss)
    x = _as_tensor(x, "x")
    target = _as_tensor(target, "target")
    if x.dtype not in DTYPES:
        raise ValueError(f"refnn_torch: x is {x.dtype}; ReferenceNN checks float64 and float32 models")
    dtypes = {p.dtype for p in model.parameters()}
    if dtypes - {x.dtype}:
        raise ValueError(f"refnn_torch: x is {x.dtype} but the model's parameters are "
                         f"{', '.join(sorted(str(d) for d in dtypes))}; give x in the model's dtype")
    if x.dim() not in (2, 4) or x.shape[0] != 1:
        raise ValueError(f"refnn_torch: x is {tuple(x.shape)}, but must be one sample: 1×i for a model that starts "
                         "with Linear, or 1×C×H×W (NCHW) for one that starts with an image layer")

    parameters = [p for p in model.parameters()]
    saved_requires_grad = [p.requires_grad for p in parameters]
    records = []
    handles = []

    def pre_hook(index):
        path, module = layers[index]

        def hook(m, inputs):
            shape = tuple(inputs[0].shape)
            if len(records) != index:
                raise ValueError(f"refnn_torch: {_name(path, m)} ran out of order (as layer {len(records)}); "
                                 "every layer must run once, in order")
            if isinstance(m, nn.Linear) and len(shape) != 2:
                _refuse(path, m, f"its input is {shape}; a Linear needs a row 1×i (put a Flatten before it)")
            if isinstance(m, (nn.Conv2d, nn.MaxPool2d)) and len(shape) != 4:
                _refuse(path, m, f"its input is {shape}; it needs an image 1×C×H×W")
            if isinstance(m, nn.Flatten) and len(shape) not in (2, 4):
                _refuse(path, m, f"its input is {shape}; Flatten takes a row 1×n or an image 1×C×H×W")
            if isinstance(m, nn.Softmax):
                if len(shape) != 2 or m.dim not in (None, 1, -1):
                    _refuse(path, m, f"softmax over dim={m.dim} of a {shape} input is not supported: ReferenceNN's "
                                     "softmax is over all elements of a row 1×n (Softmax(dim=1) after Linear or Flatten)")
            records.append({"input_shape": shape})
        return hook

    def forward_hook(index):
        path, module = layers[index]

        def hook(m, inputs, output):
            record = records[index]
            record["output_shape"] = tuple(output.shape)
            if isinstance(m, nn.Dropout) and m.training and m.p > 0:
                # ∂Y/∂X of a dropout is M/(1 − p): the mask of this very forward, exact even where X is 0.
                (slope,) = torch.autograd.grad(output, inputs[0], torch.ones_like(output), retain_graph=True)
                record["mask"] = (slope != 0).to(torch.float64)
            if isinstance(m, (nn.Linear, nn.Conv2d)) and m.bias is None:
                # Without a bias, ReferenceNN's ∂E/∂B is ∂E/∂Y (summed over positions for a conv): keep Y's own
                # tensor, and hand the next layer a copy so that an in-place activation cannot rewrite it.
                record["output"] = output
                return output.clone()
            record["output"] = output
            return None
        return hook

    try:
        for p in parameters:
            p.requires_grad_(True)
        for index, (path, module) in enumerate(layers):
            handles.append(module.register_forward_pre_hook(pre_hook(index)))
            handles.append(module.register_forward_hook(forward_hook(index)))
        x_leaf = x.clone().requires_grad_(True)
        with torch.enable_grad(), _random_state(seed):
            y = model(x_leaf.clone())  # a copy, so that an in-place first layer leaves the leaf alone
        if len(records) != len(layers):
            raise ValueError(f"refnn_torch: {len(records)} of the model's {len(layers)} layers ran; every layer must run "
                             "once, in order")
        with torch.enable_grad():
            output, torch_target, case_target = _loss_inputs(y, target, loss_module, loss_name)
            e = loss_module(y, torch_target)
            bias_free = [i for i, (_, m) in enumerate(layers) if isinstance(m, (nn.Linear, nn.Conv2d)) and m.bias is None]
            wanted = [x_leaf] + parameters + [records[i]["output"] for i in bias_free]
            grads = torch.autograd.grad(e, wanted, allow_unused=True)
    finally:
        for handle in handles:
            handle.remove()
        for p, flag in zip(parameters, saved_requires_grad):
            p.requires_grad_(flag)

    def numpy(t, like):
        return (torch.zeros_like(like) if t is None else t).detach().cpu().numpy()

    grad_of = {id(p): numpy(g, p) for p, g in zip(parameters, grads[1:1 + len(parameters)])}
    output_grad_of = {i: numpy(g, records[i]["output"]) for i, g in zip(bias_free, grads[1 + len(parameters):])}

    layout = _Layout(image=x.dim() == 4)
    case_input = layout.to_reference(_finite64(x, "x"))
    input_gradient = layout.to_reference(numpy(grads[0], x_leaf))
    network, result_layers = [], []
    for index, (path, m) in enumerate(layers):
        record = records[index]
        if isinstance(m, nn.Linear):
            rows = slice(None) if layout.perm is None else layout.perm
            weights = _finite64(m.weight, f"{path}.weight").T[rows]
            gradient = grad_of[id(m.weight)].T[rows]
            if m.bias is not None:
                bias, bias_gradient = _finite64(m.bias, f"{path}.bias"), grad_of[id(m.bias)]
            else:
                bias, bias_gradient = np.zeros(m.out_features), output_grad_of[index].reshape(-1)
            network.append({"type": "dense", "weights": weights, "bias": bias})
            result_layers.append({"type": "dense", "weightsGradient": gradient, "biasGradient": bias_gradient})
            layout = _Layout(image=False)
        elif isinstance(m, nn.Conv2d):
            weights = _finite64(m.weight, f"{path}.weight").transpose(2, 3, 1, 0)
            gradient = grad_of[id(m.weight)].transpose(2, 3, 1, 0)
            if m.bias is not None:
                bias, bias_gradient = _finite64(m.bias, f"{path}.bias"), grad_of[id(m.bias)]
            else:
                bias, bias_gradient = np.zeros(m.out_channels), output_grad_of[index].sum(axis=(0, 2, 3))
            network.append({"type": "conv", "weights": weights, "bias": bias})
            result_layers.append({"type": "conv", "weightsGradient": gradient, "biasGradient": bias_gradient})
        elif isinstance(m, nn.MaxPool2d):
            (p, q), stride = _pair(m.kernel_size), m.stride if m.stride is not None else m.kernel_size
            network.append({"type": "maxpool", "size": [int(p), int(q)], "stride": [int(s) for s in _pair(stride)]})
            result_layers.append({"type": "maxpool"})
        elif isinstance(m, nn.Flatten):
            if layout.image:
                c, h, w = record["input_shape"][1:]
                layout = _Layout(image=False, perm=np.arange(c * h * w).reshape(c, h, w).transpose(1, 2, 0).reshape(-1))
            network.append({"type": "flatten"})
            result_layers.append({"type": "flatten"})
        elif isinstance(m, nn.Dropout):
            layer = {"type": "dropout", "rate": float(m.p)}
            if "mask" in record:
                layer["mask"] = layout.to_reference(record["mask"].cpu().numpy())
            network.append(layer)
            result_layers.append({"type": "dropout"})
        elif isinstance(m, nn.Softmax):
            network.append({"type": "softmax"})
            result_layers.append({"type": "softmax"})
        else:
            function = {nn.Tanh: "tanh", nn.Sigmoid: "sigmoid", nn.ReLU: "relu", nn.LeakyReLU: "leaky_relu",
                        nn.Softplus: "softplus"}
            name = next(f for kind, f in function.items() if isinstance(m, kind))
            layer = {"type": "activation", "function": name}
            if name == "leaky_relu":
                layer["alpha"] = float(m.negative_slope)
            network.append(layer)
            result_layers.append({"type": "activation"})

    if loss_name == "cross_entropy":
        if layout.image:
            raise ValueError("refnn_torch: CrossEntropyLoss needs logits 1×C; the model's output is an image")
        network.append({"type": "softmax"})
        result_layers.append({"type": "softmax"})
    return Trace(DTYPES[x.dtype], network, loss_name, case_input, layout.to_reference(_finite64(case_target, "target")),
                 layout.to_reference(output.detach().cpu().numpy()), float(e.item()), input_gradient, result_layers)


def _loss_inputs(y, target, loss_module, loss_name):
    """The result's output, the target torch's loss takes (in the model's dtype), and the same target as ReferenceNN
    takes it, shaped like the output (one-hot probabilities for a class index)."""
    if loss_name != "cross_entropy":
        if tuple(target.shape) != tuple(y.shape):
            raise ValueError(f"refnn_torch: the target is {tuple(target.shape)} but the model's output is "
                             f"{tuple(y.shape)}; they must be the same shape")
        if not target.is_floating_point():
            raise ValueError(f"refnn_torch: the target is {target.dtype}; it must be floating-point")
        return y, target.to(y.dtype), target.to(y.dtype)
    if y.dim() != 2:
        raise ValueError(f"refnn_torch: CrossEntropyLoss needs logits 1×C but the model's output is "
                         f"{tuple(y.shape)}; ReferenceNN's softmax is over all elements of one row")
    classes = y.shape[1]
    if target.is_floating_point():
        if tuple(target.shape) != tuple(y.shape):
            raise ValueError(f"refnn_torch: a probability target must be {tuple(y.shape)} like the logits, "
                             f"not {tuple(target.shape)}")
        return torch.softmax(y, dim=1), target.to(y.dtype), target.to(y.dtype)
    if target.numel() != 1 or target.dim() > 1:
        raise ValueError(f"refnn_torch: a class-index target must be one index, shape (1,), not {tuple(target.shape)}")
    label = int(target.reshape(-1)[0])
    if not 0 <= label < classes:
        raise ValueError(f"refnn_torch: the target class {label} is not in [0, {classes})")
    if label == loss_module.ignore_index:
        raise ValueError(f"refnn_torch: the target class {label} is the loss's ignore_index, which leaves no loss to check")
    one_hot = torch.zeros(1, classes, dtype=torch.float64)
    one_hot[0, label] = 1
    return torch.softmax(y, dim=1), target.reshape(1).to(torch.long), one_hot


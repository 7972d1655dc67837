"""The skorch side of every detector: the training dataset and the net that trains on it."""

import math

import torch
from skorch import NeuralNet
from skorch.callbacks import Callback
from torch.utils.data import Dataset

__all__ = [
    "CosineLearningRate",
    "DetectorNet",
    "TrainingDataset",
    "WeightAverage",
    "resolve_device",
]


def resolve_device(device):
    """Translate the estimators' ``device`` parameter into a torch device string.

    Raises a ``ValueError`` naming the parameter for a string torch cannot parse and
    for a CUDA device this machine does not have, rather than torch's own assertion
    deep inside the first transfer.
    """
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    try:
        parsed = torch.device(device)
    except RuntimeError as exc:
        raise ValueError(
            f"device={device!r} is not a torch device; use 'auto', 'cpu', 'cuda' or 'cuda:N'."
        ) from exc
    if parsed.type == "cuda":
        available = torch.cuda.device_count() if torch.cuda.is_available() else 0
        if (parsed.index or 0) >= available:
            raise ValueError(
                f"device={device!r} asks for a CUDA device, but this machine has "
                f"{available} usable with torch {torch.__version__}; use device='auto' "
                "(CUDA when present, else the CPU) or 'cpu'."
            )
    return str(device)


class TrainingDataset(Dataset):
    """Normal training images as ``(input, {"target", "weight"})`` pairs.

    Parameters
    ----------
    images : torch.Tensor of shape (n, C, H, W)
        Scaled training images.
    weights : torch.Tensor of shape (n,)
        Per-sample loss weights (mean 1).
    make_pair : callable or None
        ``make_pair(image) -> (input, target)`` or ``(input, target, pixel_weight)``: how
        a detector's self-supervised task turns one clean image into a training pair
        (erase attributes, corrupt regions, ...); ``pixel_weight`` (broadcastable to the
        target) weights the loss per pixel. ``None`` reconstructs the image itself.
    """

    def __init__(self, images, weights, make_pair=None):
        self.images = images
        self.weights = weights
        self.make_pair = make_pair

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        image = self.images[index]
        if self.make_pair is None:
            return image, {"target": image, "weight": self.weights[index]}
        inputs, target, *pixel_weight = self.make_pair(image)
        y = {"target": target, "weight": self.weights[index]}
        if pixel_weight:
            y["pixel_weight"] = pixel_weight[0]
        return inputs, y


class WeightAverage(Callback):
    """Replace the trained network's state by an exponential moving average of it.

    After every training batch the average moves towards the network's current state
    (weights and floating-point buffers such as batch-norm statistics) by a fraction
    ``1 - decay``; the average over the first ``t`` batches is normalised by
    ``1 - decay ** t``, so the random initial weights carry no weight however short the
    training. At the end of training the average is loaded into the network.

    Parameters
    ----------
    decay : float in (0, 1)
        How slowly the average forgets: it spans about ``1 / (1 - decay)`` batches.
    """

    def __init__(self, decay):
        self.decay = decay

    def on_train_begin(self, net, **kwargs):
        self.average_ = None
        self.n_averaged_ = 0

    def on_batch_end(self, net, training=False, **kwargs):
        if not training:
            return
        state = net.module_.state_dict()
        self.n_averaged_ += 1
        if self.average_ is None:
            self.average_ = {key: value.detach().clone() for key, value in state.items()}
            return
        # the weight of the newest state in the normalised average
        step = (1.0 - self.decay) / (1.0 - self.decay**self.n_averaged_)
        with torch.no_grad():
            for key, value in state.items():
                if value.is_floating_point():
                    self.average_[key].lerp_(value, step)
                else:  # integer buffers (batch-norm's batch count) are counts, not weights
                    self.average_[key].copy_(value)

    def on_train_end(self, net, **kwargs):
        if self.average_ is not None:
            net.module_.load_state_dict(self.average_)
        # the network holds it now; a second copy would double the fitted size
        self.average_ = None


class CosineLearningRate(Callback):
    """Anneal the learning rate to zero along half a cosine, one step per training batch.

    The ``k``-th of ``T`` training batches (``T`` = batches per epoch times
    ``max_epochs``) updates with ``lr * (1 + cos(pi * (k - 1) / T)) / 2``: the first with
    the full rate, the last with almost none. Every optimizer the net holds is annealed
    (a detector with several players, such as DAAD's generator and discriminator, has
    one per player); each keeps its starting rate as the param group's ``initial_lr``,
    the key torch's own schedulers use, and gets it back when training ends.
    """

    @staticmethod
    def _optimizers(net):
        # skorch registers every optimizer set up in initialize_optimizer by name
        return [getattr(net, name + "_") for name in net._optimizers]

    def on_train_begin(self, net, X=None, **kwargs):
        batches_per_epoch = math.ceil(len(X) / net.batch_size)
        self.n_steps_ = batches_per_epoch * net.max_epochs
        self.step_ = 0
        for optimizer in self._optimizers(net):
            for group in optimizer.param_groups:
                group["initial_lr"] = group["lr"]

    def on_batch_end(self, net, training=False, **kwargs):
        if not training:
            return
        self.step_ += 1
        factor = 0.5 * (1.0 + math.cos(math.pi * min(self.step_, self.n_steps_) / self.n_steps_))
        for optimizer in self._optimizers(net):
            for group in optimizer.param_groups:
                group["lr"] = group["initial_lr"] * factor

    def on_train_end(self, net, **kwargs):
        for optimizer in self._optimizers(net):
            for group in optimizer.param_groups:
                group["lr"] = group["initial_lr"]


class DetectorNet(NeuralNet):
    """skorch net for self-supervised image models with per-sample weights.

    The criterion must return an element-wise loss (``reduction="none"``); it is averaged
    over each sample, weighted by the sample's weight and averaged over the batch.
    Detectors whose network returns auxiliary outputs or needs extra loss terms
    override :meth:`get_loss`; ones that need several optimizers override
    :meth:`train_step_single` and :meth:`initialize_optimizer`, the skorch hooks meant for it.
    """

    def get_loss(self, y_pred, y_true, X=None, training=False):
        target = y_true["target"].to(self.device)
        weight = y_true["weight"].to(self.device)
        per_element = self.criterion_(y_pred, target)
        if "pixel_weight" in y_true:
            per_element = per_element * y_true["pixel_weight"].to(self.device)
        per_sample = per_element.flatten(1).mean(dim=1)
        return (per_sample * weight).mean()

    # The detectors pass their network as an instance, so ``module`` *is* ``module_``.
    # skorch pickles ``module_`` through torch.save with a map_location chosen at load
    # time (a CUDA-trained net unpickles on a CPU-only machine), but ``module`` plainly,
    # which fails without CUDA; it is left out of the pickle and re-linked instead.
    _MODULE_IS_MODULE_ = "<the same instance as module_>"

    def __getstate__(self):
        state = super().__getstate__()
        if "module_" in self.__dict__ and state.get("module") is self.module_:
            state["module"] = self._MODULE_IS_MODULE_
        return state

    def __setstate__(self, state):
        relink = state.get("module") == self._MODULE_IS_MODULE_
        super().__setstate__(state)
        if relink:
            self.module = self.module_

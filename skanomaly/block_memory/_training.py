"""The skorch net of :class:`BlockMemoryDetector`: memory losses and adversarial steps."""

import torch
from skorch.callbacks import PassthroughScoring
from skorch.dataset import unpack_data
from skorch.utils import TeeGenerator
from torch.nn import functional as F

from .._training import DetectorNet

__all__ = ["BlockMemoryNet"]


def _weighted_mean(per_sample, weight):
    return (per_sample * weight).mean()


class BlockMemoryNet(DetectorNet):
    """A :class:`~skanomaly._training.DetectorNet` for a :class:`BlockMemoryNetwork`.

    The generator's loss is the weighted reconstruction error, plus
    ``entropy_weight`` times the memories' addressing entropy, plus (when the module
    has a discriminator) ``adversarial_weight`` times the non-saturating GAN loss of the
    reconstructions. Each training step first updates the generator with ``optimizer_``,
    then the discriminator with its own ``optimizer_discriminator_`` on the real images
    against the (detached) reconstructions; the discriminator's loss is recorded per
    batch and per epoch as ``discriminator_loss``.

    Parameters
    ----------
    *args, **kwargs
        As for :class:`skorch.NeuralNet`.
    entropy_weight : float, default=0.0
        Weight of the addressing-entropy penalty.
    adversarial_weight : float, default=0.0
        Weight of the generator's adversarial loss.

    Attributes
    ----------
    optimizer_ : torch.optim.Optimizer
        The generator's optimizer (the module without its discriminator).
    optimizer_discriminator_ : torch.optim.Optimizer
        The discriminator's optimizer, of the same class and settings; set only when
        the module has a discriminator.
    history : skorch.history.History
        As for :class:`skorch.NeuralNet`, with ``discriminator_loss`` added.

    Examples
    --------
    :class:`~skanomaly.BlockMemoryDetector` builds this net in ``fit``; after fitting it is
    ``net_``:

    >>> from sklearn.datasets import load_digits
    >>> from skanomaly import BlockMemoryDetector
    >>> detector = BlockMemoryDetector(granularity=(2, 1), memory_size=10, base_channels=4,
    ...                                max_epochs=2, random_state=0)
    >>> net = detector.fit(load_digits().images[:100]).net_
    >>> type(net).__name__, len(net.history[:, "discriminator_loss"])
    ('BlockMemoryNet', 2)
    """

    def __init__(self, *args, entropy_weight=0.0, adversarial_weight=0.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.entropy_weight = entropy_weight
        self.adversarial_weight = adversarial_weight

    @property
    def _discriminator(self):
        return self.module_.discriminator

    def get_default_callbacks(self):
        return [
            *super().get_default_callbacks(),
            ("discriminator_loss", PassthroughScoring("discriminator_loss", on_train=True)),
        ]

    def initialize_optimizer(self, *args, **kwargs):
        # one optimizer per player, each over its own parameters only
        pgroups, params = self.get_params_for_optimizer(
            "optimizer", self.module_.generator.named_parameters()
        )
        self.optimizer_ = self.optimizer(*pgroups, **params)
        if self._discriminator is not None:
            pgroups, params = self.get_params_for_optimizer(
                "optimizer", self._discriminator.named_parameters()
            )
            self.optimizer_discriminator_ = self.optimizer(*pgroups, **params)
        return self

    def _realness_loss(self, images, real, weight):
        """Per-sample-weighted binary cross-entropy of the discriminator's patch logits."""
        logits = self._discriminator(images)
        target = torch.full_like(logits, 1.0 if real else 0.0)
        per_patch = F.binary_cross_entropy_with_logits(logits, target, reduction="none")
        return _weighted_mean(per_patch.flatten(1).mean(dim=1), weight)

    def get_loss(self, y_pred, y_true, X=None, training=False):
        reconstruction, entropy, _ = y_pred
        loss = super().get_loss(reconstruction, y_true, X=X, training=training)
        loss = loss + self.entropy_weight * entropy
        if training and self._discriminator is not None and self.adversarial_weight > 0:
            weight = y_true["weight"].to(self.device)
            loss = loss + self.adversarial_weight * self._realness_loss(
                reconstruction, True, weight
            )
        return loss

    def train_step(self, batch, **fit_params):
        # the generator's loss back-propagates into the discriminator too; only the
        # generator's optimizer steps on it, and the discriminator's gradients are
        # cleared before its own step
        self.optimizer_.zero_grad()
        step = self.train_step_single(batch, **fit_params)
        self.notify(
            "on_grad_computed",
            named_parameters=TeeGenerator(self.module_.generator.named_parameters()),
            batch=batch,
            training=True,
        )
        self.optimizer_.step()
        if self._discriminator is not None:
            reconstruction = step["y_pred"][0].detach()
            loss = self._discriminator_step(batch, reconstruction)
            self.history.record_batch("discriminator_loss", loss)
        return step

    def _discriminator_step(self, batch, reconstruction):
        _, yi = unpack_data(batch)
        real = yi["target"].to(self.device)
        weight = yi["weight"].to(self.device)
        self.optimizer_discriminator_.zero_grad()
        loss = 0.5 * (
            self._realness_loss(real, True, weight)
            + self._realness_loss(reconstruction, False, weight)
        )
        loss.backward()
        self.optimizer_discriminator_.step()
        return loss.item()

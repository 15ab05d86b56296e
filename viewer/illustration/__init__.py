"""Stand-in illustrations: a deterministic pixel-art picture for each slide, from its words."""

from viewer.illustration.painter import paint
from viewer.illustration.scene import Scene, plan_scene

__all__ = ["Scene", "paint", "plan_scene"]

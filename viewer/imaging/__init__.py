"""Image decoding, half-block cells and terminal-graphics encoding: plain Python (Pillow + rich-pixels), no Textual.

The names below are imported on first use (PEP 562): `viewer.imaging.decode` alone does not
import Rich, which the quick `--print` path does without.
"""

from __future__ import annotations

from viewer.lazy_exports import lazy_exports

_EXPORTS = {
    "ImageProblem": "viewer.imaging.decode", "decode_photo": "viewer.imaging.decode",
    "fit_cells": "viewer.imaging.fitting", "render_rows": "viewer.imaging.halfblocks",
    "PhotoPipeline": "viewer.imaging.pipeline", "RenderedPhoto": "viewer.imaging.pipeline",
    "PixelPhoto": "viewer.imaging.pipeline",
}
__all__ = sorted(_EXPORTS)


__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)

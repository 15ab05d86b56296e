"""Image decoding and half-block cell rendering: plain Python (Pillow + rich-pixels), no Textual."""

from viewer.imaging.decode import ImageProblem, decode_photo
from viewer.imaging.halfblocks import fit_cells, render_rows
from viewer.imaging.pipeline import PhotoPipeline, RenderedPhoto

__all__ = ["ImageProblem", "PhotoPipeline", "RenderedPhoto", "decode_photo", "fit_cells", "render_rows"]

"""Image decoding and half-block cell rendering: plain Python (Pillow + rich-pixels), no Textual."""

from viewer.imaging.decode import ImageProblem, open_photo
from viewer.imaging.halfblocks import fit_cells, render_rows
from viewer.imaging.pipeline import PhotoPipeline, RenderedPhoto

__all__ = ["ImageProblem", "PhotoPipeline", "RenderedPhoto", "fit_cells", "open_photo", "render_rows"]

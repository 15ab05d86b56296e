"""Deck sources: what turns files on disk into decks.

A PATH is loaded here (`loading`: a deck file, a photo in its folder, a photo folder, a folder of
decks), several PATHs as nsxiv takes them (`path_lists`, `file_lists`), in the order `--sort`
asks (`sorting`). Each kind of source has its reader: Markdown decks (`markdown_deck`, with
`markdown_text` for the styled caption text), photo folders (`folder_deck`, whose photos' text
comes from sidecars, downloader JSON — `downloader_json` — and embedded metadata), saved web pages
(`page_deck`, read by the importer). `watch` notices that a deck's source changed and reads it
again.

The decks made here are the model's plain values (viewer.model); this package sits above imaging
and beside the importer, whose readers it uses. The names below are imported on first use
(PEP 562).
"""

from __future__ import annotations

from viewer.lazy_exports import lazy_exports

_EXPORTS = {"load_path": "viewer.sources.loading", "load_paths": "viewer.sources.loading"}
__all__ = sorted(_EXPORTS)


__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)

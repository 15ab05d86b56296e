"""The labels screen readers hear before a photo's caption and its credit, in the languages of
the world services that write them ("Image caption," / "Image source," on BBC pages, "Pie de foto,"
/ "Fuente de la imagen," on BBC Mundo, "ઇમેજ કૅપ્શન," / "ઇમેજ સ્રોત," on BBC Gujarati).

One table, read by the first pass over an article's lines (a label glued to its caption, a label
alone on its line) and by the credit grammar (a source label opens a credit). Written without the
comma that follows them; compared case-folded.
"""

from __future__ import annotations

CAPTION_LABELS_ABROAD: tuple[str, ...] = (
    "pie de foto", "legenda da foto", "légende image", "légende de l'image", "подпись к фото",
    "підпис до фото", "fotoğraf altı yazısı", "keterangan gambar", "chụp lại hình ảnh", "maelezo ya picha",
    "bayanan hoto", "इमेज कैप्शन", "ઇમેજ કૅપ્શન", "फोटो कॅप्शन", "ਤਸਵੀਰ ਕੈਪਸ਼ਨ", "ছবির ক্যাপশান", "படக்குறிப்பு",
    "ఫొటో క్యాప్షన్", "تصویر کا کیپشن", "التعليق على الصورة", "توضیح تصویر", "图像加注文字", "画像説明", "사진 설명",
    "คำบรรยายภาพ",
)
"""A photo's caption follows ("Pie de foto, Un hombre…")."""

SOURCE_LABELS_ABROAD: tuple[str, ...] = (
    "fuente de la imagen", "crédito", "crédit photo", "автор фото", "fotoğraf kaynağı", "sumber gambar",
    "nguồn hình ảnh", "chanzo cha picha", "asalin hoton", "इमेज स्रोत", "ઇમેજ સ્રોત", "फोटो स्रोत", "ਤਸਵੀਰ ਸਰੋਤ",
    "ছবির উৎস", "பட மூலாதாரம்", "ఫొటో సోర్స్", "تصویر کا ذریعہ", "صدر الصورة", "منبع تصویر", "图像来源",
    "画像提供", "사진 출처", "ที่มาของภาพ",
)
"""A photo's credit follows ("Fuente de la imagen, Getty Images")."""

LABEL_COMMAS = ",،，、:"
"""What ends such a label: a comma in Latin, Arabic or CJK script, or a colon."""


def label_at_start(text: str, labels: tuple[str, ...]) -> int:
    """The length of the label of `labels` opening `text` with its comma ("Pie de foto, …" → 12),
    or 0. Only a label followed by its comma counts: "Crédito" alone opens a sentence."""
    lowered = text[:40].casefold()
    for label in labels:
        after = lowered[len(label):len(label) + 1]
        if after and after in LABEL_COMMAS and lowered.startswith(label):
            return len(label) + 1
    return 0


def label_word_count(words: list[str], labels: tuple[str, ...]) -> int:
    """How many of `words` (a line's words as written) a label of `labels` and its comma take up
    at their start, or 0."""
    joined = " ".join(words[:6])
    length = label_at_start(joined, labels)
    return len(joined[:length].split()) if length else 0

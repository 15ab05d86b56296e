"""Closing credits written after a caption's last sentence, in the forms the main credit grammar
(credits.py) leaves alone because their names alone would read as prose: a bracketed credit that
opens with a label (`(photo by Name, courtesy the Museum)`) or holds an organisation
(`(KQED, Delta Watch Reporting Project)`), a keeper (`(Haskett family)`), a closing sentence that
opens with a label (`… 2023. Courtesy the artist and Gallery, City`), a spaced dash then names
(`… near the bay. — APP`) and `…, photo by Name`. Shared by text and saved-page import:
credits.split_credit asks here last. Every test is on a bounded tail of the caption."""

from __future__ import annotations

_TAIL_LABELS = frozenset({"photo", "photos", "photograph", "photographs", "image", "images", "picture", "pictures",
                          "courtesy", "credit", "credits", "copyright", "\u00a9"})
"""First words of a credit a caption ends with, whatever names follow ("(photo by Name, courtesy
the Museum)", "Courtesy the artist and Gallery, City")."""
_SENTENCE_ENDS = ".!?\u201d\u2019\")"
MAX_TAIL = 160
"""Characters: a caption's closing credit is short."""


def _labelled(text: str) -> bool:
    """A phrase that opens with a credit's label ("photo by", "all photos", "Courtesy", "©") and
    names someone (a capitalised word after the label)."""
    words = text.split()
    if words and words[0].lower() == "all" and len(words) > 1:
        words = words[1:]  # "all photos Name/Outlet unless otherwise noted"
    if not words or len(text) > MAX_TAIL:
        return False
    first = words[0].lower().rstrip(":,")
    if first not in _TAIL_LABELS and not first.startswith("\u00a9"):
        return False
    return any(word[:1].isupper() for word in words[1:]) or first.startswith("\u00a9") and len(first) > 1


def _name_phrase(text: str) -> bool:
    """A short run of names: capitalised or all-capitals words, with the small words and
    connectors credits join names with ("PPI Images", "APP", "KQED, Delta Watch Reporting Project")."""
    words = text.replace("/", " / ").split()
    if not 1 <= len(words) <= 8 or len(text) > 80 or text.endswith((".", "!", "?")) and not text.endswith(".."):
        return False
    small = {"of", "the", "and", "for", "via", "de", "la", "/", ",", "&", "-"}
    names = [word for word in words if word.lower() not in small]
    if not names or any(ch.isdigit() for ch in text):
        return False
    if len(names) == 1:
        core = names[0].strip(",")
        return core.isupper() and 2 <= len(core) <= 6  # a lone agency acronym ("APP")
    return all(word.strip(",")[:1].isupper() for word in names)


_ORGANISATION_WORDS = frozenset({"project", "agency", "news", "press", "images", "photos", "photography", "museum",
                                 "library", "archive", "archives", "collection", "society", "institute", "university",
                                 "center", "centre", "trust", "foundation", "studio", "gallery", "network", "service",
                                 "media", "reporting", "radio", "television", "tv"})


def _organisation(text: str) -> bool:
    """Names that include an outlet or institution (an acronym, "Name/Outlet", or a word such as
    Project, Museum, Press), not a place ("Paris, France")."""
    words = [word.strip(",") for word in text.split()]
    return "/" in text or any(word.isupper() and 2 <= len(word) <= 6 for word in words) or \
        any(word.lower() in _ORGANISATION_WORDS for word in words)


def labelled_tail(caption: str, *, names_after_dash: bool = True) -> tuple[str, str | None]:
    """(caption, credit) for the closing credits credits.py leaves to the page, written after the
    caption's last sentence: a parenthesised credit that opens with a label ("(photo by Name,
    courtesy the Museum)", "(all photos Name/Outlet unless otherwise noted)") or, after a full
    stop, is only names ("….(KQED, Delta Watch Reporting Project)"); a closing sentence that opens
    with one ("…, 2023. Courtesy the artist and Gallery, City"); a spaced dash after a full stop,
    then only names ("…near the bay. \u2014 APP"; not with names_after_dash=False, for text, where
    a name after a dash is as often the writer's signature). Else (caption, None)."""
    text = caption.rstrip()
    if text.endswith(")"):
        start = text.rfind("(", max(0, len(text) - MAX_TAIL - 2))
        inner = text[start + 1:-1].strip() if start > 0 else ""
        before = text[:start].rstrip() if start > 0 else ""
        after_sentence = before[-1:] in _SENTENCE_ENDS
        if inner and "(" not in inner and len(before.split()) >= 3 and \
                (_labelled(inner) or after_sentence and "," in inner and _name_phrase(inner) and _organisation(inner)
                 or after_sentence and _keeper(inner)):
            return before, inner
        return caption, None
    for dash in (" \u2014 ", " \u2013 ") if names_after_dash else ():
        cut = text.rfind(dash, max(0, len(text) - 80))
        if cut > 0 and text[:cut].rstrip()[-1:] in _SENTENCE_ENDS and _name_phrase(text[cut + 3:].strip()):
            return text[:cut].rstrip(), text[cut + 3:].strip()
    cut = text.rfind(". ", max(0, len(text) - MAX_TAIL - 2))
    if cut > 0 and len(text[:cut].split()) >= 2 and _labelled(text[cut + 2:].strip()):
        return text[:cut + 1], text[cut + 2:].strip()
    cut = text.rfind(", ", max(0, len(text) - 60))
    tail = text[cut + 2:].split() if cut > 0 else []
    if len(tail) >= 3 and tail[1].lower() == "by" and tail[0].lower() in _TAIL_LABELS and \
            len(text[:cut].split()) >= 3 and _name_phrase(" ".join(tail[2:])):
        return text[:cut], text[cut + 2:]  # "…, photo by Name" closing a caption
    return caption, None


_KEEPER_WORDS = frozenset({"family", "collection", "archive", "archives", "estate"})


def _keeper(text: str) -> bool:
    """A family's or a collection's name: "Haskett family", "Ruiz Collection" (capitalised
    names, then the keeper's word)."""
    words = text.split()
    return 2 <= len(words) <= 5 and words[-1].lower() in _KEEPER_WORDS and \
        all(word[:1].isupper() for word in words[:-1])

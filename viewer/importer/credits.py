"""Photo credits: one small grammar for credit phrases, shared by text and web-page import.

A credit is a short phrase of *names* (people, agencies, publications, user handles) held
together by credit structure:
- a label and a body: `Photograph: Name/Agency`, `Photo by Name (Town, Country)`, `Image: X`,
  `Credit... X for The Paper`, `Image source, X`, `Image copyright X`, `© X`, `Courtesy of X`,
  `Twitter: @x`, `Image credits: user`;
- or structure alone: `Name/Agency`, `AGENCY / Name SURNAME`, `AP Photo/Name, File`,
  `Name via AP`, `Name/AFP via Getty Images`, `u/name / Via site`, `X for Publication`,
  `Name, Getty Images` (a name and an agency after a comma), `ABC Open contributor Name` (a
  role word between names), a bare agency (`Getty Images`, `Reuters`);
- labels glued or prefixed as pages write them: `Credit:Name`, `ST PHOTO: Name`, `via: site.com`,
  `image copyrightName` (the glued screen-reader label is dropped from the credit).
A name is a run of capitalised words (with particles such as "de", "van", "of the" inside it),
an all-capitals word, an initial, a handle (`@x`, `u/x`) or a domain — so "Photo booths line
the street", "Photograph by the river" and an em dash inside a sentence are not credits.

The same phrase may stand on its own line (`credit_line`), or at the end of a caption — after a
full stop, after a dash or bar, in parentheses or brackets, or glued on without a full stop —
or at its start (`split_credit`); after a finished sentence and a bar, a bare name
(`… in Chennai. | S. Name`); a contest entry opening with its photographer and country
(`Ana Ruiz, Spain, 1st Place – …`). Everything here is a scan over a bounded number of words:
a hostile line costs linear time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from viewer.importer.credit_tails import labelled_tail
from viewer.importer.label_words import SOURCE_LABELS_ABROAD, label_word_count

MAX_CREDIT = 140
"""Characters: longer phrases are prose, whatever words they hold."""
MAX_WORDS = 16
_SUFFIX_WINDOW = 200
"""Only the end of a caption is searched for a credit (a credit is short)."""

AGENCY_WORDS = {
    "ap", "afp", "epa", "epa-efe", "efe", "upi", "pa", "anp", "dpa", "kcna", "kns", "reuters", "getty", "corbis",
    "zuma", "shutterstock", "alamy", "xinhua", "yonhap", "kyodo", "bloomberg", "nurphoto", "anadolu", "sipa", "rex",
    "magnum", "nasa", "esa", "wikimedia", "flickr", "unsplash", "pexels", "midjourney", "newscom", "polaris",
    "redux", "panos", "noor", "imago", "abaca", "tass", "ria", "sputnik", "belga", "ansa", "aap", "cp", "ipa",
    "istock", "istockphoto", "dreamstime", "picture-alliance", "dpa/picture-alliance", "ukrinform", "wenn",
    "splash", "backgrid", "mega", "avalon", "pool", "handout", "aljazeera", "ians", "pti", "ani", "apa", "ddp",
    "kna", "dpa-zentralbild",
}
"""Agency and picture-desk names: a credit on their own (`Getty Images`, `(AP)`)."""
_LOWER_CASE_AGENCIES = {"dpa", "epa", "afp", "efe", "ansa", "apa", "anp", "ddp", "kna", "imago", "xinhua",
                        "istock", "istockphoto", "unsplash", "pexels", "shutterstock", "picture-alliance",
                        "dpa-zentralbild", "epa-efe", "sipa", "zuma"}
"""Agencies that sign in lower case (German and Italian desks, stock sites): names all the same."""
_LOWER_CASE_DESKS = {"ullstein", "alliance", "privat", "archiv", "archivio", "archivo", "ansa", "lapresse", "imago"}
"""Words of picture desks written in lower case after a label ("ullstein bild", "picture alliance")."""
_AGENCY_TAILS = {"images", "image", "photo", "photos", "pictures", "picture", "press", "commons", "stock",
                 "news", "staff", "photographer", "via", "creative", "editorial", "/", "file"}

_PARTICLES = {
    "de", "da", "di", "del", "della", "dos", "das", "do", "du", "van", "von", "der", "den", "ten", "ter", "la",
    "le", "les", "al", "el", "bin", "ibn", "y", "e", "of", "the", "and", "&", "for", "on", "via", "st.", "in",
    "at", "to", "und", "et",
}
"""Lower-case words allowed inside a name ("Ana de la Cruz", "Museum of the City", "Photo by X on Unsplash")."""
_ROLE_WORDS = {"contributor", "photographer", "correspondent"}
"""What a credit may call its photographer between names ("ABC Open contributor Kim Lo")."""
_ABBREVIATIONS = {"jr", "sr", "st", "dr", "mr", "mrs", "ms", "co", "inc", "ltd", "corp", "bros"}
_CONNECTORS = {"/", "via", "for", "and", "&", ",", "|", "-", "–", "—", ";"}
"""What joins the names of one credit ("Name/Agency", "Name via AP", "Name for The Paper")."""

# Labels, as lower-case word sequences, and what may follow each. A label word is the kind of
# picture or the word credit; it needs a separator (":" or "by"...) to be a label, so
# "Photo booths" and "Pictures of the week" are not credits.
_KINDS = {"photograph", "photographs", "photo", "photos", "image", "images", "picture", "pictures", "pic", "pics",
          "illustration", "illustrations", "video", "graphic", "artwork", "photography", "cover", "top", "above",
          "main", "header", "lead", "feature", "featured", "banner", "map", "portrait", "portraits",
          # the same words in the languages photo pages are written in
          "foto", "fotos", "fotografia", "fotografía", "fotografie", "fotografías", "fotografias", "photographie",
          "bild", "bilder", "imagen", "imagem", "imágenes", "imagens", "immagine", "immagini", "zdjęcie", "zdjęcia",
          "fot", "phot", "kuva", "billede", "afbeelding", "fotó", "fotoğraf", "ilustración", "ilustração",
          "illustratie", "ảnh", "hình", "фото", "фотография", "φωτογραφία", "φωτ", "sumber", "gambar"}
_ABBREVIATED_KINDS = {"fot.", "phot."}
"""Picture words cut short, whose full stop separates them from the maker as a colon would
(Polish "fot. Name", French "phot. Name")."""
_CREDIT_WORDS = {"credit", "credits", "copyright", "source", "photographer", "photographers", "courtesy",
                 "crédito", "créditos", "credito", "crediti", "crédit", "crédits", "fuente", "quelle", "fonte",
                 "źródło", "bron", "kilde", "lähde", "fotógrafo", "fotografo", "fotograf", "photographe",
                 "автор", "источник", "джерело", "фотограф", "πηγή", "φωτογραφία", "φωτό", "φωτογράφος", "撮影",
                 "写真", "사진", "출처", "ที่มา", "المصدر", "تصوير", "צילום", "קרדיט"}
_BY_WORDS = (("by",), ("via",), ("from",), ("courtesy", "of"), ("courtesy",), ("credit", "to"),
             ("por",), ("par",), ("von",), ("di",), ("door",), ("de",), ("av",), ("af",), ("oleh",))
"""What joins a picture word to its maker ("Photo by", "Foto: ", "Photo par", "Foto von", "Foto di")."""
_MADE_BY = {"photographed", "shot", "taken", "captured", "supplied", "provided", "submitted", "sent", "made",
            "created", "uploaded", "contributed", "snapped"}
"""Participles between a picture word and "by" ("Photo taken by: Name", "Image supplied by X")."""
_SOCIAL = {"twitter", "instagram", "x", "tiktok", "reddit", "flickr", "facebook", "youtube", "mastodon", "bluesky",
           "threads", "tumblr", "500px", "vsco", "behance"}


@dataclass(frozen=True)
class _Word:
    text: str
    """The word as written (trailing "," or "." kept)."""
    start: int
    end: int

    @property
    def bare(self) -> str:
        return self.text.strip(",.;:()[]\"'“”‘’…").casefold()


def _words(text: str, offset: int = 0) -> list[_Word]:
    """Whitespace-separated words, with "/" split off as a word of its own ("Bell/Reuters" → 3),
    except inside handles and addresses ("u/name", "r/pics", "site.com/x")."""
    out: list[_Word] = []
    index, length = 0, len(text)
    while index < length:
        while index < length and text[index].isspace():
            index += 1
        if index >= length:
            break
        end = index
        while end < length and not text[end].isspace():
            end += 1
        for piece_start, piece_end in _glued_pieces(text, index, end):
            _split_slashes(text, piece_start, piece_end, offset, out)
        index = end
    return out


_GLUED_LABELS = ("copyright", "caption", "source", "credit", "credits", "photo", "image", "courtesy")


def _glued_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A word that is two words glued by a scraper: "food.Lior" (a sentence and the credit after
    it), "copyrightName" (a hidden label and its value), "Credit:Name" (a label without its space).
    Other words stay whole ("U.S.", "McDonald")."""
    token = text[start:end]
    index = token.find(".")  # only the first full stop can end a sentence glued to a name
    if 2 <= index < len(token) - 1 and token[index + 1].isupper() and (
            token[index - 1].islower() and token[index - 2].islower() or token[index - 4:index].isdigit() or
            token[index - 1] in ")]" and index >= 3):  # "(China).Wei Lanfang (Getty Images)"
        return [(start, start + index + 1), (start + index + 1, end)]
    colon = token.find(":")
    if 4 <= colon < len(token) - 1 and token[colon + 1].isupper() and (
            token[:colon].casefold() in _GLUED_LABELS or token[:colon].casefold() in _KINDS):
        return [(start, start + colon + 1), (start + colon + 1, end)]  # "Credit:Ana Ruiz"
    if not token[:1].islower() or len(token) < 6:
        return [(start, end)]
    lowered = token.casefold()
    for label in _GLUED_LABELS:
        if lowered.startswith(label) and len(token) > len(label) + 1 and token[len(label)].isupper() and \
                token[:len(label)].islower():
            return [(start, start + len(label)), (start + len(label), end)]
    return [(start, end)]


def _split_slashes(text: str, start: int, end: int, offset: int, out: list[_Word]) -> None:
    token = text[start:end]
    if "/" not in token or token[:2].lower() in ("u/", "r/") or "://" in token or "www." in token.lower() or \
            token.replace("/", "").strip(".,;()").isdigit() or (  # ("12/4/2020": a date, one word)
            "." in token.split("/", 1)[0] and token.split("/", 1)[0][-1:] != "."):
        out.append(_Word(token, start + offset, end + offset))
        return
    position = start
    for index, part in enumerate(token.split("/")):
        if index:
            out.append(_Word("/", position + offset, position + 1 + offset))
            position += 1
        if part:
            out.append(_Word(part, position + offset, position + len(part) + offset))
        position += len(part)


def _is_handle(core: str) -> bool:
    """A user name as sites write them: with an underscore, or letters run into digits."""
    if not core or not core.isascii() or not all(ch.isalnum() or ch in "_.-" for ch in core):
        return False
    return ("_" in core.strip("_") and any(ch.isalpha() for ch in core)) or (
        any(ch.isdigit() for ch in core) and sum(ch.isalpha() for ch in core) >= 3 and core[0].isalpha())


def _is_web_name(word: str) -> bool:
    core = word.strip(",.;:()[]\"'“”‘’")
    lowered = core.casefold()
    return core[:1] == "@" or lowered.startswith(("u/", "r/")) or _is_handle(core) or (
        "." in core.strip(".") and any(ch.isalpha() for ch in core.rsplit(".", 1)[-1]) and not core[:1].isdigit())


def _is_name_word(word: str, lenient: bool = False) -> bool:
    """A word that can start or end a name: capitalised, all capitals, a digit-led agency code,
    an initial, a handle or a domain. `lenient` (after an explicit credit label) takes any word."""
    core = word.strip(",.;:()[]\"'“”‘’")
    if not core:
        return False
    if core[0] in "@#" and len(core) > 1:
        return True
    lowered = core.casefold()
    if lowered.startswith(("u/", "r/")) and len(core) > 2:
        return True
    if "." in core.strip(".") and any(ch.isalpha() for ch in core.rsplit(".", 1)[-1]) and not core[0].isdigit():
        return True  # reddit.com, example.org
    if _is_handle(core):
        return True  # tallgrass_dani, wavedog77
    first = core[0]
    if first.isupper() or (first.isdigit() and any(ch.isalpha() for ch in core)):
        return True
    if lowered in _LOWER_CASE_AGENCIES or lowered.split("/")[0] in _LOWER_CASE_AGENCIES:
        return True  # "dpa/Anke Reinholz", "picture-alliance / dpa"
    if len(core) > 1 and core[0] in "'’" and core[1].isupper():
        return True
    if lowered.startswith(("d'", "d’", "o'", "o’", "l'", "l’", "mc", "al-", "el-")) and len(core) > 2:
        return core[2:3].isupper() or core[3:4].isupper()
    return lenient and (core.isalnum() or all(ch.isalnum() or ch in "_-.'’" for ch in core))


def _name_end(words: list[_Word], start: int, lenient: bool) -> int:
    """The end (exclusive) of the longest name starting at `start`, or `start` when none does."""
    if start >= len(words) or not _is_name_word(words[start].text, lenient) or words[start].text in _CONNECTORS:
        return start
    end = start + 1
    index = start + 1
    count = 1
    while index < len(words) and count < 8:
        word = words[index]
        previous = words[index - 1].text
        if previous.endswith((",", ";")) and word.bare not in ("file", "jr", "sr"):
            break
        if previous.endswith(":"):
            break  # "Picture of the Day: Kimchi-Making for Neighbors": a kicker, not a name's first words
        if previous.endswith(("!", "?", "…")) or previous.endswith(".") and len(previous.strip(".")) > 2 and \
                previous.strip(".").casefold() not in _ABBREVIATIONS and "." not in previous.strip("."):
            # A sentence ended: "… March 2019. REUTERS/Name" is two things ("Name, File" is handled
            # by the caller; "(Town, Country)" too).
            break
        if word.text in _CONNECTORS or word.bare in ("via", "for"):
            break
        if _is_name_word(word.text, lenient) and not _is_parenthesised(word.text):
            index += 1
            end = index
            count += 1
            continue
        if word.bare in ("jr", "sr") and word.text[:1].islower():
            index += 1
            end = index  # "Javier Quintanilla jr"
            count += 1
            continue
        if word.bare.isdigit() and len(word.bare) <= 4:
            index += 1
            end = index  # "Photographer 1", "Studio 54"
            count += 1
            continue
        if word.bare in _PARTICLES or word.bare in _ROLE_WORDS and index + 1 < len(words) and _is_name_word(
                words[index + 1].text, lenient):
            index += 1
            count += 1
            continue
        break
    return end


def _is_parenthesised(text: str) -> bool:
    return text.startswith(("(", "["))


def _place_end(words: list[_Word], start: int) -> int:
    """`(Town, Country)`, `(ayu.com)`, `(@jo.bell)` after a name: its end, or `start`."""
    if start >= len(words) or not words[start].text.startswith("("):
        return start
    for index in range(start, min(len(words), start + 6)):
        if words[index].text.rstrip(".").endswith(")"):  # (a full stop may close the caption after it)
            inner = " ".join(w.text for w in words[start:index + 1]).rstrip(".")[1:-1]
            web = index == start and _is_web_name(inner)  # the photographer's site or handle
            return index + 1 if inner and (inner[0].isupper() or web) else start
    return start


_COUNT_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                          "twelve", "twenty", "thirty", "hundred", "thousand", "a", "an", "all", "every", "each",
                          "many", "several", "some", "free", "sale", "life", "ever", "good", "now", "later"})
"""Words after "for" that begin a span or a purpose, not a publication's name."""


def _body_end(words: list[_Word], start: int, lenient: bool) -> int:
    """The end of a credit body from `start`: names joined by connectors ("Jo Bell/AFP via Getty
    Images", "Kim Lo for The Paper", "u/fern / Via reddit.com"), then ", File" or "(Town, Country)"."""
    end = _name_end(words, start, lenient)
    if end == start:
        return start
    while end < len(words):
        word = words[end]
        joined = word.text in _CONNECTORS or word.bare in ("via", "for", "and")
        trailing_comma = words[end - 1].text.endswith(",")
        if word.text in ("-", "–", "—") and end + 1 < len(words) and end + 2 == len(words) and \
                _is_date_code(words[end + 1].text):
            end += 2  # "Joris Heemskerk – 12/4/2020": the day it was taken
            continue
        if joined:
            after = end + 1
            if word.bare == "for" and after < len(words) and words[after].bare in _COUNT_WORDS:
                break  # "Packing Light for Two Weeks": a span of time, not a publication
            if after < len(words) and words[after].bare in ("via",):
                after += 1  # "u/name / Via site"
            if after + 1 < len(words) and words[after].text in ("©", "(c)", "(C)"):
                after += 1  # "Liang Wen /  © REUTERS"
            nxt = _name_end(words, after, lenient)
            if nxt == after and word.text == "/" and after + 1 < len(words) and _is_date_code(words[after].text) and \
                    len(words[after].text) == 4:
                nxt = _name_end(words, after + 1, lenient)  # "Name/2016 Wildlife Photographer of the Year"
                nxt = after if nxt == after + 1 else nxt
            if nxt == after:
                break
            end = nxt
        elif trailing_comma and word.bare in ("file", "pool", "handout") and word is words[-1]:
            end += 1
        elif trailing_comma and word.bare == "special" and end + 1 < len(words) and words[end + 1].bare == "to" \
                and _name_end(words, end + 2, False) > end + 2:
            end = _name_end(words, end + 2, False)  # "Name, Special to The Denver Post"
        elif trailing_comma and _is_name_word(word.text) and _name_end(words, end, False) > end:
            end = _name_end(words, end, False)  # "Name, The Daily Planet", "Name, Israel / Contest"
        else:
            place = _place_end(words, end)
            if place == end:
                break
            end = place
    return end


def _is_date_code(text: str) -> bool:
    """`12/4/2020`, `2020`, `03.06.2021`: a date in figures (a year alone, or day, month and year)."""
    parts = text.strip(".,;()").replace("/", ".").replace("-", ".").split(".")
    return all(part.isdigit() for part in parts) and (len(parts) == 1 and len(parts[0]) == 4 or len(parts) == 3)


def _label_end(words: list[_Word], start: int = 0) -> tuple[int, bool]:
    """(end of a credit label at `start`, whether the body after it may be any word) or (start, False).

    Labels: `Photo:`, `Photograph by`, `Photo credit:`, `Image credits:`, `Credit:`, `Credit...`,
    `Credit`, `Image source,`, `Image copyright`, `Copyright`, `©`, `(c)`, `Courtesy of`, `Source:`,
    `Twitter:`, `Photographer:`, `Top image:`, `Photo (c)`."""
    if start >= len(words):
        return start, False
    first = words[start]
    raw = first.text
    if raw in ("©", "(c)", "(C)"):
        return start + 1, True
    abroad = label_word_count([w.text for w in words[start:start + 6]], SOURCE_LABELS_ABROAD)
    if abroad:
        return start + abroad, True  # "Fuente de la imagen, Getty Images", "ઇમેજ સ્રોત, AFP"
    bare = first.bare
    index = start
    if raw.isupper() and len(raw) <= 8 and raw.isalpha() and start + 1 < len(words) and \
            words[start + 1].bare in _KINDS and words[start + 1].text.endswith(":"):
        index += 1  # "ST PHOTO: Name", "AFP PHOTO: Name": the publication before the label
    for owner in range(1, 4):  # "Korea Times photo by Name", "Staff photo by Name", "Globe photo by Name"
        kind = start + owner
        if kind + 1 < len(words) and words[kind].bare in _KINDS and words[kind + 1].bare == "by" and all(
                words[i].text[:1].isupper() and words[i].bare not in _KINDS for i in range(start, kind)):
            return kind + 2, False
    desk = _agency_label_end(words, start)
    if desk > start:
        return desk, False  # "Getty Images: Name", "REUTERS: Name", "AFP/Getty Images: Name"
    if bare == "all" and start + 1 < len(words) and words[start + 1].bare in _KINDS:
        index += 1  # "All images courtesy of Name", "All photos by Name": a credit for the whole page
    # One or two kind words ("Photo", "Main image", "Top photo")
    kinds = 0
    while index < len(words) and words[index].bare in _KINDS and kinds < 2 and not words[index].text.endswith(
            (",",)) or (index < len(words) and kinds == 0 and words[index].bare in _SOCIAL
                        and words[index].text.endswith(":")):
        kinds += 1
        index += 1
        if words[index - 1].text.endswith((":", "…", "...")):
            # "Photo: Ana Ruiz": names follow ("Image: a mood board" is not a credit), or one handle,
            # or lower-case names that hold an agency ("Foto: picture alliance / dpa", "Foto: ullstein bild")
            rest = words[index:index + 6]
            return index, len(words) - index == 1 or any(
                w.bare in _LOWER_CASE_AGENCIES or w.bare in _LOWER_CASE_DESKS for w in rest)
    if kinds == 1 and index < len(words) and words[index - 1].text.casefold() in _ABBREVIATED_KINDS:
        return index, False  # "fot. Name", "phot. Name": a picture word cut short is its own label
    if kinds and index + 1 < len(words) and words[index].text == ":":
        # "Photo : Reuters/Name": a colon set apart, as French writes it
        rest = words[index + 1:index + 7]
        return index + 1, len(words) - index - 1 == 1 or any(
            w.bare in _LOWER_CASE_AGENCIES or w.bare in _LOWER_CASE_DESKS for w in rest)
    if kinds and index < len(words) and words[index].text in ("|", "-", "–", "—"):
        return index + 1, False  # "Photo | Ana Ruiz, EPS", "Photo - Ana Ruiz"
    if kinds and index + 1 < len(words) and words[index].text.endswith(":") and words[index].bare.isdigit():
        return index + 1, False  # "Foto 1: Joris Heemskerk – 12/4/2020" (a name must follow)
    if kinds and index < len(words):
        word = words[index]
        if word.bare in ("credit", "credits", "source", "copyright", "courtesy") or word.bare.startswith("credit"):
            if word.text.endswith((":", ",", "…", "...")):
                return index + 1, True
            if word.bare == "courtesy" and index + 1 < len(words) and words[index + 1].bare == "of":
                return index + 2, True
            if word.bare in ("copyright", "source", "credit", "credits"):
                return index + 1, True
        if word.text in ("(c)", "©"):
            return index + 1, True
        for sequence in _BY_WORDS:
            if tuple(w.bare for w in words[index:index + len(sequence)]) == sequence:
                return index + len(sequence), sequence[0] == "courtesy"
        if word.bare in _MADE_BY and index + 1 < len(words) and words[index + 1].bare == "by":
            return index + 2, words[index + 1].text.endswith(":")  # "Photo taken by: Name", "Image supplied by X"
        return start, False
    if bare == "via" and raw.endswith(":") and start + 1 < len(words):
        return start + 1, False  # "via: pinterest.com" (a name must follow)
    if bare in _CREDIT_WORDS:
        if bare == "courtesy":
            if start + 1 < len(words) and words[start + 1].bare == "of":
                return start + 2, True
            return start + 1, False
        if raw.endswith((":", ",", "…", "...")) or raw.casefold().endswith("..."):
            return start + 1, True
        if start + 1 < len(words) and words[start + 1].text in ("...", "…", ":"):
            return start + 2, True
        if bare in ("credit", "copyright") and first.text[:1].isupper():
            return start + 1, False  # "Credit Kim Lo", "Copyright Ana Ruiz": a name must follow
        if bare == "photographer" and start + 1 < len(words) and words[start + 1].bare == "by":
            return start + 2, False
        if bare in ("photographer", "source") and start + 1 < len(words) and words[start + 1].bare == "name" and \
                words[start + 1].text.endswith(":"):
            return start + 2, True  # "Photographer Name: Ana Ruiz" (contest metadata)
        return start, False
    if bare in _MADE_BY and start + 1 < len(words) and words[start + 1].bare == "by":
        return start + 2, False
    permission = _permission_end(words, start)
    if permission > start:
        return permission, True
    return start, False


_PERMISSION_OPENERS = ("used", "reproduced", "shown", "published", "printed")


def _permission_end(words: list[_Word], start: int) -> int:
    """`Used with permission of Name`, `With permission from X`: the words before the one who let
    the picture be shown (where its maker's name follows), or `start`."""
    index = start + 1 if words[start].bare in _PERMISSION_OPENERS else start
    bares = [w.bare for w in words[index:index + 3]]
    if len(bares) == 3 and bares[0] == "with" and bares[1] == "permission" and bares[2] in ("of", "from", "by") \
            and index + 3 < len(words):
        return index + 3
    return start


def _agency_label_end(words: list[_Word], start: int) -> int:
    """`Getty Images:`, `REUTERS:`, `AFP/Getty Images:`: an agency's name, ending in a colon, used
    as the label before the photographer's name (at most four words, all of an agency's name)."""
    for index in range(start, min(len(words) - 1, start + 4)):
        word = words[index]
        if not (word.bare in AGENCY_WORDS or word.bare.split("-")[0] in AGENCY_WORDS or
                index > start and (word.bare in _AGENCY_TAILS or word.text == "/")):
            return start
        if word.text.endswith(":") and len(word.text) > 1:
            return index + 1
    return start


@dataclass(frozen=True)
class _Parse:
    end: int
    """Word index where the credit ends."""
    labelled: bool
    agency: bool
    """It names an agency or picture desk."""
    structured: bool
    """Names joined by credit structure (a slash, "via", "for") or a label."""


def _parse(words: list[_Word], start: int = 0) -> _Parse | None:
    """The credit phrase starting at `start` (to as far as it goes), or None."""
    glued_sign = start < len(words) and words[start].text.startswith("©") and len(words[start].text) > 1
    if glued_sign:  # "©Ana Ruiz": the name is glued to the sign
        first = words[start]
        words = [*words[:start], _Word(first.text.lstrip("©"), first.start + 1, first.end), *words[start + 1:]]
        label_end, lenient, labelled = start, True, True
    else:
        label_end, lenient = _label_end(words, start)
        labelled = label_end > start
    body_start = label_end
    if labelled and body_start > start and body_start < len(words) and words[body_start].text in ("©", "(c)"):
        body_start += 1  # "Image by © Name"
        lenient = True
    if labelled and body_start < len(words) and words[body_start].bare in ("courtesy",) and not lenient:
        courtesy_end, _ = _label_end(words, body_start)
        body_start, lenient = courtesy_end, True
    if not labelled and body_start + 2 < len(words) and words[body_start + 1].text == "/" and \
            words[body_start].text.isalnum() and words[body_start].text.islower() and \
            words[body_start].bare not in _PARTICLES and words[body_start].bare not in _NOT_NAMES and \
            words[body_start + 2].bare in AGENCY_WORDS:
        lenient = True  # "dstaerk / Getty Images": a stock site's user name before the agency
    end = _body_end(words, body_start, lenient) if body_start < len(words) else body_start
    if end == body_start:
        return None
    names = [w.bare for w in words[body_start:end]]
    agency = any(name in AGENCY_WORDS or name.split("-")[0] in AGENCY_WORDS for name in names)
    structured = labelled or any(w.text in ("/",) or w.bare in ("via", "for") or w.bare in _ROLE_WORDS and
                                 w.text[:1].islower() for w in words[body_start:end]) or any(
        a.bare == "special" and b.bare == "to" for a, b in zip(words[body_start:end], words[body_start + 1:end])) or (
        end - body_start >= 2 and any(_is_web_name(w.text) for w in words[body_start:end]))
    if not labelled and not structured and _agency_after_comma(words[body_start:end]):
        structured = True  # "Imogen Carter, Getty Images", "Dale Pruett, The Associated Press"
    if not labelled and not structured and (_publication_after_comma(words[body_start:end]) or
                                            _publication_after_dash(words[body_start:end])):
        structured = True  # "Cyrus McKee, The Denver Post", "Malcolm Reyes - Grand Forks Gazette"
    if not labelled and not structured and any(
            a.text == "|" and (b.bare in AGENCY_WORDS or b.bare.split("-")[0] in AGENCY_WORDS)
            for a, b in zip(words[body_start:end], words[body_start + 1:end])):
        structured = True  # "HIROSHI TAKEDA | EFE"
    if not labelled and not structured:
        # A bare agency: "Getty Images", "Reuters", "AP", "EPA-EFE", "Reuters Photographer"
        if not names or not (names[0] in AGENCY_WORDS or names[0].split("-")[0] in AGENCY_WORDS):
            return _Parse(end, False, False, False)
        if not all(n in AGENCY_WORDS or n in _AGENCY_TAILS or n.split("-")[0] in AGENCY_WORDS for n in names):
            return _Parse(end, False, False, False)
    return _Parse(end, labelled, agency, structured)


_PUBLICATION_WORDS = {"post", "times", "news", "journal", "herald", "tribune", "globe", "press", "gazette",
                      "chronicle", "magazine", "daily", "observer", "guardian", "telegraph", "star", "sun", "mail",
                      "express", "courier", "review", "record", "bulletin", "dispatch", "examiner", "inquirer",
                      "independent", "standard", "mirror", "register", "sentinel", "enquirer", "monitor"}
"""The last word of a newspaper's name ("The Denver Post", "Korea Times")."""


def _publication_after_comma(words: list[_Word]) -> bool:
    """A name, a comma, then "The …" ending in a newspaper's word: the photographer and their paper."""
    comma = next((i for i in range(len(words) - 1) if words[i].text.endswith(",")), None)
    if comma is None or comma == 0:
        return False
    tail = words[comma + 1:]
    return len(tail) >= 2 and tail[0].bare == "the" and tail[-1].bare in _PUBLICATION_WORDS


def _publication_after_dash(words: list[_Word]) -> bool:
    """A name of two words or more, a spaced dash or a bar, then a newspaper's name of two words or
    more ending in a newspaper's word ("Malcolm Reyes - Grand Forks Gazette", "Ana Ruiz | The
    Herald"): the photographer and their paper ("Monday - Friday", "Vancouver - Canada" are not)."""
    dash = next((i for i, w in enumerate(words) if w.text in ("-", "–", "—", "|")), None)
    if dash is None or not 2 <= dash <= 4:
        return False
    tail = words[dash + 1:]
    return len(tail) >= 2 and tail[-1].bare in _PUBLICATION_WORDS and all(
        w.text[:1].isupper() or w.bare == "the" for w in tail) and all(w.text[:1].isupper() for w in words[:dash])


def _agency_after_comma(words: list[_Word]) -> bool:
    """A name, a comma, then an agency or picture desk alone: the photographer and their agency."""
    comma = next((i for i in range(len(words) - 1) if words[i].text.endswith(",")), None)
    if comma is None or comma == 0 and len(words) < 3:
        return False
    tail = [w.bare for w in words[comma + 1:] if w.bare not in ("the", "/")]
    desks = AGENCY_WORDS | {"associated"}  # "The Associated Press"
    return bool(tail) and any(n in desks or n.split("-")[0] in AGENCY_WORDS for n in tail) and all(
        n in desks or n in _AGENCY_TAILS or n.split("-")[0] in AGENCY_WORDS for n in tail)


def _credit_ok(parse: _Parse | None, count: int) -> bool:
    """A whole phrase of `count` words is a credit: it was all read, and has a label, credit
    structure or an agency."""
    return parse is not None and parse.end == count and (parse.labelled or parse.structured or parse.agency)


def _strip_brackets(text: str) -> str:
    text = text.strip()
    while len(text) >= 2 and text[0] + text[-1] in ("()", "[]"):
        text = text[1:-1].strip()
    return text


_BUTTON_WORDS = {"enlarge", "slideshow", "map", "directions", "share", "view", "print", "email", "comments",
                 "next", "previous", "gallery", "see", "more", "close", "open", "expand", "zoom", "download",
                 "save", "like", "reply", "report", "menu", "search", "home", "login", "subscribe", "play"}


def _buttons(words: list[_Word]) -> bool:
    """`Enlarge/Slideshow See On Map Directions`: a row of buttons, capitalised and slashed like a
    credit, but made of the words of buttons."""
    return sum(1 for w in words if w.bare in _BUTTON_WORDS) >= 2


_PERMISSION_NOTES = (", shared with permission", ", used with permission", ", with permission",
                     ", used by permission", ", reproduced with permission", ", all rights reserved",
                     " or licensors", " or its licensors", " or their licensors", " and licensors",
                     " and its licensors")
_RIGHTS_NOTICES = ("rights reserved", "riproduzione riservata", "diritti riservati", "rechte vorbehalten",
                   "droits reserves", "droits réservés", "derechos reservados", "direitos reservados",
                   "reproduction interdite", "prawa zastrzeżone", "alle rechten voorbehouden")
"""A page's copyright notice: its owner's rights, in a few languages, not who took a photo."""


_ALL_WORDS = frozenset({"all", "alle", "tous", "todos", "los", "tutti", "i", "c", "copyright"})


def rights_notice(text: str) -> bool:
    """"\u00a9 RIPRODUZIONE RISERVATA", "All rights reserved.": a notice that rights are reserved,
    naming nobody, not a photo's credit ("\u00a9 Name. All rights reserved." names its owner)."""
    key = _norm(text)
    if len(text) > 160:
        return False
    for notice in _RIGHTS_NOTICES:
        if notice in key:
            rest = [word for word in key.replace(notice, " ").split() if word not in _ALL_WORDS]
            return not any(ch.isalpha() for word in rest for ch in word)
    return False


def _norm(text: str) -> str:
    """Text compared for sameness: case, punctuation and spacing aside."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text[:1000].casefold()).split())


def credit_line(text: str) -> str | None:
    """The credit if the whole line is a credit phrase, else None."""
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_CREDIT + 10:
        return None
    if rights_notice(stripped):
        return None  # "© RIPRODUZIONE RISERVATA" names nobody
    if _from_reader(stripped):
        return stripped[:-1].rstrip()  # "From Marguerite:": a reader's photo, sent in
    # "— Name/AP", "Name / AP -", "Name/AFP #", "• Name, Getty Images", "Photo by Name/Getty Images /":
    # separators a page writes around a credit
    inner = _strip_brackets(stripped.strip("—–-|#•·").strip().rstrip("/ ").strip("—–-|#•·").strip())
    for note in _PERMISSION_NOTES:  # "… Keiko Asahara, shared with permission": the terms, not a name
        if inner.casefold().endswith(note) and len(inner) > len(note) + 3:
            inner = inner[:-len(note)].rstrip(" ,;")
            break
    if not inner:
        return None
    if stripped[:1] in "([" and _maker_with_award(inner):
        return inner  # "(Ravi Mendonsa, India winner of the mammal behaviour award)"
    words = _words(inner)
    if len(words) > MAX_WORDS + 4 or words and words[-1].text.endswith(("?", "!")):
        return None
    if len(words) >= 2 and words[-1].bare in _BUTTON_WORDS and not _buttons(words[:-1]) and _credit_ok(
            _parse(words[:-1]), len(words) - 1):
        # "tallgrass_dani , twitter.com Report": a button glued to the end of the credit
        return inner[:words[-1].start].rstrip(" ,;")
    parse = _parse(words)
    if not _credit_ok(parse, len(words)) or _buttons(words):
        return None
    for index in range(min(2, len(words) - 1)):
        word = words[index]
        if word.end == words[index + 1].start and word.text.islower() and word.bare in _GLUED_LABELS:
            # "image copyrightRami Jaber / AFP": a screen reader's label glued to the name is not
            # part of the credit
            return inner[words[index + 1].start:].rstrip(" ,;")
    inner = inner.rstrip(" ,;")
    return inner[:-1] if inner.endswith(").") else inner  # "(ayu.com)." closes a sentence


def _from_reader(text: str) -> bool:
    """`From Marguerite:`, `From Tamsin in Leeds:`: a line introducing the photo a reader sent in
    ("From" and a name, perhaps with a town, ending in a colon)."""
    if not text.endswith(":") or not text[:5].casefold() == "from " or len(text) > 60:
        return False
    name = text[5:-1].strip()
    person, _, town = name.partition(" in ")
    return bool(person) and (is_name_line(person) or len(person.split()) == 1 and person[:1].isupper()
                             and person.isalnum() and person.casefold() not in _NOT_NAME_WORDS) and \
        (not town or town[:1].isupper())


def slashed_credit_span(text: str, slash: int) -> tuple[int, int] | None:
    """(start, end) of the credit `Youssef Amrani / EPA` around the spaced slash at `slash` in
    running text: one to three capitalised words before it (after a sentence's end or another
    credit), and after it an agency's name or one capitalised word. None when that is no credit."""
    before = _words(text[max(0, slash - 60):slash], max(0, slash - 60))
    after = _words(text[slash + 3:slash + 60], slash + 3)
    if not before or not after:
        return None
    start = len(before)
    while start > 0 and len(before) - start < 3 and _is_name_word(before[start - 1].text) and \
            not before[start - 1].text.endswith((".", ":", ",", ";", "!", "?", "…")):
        start -= 1
    if start == len(before) or len(before) - start < 2 and not before[-1].text.isupper():
        return None
    end = 0
    while end < len(after) and end < 3 and (after[end].bare in AGENCY_WORDS or after[end].bare in
                                            _LOWER_CASE_AGENCIES or end > 0 and after[end].bare in _AGENCY_TAILS):
        end += 1
    if end == 0:
        if not _is_name_word(after[0].text):
            return None
        end = 1
    credit = text[before[start].start:after[end - 1].end]
    if credit_line(credit) is None:
        return None
    return before[start].start, after[end - 1].end


def starts_with_credit_label(text: str) -> bool:
    """`Photograph by …`, `Photo: …`, `Image credit: …`: the text opens with a credit's label."""
    label_end, _ = _label_end(_words(text[:80]))
    return label_end > 0


def credit_body(text: str) -> str:
    """A credit without its label: `Photographer Name: Eilidh MacAskill` → `Eilidh MacAskill`."""
    body = text.strip()
    for _ in range(3):  # "© Foto: Name": labels stacked
        words = _words(body)
        label_end, _ = _label_end(words)
        if not 0 < label_end < len(words):
            break
        body = body[words[label_end].start:].strip()
    return body


def is_name_line(text: str) -> bool:
    """A line that is only a person's name, 2-4 capitalised words ("Ana de la Cruz"): a credit
    where the article's layout puts one (the photographer under each heading), never on its own."""
    words = _words(text.strip())
    if not 2 <= len(words) <= 5 or len(text) > 60 or any(w.text.endswith((".", ",", ":", "!", "?")) and
                                                          len(w.bare) > 1 for w in words):
        return False
    if any(w.bare in _NOT_NAME_WORDS or any(ch.isdigit() for ch in w.text) for w in words) or \
            words[0].bare in _BUTTON_WORDS or words[0].bare in _ACTION_WORDS:
        return False  # "JULY 21ST 2016", "Share to Twitter", "Email This": a date, a button
    return _name_end(words, 0, False) == len(words) and sum(1 for w in words if w.bare not in _PARTICLES) >= 2


_CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
             "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
             "yesterday", "tomorrow"}
_NOT_NAME_WORDS = _CALENDAR | {"this", "that", "these", "those", "here", "there", "now", "it", "we", "you", "our",
                               "your", "my", "us", "all", "more", "next", "previous", "back", "top", "new",
                               "recent", "popular", "latest", "related", "older", "newer"} | {
    "facebook", "twitter", "instagram", "pinterest", "linkedin", "whatsapp", "reddit", "tumblr", "youtube", "tiktok",
    "telegram", "flipboard", "messenger", "google+", "google"}
"""Capitalised words that make a short line a date or a button (a row of share links: "Facebook
Twitter Google+"), never a person's name."""
_ACTION_WORDS = {"share", "email", "follow", "subscribe", "download", "read", "click", "tap", "pin", "tweet",
                 "post", "sign", "log", "join", "watch", "listen", "buy", "shop", "book", "visit", "contact",
                 "get", "leave", "add", "send", "blogthis"}


_SENTENCE_END = ".!?…”\"’)]"
_DASHES = ("—", "–", "-", "|", "•", "·")


def _suffix(text: str, nested: bool = False) -> tuple[str, str] | None:
    """(caption, credit) for a credit at the end of `text` (`nested`: asked once more for the text
    before a closing bracket, never deeper, so a hostile run of brackets costs no recursion)."""
    stripped = text.rstrip()
    # In parentheses or brackets at the end: "... at dawn. (AP Photo/Name, File)", "(Name via AP)"
    if stripped.endswith((")", "]")):
        closer = stripped[-1]
        opener = "(" if closer == ")" else "["
        open_at = stripped.rfind(opener, max(0, len(stripped) - MAX_CREDIT - 2))
        if open_at > 0:
            inner = stripped[open_at + 1:-1].strip()
            caption = stripped[:open_at].rstrip()
            if caption.endswith(_DASHES):
                caption = caption.rstrip("".join(_DASHES)).rstrip()
            if caption and any(ch.isalnum() for ch in caption) and inner and credit_line(inner) is not None:
                labelled = None if nested else _suffix(caption, nested=True)
                if labelled is not None and starts_with_credit_label(labelled[1]):
                    # "… Image Credit: NASA, ESA and the Team (STScI/AURA)": one credit
                    return labelled[0], f"{labelled[1]} {stripped[open_at:]}"
                return _name_before_brackets(caption, stripped[open_at:])
            if len(caption.split()) >= 4 and _is_desk_code(inner):
                return caption, inner  # "… the Alps. (ANP)", "… in Warsaw (PAP)": an agency's code
    code = _code_after_separator(stripped)
    if code is not None:
        return code
    window_start = max(0, len(stripped) - _SUFFIX_WINDOW)
    words = _words(stripped[window_start:], window_start)
    best: tuple[str, str] | None = None
    by_title = _by_after_title(stripped, words)
    if by_title is not None:
        return by_title
    named = _name_after_sentence(stripped) or _after_spaced_slash(stripped) or _labelled_after_comma(stripped)
    if named is not None:
        return named
    for index in range(max(1, len(words) - MAX_WORDS), len(words)):
        before = stripped[:words[index].start].rstrip()
        if not before or not any(ch.isalnum() for ch in before):
            continue
        tail = words[index:]
        parse = _parse(tail)
        if not _credit_ok(parse, len(tail)) or _buttons(tail):
            continue
        assert parse is not None
        credit = stripped[words[index].start:].strip()
        if len(credit) > MAX_CREDIT:
            continue
        if best is not None:
            return best  # a glued credit that holds this one ("… wall Credit... Kim Lo/Reuters")
        after_sentence = before[-1] in _SENTENCE_END
        after_dash = before.endswith(_DASHES) and len(before) > 1 and stripped[len(before) - 1:len(before)].strip()
        if after_dash:
            caption = before.rstrip("".join(_DASHES)).rstrip()
            if " | " in caption[-80:] and before.endswith("|"):
                continue  # "Home | Categories | Photo | Search": a row of links, not a caption and its credit
            if caption and any(ch.isalnum() for ch in caption):
                return caption, credit
            continue
        if after_sentence:
            return before, credit
        # Glued on without a full stop: only a phrase that cannot be prose — a label written with
        # a capital ("Photograph: …", "Credit…", "©"), or names with a slash ("Jo Bell/Reuters").
        first = words[index].text
        glued_label = parse.labelled and (first[:1].isupper() or first.startswith("©")) and (
            first.endswith((":", "…", "...")) or first.startswith("©") or _has_label_punctuation(tail))
        glued_slash = not parse.labelled and any(w.text == "/" for w in tail) and _glued_name_ok(words, index)
        if glued_label and len(before.split()) < 3:
            glued_label = False  # "Editor’s Pics: The World’s Best": a headline's kicker, not a caption
        if glued_label or glued_slash:
            if best is None:
                best = (before, credit)
    return best


def _labelled_after_comma(text: str) -> tuple[str, str] | None:
    """`«Последний паром», автор: Остап Мельничук`, `“The Last Ferry”, photo: Ana Ruiz`: a work's
    title, a comma, then a labelled credit (its label ending in a colon or "by")."""
    comma = text.rfind(", ", max(0, len(text) - MAX_CREDIT - 2))
    if comma <= 0:
        return None
    tail = text[comma + 2:].strip()
    words = _words(tail)
    label_end, _ = _label_end(words)
    if not label_end or not (words[label_end - 1].text.endswith(":") or words[label_end - 1].bare == "by"):
        return None
    if credit_line(tail) is None or not any(ch.isalnum() for ch in text[:comma]):
        return None
    return text[:comma].rstrip(), tail


def _is_desk_code(text: str) -> bool:
    """`PAP`, `ANP`, `EPA-EFE`, `AFP/ANP`: an agency's code in capitals (2-6 letters each, at most
    three joined by "-" or "/"), credited so where a caption ends with one after a separator."""
    parts = text.strip().replace("/", "-").split("-")
    return 1 <= len(parts) <= 3 and all(2 <= len(part) <= 6 and part.isalpha() and part.isupper() and
                                        part not in _NOT_DESKS and part not in _CAPS_STOP for part in parts)


_NOT_DESKS = {"US", "USA", "UK", "GB", "EU", "UN", "UAE", "DC", "NYC", "LA", "SF", "NZ", "PRC", "DPRK", "ROK", "USSR",
              "NATO", "FIFA", "UEFA", "NBA", "NFL", "NHL", "MLB", "FAQ", "TV", "PM", "AM", "OK", "SOS", "CEO", "RIP",
              "HD", "VR", "AI", "DIY", "FYI", "LOL", "OMG", "WOW", "NSFW", "GIF", "PDF", "HTML", "URL"}
"""Capitals that end captions without crediting anyone: countries, leagues, abbreviations."""


def _code_after_separator(text: str) -> tuple[str, str] | None:
    """`… przymrozków. / PAP`, `… the harbour. - ANP`, `… Wednesday. / Korea Times photo by Shim
    Hyun-chul`: after a finished sentence, a spaced slash, dash or bar, then an agency's code in
    capitals or a whole credit phrase, end the caption."""
    tail = text[-MAX_CREDIT:]
    cut = max(tail.rfind(" / "), tail.rfind(" - "), tail.rfind(" – "), tail.rfind(" — "), tail.rfind(" | "))
    if cut < 0:
        return None
    cut += len(text) - len(tail)
    caption, code = text[:cut].rstrip(), text[cut + 3:].strip()
    if not caption.endswith((".", "!", "?", "…", "”", '"', ")")) or len(caption.split()) < 4:
        return None
    if _is_desk_code(code) or credit_line(code) is not None and (
            text[cut + 1] in "/|" or starts_with_credit_label(code) or "/" in code):
        return caption, code  # (after a dash, a bare name is as often the writer's signature)
    return None


def _after_spaced_slash(text: str) -> tuple[str, str] | None:
    """`… en la Diagonal de Barcelona / EFE - Marta Quintana`, `… del mercado / EUROPA PRESS`: a
    spaced slash after a caption of some length, then a credit that opens with an agency or is
    written in capitals (2-6 words, names only). A single word after the slash ("… Jo Bell /
    Reuters") is left to the slashed-credit rule, which keeps the name before it."""
    cut = text.rfind(" / ", max(0, len(text) - 80))
    if cut <= 0:
        return None
    caption, rest = text[:cut].rstrip(), text[cut + 3:].strip()
    words = _words(rest)
    if not 2 <= len(words) <= 6 or len(caption.split()) < 4 or "/" in rest:
        return None
    if _body_end(words, 0, False) != len(words):
        return None
    head = caption[caption.rfind(". ") + 2:] if ". " in caption[-40:] else ""
    if head and len(head.split()) <= 3 and credit_line(head + " / " + rest) is not None:
        return None  # "Crowds at the gate. AFP PHOTO / JANE DOE": the slash is inside the credit
    first = words[0].bare
    agency_first = first in AGENCY_WORDS or first.split("-")[0] in AGENCY_WORDS
    capitals = all(w.text.isupper() or w.bare in _PARTICLES or w.text in _CONNECTORS for w in words)
    return (caption, rest) if agency_first or capitals else None


def _name_before_brackets(caption: str, bracketed: str) -> tuple[str, str]:
    """`… (China).Wei Lanfang (Getty Images)`, `… en Madrid. MARTA ROSSELLÓ (AFP)`: a name after
    the caption's last sentence belongs to the bracketed agency after it — "Name (AGENCY)" is one
    credit. Without a finished sentence before it ("… beside Jo Bell (AP)") the name is the caption's."""
    words = _words(caption[-80:], max(0, len(caption) - 80))
    for index in range(max(1, len(words) - 6), len(words)):
        previous = words[index - 1].text
        if not (previous.endswith((".", "!", "?", "…")) and len(previous.strip(".")) > 2 and
                previous.strip(".").casefold() not in _ABBREVIATIONS and "." not in previous.strip(".")):
            continue
        if _name_end(words, index, False) == len(words) and not any(
                w.bare in _NOT_NAME_WORDS for w in words[index:]):
            before = caption[:words[index].start].rstrip()
            if any(ch.isalnum() for ch in before):
                return before, caption[words[index].start:].strip() + " " + bracketed
        break
    return caption, bracketed[1:-1].strip()


def _name_after_sentence(text: str) -> tuple[str, str] | None:
    """`… in Chennai. | S. Thirunavukkarasu`: after a finished sentence, a bar and a person's name
    alone end the caption with its photographer. (After a dash, "… the east. — Ana Ruiz", the name
    is as often the writer's signature: not taken.)"""
    tail = text[-64:]
    cut = tail.rfind(" | ")
    if cut <= 0:
        return None
    cut += len(text) - len(tail)
    caption, name = text[:cut].rstrip(), text[cut + 3:].strip()
    if not caption.endswith((".", "!", "?", "…", "”", '"')) or not is_name_line(name) or _buttons(
            _words(name) * 2):
        return None  # ("| Read More": a button)
    return caption, name


def _by_after_title(text: str, words: list[_Word]) -> tuple[str, str] | None:
    """`'Last Light' by Ana Ruiz, France`: a quoted title and its photographer (contest entries)."""
    for index in range(max(1, len(words) - 8), len(words) - 1):
        if words[index].text != "by" or not words[index - 1].text.endswith(("’", "”", '"', "'")):
            continue
        end = _body_end(words, index + 1, False)
        if end == index + 1:
            return None
        rest = words[end:]
        if rest and not (all(_is_name_word(w.text) or w.bare in _PARTICLES for w in rest) and len(rest) <= 4
                         and words[end - 1].text.endswith(",")):
            return None  # "by Name, Country" may follow; anything else is prose
        return text[:words[index].start].rstrip(), text[words[index].start:].strip()
    return None


def _has_label_punctuation(tail: list[_Word]) -> bool:
    """`Photo by X`, `Image source, X`, `Photo credit: X`: a label that ends in punctuation or `by`."""
    for word in tail[:3]:
        if word.text.endswith((":", ",", "…", "...")) or word.bare in ("by", "copyright", "courtesy"):
            return True
    return False


def _glued_name_ok(words: list[_Word], index: int) -> bool:
    """A slashed credit glued to a caption starts where the capitalised run before its slash
    starts — at most two names before the slash ("… in the rain Jo Bell/Reuters")."""
    slash = next(i for i in range(index, len(words)) if words[i].text == "/")
    run = slash - index
    if run > 3 or run == 0:
        return False
    previous = words[index - 1] if index > 0 else None
    return previous is None or not _is_name_word(previous.text) or run == 2 or previous.text.endswith((",", ";"))


def _prefix(text: str) -> tuple[str, str] | None:
    """(caption, credit) for a credit at the start: "Photo: Courtesy of X. The caption…"."""
    words = _words(text[:MAX_CREDIT + 40])
    label_end, _ = _label_end(words)
    structured = label_end > 0 or any(w.text == "/" for w in words[:6])
    if not structured:
        return None
    for index in range(1, min(len(words), MAX_WORDS + 2)):
        word = words[index - 1]
        if not (word.text.endswith((".", "|", ":")) and len(word.bare) > 1 or word.text in _DASHES):
            continue
        head = text[:word.end].rstrip(" .|:—–-")
        rest = text[word.end:].strip()
        if len(rest.split()) < 3 or not rest[:1].isupper() and rest[:1] not in "“\"'‘":
            continue
        head_words = _words(head)
        parse = _parse(head_words)
        if _credit_ok(parse, len(head_words)) and parse is not None and (parse.labelled or parse.structured):
            return rest, head
    return None


_PLACINGS = ("1st place", "2nd place", "3rd place", "4th place", "5th place", "first place", "second place",
             "third place", "winner", "overall winner", "grand prize", "finalist", "runner-up", "runner up",
             "honorable mention", "honourable mention", "highly commended", "commended", "shortlisted")


def _maker_with_award(text: str) -> bool:
    """`Ravi Mendonsa, India winner of the mammal behaviour award`, `Ana Ruiz, Spain – Highly
    Commended`: a photographer's name, their country, then a placing (a contest's credit line)."""
    first = text.find(", ")
    if first <= 0 or len(text) > 140 or not is_name_line(text[:first]):
        return False
    rest = text[first + 2:].strip(" –—-,").casefold()
    words = rest.split()
    for cut in range(1, min(4, len(words)) + 1):  # the country is one to three words
        country, placing = " ".join(words[:cut]), " ".join(words[cut:]).lstrip("–—-, ")
        if country and placing.startswith(_PLACINGS) and all(ch.isalpha() or ch in " -'" for ch in country):
            return True
    return False


def _contest_prefix(text: str) -> tuple[str, str] | None:
    """`Ana Ruiz, Spain, 1st Place – Landscape …`: a contest entry that opens with its photographer
    and their country before the placing starts with its credit."""
    head = text[:100]
    first = head.find(", ")
    second = head.find(", ", first + 2) if first > 0 else -1
    if second < 0:
        return None
    rest = text[second + 2:]
    if not rest.casefold().startswith(_PLACINGS) or not is_name_line(text[:first]):
        return None
    country = text[first + 2:second].split()
    if not 1 <= len(country) <= 3 or not all(w[:1].isupper() or w in ("of", "and", "the") for w in country):
        return None
    return rest, text[:second]


_NOT_NAMES = {"me", "you", "your", "my", "our", "his", "her", "their", "its", "the", "this", "that", "these",
              "those", "a", "an", "no", "not", "one", "all", "night", "day", "moonlight", "candlelight"}
"""Capitalised words that follow "by" in titles ("Stand by Me", "Stand by Your Man", "By Night")."""
_TITLE_SMALL = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "&", "with", "from", "over",
                "under", "into", "as", "is", "vs", "vs."}


def _title_word(word: _Word) -> bool:
    """A word of a work's title: capitalised, all capitals, a number, a small word or a dash."""
    text = word.text.lstrip("\"“‘'(")
    return bool(text) and (text[:1].isupper() or text[:1].isdigit() or word.bare in _TITLE_SMALL
                           or text in _DASHES)


def titled_by(text: str) -> tuple[str, str] | None:
    """`Salt Harvest by Nguyen Thanh Dat`, `FIRST PLACE - Icicle Chandelier by Norma Pettigrew`: a
    work's title, "by" and its photographer's name (2-4 capitalised words, maybe ", Country") ending
    the line. Not "Stand by Me", "Stand by Your Man", "Photo booths by the river", nor a sentence.
    The caller takes it only where an article writes its captions so (one such line may be a title
    that happens to read so: "Walk by Central Park")."""
    stripped = text.strip()
    if len(stripped) > 120 or stripped[-1:] in ".!?…:;":
        return None
    words = _words(stripped)
    if not 3 <= len(words) <= 18:
        return None
    by = next((i for i in range(len(words) - 2, 0, -1) if words[i].text == "by"), None)
    if by is None or by > 12 or not all(_title_word(w) for w in words[:by]) or words[by - 1].text.endswith(
            (",", ".", ";")) or not (words[0].text.lstrip("\"“‘'(")[:1].isupper() or words[0].text[:1].isdigit()):
        return None
    end = _name_end(words, by + 1, False)
    name = [w for w in words[by + 1:end] if w.bare not in _PARTICLES]
    handle = end == len(words) == by + 2 and _is_handle(words[by + 1].text.strip(",.;:"))  # "by Lindqvist_M"
    if not handle and (not 2 <= len(name) <= 4 or any(
            w.bare in _NOT_NAMES or not w.bare.replace("-", "").replace("'", "").replace("’", "").isalpha()
            for w in name)):
        return None
    rest = words[end:]
    if rest and not (words[end - 1].text.endswith(",") and len(rest) <= 3 and all(
            w.text[:1].isupper() or w.bare in _PARTICLES for w in rest)):
        return None  # "by Name, Country" may follow; anything else is prose
    return stripped[:words[by].start].rstrip(), stripped[words[by].start:]


_AWARD_WORDS = {"winner", "winners", "place", "prize", "mention", "award", "awards", "category", "finalist",
                "finalists", "commended", "runner", "runner-up", "entry", "entries", "list", "gallery", "photography",
                "photographer", "photographers", "photo", "photos", "series", "edition", "part", "chapter"}
"""Capitalised words of a prize or a list's heading ("Photography Winner", "Honorable Mention"), not of a name."""


def opens_with_credit_word(text: str) -> bool:
    """Whether the text's first word is a picture's or a credit's ("Photograph by…", "Credit:",
    "©", "Courtesy…", "Used with permission…"), not a heading's that a credit follows."""
    first = text.strip().split(" ", 1)[0].casefold().rstrip(":.,")
    return first in _KINDS or first in _CREDIT_WORDS or first in ("©", "(c)", "by", "used", "with", "via")


SPACED_DASHES = "–—-"


def last_spaced_dash(text: str) -> int:
    """Where the last dash with a space each side (" – ", " — ", " - ") starts, or -1: the mark
    that sets a prize or a work's title apart from its maker ("Third Place – Name")."""
    return max(text.rfind(f" {dash} ") for dash in SPACED_DASHES)


def dashed_maker(text: str, single: bool = False) -> tuple[str, str] | None:
    """`Slow Dance – Marla Jennings`, `First Place - Corinne Vasquez`: a work's title (or its prize),
    a spaced dash and its photographer's name (2-4 capitalised words) ending the line. Like
    titled_by, the caller takes it only where an article writes its captions so; not "Salt Road -
    Photography Winner", nor a sentence before the dash. `single`: one capitalised word is a name
    too ("Third Place - Rosie"), where the article is known to name its makers so."""
    stripped = text.strip()
    if len(stripped) > 120 or stripped[-1:] in ".!?…:;,":
        return None
    cut = last_spaced_dash(stripped)
    if cut <= 0:
        return None
    title, name = stripped[:cut].rstrip(), stripped[cut + 3:].strip()
    title_words = _words(title)
    if not 1 <= len(title_words) <= 12 or title[-1:] in ".!?…:;," or not (
            title.lstrip("\"“‘'(")[:1].isupper() or title[:1].isdigit()):
        return None
    words = _words(name)
    least = 1 if single else 2
    if not least <= len(words) <= 4 or _name_end(words, 0, False) != len(words) or any(
            w.bare in _NOT_NAMES or w.bare in _AWARD_WORDS or w.bare in _NOT_NAME_WORDS or
            not w.bare.replace("-", "").replace("'", "").replace("’", "").isalpha() for w in words):
        return None
    # ("Della Hartwig": a particle written as a first name is one)
    named = sum(1 for index, w in enumerate(words) if w.bare not in _PARTICLES or not index and w.text[:1].isupper())
    if named < least:
        return None
    return title, name


def named_first(text: str) -> tuple[str, str] | None:
    """`Wendell Marsh. Birches, Vermont.`: a photographer's name (2-4 capitalised words) and a full
    stop, then the work's title (a short phrase starting with a capital): photobook and exhibition
    captions written maker first. Like titled_by, the caller takes it only where an article
    writes its captions so."""
    stripped = text.strip()
    cut = stripped.find(". ", 0, 64)
    if cut <= 0:
        return None
    name, rest = stripped[:cut], stripped[cut + 2:].strip()
    if not is_name_line(name) or not rest[:1].isupper() or not 1 <= len(rest.split()) <= 14 or len(rest) > 120:
        return None
    if not 2 <= len(name.split()) <= 4 or any(word.casefold() in _TITLE_SMALL for word in name.split()):
        return None  # "Bought A Fancy Cat Bed. Guess Who Uses It": a headline in title case
    return rest, name


_CAPS_STOP = {"THE", "OF", "AND", "IN", "ON", "AT", "TO", "A", "AN", "FOR", "WITH", "IS", "ARE", "WAS", "NO", "NOT",
              "IT", "WE", "I", "YOU", "BY", "FROM", "OR", "BUT", "UPDATE", "UPDATED", "NEW", "VIDEO", "PHOTOS",
              "WATCH", "LIVE", "BREAKING", "EXCLUSIVE", "ONE"}


def _caps_word(core: str) -> bool:
    """A word of a name written in capitals ("FOLEY", "O'NEILL", "TOMÁS"), not a shouted small word."""
    letters = core.replace("-", "").replace("'", "").replace("’", "")
    return len(letters) >= 2 and letters.isalpha() and core.isupper() and core not in _CAPS_STOP


def _caps_name_after_dash(text: str) -> tuple[str, str] | None:
    """`The Moon Over the Gasometer - DECLAN FOLEY`: after a spaced dash, a name of 2-4 words in
    capitals ends the line (not "… the city - NO ONE MOVED", not a dash inside a sentence)."""
    tail = text[-64:]
    cut = max(tail.rfind(" - "), tail.rfind(" – "), tail.rfind(" — "))
    if cut < 0:
        return None
    cut += len(text) - len(tail)
    caption, name = text[:cut].rstrip(), text[cut + 3:].strip()
    names = name.split()
    if not 2 <= len(names) <= 4 or not all(_caps_word(w) for w in names) or not any(ch.isalnum() for ch in caption):
        return None
    return caption, name


def _caps_name_prefix(text: str) -> tuple[str, str] | None:
    """`- HALVARD STRAND The aurora…`, `- PRIYA NAIRThis deep…`, `- AYUMI SATOA close-up…`: a list
    item opened by a name in capitals (2-4 words), then the caption — spaced or glued on, the
    caption's first capital (or its "A"/"I") stuck to the name's end."""
    if text[:2] not in ("- ", "– ", "— ", "• "):
        return None
    body = text[2:].lstrip()
    offset = len(text) - len(body)
    tokens = body[:120].split(" ")
    position, names = 0, 0
    for index, token in enumerate(tokens):
        start = offset + position
        position += len(token) + 1
        if not token:
            continue
        lower_at = next((i for i, ch in enumerate(token) if ch.islower()), -1)
        if lower_at < 0:
            if not _caps_word(token.rstrip(",")):
                break
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            if following[:1].islower() and token[-1:] in ("A", "I") and names >= 1 and _caps_word(token[:-1]):
                return _caps_name_split(text, offset, start + len(token) - 1)  # "SATOA close-up": "SATO", "A"
            names += 1
            if names > 4:
                return None
            continue
        if lower_at >= 3 and token[lower_at - 1].isupper() and _caps_word(token[:lower_at - 1]) and names >= 1:
            return _caps_name_split(text, offset, start + lower_at - 1)  # "FOLEYShot": "FOLEY", "Shot"
        break
    if 2 <= names <= 4:
        return _caps_name_split(text, offset, offset + len(" ".join(tokens[:names])) + 1)
    return None


def _caps_name_split(text: str, start: int, cut: int) -> tuple[str, str] | None:
    name, rest = text[start:cut].strip(), text[cut:].strip()
    if not 2 <= len(name.split()) <= 4 or len(rest.split()) < 3 or not (rest[:1].isupper() or rest[:1] in "“\"'‘"):
        return None
    return rest, name


_LINK_NOTES = ("more at ", "more on ", "read more", "see more", "click ", "full story", "full size", "full-size",
               "continue reading", "more info", "more photos", "see the gallery", "view gallery", "source link")


def _link_note(text: str) -> str:
    """A closing bracketed link note ("(More at NASA Picture Of The Day)", "(click to enlarge)"), with
    the space before it, or ""."""
    stripped = text.rstrip()
    if not stripped.endswith(")"):
        return ""
    opener = stripped.rfind("(", max(0, len(stripped) - 80))
    if opener <= 0 or not stripped[opener + 1:].casefold().startswith(_LINK_NOTES):
        return ""
    return text[opener - (1 if text[opener - 1:opener] == " " else 0):]


def split_credit(text: str, *, titled: bool = False, maker_first: bool = False) -> tuple[str, str | None]:
    """(caption, credit) when a caption starts or ends with a credit, else (text, None).

    `titled`: the article writes captions as a work's title and its photographer ("Salt Harvest by
    Name", see titled_by), so a line of that shape is read so; `maker_first`: it writes them
    photographer first ("Name. Salt Harvest.", see named_first)."""
    found = read_credit(text, titled=titled, maker_first=maker_first)
    return found.caption, found.credit


class FoundCredit(NamedTuple):
    """What read_credit found: the caption, its credit (or None), and whether only the article's
    own way of naming makers (`titled`, `maker_first`) found it."""
    caption: str
    credit: str | None
    house_style: bool = False


def read_credit(text: str, *, titled: bool = False, maker_first: bool = False) -> FoundCredit:
    """split_credit, saying which kind of rule found the credit (see FoundCredit)."""
    if credit_line(text) is not None:
        return FoundCredit(text, None)  # all credit, no caption: the caller decides what a credit line is
    note = _link_note(text)
    if note and not _link_note(text[:-len(note)]):  # (one note: a run of them is not a caption's)
        # "… Image Credit: NASA/JPL (More at NASA Picture Of The Day)": the credit is before the
        # link's note; the note stays with the caption
        inner = read_credit(text[:-len(note)], titled=titled, maker_first=maker_first)
        if inner.credit is not None:
            return FoundCredit(f"{inner.caption} {note.strip()}".strip(), inner.credit, inner.house_style)
        return FoundCredit(text, None)
    found = _suffix(text)
    ended = found is not None  # (the credit closes the caption)
    if found is None:
        found = _prefix(text) or _contest_prefix(text) or _caps_name_prefix(text) or _caps_name_after_dash(text)
    house_style = False
    if found is None and titled:
        found = titled_by(text) or dashed_maker(text, single=True)
        house_style = found is not None
    if found is None and maker_first:
        found = named_first(text)
        house_style = found is not None
    if found is None and text.rstrip().endswith(")"):
        # The bracketed closing forms the saved-page grammar reads ("(Haskett family)", "(photo by
        # Name, courtesy the Museum)"); its unbracketed ones read text's prose as credits.
        caption, tail = labelled_tail(text, names_after_dash=False)
        if tail is not None:
            found = caption, tail
    if found is None:
        return FoundCredit(text, None)
    caption, credit = found
    credit = _strip_brackets(credit).rstrip(" ,;")
    if ended and caption.rstrip().endswith("."):
        # "… Photo: Parisa Emami. Courtesy the Foundation.": a credit sentence right before the
        # last is the same photo's credit too (the photographer, then the lender)
        earlier = _suffix(caption.strip())
        if earlier is not None and earlier[0].strip():
            return FoundCredit(earlier[0].strip(), f"{_strip_brackets(earlier[1]).rstrip(' ,;')} {credit}")
    return FoundCredit(caption.strip(), credit, house_style)


class _Credited(Protocol):
    credit: str | None


def credit_every_photo(photos: Sequence[_Credited], around: Sequence[str] = ()) -> None:
    """A credit for the whole page ("Image credits: All photographs by Name"), read as one
    photo's or found in a line `around` the photos (the byline, the introduction, the page's
    end: see whole_page_credit), credits every photo that has none (an article's entries, a saved
    page's photos)."""
    whole = next((photo.credit for photo in photos if covers_every_photo(photo.credit)), None)
    if whole is None:
        whole = next((found for line in around if (found := whole_page_credit(line)) is not None), None)
    if whole is None:
        return
    for photo in photos:
        if not photo.credit:
            photo.credit = whole


_PLURAL_KINDS = {"photos", "photographs", "images", "pictures", "pics", "photography", "fotos", "fotografías",
                 "fotografias", "fotografie", "bilder", "imágenes", "imagens", "immagini", "zdjęcia", "фотографии"}
"""Picture words that stand for every photo of a page ("Photos: Name", "Photographs by Name")."""
_TEXT_WORDS = {"text", "words", "story", "reporting", "texto", "texte", "testo", "tekst", "text:"}
_JOINS = {"and", "&", "y", "et", "und", "e", "i", "en", "og", "och"}
_SEGMENT_ENDS = (" | ", "; ", " · ", " • ", " // ")


def whole_page_credit(line: str) -> str | None:
    """The credit a line around the photos gives all of them, inside whatever else it says:
    "By Ana Ruiz | Photos by Tom Lee", "Words by A, photographs by B", "Text and photos: Name",
    "Por: Name/ Fotos: Name", "Orangery, 2021. All images © Name". A plural picture word (or "all"
    and a picture word) opening a credit phrase, where a sentence, a list of names or a byline's
    part may start; not "photos of the week" (no credit phrase), nor a picture word inside prose."""
    stripped = line.strip()
    if len(stripped) > 400:
        return None
    words = _words(stripped)
    for index, word in enumerate(words):
        every = word.bare == "all" and index + 1 < len(words) and words[index + 1].bare in _KINDS
        joint = word.bare in _JOINS and 0 < index < len(words) - 1 and words[index - 1].bare in _TEXT_WORDS \
            and words[index + 1].bare in _KINDS
        if joint:
            start = words[index + 1].start  # "Text and photos: Name": the credit is "photos: Name"
        elif every or word.bare in _PLURAL_KINDS:
            previous = words[index - 1].text if index else ""
            if index and not (previous.endswith((".", ",", "/", "|", ";", ":")) or previous in _DASHES):
                continue  # (a picture word inside a sentence: "the photos by the river")
            start = word.start
        else:
            continue
        segment = stripped[start:]
        for end in _SEGMENT_ENDS:
            segment = segment.split(end, 1)[0]
        credit = credit_line(segment.strip().rstrip("."))
        if credit is not None:
            return credit
    return None


def covers_every_photo(credit: str | None) -> bool:
    """A credit for the whole page ("All photos by Name", "Image credits: All photographs by
    Name", "All images courtesy of the Museum"): "all" and a picture word among its first words."""
    if not credit:
        return False
    words = [word.strip(":,.").casefold() for word in credit.split()[:6]]
    return any(word == "all" and following in _KINDS for word, following in zip(words, words[1:]))


def is_leading_credit(text: str) -> bool:
    """`Photograph by X, Publication`: a credit line that may belong to the caption after it."""
    words = _words(text.strip())
    label_end, _ = _label_end(words)
    return label_end > 0 and any(w.bare == "by" for w in words[:label_end]) and credit_line(text) is not None

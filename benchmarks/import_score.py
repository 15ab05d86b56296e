"""Score `viewer import` on the corpus in benchmarks/import_corpus (not a pass/fail test).

Run from the project root:
    .venv/bin/python benchmarks/import_score.py            # the tuning two thirds
    .venv/bin/python benchmarks/import_score.py --held-out # the third kept unseen, reported once
    .venv/bin/python benchmarks/import_score.py --all -v   # everything, with each miss listed
    .venv/bin/python benchmarks/import_score.py --all --exclude-prefix ''   # the held-out set (EXCLUDED_BY_DEFAULT) too

For each article or saved page, against the slides written by hand in NAME.expected.json:
- photos: expected photos that are their own slide with their caption — a slide whose text
  starts with the expected first words (or, where those end with the expected credit, "Salt
  Harvest by Name", with the words before it) (and, for pages, shows that photo), holding no
  other expected photo's first words;
- credits: expected credits found in that slide's credit field and not left in its caption;
- furniture: slides that match no expected photo, as a share of all slides;
- title: the deck title equals the expected one (case and punctuation aside).
What is timed: nothing. What is counted: the importer's model output (parse_article, read_page),
the same objects the deck writer turns into Markdown.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer import patterns  # noqa: E402
from viewer.basics.text import clean_text  # noqa: E402
from viewer.importer import parse_article  # noqa: E402
from viewer.importer.page import read_page  # noqa: E402

CORPUS = ROOT / "benchmarks" / "import_corpus"
_NOT_WORD = patterns.compile(r"[^\w]+")
# Files never read unless asked: a held-out set being written to be scored once, at the end
# (`fresh5-`; the `fresh2-` to `fresh4-` sets were scored once and are tuning material now).
# (now the eighteenth set, written at the round of 2026-12-07/08's start, scored only at its end)
EXCLUDED_BY_DEFAULT: tuple[str, ...] = ("fresh18-",)


def first_third(stem: str) -> bool:
    """A third of the corpus, fixed by name so adding files never moves others."""
    return int(hashlib.sha1(stem.encode()).hexdigest(), 16) % 3 == 0


def held_out(stem: str, kind: str = "text") -> bool:
    """The files kept unseen. Saved pages: the first third. Articles: the `fresh-` set, written
    after the first third of the articles had been scored once (that score is in the README) and
    then folded into tuning."""
    if kind == "text":
        return stem.startswith("fresh-")
    return first_third(stem)


def norm(text: str | None) -> str:
    return " ".join(_NOT_WORD.sub(" ", (text or "").casefold()).split())


def _without_credit(start: str, credit: str) -> str:
    """`start` without the credit that ends it and a "by" before it ("" when it does not end so)."""
    if not credit or not start.endswith(" " + credit):
        return ""
    rest = start[:-len(credit)].rstrip()
    return rest.removesuffix(" by").rstrip() if rest.endswith(" by") else rest


@dataclass
class Slide:
    text: str
    credit: str
    image: str = ""


@dataclass
class Score:
    name: str
    kind: str
    photos: int = 0
    photos_found: int = 0
    credits: int = 0
    credits_found: int = 0
    slides: int = 0
    furniture: int = 0
    title_right: bool = False
    misses: list[str] = field(default_factory=list)


def _basename(address: str) -> str:
    return address.split("?")[0].split("#")[0].rstrip("/").rsplit("/", 1)[-1]


def slides_of_text(path: Path) -> tuple[str | None, list[Slide]]:
    article = parse_article(clean_text(path.read_text(encoding="utf-8")))
    return article.title, [Slide(" ".join([entry.title, *entry.paragraphs]), entry.credit or "")
                           for entry in article.entries]


def slides_of_page(path: Path) -> tuple[str | None, list[Slide]]:
    page = read_page(path.read_bytes(), path)
    slides = []
    for slide in page.slides:
        photo = slide.photo
        caption = photo.caption if photo is not None else ""
        parts = [slide.title, caption, *slide.paragraphs] if caption not in (slide.title, "") else [
            slide.title, *slide.paragraphs]
        image = _basename(str(photo.local) if photo is not None and photo.local else
                          (photo.remote or photo.source) if photo is not None else "")
        slides.append(Slide(" ".join(p for p in parts if p), (photo.credit or "") if photo else "", image))
    return page.title, slides


def score(path: Path, expected: dict) -> Score:
    kind = "page" if path.suffix == ".html" else "text"
    result = Score(path.stem, kind)
    try:
        title, slides = slides_of_page(path) if kind == "page" else slides_of_text(path)
    except Exception as problem:  # a crash scores zero, and says so
        result.misses.append(f"CRASH {type(problem).__name__}: {problem}")
        title, slides = None, []
    wanted = expected["slides"]
    starts = [norm(w.get("starts")) for w in wanted]
    # The first words as the file writes them may end with the credit ("Salt Harvest by Name",
    # "First Place - Name"); a slide that has the credit in its credit field, out of its text,
    # starts with the words before it.
    uncredited = [_without_credit(start, norm(w.get("credit"))) for start, w in zip(starts, wanted)]
    result.title_right = norm(title) == norm(expected.get("title"))
    if not result.title_right:
        result.misses.append(f"title: got {title!r}, want {expected.get('title')!r}")
    result.slides = len(slides)
    matched: set[int] = set()
    for index, want in enumerate(wanted):
        result.photos += 1
        credit = norm(want.get("credit"))
        if credit:
            result.credits += 1
        found = None
        for number, slide in enumerate(slides):
            if number in matched:
                continue
            text = norm(slide.text)
            if kind == "page" and want.get("image") and slide.image != want["image"]:
                continue
            if starts[index] and not text.startswith(starts[index]) and not (
                    uncredited[index] and text.startswith(uncredited[index])):
                continue
            others = [s for i, s in enumerate(starts) if i != index and s and len(s) > 12]
            if any(other in text and not starts[index].startswith(other) for other in others):
                continue
            found = number
            break
        if found is None:
            result.misses.append(f"photo {index + 1}: {want.get('starts') or want.get('image')!r} not its own slide")
            continue
        matched.add(found)
        result.photos_found += 1
        slide = slides[found]
        if credit:
            got = norm(slide.credit)
            # (out of the caption: the credit as the slide's credit field holds it, "Used with
            # permission of Name", is not in its text; a caption may name its photographer itself)
            if f" {credit} " in f" {got} " and f" {got} " not in f" {norm(slide.text)} ":
                result.credits_found += 1
            else:
                result.misses.append(f"photo {index + 1}: credit {want['credit']!r}, got {slide.credit!r}")
    for number, slide in enumerate(slides):
        if number not in matched:
            result.furniture += 1
            result.misses.append(f"extra slide: {slide.text[:70]!r}")
    return result


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   - "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--held-out", action="store_true", help="score only the held-out third")
    which.add_argument("--all", action="store_true", help="score everything")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument("--kind", choices=("text", "page"), help="only articles or only saved pages")
    parser.add_argument("--exclude-prefix", action="append", default=None, metavar="PREFIX",
                        help="leave out files whose name starts with PREFIX (repeatable; default: "
                             f"{' '.join(EXCLUDED_BY_DEFAULT)}, a held-out set scored only at the end; "
                             "--exclude-prefix '' leaves nothing out)")
    parser.add_argument("names", nargs="*", help="only these corpus files (stems)")
    args = parser.parse_args()
    given = args.exclude_prefix if args.exclude_prefix is not None else EXCLUDED_BY_DEFAULT
    excluded = tuple(prefix for prefix in given if prefix)
    files = sorted([*CORPUS.glob("text/*.txt"), *CORPUS.glob("pages/*.html")])
    scores: list[Score] = []
    for path in files:
        if args.names and path.stem not in args.names:
            continue
        if excluded and path.stem.startswith(excluded):
            continue
        kind = "page" if path.suffix == ".html" else "text"
        if not args.all and held_out(path.stem, kind) != args.held_out:
            continue
        expected_path = path.with_name(path.stem + ".expected.json")
        if not expected_path.exists():
            continue
        result = score(path, json.loads(expected_path.read_text(encoding="utf-8")))
        if args.kind and result.kind != args.kind:
            continue
        scores.append(result)
    split = "held-out third" if args.held_out else "all" if args.all else "tuning two thirds"
    print(f"{'file':44} kind  photos  credits  furniture title")
    for s in scores:
        print(f"{s.name[:44]:44} {s.kind:4} {s.photos_found:3}/{s.photos:<3} {s.credits_found:3}/{s.credits:<3}"
              f"  {s.furniture:3}/{s.slides:<3}  {'yes' if s.title_right else 'NO'}")
        if args.verbose:
            for miss in s.misses:
                print(f"    {miss}")
    print(f"\nTotals ({split}):")
    for kind in ("text", "page"):
        group = [s for s in scores if s.kind == kind]
        if not group:
            continue
        photos, found = sum(s.photos for s in group), sum(s.photos_found for s in group)
        credits, credited = sum(s.credits for s in group), sum(s.credits_found for s in group)
        slides, furniture = sum(s.slides for s in group), sum(s.furniture for s in group)
        titles = sum(1 for s in group if s.title_right)
        print(f"  {kind:4} {len(group):3} files  photos {_percent(found, photos)} ({found}/{photos})  "
              f"credits {_percent(credited, credits)} ({credited}/{credits})  "
              f"furniture {_percent(furniture, slides)} ({furniture}/{slides})  titles {titles}/{len(group)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Decide what a stand-in illustration shows, from the words of a slide (pure, deterministic).

Each motif has keywords; words in the title count three times as much as words in the caption.
The plan picks the setting (indoor or outdoor, time of day, weather, landscape), what stands in
it (vehicles, people, buildings, plants) and a seed that varies composition and palette, so two
slides never get the same picture and each picture is recognisably about its caption.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from viewer import patterns
from viewer.basics.text import fold

# Whole words (a plural "s"/"es" is allowed); a trailing * makes a prefix ("danc*": dance, dancing).
MOTIF_WORDS: dict[str, tuple[str, ...]] = {
    # time and weather
    "night": ("night", "dark", "electricity", "lit up", "lights", "evening", "midnight"),
    "dusk": ("sunset", "dusk", "dawn", "sunrise", "twilight"),
    "rain": ("rain*", "flood*", "monsoon", "storm"),
    "snow": ("snow*", "winter", "skat*", "blades", "frozen", "freez*"),
    # landscape
    "mountains": ("mountain", "mount", "paektu", "countryside", "rural", "hill", "samjiyon", "peak", "back country"),
    "water": ("river", "sea", "coast*", "beach", "waterfall", "fishing", "lake", "harbo*", "boat", "floating",
              "tumen", "wonsan", "nampho", "peninsula"),
    "fields": ("farm*", "field", "agricultur*", "plow", "grass*", "rice", "soil", "harvest", "drought", "crop",
               "fertili*", "shrub", "rocks"),
    "city": ("city", "pyongyang", "building", "apartment", "downtown", "skyline", "capital", "urban", "kaesong",
             "hamhung", "sidewalk"),
    "huts": ("hut", "hovel", "village", "shack", "dirt floor"),
    # ways
    "road": ("road", "highway", "street", "sidewalk", "marathon", "traffic", "walking", "runner"),
    "rail": ("train", "railway", "railroad", "rail", "station", "tracks", "subway"),
    # vehicles
    "bus": ("bus", "busses", "mobility", "commuter", "travel*"),
    "car": ("car", "taxi", "vehicle"),
    "truck": ("truck", "pickup"),
    "boat": ("boat", "floating", "ship", "fishing"),
    # people
    "soldiers": ("soldier", "military", "army", "officer", "navy", "uniform", "watchtower", "guard", "miliary"),
    "children": ("child", "children", "kid", "boy", "girl", "learner", "camp", "student", "teenager", "school",
                 "playing"),
    "workers": ("worker", "labor", "labour", "employee", "job", "construction", "cleaning", "work", "plow", "jug",
                "rope"),
    "dancers": ("danc*", "ballroom", "performance", "celebrat*", "festival", "band", "accordion"),
    "people": ("people", "woman", "women", "man", "men", "couple", "tourist", "crowd", "smil*", "individual",
               "actor", "waitress", "citizen", "female", "elderly", "family", "laugh*", "lining up", "married"),
    # things
    "flowers": ("flower", "kimilsungia", "kimjongilia", "bouquet", "blossom"),
    "trees": ("park", "forest", "picnic", "tree", "garden", "deforestation", "wood"),
    "market": ("market", "selling", "seller", "cigarette", "hot dog", "vendor", "fan", "tea set", "enterprise"),
    "shelves": ("grocery", "groceries", "shelf", "shelves", "supermarket", "store", "goods", "shampoo", "cologne",
                "perfume", "soda", "fruit"),
    "office": ("office", "pc", "computer", "desk"),
    "monument": ("monument", "statue", "juche", "memorial", "leader", "square", "cult", "bowing", "portrait", "mural",
                 "holiest", "propaganda"),
    "fence": ("fence", "electrified", "border", "barbed", "watchtower", "watching"),
    "bridge": ("bridge",),
    "empty": ("empty", "no one", "alone", "eerily", "nowhere", "nowhwere", "without cars", "no cars", "deserted"),
}
def _word_counter(word: str) -> Callable[[str], int]:
    """How often `word` (folded) occurs as a whole word, also as a plural; `word*` is a prefix."""
    prefix = word.endswith("*")
    found = patterns.compile(r"(?:^|[^a-z])" + patterns.escape(word.rstrip("*")))

    def count(text: str) -> int:
        if prefix:
            return sum(1 for _ in found.finditer(text))
        # The word must not run on into more letters (after an optional plural ending).
        return sum(1 for match in found.finditer(text) if any(
            text.startswith(ending, end := match.end())
            and not "a" <= text[end + len(ending) : end + len(ending) + 1] <= "z"
            for ending in ("", "s", "es")))

    return count


_PATTERNS = {motif: [_word_counter(w) for w in words] for motif, words in MOTIF_WORDS.items()}

LANDSCAPES = ("city", "mountains", "water", "fields", "huts")
FIGURES = ("soldiers", "children", "workers", "dancers")
"""Specific groups of people; plain "people" is drawn only when none of these is mentioned."""
VEHICLES = ("bus", "car", "truck", "boat")
EXTRAS = ("flowers", "trees", "market", "monument", "fence", "bridge")

_DESCRIPTIONS = {
    "city": "city blocks", "mountains": "mountains", "water": "water", "fields": "fields", "huts": "huts",
    "road": "a road", "rail": "a railway", "bus": "a bus", "car": "a car", "truck": "a truck", "boat": "a boat",
    "train": "a train", "soldiers": "soldiers", "children": "children", "workers": "workers", "dancers": "dancers",
    "people": "people", "flowers": "flowers", "trees": "trees", "market": "a market stall", "monument": "a monument",
    "fence": "a fence and watchtower", "bridge": "a bridge",
}


@dataclass(frozen=True)
class Scene:
    seed: int
    indoor: str | None
    """None outdoors, else "store", "office" or "station"."""
    time: str
    """"day", "dusk" or "night"."""
    weather: str
    """"clear", "rain" or "snow"."""
    landscapes: tuple[str, ...]
    way: str | None
    """"road", "rail" or None."""
    vehicles: tuple[str, ...]
    figures: str | None
    extras: tuple[str, ...]
    sparse: bool
    """The words speak of emptiness: fewer people, emptier shelves and roads."""

    @property
    def description(self) -> str:
        """Alt text for the picture: what it shows, and that it is a stand-in."""
        if self.indoor:
            setting = {"store": "inside a store with shelves", "office": "inside an office with desks",
                       "station": "an underground station with murals"}[self.indoor]
        else:
            setting = " and ".join(_DESCRIPTIONS[name] for name in self.landscapes)
        when = {"day": "", "dusk": " at dusk", "night": " at night"}[self.time]
        weather = {"clear": "", "rain": " in the rain", "snow": " in snow"}[self.weather]
        things = [_DESCRIPTIONS[n] for n in (self.way, *self.vehicles, self.figures, *self.extras) if n]
        if self.way == "rail" and not self.sparse:
            things.insert(1, "a train")
        detail = ", with " + ", ".join(things) if things else ""
        return f"Stand-in illustration: {setting}{when}{weather}{detail}"


def _scores(title: str, text: str) -> dict[str, int]:
    title_f, text_f = fold(title), fold(text)
    return {
        motif: sum(3 * count(title_f) + count(text_f) for count in counters)
        for motif, counters in _PATTERNS.items()
    }


def seed_for(title: str, text: str) -> int:
    digest = hashlib.sha256(f"{title}\n{text}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _top(scores: dict[str, int], names: tuple[str, ...], limit: int) -> tuple[str, ...]:
    ranked = sorted((n for n in names if scores[n] > 0), key=lambda n: (-scores[n], names.index(n)))
    return tuple(ranked[:limit])


def plan_scene(title: str, text: str) -> Scene:
    scores = _scores(title, text)
    seed = seed_for(title, text)
    pick = seed % 1000

    indoor = None
    if scores["shelves"] >= 3 and scores["shelves"] >= scores["market"]:
        indoor = "store"
    elif scores["office"] >= 3:
        indoor = "office"
    elif scores["rail"] and "subway" in fold(title + " " + text) and scores["rail"] >= 3:
        indoor = "station"

    if scores["night"] and scores["night"] >= scores["dusk"]:
        time = "night"
    elif scores["dusk"] or pick % 9 == 0:
        time = "dusk"
    else:
        time = "day"
    weather = "rain" if scores["rain"] else "snow" if scores["snow"] else "clear"

    landscapes = _top(scores, LANDSCAPES, 2)
    if not landscapes:
        landscapes = (("fields", "mountains"), ("city",), ("mountains", "fields"), ("huts", "fields"))[pick % 4]
    way = None
    if scores["rail"]:
        way = "rail"
    elif scores["road"] or scores["bus"] or scores["car"] or scores["truck"]:
        way = "road"
    vehicles = _top(scores, VEHICLES, 2)
    if way == "rail":
        vehicles = tuple(v for v in vehicles if v == "boat")
    if "boat" in vehicles and "water" not in landscapes:
        landscapes = (landscapes[0], "water") if landscapes[0] != "water" else landscapes
    figures = (_top(scores, FIGURES, 1) or (("people",) if scores["people"] else (None,)))[0]
    extras = _top(scores, EXTRAS, 2)
    if "bridge" in extras and "water" not in landscapes:
        landscapes = (landscapes[0], "water")
    if indoor:
        # Inside, there is no sky or landscape; a station keeps its rails.
        time, weather, landscapes = "day", "clear", ()
        way, vehicles = ("rail", ()) if indoor == "station" else (None, ())
        extras = tuple(e for e in extras if e in ("monument", "flowers"))
    return Scene(
        seed=seed,
        indoor=indoor,
        time=time,
        weather=weather,
        landscapes=landscapes,
        way=way,
        vehicles=vehicles,
        figures=figures,
        extras=extras,
        sparse=scores["empty"] >= 2,
    )

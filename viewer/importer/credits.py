"""Photo credits in the forms scraped galleries write them, as whole lines or around a caption.

`credit_line` recognises a line that is only a credit; `split_credit` finds a credit at the end
(or start) of a caption and returns both parts. The patterns are RE2's (viewer.patterns), so a
hostile line costs linear time whatever the pattern.
"""

from __future__ import annotations

from viewer import patterns

# Agencies and picture desks a bare "(Name)" or "Name/Agency" credit may name.
AGENCIES = (
    r"AP|AFP|EPA|UPI|PA|ANP|DPA|KCNA|KNS|Reuters|REUTERS|Getty(?:\s+Images)?|Corbis|CORBIS|Zuma(?:\s+Press)?|ZUMA"
    r"(?:\s+Press)?|Shutterstock|Alamy|Xinhua|Yonhap|Kyodo|Bloomberg|NurPhoto|Anadolu|Sipa|SIPA|Rex|Magnum|NASA|"
    r"Wikimedia(?:\s+Commons)?|Flickr|Unsplash|Pexels|Midjourney|Associated\s+Press|Agence\s+France-Presse|"
    r"The\s+Associated\s+Press|AP\s+Photo|AP\s+Images|Press\s+Association|Newscom|Polaris|Redux|VII|Panos|Noor"
)
_WORD = r"[^\s()/,;:]+"
_NAME = rf"{_WORD}(?:\s{_WORD}){{0,5}}"
_SLASHED = rf"{_NAME}(?:\s?/\s?{_NAME}){{1,3}}"  # "AP Photo/Name", "Name/AFP/Getty Images"
_KIND = r"(?:photo(?:graph)?s?|images?|pictures?|illustrations?|video)"
_LEAD = rf"(?:{_KIND}\s+(?:by|via|from|courtesy\s+of)|{_KIND}\s+credits?\s*:|{_KIND}\s*:|credits?\s*:|source\s*:|courtesy\s+of)"

_PARENTHESISED = patterns.compile(
    rf"[(\[](?P<credit>(?:{_LEAD})\s*[^()\[\]]{{1,100}}|{_SLASHED}|(?:{AGENCIES})(?:\s+{_WORD}){{0,2}})[)\]]", patterns.IGNORECASE)
_FREE = [
    # "Image via X", "Photo by X", "Photograph: X", "Image credits: user", "Source: Agency/ Getty Images"
    patterns.compile(rf"(?P<credit>(?:{_LEAD})\s*\S.{{0,100}})", patterns.IGNORECASE),
    # "— Image by © Name/CORBIS", "© Name"
    patterns.compile(r"(?:[—–-]\s*)?(?P<credit>(?:(?:image|photo)\s+by\s+)?©\s*\S.{0,100})", patterns.IGNORECASE),
    # AGENCY/Name or Photographer/Agency on a line of its own: "REUTERS/Damir Sagolj", "AFP/Getty Images".
    patterns.compile(r"(?P<credit>[A-Z][\w.&'\-]*(?:\s[A-Z][\w.&'\-]*){0,3}\s?/\s?[A-Z][\w.&'\-]*"
               r"(?:\s[A-Z][\w.&'\-]*){0,3}(?:\s?/\s?[A-Z][\w.&'\-]*(?:\s[A-Z][\w.&'\-]*){0,2}){0,2})"),
]
_LINE = [patterns.compile(rf"{_PARENTHESISED.pattern}", patterns.IGNORECASE), *_FREE,
         # "Getty Images", "Reuters Photographer" alone on a line
         patterns.compile(rf"(?P<credit>(?:{AGENCIES})(?:\s+(?:Images|Photos?|Pictures|(?:Staff\s+)?Photographer|Staff))?)")]
# "Photograph by Jane Doe, The Daily Planet" on the line before its caption.
LEADING = patterns.compile(rf"(?:photo(?:graph)?|image|picture)\s+by\s+{_NAME}(?:,\s*{_NAME})?", patterns.IGNORECASE)

_SUFFIXES = [
    # "... at dawn. Photo: Jane Doe" / "Photograph by Jane Doe" / "Image credits: user" / "Source: AFP/ Getty Images"
    patterns.compile(rf"(?P<text>.*[.!?…”\"')])\s+\(?(?P<credit>(?:{_LEAD})\s*[^()]{{2,100}}?)\)?", patterns.IGNORECASE),
    # "... at dawn. (AP Photo/Name)", "(Name/Reuters)", "(Photo by X/Agency)", "(Zuma Press)", "(REUTERS)"
    patterns.compile(rf"(?P<text>.*\S)\s*{_PARENTHESISED.pattern}", patterns.IGNORECASE),
    # "... at dawn. — Image by © Name/CORBIS"
    patterns.compile(r"(?P<text>.*?\S)\s+(?:[—–-]\s*)?(?P<credit>(?:(?:image|photo)\s+by\s+)?©\s*[^©]{1,100})", patterns.IGNORECASE),
    # "... in Pyongyang, May 2016. REUTERS/Damir Sagolj" (agency in capitals, so "Paektu/Mount" is not one).
    # RE2 runs it in linear time even on a long line of capitals.
    # The caption is the shortest text that leaves a whole credit ("AFP PHOTO / NAME", not "PHOTO / NAME").
    patterns.compile(r"(?P<text>.*?\S)\s+(?:[—–|-]\s*)?(?P<credit>[A-Z]{2}[A-Z&.\-]{0,40}(?:\s[A-Z]{2}[A-Z&.\-]{0,40}){0,4}"
               r"\s?/\s?[A-Z][\w.&'\-]*(?:\s[A-Z][\w.&'\-]*){0,3}"
               r"(?:\s?/\s?[A-Z][\w.&'\-]*(?:\s[A-Z][\w.&'\-]*){0,3}){0,2})"),
]
# "Photo: Courtesy of X. The caption…" — a credit written before the caption on the same line.
_PREFIX = patterns.compile(rf"(?P<credit>(?:{_KIND})\s*:\s*courtesy\s+of\s+[^.]{{1,80}})\.\s+(?P<text>\S.*)", patterns.IGNORECASE)

MAX_CREDIT = 140


def credit_line(text: str) -> str | None:
    """The credit if the whole line is a credit, else None."""
    if len(text) > MAX_CREDIT + 10 or _PREFIX.fullmatch(text):
        return None
    for pattern in _LINE:
        match = pattern.fullmatch(text)
        if match:
            return match.group("credit").strip()
    return None


def split_credit(text: str) -> tuple[str, str | None]:
    """(caption, credit) when a caption starts or ends with a credit, else (text, None)."""
    match = _PREFIX.fullmatch(text)
    if match:
        return match.group("text").strip(), match.group("credit").strip()
    for pattern in _SUFFIXES:
        match = pattern.fullmatch(text)
        if match and match.group("text").strip() and len(match.group("credit")) <= MAX_CREDIT:
            return match.group("text").strip(), match.group("credit").strip()
    return text, None


def is_leading_credit(text: str) -> bool:
    """`Photograph by X, Publication`: a credit line that may belong to the caption after it."""
    return bool(LEADING.fullmatch(text))

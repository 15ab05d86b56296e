"""Page furniture: the lines a scraper copies from around a gallery that are not its content.

`furniture(text)` says why a line is furniture (or None): buttons and prompts ("Close",
"Advertisement", "Subscribe…"), counters ("1 / 20"), datelines ("2 years ago",
"Pictures | Fri Aug 16, 2013 | 9:25pm BST"), share and vote widgets, category and byline lines.
Nothing is thrown away silently: the importer lists every dropped line in its report, and
`--keep-all` keeps them as caption text.
"""

from __future__ import annotations

from viewer import patterns
from viewer.importer.label_words import CAPTION_LABELS_ABROAD

_WHOLE = {
    "close", "advertisement", "advertisements", "ad", "ads", "sponsored", "loading", "loading...", "loading…",
    "post", "share", "share this", "tweet", "pin it", "pin", "email", "e-mail", "print", "comments", "comment",
    "next", "previous", "prev", "more", "read more", "see more", "show more", "view more", "load more",
    "skip ad", "skip", "menu", "search", "home", "reply", "report", "like", "follow", "upvote", "downvote",
    "vote arrow up", "vote arrow down", "vote up", "vote down", "back to top", "top", "continue reading",
    "view gallery", "view slideshow", "start slideshow", "enlarge", "expand", "fullscreen", "full screen",
    "to full screen", "view full screen",
    "photos", "pictures", "gallery", "related", "trending", "popular", "most read", "recommended",
    "facebook", "twitter", "pinterest", "whatsapp", "linkedin", "reddit", "copy link", "embed", "save",
    "community member", "add photo comments", "view more replies", "view more comments", "load more comments",
    "show replies", "hide replies", "view all comments", "show comments", "hide caption", "show caption",
    "open image modal", "tooltip close", "continue in app", "continue in browser", "view · edit", "view edit",
    "edit", "[edit]", "v t e", "v · t · e", "view · talk · edit",
    "flipboard", "send", "messenger", "vk", "telegram", "threads", "bluesky", "mastodon", "copy url", "sms",
    "x", "share on x", "post on x",
    # a blog's comment form and post links ("Post a Comment", "Newer Post Older Post Home")
    "post a comment", "leave a reply", "leave a comment", "add a comment", "comments are closed",
    "newer post", "older post", "blogthis!", "email this", "newer post older post home", "newer post home",
    "older post home",
    "subscribe to: post comments (atom)", "subscribe to: posts (atom)",
} | {
    # the same buttons in other languages (es, pt, fr, de, it, nl, pl)
    "compartir", "compartilhar", "partilhar", "partager", "teilen", "condividi", "delen", "udostępnij",
    "comentarios", "comentários", "commentaires", "kommentare", "commenti", "reacties", "komentarze",
    "siguiente", "anterior", "próximo", "suivant", "précédent", "weiter", "zurück", "successivo", "precedente",
    "volgende", "vorige", "następne", "poprzednie", "publicidad", "publicidade", "publicité", "anzeige", "werbung",
    "pubblicità", "advertentie", "reklama", "leer más", "leia mais", "lire la suite", "weiterlesen", "mehr lesen",
    "leggi anche", "lees meer", "czytaj więcej", "cerrar", "fechar", "fermer", "schließen", "chiudi", "sluiten",
    "zamknij", "imprimir", "imprimer", "drucken", "stampa", "afdrukken", "drukuj",
}
_CAPTION_LABELS = {"image caption", "caption", "media caption", "photo caption", "image", "photo", "video caption"}
_PREFIXES = patterns.compile(
    r"(?:edition|category|categories|tags?|labels|filed under|topics?|related|see also|updated|published|posted|"
    r"last updated|advertisement|sponsored by|preview photo credit|photo gallery|recommended|watch|listen|"
    r"image name|image title|country|year|location|camera|lens|settings|date taken|place|genres?|"
    r"country of origin|nationality|age|equipment|exposure|aperture|shutter speed|iso|focal length)\s*[:|]"
    r"|(?:subscribe|sign up|sign in|log in|newsletter|follow us|share this|share on|click here|download our|"
    r"get the app|join our|don't miss|want more|preview photo credit|story continues|continue reading|"
    r"scroll to continue|article continues|loading\b|ad feedback|report an ad|skip to|also read|read also|"
    r"click to (?:view|enlarge|see|open|expand|zoom)|tap to (?:view|enlarge|expand)|find out more|"
    r"click for (?:big|bigger|larger|full size|full-size)|"
    r"(?:published|updated) on\s+(?:\S+\s+)?\d+|"
    r"previous post|next post|older entries|newer entries|related posts|reader interactions|you may also like|"
    r"you might also like|photo editors?:|leave a reply|leave a comment|cancel reply|"
    r"your email address will not be published)\b|writer[’']s picture:"
    r"|(?:like this:|like loading\b|posted in\s+[^.!?]{1,60}(?:\||$)|last edited:|reactions:)"
    # other languages' share prompts (their "see also" and "leave a comment" are the footer's: roles.py)
    r"|(?:compartir en|compartilhar (?:no|na|em)|partager sur|teilen auf|condividi su|delen op|udostępnij na)\b",
    patterns.IGNORECASE,
)
_MORE_OF = patterns.compile(r"(?:next|previous|more|related|other|latest|top|recommended|similar)\s+"
                            r"(?:slideshows?|galleries|gallery|stories|story|photos|pictures|videos|articles|news)"
                            r"(?:\s+\S+){0,2}", patterns.IGNORECASE)
_BYLINE = patterns.compile(r"by\s*:?\s*[^|]{1,60}\|\s*(?:published|updated|posted)\b.{0,80}", patterns.IGNORECASE)
COUNTER_KINDS = r"photo|image|slide|picture|foto|imagen|bild|immagine|diapositiva"
"""What a slide counter may count ("Image 3 of 20", "Bild 3 von 12"), as alternatives of a pattern."""
COUNTER_OF = r"/|of|de|di|von|sur|van|av|af|z|из"
"""What joins a counter's two numbers ("3/20", "3 of 20", "3 de 7", "3 von 12", "3 z 5")."""
_COUNTER = patterns.compile(rf"(?:(?:{COUNTER_KINDS})\s*:?\s+)?(?:\d{{1,4}}\s*)?(?:{COUNTER_OF})\s*\d{{1,4}}",
                            patterns.IGNORECASE)
_SHOWING = patterns.compile(r"(?:showing|displaying|viewing)\s+(?:items?\s+)?\d{1,5}\s*(?:-|–|to)\s*\d{1,5}"
                            r"\s+of\s+\d{1,7}(?:\s+\w+)?",
                            patterns.IGNORECASE)
_SLUG = patterns.compile(r"(?:[Ii]mage:\s*)?[A-Z0-9]{2,}(?:[-_][A-Z0-9]{2,}){2,}")
"""`TOPSHOTS-US-POLITICS-BUDGET`, `Image: WIRE-SLUG-2023`: an agency's file code, not words."""
_PHOTO_COUNT = patterns.compile(r"/?\s*\d{1,4}\s+(?:photos|pictures|images|slides|photographs)",
                                patterns.IGNORECASE)
"""`16 PHOTOS`, `/ 16 PHOTOS`: a gallery's size, written above it."""
_POSTAL = patterns.compile(r"^[^,]{2,40},\s+\d{2,5}(?:-\d{3})?\s+\p{Lu}[^,]{1,30},\s+\p{Lu}[\w ]{1,25}$")
"""`Bryggen, 5003 Bergen, Norway`: a place's street, postal code and town, as map widgets write them."""
_FOLLOWERS = patterns.compile(r"(?:[\d.,]{1,8}[km]?\s+(?:posts?|followers?|following)\s*){2,3}")
"""`4,873 posts 1.4m followers 902 following`: the counts on a social profile's header."""
_FORUM_THREAD = patterns.compile(r"discussion in\s.{1,80}\sstarted by\s")
"""`Discussion in 'Space' started by SoupBot, Jan 3, 2012.`: a forum thread's byline."""
_RELATED_IN = patterns.compile(r"in\s+[\"“][^\"”]{1,40}[\"”]")
"""`In "Space"`: under a related post, the category it is filed in (WordPress)."""
_FILE_NAME = patterns.compile(r"\S{1,200}(?: \S{1,60}){0,7}\.(?:jpe?g|png|gif|webp|avif|tiff?|heic)",
                              patterns.IGNORECASE)
"""`DSC_4410.jpg`, `elodie marchbank_market.jpg` (its "+" read as a space): a picture's file name."""
_PHOTO_NUMBER = patterns.compile(rf"(?:{COUNTER_KINDS})\s*(?:#\s?)?\d{{1,3}}(?:\s?[:.])?|(?:#\s?)?\d{{1,3}}",
                                 patterns.IGNORECASE)
"""A photo's number alone on its line ("7", "#7", "Foto 1:"): it starts the next photo, like "7 / 20"."""
_ADDRESS = patterns.compile(r"[-•*]?\s*(?:https?://|www\.)\S+")
_AGO = patterns.compile(r"(?:about\s+)?(?:\d{1,4}|an?|one)\s+"
                        r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago",
                        patterns.IGNORECASE)
_POINTS = patterns.compile(r"[\d,.]{1,9}\s*(?:points?|pts|votes?|likes?|shares?|comments?|views?)", patterns.IGNORECASE)
_WEEKDAY = r"(?:mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
          # the same in es, pt, fr, de, it, nl
          r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|"
          r"janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|"
          r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
          r"januar|februar|märz|juni|juli|oktober|dezember|gennaio|febbraio|aprile|maggio|giugno|luglio|"
          r"settembre|ottobre|dicembre|januari|februari|maart|mei|augustus)")
"""A weekday's or a month's name, written out or cut short: whole words only ("Friends",
"Sunflowers", "Marvel" and "Octopus" are none)."""
_DATE = patterns.compile(
    rf"\b{_WEEKDAY}\b|\b{_MONTH}\.?\s+\d{{1,2}}\b"
    r"|\b\d{1,2}:\d{2}\s*(?:am|pm)?\b|\b\d{4}-\d{2}-\d{2}\b",
    patterns.IGNORECASE,
)
_EXPOSURE = patterns.compile(r"(?P<aperture>\bf\s?/?\s?\d{1,2}(?:\.\d)?\b)|(?P<shutter>\b1/\d{1,5}\s?(?:s|sec)?\b|"
                             r"\b\d{1,3}(?:\.\d)?\s?(?:s|sec|seconds?)\b)|(?P<iso>\biso\s?\d{2,6}\b)|"
                             r"(?P<focal>\b\d{1,4}(?:-\d{1,4})?\s?mm\b)", patterns.IGNORECASE)
"""An exposure's parts: aperture (f8, f/5.6), shutter (1/500, 30s), ISO 200, focal length (24-70mm)."""
CAPTION_LABEL = "a caption's label"
"""Why a line like "Image caption," is left out: the line after it is a caption."""
LABELS = {"photographer", "location", "camera", "date taken", "taken", "place", "credit", "photo credit", "source",
          "maker", "artist", "creator", "author", "date made", "date", "medium", "dimensions", "measurements",
          "object name", "object number", "id number", "accession number", "catalog number", "credit line",
          "physical description", "place made", "lens", "settings", "category", "country", "year", "company"}
"""Labels of metadata blocks: the label on one line, its value on the next."""


_BUTTON_WORDS = {"enlarge", "slideshow", "see", "on", "map", "directions", "view", "share", "print", "email",
                 "save", "open", "close", "zoom", "expand", "download", "next", "previous", "gallery", "play"}


def _buttons_row(simple: str) -> bool:
    """`Enlarge/Slideshow See On Map Directions`: a short row made only of buttons' words."""
    words = simple.replace("/", " ").split()
    return 3 <= len(words) <= 8 and all(word in _BUTTON_WORDS for word in words) and sum(
        1 for word in words if word not in ("see", "on", "view")) >= 2


def _breadcrumb(text: str) -> bool:
    """`Home > Travel > Lists`: short parts joined by arrows."""
    parts = [part.strip() for part in _CRUMB_ARROW.split(text)]
    return len(parts) >= 3 and all(0 < len(part.split()) <= 4 for part in parts) or (
        len(parts) == 2 and parts[0].lower() in ("home", "news", "photos", "pictures", "galleries")) or (
        len(parts) == 2 and all(0 < len(part.split()) <= 4 and _title_cased(part) for part in parts))


def _title_cased(part: str) -> bool:
    """`In the Field`, `Film and Photo`: a section's name, every word capitalised but small ones."""
    return not part.endswith((".", "!", "?")) and all(
        word[:1].isupper() or word in ("a", "an", "and", "the", "of", "in", "on", "&", "for", "to") for word in
        part.split()) and part[:1].isupper()


_PAGE_WORDS = {"first", "previous", "prev", "next", "last", "page", "of", "<", ">", "<<", ">>", "«", "»", "‹", "›",
               "…", "...", "older", "newer", "entries", "posts"}


def _pagination(simple: str) -> bool:
    """`<< First < Previous 1 2 3 4 Next > Last >>`: page numbers and the words around them."""
    words = simple.split()
    return 3 <= len(words) <= 30 and any(w.isdigit() for w in words) and all(
        w.isdigit() or w in _PAGE_WORDS for w in words)


def _dateline(text: str) -> bool:
    """`Pictures | Fri Aug 16, 2013 | 9:25pm BST`: short parts separated by bars, one of them a date."""
    parts = [part.strip() for part in text.split("|")]
    if len(parts) < 2 and " / " in text and len(text.split()) <= 8:
        parts = [part.strip() for part in text.split(" / ")]  # "Reuters / Friday, May 13, 2016"
        return len(parts) == 2 and any(only_a_date(part) for part in parts)
    return len(parts) >= 2 and all(len(part.split()) <= 5 for part in parts) and any(_DATE.search(p) for p in parts)


_NOT_PLACES = {"by", "updated", "posted", "published", "pictures", "photos", "photo", "gallery", "news", "staff",
               "read", "min", "minutes", "share", "comments", "video"}


def photo_dateline(text: str) -> bool:
    """`Dec. 29, 2020 | Washington, D.C.`: when and where one photo was taken, a date and a place
    (never "By Staff | Dec 31, 2020" nor "Pictures | Fri Aug 16, 2013"). It dates the page once;
    with every photo it starts the photo's caption (the caller counts them)."""
    parts = [part.strip() for part in text.split("|")]
    if len(parts) != 2 or len(text) > 90:
        return False
    dates = [part for part in parts if _DATE.search(part) and len(part.split()) <= 5 and (
        only_a_date(part) or only_a_date(part.replace(".", "")))]
    places = [part for part in parts if part not in dates]
    if len(dates) != 1 or len(places) != 1:
        return False
    words = places[0].replace(",", " ").split()
    return 1 <= len(words) <= 6 and places[0][:1].isupper() and not any(
        word.casefold().strip(".") in _NOT_PLACES for word in words) and not any(ch.isdigit() for ch in places[0])


_SOCIAL = {"facebook", "twitter", "x", "pinterest", "whatsapp", "linkedin", "reddit", "email", "e-mail", "print",
           "share", "tweet", "pin", "copy", "link", "messenger", "telegram", "flipboard", "tumblr", "mail", "sms"}
_GLUED_SHARE_WORDS = _SOCIAL | {"this", "to", "on", "via", "blog", "blogthis"}
_COUNTED = patterns.compile(r"(?P<button>[^\d()\[\]]{1,30}?)\s*[(\[]\s*\d{1,7}\s*[)\]]")
"""`Comments (12)`: a button with its count."""
_IMAGE_BUTTON = patterns.compile(
    r"(?:click to\s+|tap to\s+)?(?:view|see|open|expand|enlarge|zoom|show|download|launch|watch)\s+"
    r"(?:(?:this|the|full|larger|high[- ]res(?:olution)?|original)\s+)*"
    r"(?:image|images|photo|photos|picture|pictures|gallery|slideshow|size|version|media|enlargement)"
    r"(?:\s+(?:on|in|at)\s+[\w. ]{1,24})?\s*[›»>→]?")
"""`View this image ›`, `Open image in gallery`, `View this photo on Instagram`: a picture's button."""
_HASHTAGS = patterns.compile(r"#[^\s#]{1,40}(?:\s+#[^\s#]{1,40})+")
"""`#NASA #Hubble #Astronomy`: a post's hashtags, nothing else."""
_DATE_LABEL = patterns.compile(
    r"(?:[a-zà-ÿ]+\s+){0,2}(?:date|dated|fecha|datum|data|posted|published|updated|uploaded|taken|added|created|"
    r"modified|publicado|publicada|atualizado|publié|veröffentlicht|aktualisiert|pubblicato|gepubliceerd|"
    r"opublikowano)\s*:\s*(?P<date>.{1,80})")
"""`Release Date: March 30, 2023`: a date under a label that says it is the page's date."""
_CAMEL_JOIN = patterns.compile(r"([a-z!])([A-Z])")
"""Where two buttons' labels run together in a text copy ("Email ThisBlogThis!Share to Twitter")."""
_COMMENTER = patterns.compile(r"(?:blogger\s+)?[^\s.!?:]+(?:\s+[^\s.!?:]+){0,3}\s+(?:said|says|wrote)\s*(?:\.\.\.|…|:)")
"""`Marla Dee said...`, `Corinne says:`: a commenter's name over a comment."""
_CRUMB_ARROW = patterns.compile(r"\s[>›»→]\s")
_DATE_TOKENS = patterns.compile(r"[A-Za-z.]+|\d+(?:st|nd|rd|th)?")
_WORD_TOKENS = patterns.compile(r"[\w-]+")
_DATE_WORDS = patterns.compile(
    rf"{_WEEKDAY}\.?|{_MONTH}\.?|"
    r"\d{1,4}(?:st|nd|rd|th)?|am|pm|[ap]\.m\.|utc|gmt|at|on|updated|published|posted|ago|"
    r"seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|today|yesterday|an?|about", patterns.IGNORECASE)
_TIME_ZONE = patterns.compile(r"[A-Z]{2,4}")
"""`BST`, `EDT`: a time zone, in capitals (case matters: "Best" is no zone)."""


def only_a_date(text: str) -> bool:
    """`August 16, 2013`, `Fri 16 Aug 2013 9:25pm BST`, `Updated 3 hours ago`: nothing but a date."""
    if len(text) > 100 or not any(character.isdigit() for character in text):
        return False  # "Monday" may well be a heading in a week of pictures; a date is short
    words = _DATE_TOKENS.findall(text)
    if not words or len(words) > 9 or not _DATE.search(text) and not _AGO.search(text):
        return False
    return all(_DATE_WORDS.fullmatch(word) or _TIME_ZONE.fullmatch(word) for word in words)


def furniture(text: str) -> str | None:
    """Why `text` (one stripped line) is page furniture, or None when it may be content."""
    simple = text.strip().strip("›»«‹·•|<>[]()-–—#*").strip().lower()
    if not simple:
        return "a line of symbols"
    if simple.rstrip(".:!…,،，") in _CAPTION_LABELS or simple.rstrip(".:!…,،，") in CAPTION_LABELS_ABROAD:
        return CAPTION_LABEL
    if simple in _WHOLE or simple.rstrip(".:!…,") in _WHOLE:
        return "a button or link"
    counted = _COUNTED.fullmatch(text.strip().lower())
    if counted is not None and counted.group("button") in _WHOLE:
        return "a button or link"  # "Comments (12)", "Komentarze (0)", "Share [3]"
    if len(simple) <= 60 and _IMAGE_BUTTON.fullmatch(simple):
        return "a button or link"  # "View this image ›", "Open image in gallery", "View full size"
    if len(simple) <= 60 and _size_links(simple):
        return "a picture's size links"  # "medium | large", "Small · Medium · Original"
    if _HASHTAGS.fullmatch(text.strip()):
        return "a row of hashtags"
    if len(text) <= 200 and _PREFIXES.match(simple):
        return "a page prompt or metadata line"
    if _BYLINE.fullmatch(simple):
        return "a byline"
    if _breadcrumb(text):
        return "breadcrumbs"
    if _MORE_OF.fullmatch(simple):
        return "a link to other galleries"
    if _COUNTER.fullmatch(simple) or _PHOTO_NUMBER.fullmatch(simple):
        return "a slide counter"
    if _FILE_NAME.fullmatch(text.strip()):
        return "a picture's file name"
    if _SLUG.fullmatch(text.strip()):
        return "a picture's file code"
    if _buttons_row(simple):
        return "a row of buttons"
    if len(text) <= 80 and _POSTAL.search(text.strip()) and not simple.endswith((".", "!", "?")):
        return "a postal address"
    if _FOLLOWERS.fullmatch(simple):
        return "a profile's counts"
    if _FORUM_THREAD.match(simple[:200]):
        return "a forum thread's byline"
    if len(text) <= 160 and _camera_settings(text):
        return "a camera's settings"
    if _PHOTO_COUNT.fullmatch(simple):
        return "a count of photos"
    if _SHOWING.fullmatch(simple):
        return "a count of results"
    if _pagination(simple):
        return "page numbers"
    if _ADDRESS.fullmatch(simple):
        return "a web address"
    if _AGO.fullmatch(simple) or _dateline(text) or only_a_date(text):
        return "a dateline"
    dated = _DATE_LABEL.fullmatch(simple) if len(simple) <= 100 else None
    if dated is not None and only_a_date(dated.group("date")):
        return "a dateline"  # "Release Date: March 30, 2023", "Fecha: 12/03/2021"
    # A row of share buttons or a "Close gallery" button is short: longer lines are not split into
    # words at all (most lines are captions, and tokenising each one is the importer's main cost).
    words = _WORD_TOKENS.findall(simple) if len(simple) <= 120 else None
    if words is not None and 2 <= len(words) <= 8 and all(word in _SOCIAL for word in words):
        return "share buttons"
    if words is not None and ":" in simple[:20] and 2 <= len(words) - 1 <= 8 and all(
            word in _SOCIAL for word in words[1:]) and len(simple.split(":", 1)[0].split()) == 1:
        return "share buttons"  # "Condividi: Facebook Twitter WhatsApp": a labelled share row
    if _RELATED_IN.fullmatch(simple):
        return "a related post's category"
    if simple.startswith("close ") and words is not None and len(words) <= 3:
        return "a button or link"
    if _POINTS.fullmatch(simple):
        return "a vote or share count"
    if words is not None and 2 <= len(words) <= 3 and words[-1] == "avatar":
        return "a commenter's picture"
    if len(text) <= 120 and _glued_share_row(text):
        return "share buttons"
    if commenter_line(text):
        return "a commenter's name"
    return None


_SIZES = {"small", "medium", "large", "larger", "original", "thumbnail"}
_SIZE_WORDS = _SIZES | {"full", "size", "full-size", "hi-res", "high-res", "xl", "xxl", "download", "view"}


def _size_links(simple: str) -> bool:
    """`medium | large`: links to a picture's sizes, two or more, nothing else."""
    words = _WORD_TOKENS.findall(simple)
    return 2 <= len(words) <= 8 and sum(1 for word in words if word in _SIZES) >= 2 and all(
        word in _SIZE_WORDS for word in words)


def _glued_share_row(text: str) -> bool:
    """`Email ThisBlogThis!Share to TwitterShare to Facebook`: share buttons run together."""
    words = _WORD_TOKENS.findall(_CAMEL_JOIN.sub(r"\1 \2", text).lower())
    return 3 <= len(words) <= 14 and all(word in _GLUED_SHARE_WORDS for word in words) and sum(
        1 for word in words if word in _SOCIAL) >= 2


def commenter_line(text: str) -> bool:
    """A comment's head: the commenter's name (at most four words) and "said..." or "says:"."""
    return len(text) <= 60 and _COMMENTER.fullmatch(text.strip()) is not None


def _camera_settings(text: str) -> bool:
    """`Canon EOS 5D, lens 24mm, f4, 1/1000, ISO 400`: three of an exposure's four parts (aperture,
    shutter, ISO, focal length) and little else — a sentence that mentions one ("shot at f/2.8 in
    the dark") is a caption."""
    kinds: set[str] = set()
    for match in _EXPOSURE.finditer(text):
        kinds.update(name for name, value in match.groupdict().items() if value)
    if len(kinds) < 3:
        return False
    words = text.replace(",", " ").split()
    return (len(words) <= 16 and not text.rstrip().endswith((".", "!", "?"))) or len(words) <= 10


def label_key(text: str) -> str:
    """A metadata label as looked up: `Photographer / Company:` → "photographer" (two labels
    joined by a slash name the field by its first)."""
    key = text.strip().rstrip(":").lower()
    first = key.split(" / ", 1)[0].strip()
    return first if " / " in key and first in LABELS else key


def is_label(text: str) -> bool:
    return label_key(text) in LABELS

"""The exported page's search, in JavaScript, with exactly the app's rules (viewer.model.search).

The slides' side is folded here, in Python, by the app's own `haystack()` and written into the
page; only the visitor's query is folded in the browser. For that the script needs the same
normalisation as `viewer.basics.text.fold`, and the character classes it depends on are taken from
this Python's Unicode tables when the page is made, not guessed in JavaScript:

- whitespace: what `str.isspace` says (what `str.split()` and the query's `\\S` split on);
- accents: the characters `unicodedata.combining` says are combining marks (`\\p{M}` is not the
  same set), removed after NFKD;
- case: `toLowerCase`, then the characters whose `casefold()` differs from `lower()` (ß → ss, ς → σ,
  Cherokee…) mapped as Python maps them;
- quotes: the same tables as viewer.basics.text and viewer.model.search.

tests/e2e/test_export_browser.py runs a family of queries through both and checks they agree.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache

from viewer.basics.text import _QUOTES
from viewer.model.search import _DOUBLE_QUOTES, MAX_SPANS, MAX_TERMS

_SURROGATES = range(0xD800, 0xE000)


def _ranges(codes: list[int]) -> str:
    """A regex character class body (for a /u regex) covering `codes` (sorted)."""
    parts: list[str] = []
    start = previous = None
    for code in [*codes, None]:
        if code is not None and previous is not None and code == previous + 1:
            previous = code
            continue
        if start is not None:
            parts.append(f"\\u{{{start:x}}}" if start == previous else f"\\u{{{start:x}}}-\\u{{{previous:x}}}")
        start = previous = code
    return "".join(parts)


@lru_cache(maxsize=1)
def fold_tables() -> dict[str, object]:
    """Everything the script's fold needs, from this Python's Unicode tables."""
    spaces: list[int] = []
    combining: list[int] = []
    casefold: dict[str, str] = {}
    for code in range(0x110000):
        if code in _SURROGATES:
            continue
        ch = chr(code)
        if ch.isspace():
            spaces.append(code)
        if unicodedata.combining(ch):
            combining.append(code)
        folded = ch.casefold()
        if folded != ch.lower():
            casefold[ch] = folded
    return {
        "space": _ranges(spaces),
        "combining": _ranges(combining),
        "casefold": casefold,
        "quotes": {chr(k): v for k, v in _QUOTES.items()},
        "doubleQuotes": {chr(k): v for k, v in _DOUBLE_QUOTES.items()},
        "maxTerms": MAX_TERMS,
        "maxSpans": MAX_SPANS,
    }


def tables_json() -> str:
    """The tables as JSON that is safe inside a <script> element (no `</script>`, no `<!--`)."""
    text = json.dumps(fold_tables(), ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


SEARCH_JS = r"""
function makeSearch(T) {
  "use strict";
  const SPACE = new RegExp("[" + T.space + "]+", "gu");
  const COMBINING = new RegExp("[" + T.combining + "]", "gu");
  const TERM = new RegExp('"([^"]*)"?|([^' + T.space + ']+)', "gu");
  function mapChars(text, table) {
    let out = "";
    for (const ch of text) out += Object.prototype.hasOwnProperty.call(table, ch) ? table[ch] : ch;
    return out;
  }
  // viewer.basics.text.fold: quotes straightened, NFKD without combining marks, case folded,
  // whitespace collapsed to single spaces and trimmed.
  function fold(text) {
    let out = mapChars(text, T.quotes).normalize("NFKD").replace(COMBINING, "");
    out = mapChars(out.toLowerCase(), T.casefold);
    return out.split(SPACE).filter(Boolean).join(" ");
  }
  // viewer.model.search.Query.parse: words and "phrases", each folded; repeats and empty terms
  // dropped; at most maxTerms count.
  function parse(query) {
    const terms = [];
    const text = mapChars(query, T.doubleQuotes);
    for (const match of text.matchAll(TERM)) {
      const term = fold(match[1] !== undefined ? match[1] : match[2]);
      if (term && !terms.includes(term) && terms.length < T.maxTerms) terms.push(term);
    }
    return terms;
  }
  function matches(terms, haystack) {
    return terms.every((term) => haystack.includes(term));
  }
  // viewer.basics.text.fold_with_map, one character at a time: the folded text and, for each of its
  // code units, where in `text` it came from — so a match can be marked in the original.
  const ONE_SPACE = new RegExp("^[" + T.space + "]$", "u");
  const IS_COMBINING = new RegExp("^[" + T.combining + "]$", "u");
  function foldChar(ch) {
    const bare = mapChars(ch, T.quotes).normalize("NFKD").replace(COMBINING, "");
    return mapChars(bare.toLowerCase(), T.casefold);
  }
  function foldWithMap(text) {
    let out = "";
    const origin = [];
    let previousSpace = true;
    let index = 0;
    for (const ch of text) {
      const folded = ONE_SPACE.test(ch) ? " " : foldChar(ch);
      if (folded === " ") {
        if (!previousSpace) { out += " "; origin.push(index); previousSpace = true; }
      } else if (folded) {
        out += folded;
        for (let k = 0; k < folded.length; k++) origin.push(index);
        previousSpace = false;
      }
      index += ch.length;
    }
    if (out.endsWith(" ")) { out = out.slice(0, -1); origin.pop(); }
    return [out, origin];
  }
  // viewer.model.search.Query.spans: where the terms occur in `text` (original offsets), merged.
  function spans(terms, text) {
    if (!terms.length || !text) return [];
    const [folded, origin] = foldWithMap(text);
    const found = [];
    const each = Math.max(1, Math.floor(T.maxSpans / terms.length));
    const width = (at) => (text.codePointAt(at) > 0xffff ? 2 : 1);
    for (const term of terms) {
      let count = 0;
      for (let start = folded.indexOf(term); start !== -1 && count < each;
           start = folded.indexOf(term, start + term.length), count++) {
        let last = origin[start + term.length - 1];
        last += width(last);
        // Folding dropped combining accents; a mark must still cover them.
        while (last < text.length && IS_COMBINING.test(String.fromCodePoint(text.codePointAt(last)))) {
          last += width(last);
        }
        found.push([origin[start], last]);
      }
    }
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged = [];
    for (const [start, end] of found) {
      if (merged.length && start <= merged[merged.length - 1][1]) {
        merged[merged.length - 1][1] = Math.max(end, merged[merged.length - 1][1]);
      } else merged.push([start, end]);
    }
    return merged;
  }
  return { fold, parse, matches, spans };
}
"""

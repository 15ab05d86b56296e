"""The exported page's fixed parts: head (styles, security policy), header, toolbar, footer, script.

The page works with no network and no JavaScript: every slide is a <figure> with its
<figcaption>, one after the other. With JavaScript it becomes a slideshow — one slide at a time,
the photo as large as the window allows and the caption beside it (a wide window) or below it (a
tall one), like the app; ← → (and the app's other paging keys), swipe, `#7` links, an overview
grid, search with the app's rules, a slideshow button. The Content-Security-Policy allows only
this page's own two scripts (by hash), its own style, and pictures that are inline data or files
beside it: no request can leave the page, whatever a deck contains.
"""

from __future__ import annotations

import base64
import hashlib

from viewer.export.render_html import text
from viewer.export.search_script import SEARCH_JS, tables_json

HEAD_SCRIPT = 'document.documentElement.classList.add("js");'

STYLE = """
:root { color-scheme: dark; --bg: #111; --panel: #1b1b1b; --fg: #eee; --muted: #bdbdbd; --accent: #ffd24a;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--fg); }
body { line-height: 1.5; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--accent); color: #000; padding: .5rem 1rem;
  z-index: 9; }
.skip:focus { left: .5rem; }
header.deck { padding: 1.5rem 1rem .5rem; max-width: 60rem; margin: 0 auto; }
header.deck h1 { margin: 0 0 .25rem; font-size: 1.6rem; line-height: 1.25; }
header.deck p { margin: 0; color: var(--muted); }
.slide { margin: 0 auto 3rem; max-width: 60rem; padding: 0 1rem; }
.photo { background: var(--bg); position: relative; margin: 0; }
.photo img { display: block; max-width: 100%; height: auto; max-height: 90vh; margin: 0 auto; }
.photo.crisp img { image-rendering: pixelated; }
.photo.missing { display: flex; align-items: center; justify-content: center; min-height: 12rem;
  border: 1px dashed #666; color: var(--muted); text-align: center; }
.badge { position: absolute; left: .5rem; top: .5rem; background: rgba(0,0,0,.78); color: #fff;
  font-size: .8rem; padding: .15rem .5rem; border-radius: .25rem; border: 1px solid #888; }
figcaption h2 { font-size: 1.3rem; line-height: 1.3; margin: .75rem 0 .5rem; }
figcaption .number { color: var(--muted); margin: .75rem 0 0; font-size: .9rem; }
.caption p, .caption pre, .caption blockquote { margin: 0 0 .75rem; }
.caption pre { white-space: pre-wrap; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.caption blockquote { border-left: 3px solid #666; padding-left: .75rem; color: #ddd; }
.caption .heading { font-size: 1.1rem; }
.caption code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; background: #262626; padding: 0 .2em; }
.caption .url { color: var(--muted); word-break: break-all; }
.caption .link { text-decoration: underline; }
.credit, .date { color: var(--muted); font-size: .9rem; margin: .5rem 0 0; }
footer.about { color: var(--muted); font-size: .85rem; text-align: center; padding: 1rem; }
.toolbar { display: none; }
#grid { display: none; }
mark { background: #5a4a00; color: #fff; }

/* With JavaScript: a slideshow. */
.js body { height: 100vh; height: 100dvh; display: flex; flex-direction: column; overflow: hidden; }
.js header.deck, .js footer.about { display: none; }
.js .toolbar { display: flex; flex: none; align-items: center; gap: .5rem; padding: .45rem .75rem;
  background: var(--panel); border-bottom: 1px solid #333; }
.js .toolbar h1 { font-size: 1rem; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  flex: 1 1 auto; min-width: 0; }
.toolbar button, .toolbar input { font: inherit; color: var(--fg); background: #2a2a2a; border: 1px solid #555;
  border-radius: .35rem; height: 2.25rem; }
.toolbar button { min-width: 2.5rem; padding: 0 .6rem; cursor: pointer; }
.toolbar button[aria-pressed="true"] { background: #4a3d00; border-color: var(--accent); }
.toolbar input { width: 12rem; padding: 0 .5rem; min-width: 6rem; flex: 0 1 12rem; }
#status { color: var(--muted); font-size: .9rem; white-space: nowrap; }
.js main { flex: 1 1 auto; min-height: 0; }
.js body.grid-open main { display: none; }
.js .slide { display: none; }
.js .slide.current { display: grid; height: 100%; max-width: none; margin: 0; padding: 0;
  grid-template-columns: minmax(0, 1fr) clamp(17rem, 30vw, 32rem); grid-template-rows: minmax(0, 1fr); }
.js .slide.current.text-only { grid-template-columns: minmax(0, 1fr); max-width: 48rem; margin: 0 auto; }
.js .slide .photo { height: 100%; min-height: 0; overflow: hidden; display: flex; align-items: center;
  justify-content: center; cursor: pointer; }
.js .slide .photo img { width: 100%; height: 100%; max-height: none; object-fit: contain; }
.js .slide .photo.missing { cursor: default; }
.js figcaption .number { display: none; }  /* the toolbar says where you are */
.js .slide figcaption { overflow-y: auto; padding: .25rem 1.25rem 1rem; border-left: 1px solid #2a2a2a; min-height: 0; }
.js #grid.open { display: grid; flex: 1 1 auto; min-height: 0; overflow-y: auto; padding: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); grid-auto-rows: max-content; gap: .75rem;
  align-content: start; }
#grid a { display: block; color: var(--fg); text-decoration: none; background: var(--panel);
  border: 2px solid transparent; border-radius: .35rem; }
#grid a.current { border-color: var(--accent); }
#grid img, #grid .noimg { display: block; width: 100%; height: auto; aspect-ratio: 4 / 3; object-fit: cover;
  background: #000; border-radius: .25rem .25rem 0 0; }
#grid span { display: block; padding: .25rem .5rem; font-size: .85rem; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
@media (max-width: 760px), (max-aspect-ratio: 5/6) {
  .js .slide.current { grid-template-columns: minmax(0, 1fr); grid-template-rows: auto minmax(0, 1fr); }
  .js .slide.current.text-only { grid-template-rows: minmax(0, 1fr); }
  .js .slide .photo { height: auto; }
  .js .slide .photo img { height: auto; max-height: 58vh; max-height: 58dvh; }
  .js .slide figcaption { border-left: 0; border-top: 1px solid #2a2a2a; padding: 0 1rem 1rem; }
  .js .toolbar { flex-wrap: wrap; gap: .4rem; padding: .4rem .5rem; }
  .js .toolbar h1 { flex-basis: 100%; font-size: .95rem; }
  .js .toolbar input { flex: 1 1 5rem; width: auto; min-width: 4rem; }
  .toolbar .label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
}
@media print {  /* printing gives the long page, whatever the slideshow shows */
  .js body { height: auto; display: block; overflow: visible; }
  .js .toolbar, .js #grid.open { display: none; }
  .js header.deck, .js footer.about, .js figcaption .number { display: block; }
  .js body.grid-open main, .js .slide, .js .slide.current { display: block; height: auto; margin: 0 auto 2rem; }
  .js .slide .photo img { height: auto; max-height: 90vh; }
  .slide { break-inside: avoid; }
}
@media (prefers-reduced-motion: no-preference) {
  .js .slide.current .photo img { animation: appear .18s ease-out; }
  @keyframes appear { from { opacity: .35; } to { opacity: 1; } }
}
"""

PAGE_JS = SEARCH_JS + r"""
(function () {
  "use strict";
  const search = makeSearch(JSON.parse(document.getElementById("fold-tables").textContent));
  const slides = Array.from(document.querySelectorAll("figure.slide"));
  const total = slides.length;
  const status = document.getElementById("status");
  const box = document.getElementById("search");
  const grid = document.getElementById("grid");
  const gridButton = document.getElementById("grid-button");
  const playButton = document.getElementById("play");
  const haystacks = slides.map((s) => s.dataset.search || "");
  let order = slides.map((_, i) => i);
  let current = 0;
  let query = "";
  let terms = [];
  let timer = null;

  slides.forEach((s) => { if (!s.querySelector(".photo")) s.classList.add("text-only"); });

  function say(text) { status.textContent = text; }
  // The search's matches marked in the slide's title, caption and credit, as the app highlights them.
  function mark(slide) {
    for (const part of slide.querySelectorAll("figcaption h2, figcaption .caption, figcaption .credit")) {
      for (const old of part.querySelectorAll("mark")) old.replaceWith(old.textContent);
      part.normalize();
      if (!terms.length) continue;
      const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
      const nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      for (const node of nodes) {
        const found = search.spans(terms, node.data);
        if (!found.length) continue;
        const pieces = document.createDocumentFragment();
        let at = 0;
        for (const [start, end] of found) {
          pieces.append(node.data.slice(at, start));
          const hit = document.createElement("mark");
          hit.textContent = node.data.slice(start, end);
          pieces.append(hit);
          at = end;
        }
        pieces.append(node.data.slice(at));
        node.replaceWith(pieces);
      }
    }
  }
  function describe() {
    if (!total) return say("no slides");
    if (query && !order.length) return say("no slide matches \u201c" + query + "\u201d");
    const at = order.indexOf(current);
    if (query) say((at + 1) + " / " + order.length + " matching \u201c" + query + "\u201d (" + total + " slides)");
    else say((current + 1) + " / " + total);
  }
  function show(index, fromHash) {
    if (index < 0 || index >= total) return;
    slides[current].classList.remove("current");
    current = index;
    const slide = slides[current];
    slide.classList.add("current");
    for (const near of [current + 1, current - 1]) {  // load the neighbours' photos ahead
      const img = near >= 0 && near < total ? slides[near].querySelector("img") : null;
      if (img) img.loading = "eager";
    }
    const own = slide.querySelector("img");
    if (own) own.loading = "eager";
    window.scrollTo(0, 0);  // a #N link scrolled the long page; the slideshow does not scroll
    const caption = slide.querySelector("figcaption");
    if (caption) caption.scrollTop = 0;
    if (!fromHash) {
      try { history.replaceState(null, "", "#" + (current + 1)); } catch (e) { /* file: pages may refuse */ }
    }
    document.title = (slide.dataset.title || "") + " \u2013 " + document.body.dataset.deck;
    mark(slide);
    describe();
    restartTimer();
  }
  function step(delta) {
    if (!order.length) return;
    const at = order.indexOf(current);
    let next = at + delta;
    if (at < 0) next = delta > 0 ? 0 : order.length - 1;
    if (next < 0 || next >= order.length) {
      if (timer && next >= order.length) return show(order[0]);
      return say((delta > 0 ? "last" : "first") + " slide" + (query ? " matching \u201c" + query + "\u201d" : ""));
    }
    show(order[next]);
  }
  function filter(text) {
    query = text.trim();
    terms = search.parse(text);
    order = terms.length ? haystacks.map((h, i) => (search.matches(terms, h) ? i : -1)).filter((i) => i >= 0)
                         : slides.map((_, i) => i);
    if (!terms.length) query = "";
    if (order.length && !order.includes(current)) show(order[0]); else { mark(slides[current]); describe(); }
    if (grid.classList.contains("open")) fillGrid();
  }
  function fillGrid() {
    grid.textContent = "";
    for (const i of order) {
      const s = slides[i];
      const link = document.createElement("a");
      link.href = "#" + (i + 1);
      if (i === current) { link.classList.add("current"); link.setAttribute("aria-current", "true"); }
      if (s.dataset.thumb) {
        const img = document.createElement("img");
        img.src = s.dataset.thumb; img.alt = ""; img.loading = "lazy";
        link.appendChild(img);
      } else {
        const none = document.createElement("div"); none.className = "noimg"; link.appendChild(none);
      }
      const label = document.createElement("span");
      label.textContent = (i + 1) + " " + (s.dataset.title || "");
      link.appendChild(label);
      grid.appendChild(link);
    }
  }
  function openGrid(open) {
    grid.classList.toggle("open", open);
    document.body.classList.toggle("grid-open", open);
    grid.hidden = !open;
    gridButton.setAttribute("aria-pressed", String(open));
    if (open) {
      fillGrid();
      const here = grid.querySelector("a.current") || grid.querySelector("a");
      if (here) { here.focus(); here.scrollIntoView({ block: "nearest" }); }
    }
    restartTimer();
  }
  function readingTime(slide) {
    const words = (slide.querySelector("figcaption").textContent.match(/\S+/g) || []).length;
    return 5000 + words / 220 * 60000;
  }
  function restartTimer() {
    if (timer === null) return;
    clearTimeout(timer);
    const paused = grid.classList.contains("open") || document.activeElement === box;
    timer = paused ? 0 : setTimeout(() => step(1), readingTime(slides[current]));
    playLabel(paused ? "\u23f8" : "\u25b6", paused ? " Paused" : " Playing");
  }
  function playLabel(icon, label) {
    document.getElementById("play-icon").textContent = icon;
    document.getElementById("play-label").textContent = label;
  }
  function play(on) {
    if (timer !== null) clearTimeout(timer);
    timer = on ? 0 : null;
    playButton.setAttribute("aria-pressed", String(on));
    if (on) playLabel("\u25b6", " Playing"); else playLabel("\u25b6", " Slideshow");
    if (on) restartTimer();
  }
  function fromHash() {
    const n = parseInt(location.hash.slice(1), 10);
    if (n >= 1 && n <= total) {
      if (query && !order.includes(n - 1)) { box.value = ""; filter(""); }
      show(n - 1, true);
      if (grid.classList.contains("open")) openGrid(false);
      return true;
    }
    return false;
  }

  document.getElementById("prev").addEventListener("click", () => step(-1));
  document.getElementById("next").addEventListener("click", () => step(1));
  gridButton.addEventListener("click", () => openGrid(!grid.classList.contains("open")));
  playButton.addEventListener("click", () => play(timer === null));
  box.addEventListener("input", () => filter(box.value));
  box.addEventListener("focus", restartTimer);
  box.addEventListener("blur", restartTimer);
  box.addEventListener("keydown", (e) => {
    if (e.key === "Enter") { e.preventDefault(); box.blur(); }
    else if (e.key === "Escape") { e.preventDefault(); box.value = ""; filter(""); box.blur(); }
  });
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) {
      if (e.ctrlKey && e.key === "f") { e.preventDefault(); box.focus(); }
      return;
    }
    const typing = e.target instanceof HTMLInputElement;
    if (typing) return;
    const inGrid = grid.classList.contains("open");
    const key = e.key;
    if (key === "Escape") {
      if (inGrid) openGrid(false); else if (query) { box.value = ""; filter(""); }
      return;
    }
    if (key === "/") { e.preventDefault(); box.focus(); return; }
    if (key === "o") { e.preventDefault(); openGrid(!inGrid); return; }
    if (inGrid) return;  // the grid's links take Tab, Enter and the browser's own keys
    if (key === "p") { play(timer === null); return; }
    if (e.target instanceof HTMLButtonElement && (key === " " || key === "Enter")) return;
    const moves = { ArrowRight: 1, PageDown: 1, " ": 1, l: 1, j: 1,
                    ArrowLeft: -1, PageUp: -1, Backspace: -1, h: -1, k: -1 };
    if (key in moves) { e.preventDefault(); step(moves[key]); }
    else if (key === "Home" || key === "g") { e.preventDefault(); if (order.length) show(order[0]); }
    else if (key === "End" || key === "G") { e.preventDefault(); if (order.length) show(order[order.length - 1]); }
  });
  document.getElementById("slides").addEventListener("click", (e) => {
    const photo = e.target.closest(".photo");
    if (!photo || photo.classList.contains("missing")) return;
    const box = photo.getBoundingClientRect();
    step(e.clientX < box.left + box.width / 2 ? -1 : 1);
  });
  let touch = null;
  document.addEventListener("touchstart", (e) => {
    touch = e.touches.length === 1 ? { x: e.touches[0].clientX, y: e.touches[0].clientY } : null;
  }, { passive: true });
  document.addEventListener("touchend", (e) => {
    if (!touch || grid.classList.contains("open")) return;
    const dx = e.changedTouches[0].clientX - touch.x, dy = e.changedTouches[0].clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) step(dx < 0 ? 1 : -1);
  }, { passive: true });

  window.viewerStory = {
    search: (text) => {
      const terms = search.parse(text);
      return haystacks.map((h, i) => (search.matches(terms, h) ? i + 1 : 0)).filter(Boolean);
    },
    fold: search.fold, parse: search.parse, spans: search.spans,
    current: () => current + 1,
  };
  if (total) { slides[0].classList.add("current"); if (!fromHash()) show(0, true); } else describe();
})();
"""


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def head(title: str, folder: bool) -> str:
    """From the doctype to the opening of <body>."""
    images = "data: 'self' file:" if folder else "data:"
    policy = (f"default-src 'none'; img-src {images}; style-src {_hash(STYLE)}; "
              f"script-src {_hash(HEAD_SCRIPT)} {_hash(PAGE_JS)}; base-uri 'none'; form-action 'none'")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="generator" content="viewer export">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{text(title)}</title>\n"
        f"<script>{HEAD_SCRIPT}</script>\n"
        f"<style>{STYLE}</style>\n</head>\n"
    )


def top(title: str, details: str) -> str:
    """The opening of the body: skip link, the deck's header, the slideshow toolbar, <main>."""
    return (
        f'<body data-deck="{text(title)}">\n<a class="skip" href="#slides">Skip to the slides</a>\n'
        f'<header class="deck"><h1>{text(title)}</h1><p>{text(details)}</p></header>\n'
        '<nav class="toolbar" aria-label="Slideshow">'
        f"<h1>{text(title)}</h1>"
        '<button id="prev" type="button" aria-label="Previous slide" title="Previous slide (←)">←</button>'
        '<span id="status" role="status" aria-live="polite"></span>'
        '<button id="next" type="button" aria-label="Next slide" title="Next slide (→)">→</button>'
        '<input id="search" type="search" placeholder="Search" aria-label="Search the slides (/)" autocomplete="off">'
        '<button id="grid-button" type="button" aria-pressed="false" title="Overview (o)">'
        '<span aria-hidden="true">▦</span><span class="label"> Overview</span></button>'
        '<button id="play" type="button" aria-pressed="false" title="Slideshow (p)">'
        '<span id="play-icon" aria-hidden="true">▶</span><span class="label" id="play-label"> Slideshow</span></button>'
        "</nav>\n"
        '<main id="slides" tabindex="-1">\n'
    )


def bottom(about: str) -> str:
    """From the end of <main> to the end of the document: the grid, the footer, the script."""
    return (
        "</main>\n"
        '<section id="grid" aria-label="Overview of the slides" hidden></section>\n'
        f'<footer class="about"><p>{text(about)}</p></footer>\n'
        f'<script type="application/json" id="fold-tables">{tables_json()}</script>\n'
        f"<script>{PAGE_JS}</script>\n</body>\n</html>\n"
    )

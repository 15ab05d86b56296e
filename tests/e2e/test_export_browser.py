"""The exported page in a real browser (headless Chromium): what shows, how it pages, searches and
opens the grid, that it makes no request, that a deck's markup stays text, and that it reads with
JavaScript off. The page's search runs in the browser and is checked against the app's."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from tests.helpers.browser import requests_made, require_browser, resize, start_chromium, wait_for
from tests.helpers.story_decks import HOSTILE, make_story
from viewer.basics.text import fold
from viewer.commands.view import main
from viewer.model import Query
from viewer.sources import load_path

require_browser()

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(deck, single-file page, folder page) of tests.story_decks.make_story."""
    root = tmp_path_factory.mktemp("export")
    deck = make_story(root / "deck")
    page, folder = root / "story.html", root / "site"
    assert main(["export", str(deck), "-o", str(page)]) == 1  # slide 5's photo is missing
    assert main(["export", str(deck), "-o", str(folder) + "/"]) == 1
    return deck, page, folder / "index.html"


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium()
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, exported):
    """The single-file page opened afresh at laptop size; the request log emptied."""
    resize(browser, 1366, 768)
    browser.get("about:blank")
    requests_made(browser)
    browser.get(exported[1].as_uri())
    wait_for(lambda: browser.execute_script("return window.viewerStory && viewerStory.current()"), what="the script")
    return browser


def shown(driver) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.get_attribute("id") for f in driver.find_elements(By.CSS_SELECTOR, "figure.slide") if f.is_displayed()]


def status(driver) -> str:  # type: ignore[no-untyped-def]
    return driver.find_element(By.ID, "status").text


def press(driver, *keys: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(*keys).perform()


def rect(driver, element) -> dict:  # type: ignore[no-untyped-def]
    return driver.execute_script("const r = arguments[0].getBoundingClientRect();"
                                 "return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};", element)


def screenshot(driver) -> Image.Image:  # type: ignore[no-untyped-def]
    return Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")


def test_the_first_photo_and_caption_show_and_arrows_page(page, exported):
    assert shown(page) == ["1"] and status(page) == "1 / 10"
    figure = page.find_element(By.ID, "1")
    image = figure.find_element(By.TAG_NAME, "img")
    wait_for(lambda: page.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image),
             what="the first photo")
    caption = figure.find_element(By.TAG_NAME, "figcaption")
    assert "Harbour at dawn" in caption.text and "first light on the water" in caption.text
    # Laptop: the caption beside the photo, the photo as large as the panel allows.
    box, words = rect(page, image), rect(page, caption)
    assert words["left"] >= box["right"] - 1 and box["right"] - box["left"] > 700
    # The screenshot shows the photo (its blue-tinted gradient), not the page's background.
    shot = screenshot(page)
    inset = (int(box["left"]) + 250, int(box["top"]) + 250, int(box["right"]) - 250, int(box["bottom"]) - 250)
    middle = shot.crop(inset)
    r, g, b = ImageStat.Stat(middle).mean
    assert max(r, g, b) > 60 and b > r, (r, g, b)  # make_story tints this photo blue
    press(page, Keys.ARROW_RIGHT)
    wait_for(lambda: shown(page) == ["2"], what="slide 2")
    assert status(page) == "2 / 10" and page.execute_script("return location.hash") == "#2"
    assert "Café “au lait”" in page.find_element(By.ID, "2").text
    press(page, Keys.ARROW_LEFT)
    wait_for(lambda: shown(page) == ["1"], what="back to slide 1")
    press(page, Keys.ARROW_LEFT)  # before the first: it says so and stays
    wait_for(lambda: status(page) == "first slide", what="the first-slide notice")
    press(page, Keys.END)
    wait_for(lambda: shown(page) == ["10"], what="the last slide")


def test_a_hash_opens_that_slide_and_links_follow(browser, exported):
    browser.get(exported[1].as_uri() + "#5")
    wait_for(lambda: shown(browser) == ["5"], what="slide 5")
    assert status(browser) == "5 / 10" and "Missing photo" in browser.find_element(By.ID, "5").text
    assert "Photo unavailable" in browser.find_element(By.ID, "5").text
    browser.execute_script("location.hash = '#8'")
    wait_for(lambda: shown(browser) == ["8"], what="slide 8")


def test_the_search_box_filters_with_the_apps_rules(page):
    box = page.find_element(By.ID, "search")
    box.send_keys("SOLDIER")
    wait_for(lambda: status(page) == "1 / 2 matching “SOLDIER” (10 slides)", what="the filter")
    assert shown(page) == ["2"]
    box.send_keys(Keys.ENTER)
    press(page, Keys.ARROW_RIGHT)
    wait_for(lambda: shown(page) == ["4"], what="the next match")  # slide 3 does not match
    press(page, Keys.ARROW_RIGHT)
    wait_for(lambda: "last slide matching" in status(page), what="the end of the matches")
    page.find_element(By.ID, "search").clear()
    page.find_element(By.ID, "search").send_keys("cafe isn't")  # accents and quotes folded, AND of words
    wait_for(lambda: status(page).startswith("1 / 1 matching"), what="the second filter")
    assert shown(page) == ["2"]
    marks = [m.text for m in page.find_elements(By.CSS_SELECTOR, "figure[id='2'] mark")]
    assert marks == ["Café", "isn’t"]  # the matches marked in the original spelling
    page.find_element(By.ID, "search").send_keys(Keys.ESCAPE)
    wait_for(lambda: status(page) == "2 / 10", what="the filter cleared")
    assert not page.find_elements(By.CSS_SELECTOR, "figure[id='2'] mark")
    assert "Café “au lait”" in page.find_element(By.ID, "2").text  # the text as it was


QUERIES = ["", "soldier", "SOLDIER", "café", "cafe", "CAFÉ", "isn't", "isn’t", "\"au lait\"", "“au lait”",
           "\"lait au\"", "strasse", "STRASSE", "straße", "οδος", "ΟΔΟΣ", "ελλαδα", "soldier cafe", "soldier harbour",
           "extra 8", "\"number 8\"", "\"unterminated", "\"\"", "a", "  ", "nothing-like-this", "first water",
           "<script>", "pwned = 1", "onerror", "jane", "doe jane", "\"jane doe\"", "red circle", "filler",
           "CAPTION 10", "ǅ", "ﬁller", "ＳＯＬＤＩＥＲ", "sol dier", "e\u0301", "dawn\u00a0harbour"]
FOLDS = ["Straße", "ΟΔΟΣ", "İstanbul", "ǅungla", "ﬁ ﬂ", "Ｆｕｌｌ", "“quoted” ‘single’ «guillemets»", "e\u0301 é",
         "tab\tand\u3000ideographic\u00a0nbsp", "Ꭰ ꭰ", "ß ẞ", "Ω ω Ω", "x\u0345y", "\u1e9b\u0323", "①②", "ǰ"]


def test_the_pages_search_agrees_with_the_app_on_a_family_of_queries(page, exported):
    deck = load_path(exported[0])
    for query in QUERIES:
        parsed = Query.parse(query)
        expected = [n for n, slide in enumerate(deck.slides, 1) if not parsed or parsed.matches(slide)]
        assert page.execute_script("return viewerStory.search(arguments[0])", query) == expected, query
        assert page.execute_script("return viewerStory.parse(arguments[0])", query) == list(parsed.terms), query
    for text in FOLDS:
        assert page.execute_script("return viewerStory.fold(arguments[0])", text) == fold(text), text
    # Highlights: the same stretches of the original text marked (compared as text: JavaScript
    # counts UTF-16 units where Python counts code points).
    texts = [*FOLDS, "𝒞afé 😀 café CAFÉ", "Somebody isn’t here. A soldier walks by the Straße.", "ǅǅ ǆ"]
    for text in texts:
        for query in ["cafe", "isn't", "strasse", "soldier walks", "\"a soldier\"", "a", "e", "ﬁ", "ω", "dz", "😀"]:
            parsed = Query.parse(query)
            expected = [text[start:end] for start, end in parsed.spans(text)]
            marked = page.execute_script("return viewerStory.spans(viewerStory.parse(arguments[0]), arguments[1])"
                                         ".map(([a, b]) => arguments[1].slice(a, b))", query, text)
            assert marked == expected, (query, text)


def test_the_overview_grid_opens_and_takes_you_to_a_slide(page):
    press(page, "o")
    grid = page.find_element(By.ID, "grid")
    wait_for(grid.is_displayed, what="the grid")
    links = grid.find_elements(By.TAG_NAME, "a")
    assert len(links) == 10 and links[0].get_attribute("aria-current") == "true"
    assert "7 Extra number 7" in links[6].text
    assert page.execute_script("return document.activeElement === arguments[0]", links[0])  # focus moves in
    thumbs = grid.find_elements(By.TAG_NAME, "img")
    assert len(thumbs) == 7
    links[6].click()
    wait_for(lambda: shown(page) == ["7"] and not grid.is_displayed(), what="slide 7 from the grid")
    press(page, "o")
    wait_for(grid.is_displayed, what="the grid again")
    press(page, Keys.ESCAPE)
    wait_for(lambda: not grid.is_displayed() and shown(page) == ["7"], what="the grid closed")


def test_no_request_leaves_the_page(page, exported):
    press(page, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, "o")
    wait_for(page.find_element(By.ID, "grid").is_displayed, what="the grid")
    page.execute_script("document.querySelectorAll('figure img').forEach(i => i.loading = 'eager')")
    wait_for(lambda: page.execute_script(
        "return Array.from(document.images).every(i => i.complete)"), what="every picture")
    urls = requests_made(page)
    assert urls and urls[0] == exported[1].as_uri()
    assert all(url.startswith("data:") or url == exported[1].as_uri() for url in urls), urls
    # The folder export: the page and its own images/ files only.
    page.get(exported[2].as_uri())
    wait_for(lambda: page.execute_script("return window.viewerStory && viewerStory.current()"), what="the script")
    page.execute_script("document.querySelectorAll('figure img').forEach(i => i.loading = 'eager')")
    wait_for(lambda: page.execute_script("return Array.from(document.images).every(i => i.complete && i.naturalWidth)"),
             what="every picture of the folder export")
    folder = exported[2].parent.as_uri()
    urls = requests_made(page)
    assert len([u for u in urls if u.startswith(folder + "/images/")]) == 7
    assert all(url.startswith(folder + "/") or url.startswith("data:") for url in urls), urls


def test_a_captions_script_shows_as_text_and_never_runs(page):
    press(page, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    wait_for(lambda: shown(page) == ["3"], what="slide 3")
    caption = page.find_element(By.CSS_SELECTOR, "figure[id='3'] .caption")
    assert HOSTILE in caption.text
    assert page.execute_script("return typeof window.pwned") == "undefined"
    assert not caption.find_elements(By.TAG_NAME, "script") and not caption.find_elements(By.TAG_NAME, "img")
    errors = [e for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors  # nothing blocked, nothing broken


def test_swipe_and_the_slideshow(page):
    resize(page, 390, 844, mobile=True)
    page.get(page.current_url.split("#")[0] + "#1")
    wait_for(lambda: page.execute_script("return window.viewerStory && viewerStory.current()") == 1, what="slide 1")
    for kind, x in (("touchStart", 300), ("touchMove", 200), ("touchEnd", 60)):
        points = [] if kind == "touchEnd" else [{"x": x, "y": 300}]
        page.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
    wait_for(lambda: shown(page) == ["2"], what="a swipe to slide 2")
    play = page.find_element(By.ID, "play")
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    wait_for(lambda: shown(page) == ["3"], timeout=20, what="the slideshow's next slide")
    play.click()
    assert play.get_attribute("aria-pressed") == "false"


def test_a_phone_gets_the_photo_above_its_caption_and_nothing_wider_than_the_screen(page):
    resize(page, 390, 844, mobile=True)
    page.get(page.current_url.split("#")[0] + "#1")
    wait_for(lambda: page.execute_script("return window.viewerStory && viewerStory.current()") == 1, what="slide 1")
    figure = page.find_element(By.ID, "1")
    image, caption = figure.find_element(By.TAG_NAME, "img"), figure.find_element(By.TAG_NAME, "figcaption")
    wait_for(lambda: rect(page, caption)["top"] >= rect(page, image)["bottom"] - 1, what="the stacked layout")
    assert rect(page, image)["right"] - rect(page, image)["left"] >= 380  # the photo takes the width
    assert rect(page, caption)["top"] < 844 - 100  # and the caption starts on screen
    assert page.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    toolbar = page.find_element(By.CSS_SELECTOR, "nav.toolbar")
    assert rect(page, toolbar)["right"] <= 390


def test_keyboard_focus_is_visible_and_reduced_motion_is_respected(page):
    press(page, Keys.TAB)  # the skip link first
    press(page, Keys.TAB)
    style = page.execute_script("const s = getComputedStyle(document.activeElement);"
                                "return [document.activeElement.id, s.outlineStyle, s.outlineWidth]")
    assert style[0] == "prev" and style[1] == "solid" and style[2] == "3px", style
    image = page.find_element(By.CSS_SELECTOR, "figure[id='1'] img")
    assert page.execute_script("return getComputedStyle(arguments[0]).animationName", image) == "appear"
    page.execute_cdp_cmd("Emulation.setEmulatedMedia",
                         {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
    try:
        assert page.execute_script("return getComputedStyle(arguments[0]).animationName", image) == "none"
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    landmarks = page.execute_script("return ['nav', 'main'].map(t => document.querySelectorAll(t).length)")
    assert landmarks == [1, 1]
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:  # printing gives every slide, not the one the slideshow shows
        assert len(shown(page)) == 10 and not page.find_element(By.CSS_SELECTOR, "nav.toolbar").is_displayed()
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_with_javascript_off_every_slide_is_a_figure_in_one_long_page(exported):
    driver = start_chromium(javascript=False)
    try:
        driver.get(exported[1].as_uri())
        figures = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "figure.slide"), what="the figures")
        assert len(figures) == 10 and all(f.is_displayed() for f in figures)
        assert all(f.find_element(By.TAG_NAME, "figcaption").is_displayed() for f in figures)
        assert not driver.find_element(By.CSS_SELECTOR, "nav.toolbar").is_displayed()
        assert driver.find_element(By.CSS_SELECTOR, "header.deck h1").text == "A story to share"
        tops = [rect(driver, f)["top"] for f in figures]
        assert tops == sorted(tops) and tops[-1] > 5 * 768  # one after the other, down a long page
        assert HOSTILE in figures[2].text
        image = figures[0].find_element(By.TAG_NAME, "img")
        assert driver.execute_script("return arguments[0].naturalWidth", image) == 1600
        driver.get(exported[1].as_uri() + "#7")  # a slide's link still lands on it
        wait_for(lambda: abs(rect(driver, driver.find_element(By.ID, "7"))["top"]) < 2, what="the #7 anchor")
    finally:
        driver.quit()

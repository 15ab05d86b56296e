"""Classes of article layout found on this round's tuning sets, each handled by a shared
mechanism, with near-misses.

- a blog post's comments are the readers', not the story's: from a comments section's head
  ("2 comments:", "14 thoughts on “…”") with a commenter's name under it ("Marla Dee said...",
  "Corinne says:"), or from a commenter's name with a second one further on, in the page's
  second half, nothing becomes a slide; a count alone ("No comments:" after each post of a
  blog's front page), a quote in a caption ("the mayor said..." inside a sentence) or a comments
  head in the page's first half cut nothing;
- a blog's post links and comment form ("Post a Comment", "Newer Post Older Post Home",
  "BlogThis!") and share buttons run together in a text copy ("Email ThisBlogThis!Share to
  TwitterShare to Facebook") are furniture; a caption that mentions sharing is not.
"""

from __future__ import annotations

from viewer.importer import parse_article
from viewer.importer.furniture import furniture
from viewer.importer.lines import comments_start

CAPTIONS = [
    "Festival morning starts with the tractor parade down the main street of the valley.",
    "Every hillside glowed orange and the orchards were open for picking until dusk.",
    "The pie contest was judged by the fire chief, who took his duty very seriously.",
    "We came home with sticky fingers and a crate of cider apples for the winter.",
    "The last light over the barn roof as the band packed up their instruments.",
]


def _post(comments: list[str]) -> str:
    lines = ["Jenny's Valley Diary", "", "Saturday, October 13, 2012", "", "Apple Festival Saturday", ""]
    for caption in CAPTIONS:
        lines += ["Photo by Jenny Marsh", "", caption, ""]
    lines += ["Posted by Jenny at 8:47 PM", "", *comments, "", "Newer Post Older Post Home"]
    return "\n".join(lines)


def _text(article) -> str:
    return " ".join(" ".join([entry.title, *entry.paragraphs]) for entry in article.entries)


def test_comments_under_a_post_make_no_slides():
    comments = ["2 comments:", "", "Marla Dee said...", "", "That sounds like the BEST festival! Such colours.", "",
                "tessk77 said... We don't get colour like that here. So pretty and so far away.", "",
                "Post a Comment"]
    article = parse_article(_post(comments))
    assert len(article.entries) == len(CAPTIONS)
    assert "BEST festival" not in _text(article) and "So pretty" not in _text(article)
    assert all(caption[:30] in _text(article) for caption in CAPTIONS)


def test_wordpress_comments_with_a_titled_head_make_no_slides():
    comments = ["3 thoughts on “Apple Festival Saturday”", "", "Corinne says:", "October 14, 2012 at 9:02 am", "",
                "What a lovely little town, I would have liked to see the llama at the parade.", "", "Reply", "",
                "Ruth in Tennessee says:", "", "We have a festival just like this one every year near us.", "",
                "Leave a Reply"]
    article = parse_article(_post(comments))
    assert len(article.entries) == len(CAPTIONS)
    assert "llama" not in _text(article) and "just like this one" not in _text(article)


def test_comments_without_a_head_are_cut_at_the_first_of_two_commenters():
    comments = ["Marla Dee said...", "", "That sounds like the best festival ever held in the valley.", "",
                "Ruth said...", "", "Lovely pictures of a lovely place, thank you for sharing them."]
    article = parse_article(_post(comments))
    assert len(article.entries) == len(CAPTIONS)
    assert "Lovely pictures" not in _text(article)


def test_a_count_alone_or_one_commenter_cuts_nothing():
    raw = _post(["No comments:", "", "Post a Comment"]).split("\n")
    assert comments_start(raw) is None
    raw = _post(["Marla Dee said...", "", "That sounds like the best festival ever held."]).split("\n")
    assert comments_start(raw) is None  # one commenter: a quote, maybe; nothing to cut by


def test_a_comments_head_early_in_the_page_cuts_nothing():
    lines = ["Apple Festival Saturday", "", "12 comments:", "", "Marla said...", ""]
    for caption in CAPTIONS:
        lines += [caption, ""]
    assert comments_start(lines) is None  # (in the first half: the post's own count, not its comments)


def test_a_front_page_of_posts_each_with_no_comments_keeps_every_post():
    lines = ["Daily Picture Blog", ""]
    for index, caption in enumerate(CAPTIONS):
        lines += [f"Picture of the day {index + 1}", "", caption, "", "Posted by Gordon at 10:42 PM", "",
                  "No comments:", ""]
    assert comments_start(lines) is None
    article = parse_article("\n".join(lines))
    assert all(caption[:30] in _text(article) for caption in CAPTIONS)


def test_a_caption_quoting_someone_is_no_commenter():
    assert furniture("The mayor, smiling, said... nothing at all as the ribbon fell to the ground.") is None
    assert furniture("Asked about the storm, the harbour master said: we have seen worse.") is None
    assert furniture("Marla Dee said...") is not None
    assert furniture("Blogger Wilma Hartsell said...") is not None


def test_blog_post_links_and_glued_share_buttons_are_furniture():
    for line in ("Post a Comment", "Newer Post Older Post Home", "BlogThis!", "Leave a Reply",
                 "Email ThisBlogThis!Share to TwitterShare to FacebookShare to Pinterest", "Share to Twitter",
                 "Labels: summer, family, out and about"):
        assert furniture(line) is not None, line
    for line in ("Share to the world: a lighthouse keeper waves to the ferry.", "Labels are pasted on every jar.",
                 "Email this photo to your grandmother, said the sign on the booth."):
        assert furniture(line) is None, line

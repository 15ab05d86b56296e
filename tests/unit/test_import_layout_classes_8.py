"""Classes of article layout found on this round's tuning sets, each handled by a shared
mechanism, with near-misses.

- a blog post's comments are the readers', not the story's: from a comments section's head
  ("2 comments:", "14 thoughts on “…”") with a commenter's name under it ("Marla Dee said...",
  "Corinne says:"), or from a commenter's name with a second one further on, in the page's
  second half, nothing becomes a slide; a count alone ("No comments:" after each post of a
  blog's front page), a quote in a caption ("the mayor said..." inside a sentence) or a comments
  head in the page's first half cut nothing;
- dates are whole words ("Friends", "Sunflowers" and "Saturn" start like a weekday and are none),
  in English and five other languages; a labelled date ("Release Date: March 30, 2023"), a row of
  hashtags and a button with its count ("Comments (12)") are furniture;
- a credit line written word for word beside every other credit ("Copyright © africanews" over
  "Name/AFP or licensors") is the site's notice; "or licensors" is a rights note, not a name;
- a caption broken over lines by hand is one caption; "Used with permission of Name" and
  "(Name - Grand Forks Gazette)" are credits; a picture's size links ("medium | large") and
  buttons ("View this image ›") are furniture; a label glued to the front of every caption
  ("Jackson Photos of the WeekLoretta…") is left out, a credit glued to its caption
  ("Photograph by NameA boatman…") is split off it, and names with a second capital stay whole;
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


# Dates are whole words: a weekday's or month's name, never a word that starts like one.

def test_words_that_start_like_a_weekday_or_month_are_no_date():
    from viewer.importer.furniture import only_a_date
    for line in ("#1 Best friends", "3 Sunflowers", "Saturn 5", "Mayhem 5", "2 Octopus Den", "Marvel 10",
                 "Sunset 12", "Decor 2021", "Junk 4 sale", "10 Wedding Dresses", "Monster 3", "Frisbee 7"):
        assert not only_a_date(line), line
        assert furniture(line) is None, line


def test_dates_in_english_and_other_languages_are_dates():
    from viewer.importer.furniture import only_a_date
    for line in ("Fri 16 Aug 2013 9:25pm BST", "Aug. 16, 2013", "Sept. 3, 2020 at 4:15 p.m. EDT", "Sunday, May 3",
                 "Updated 3 hours ago", "Tuesday 12th May", "29 mayo,2018 10:51 pm", "12 mars 2021 à 10:15",
                 "Mai 5, 2020"):
        assert only_a_date(line), line


def test_labelled_dates_hashtags_and_counted_buttons_are_furniture():
    for line in ("Release Date: March 30, 2023", "Date taken: Aug. 16, 2013", "Published: Sunday, May 3, 2020",
                 "#NASA #Hubble #Astronomy #Space", "Comments (12)", "Komentarze (0)", "Share [3]",
                 "Leave a Reply Cancel reply Your email address will not be published."):
        assert furniture(line) is not None, line
    for line in ("Picture of the day: March 30, 2023 brought snow to the coast.", "#1 Best friends",
                 "The winners (3)", "Date night: two swans on the river at dusk", "#3 is my favourite of the lot"):
        assert furniture(line) is None, line


# The site's notice beside every credit is not a photo's credit.

AFRICA = [
    ("A runner crosses the finish line to win the women's race at the city marathon.", "PETER OTIENO/AFP"),
    ("Supporters wave flags during a campaign rally in the capital on a hot afternoon.", "CHIDI NWOSU/AFP"),
    ("Women carry buckets of water from a borehole on the outskirts of the town.", "Issoufou GARBA/AFP"),
    ("Fishermen unload their catch at the port before the storm reaches the harbour.", "Duarte Moniz/Lusa"),
]


def _notice_gallery(notice: str | None, suffix: str = "") -> str:
    lines = ["Pictures of the day", ""]
    for caption, credit in AFRICA:
        lines += [caption, "-"]
        if notice:
            lines.append(notice)
        lines += [credit + suffix, ""]
    return "\n".join(lines)


def test_a_notice_beside_every_credit_is_not_the_credit():
    article = parse_article(_notice_gallery("Copyright © africanews", " or licensors"))
    assert [entry.credit for entry in article.entries] == [credit for _, credit in AFRICA]


def test_one_photographer_on_every_photo_keeps_every_credit():
    lines = ["Pictures of the day", ""]
    for caption, _ in AFRICA:
        lines += [caption, "Photo: Dana Whitlock", ""]
    article = parse_article("\n".join(lines))
    assert [entry.credit for entry in article.entries] == ["Photo: Dana Whitlock"] * len(AFRICA)


def test_rights_notes_after_a_credit_are_not_part_of_it():
    from viewer.importer.credits import credit_line
    assert credit_line("PETER OTIENO/AFP or licensors") == "PETER OTIENO/AFP"
    assert credit_line("Name Surname/Reuters or its licensors") == "Name Surname/Reuters"
    assert credit_line("or licensors") is None


def test_a_file_name_whose_separators_became_spaces_is_furniture():
    assert furniture("elodie marchbank_market.jpg") is not None
    assert furniture("POL 35.jpg") is not None
    assert furniture("A boy waits at the bus stop in the rain near the old depot.jpg") is None


def test_a_pictures_buttons_are_furniture_and_sentences_about_pictures_are_not():
    for line in ("View this image ›", "View this photo on Instagram", "Open image in gallery", "Expand image",
                 "View full size", "Enlarge this image", "Download high-res image"):
        assert furniture(line) is not None, line
    for line in ("View from the bridge", "See the photo we took of the owl at dusk",
                 "Show the pictures of the fair, she said."):
        assert furniture(line) is None, line


# A caption broken over lines by hand; "Used with permission of Name"; a picture's size links.

AVIATION = [
    ("Harriet Lindqvist", "Floatplane at First Light",
     ["Harriet Lindqvist of Ketchikan, Alaska", "caught her neighbor's Beaver idling at the dock",
      "while the fog was still lifting off the channel", "and she says she had one cup of coffee",
      "and two minutes of good light to work with before it burned off."]),
    ("Desmond Okafor", "Wingwalker Over the Cornfield",
     ["Desmond Okafor of Ames, Iowa", "shot this one from the back seat of a chase plane",
      "at a county airshow and swears nobody on the ground", "believed him until the prints came back",
      "from the shop on Main Street the following week."]),
    ("Teodora Balan", "Three Cubs, No Waiting",
     ["Teodora Balan of Twin Falls, Idaho", "found the fuel line a little crowded", "on a Saturday fly-in when",
      "three yellow Cubs lined up nose to tail", "behind a single pump and a very patient attendant."]),
    ("Ruben Castellanos", "Tower Cat",
     ["Ruben Castellanos of Laredo, Texas", "introduces us to the unofficial supervisor",
      "of his local control tower, a grey cat who", "has never once filed a flight plan",
      "but inspects every arrival from the window sill."]),
]


def _aviation(wrapped: bool = True) -> str:
    lines = ["Picture of the Week", "", "Our readers sent in a great batch of pictures this week, as always.", ""]
    for name, _title, caption in AVIATION:
        lines += ["medium | large", "", f"Used with permission of {name}", ""]
        lines += caption if wrapped else [" ".join(caption)]
        lines.append("")
    return "\n".join(lines)


def test_a_caption_broken_over_lines_by_hand_is_one_caption_credited_from_above():
    article = parse_article(_aviation())
    assert len(article.entries) == len(AVIATION)
    for entry, (name, _title, caption) in zip(article.entries, AVIATION):
        text = " ".join([entry.title, *entry.paragraphs])
        assert " ".join(caption[:2]) in text  # (one caption, its broken lines joined)
        assert entry.credit is not None and name in entry.credit
    assert parse_article(_aviation(wrapped=False)).entries[2].credit == "Used with permission of Teodora Balan"


def test_lines_that_only_start_in_lower_case_once_are_not_joined():
    from viewer.importer.lines import prepare
    text = "\n".join(["Harbour Squall", "photo by Dana Whitlock", "", "Morning ferry",
                      "iPhones held high as the ferry leaves the quay.", "", "The last boat of the day."])
    assert [unit.text for unit in prepare(text).units][:2] == ["Harbour Squall", "photo by Dana Whitlock"]
    assert "iPhones held high as the ferry leaves the quay." in [unit.text for unit in prepare(text).units]


def test_permission_credits_and_size_links():
    from viewer.importer.credits import credit_body, credit_line
    assert credit_body(credit_line("Used with permission of Harriet Lindqvist") or "") == "Harriet Lindqvist"
    assert credit_line("With permission from the Lindqvist family") is not None
    assert credit_line("We were used with permission of nobody, she said with a laugh at the dock.") is None
    assert furniture("medium | large") is not None and furniture("Small · Medium · Original") is not None
    assert furniture("Large and small boats") is None and furniture("medium") is None


# A gallery's name glued to the front of each caption, without a space.

WEEK = [
    ("Loretta Fenwick rocks her grandson on the porch swing of the family home by the lake.", "Owen Tarrant"),
    ("A volunteer lifts a frame heavy with honey from a hive behind the museum barn.", "Pearl Maddox"),
    ("A senior clears the last hurdle to win the regional title on a windy afternoon.", "Owen Tarrant"),
    ("Children chase bubbles blown by street performers during the festival parade.", "Pearl Maddox"),
]


def test_a_label_glued_to_every_caption_is_not_the_caption():
    lines = ["Photos of the week", ""]
    for caption, name in WEEK:
        lines += [f"Jackson Photos of the Week{caption} ({name} | MLive.com)", "",
                  f'"It was the best light of the week," {name.split()[0]} said of the frame.', ""]
    article = parse_article("\n".join(lines))
    texts = [" ".join([entry.title, *entry.paragraphs]) for entry in article.entries]
    assert not any("Photos of the Week" in text for text in texts)
    assert all(any(text.startswith(caption[:30]) for text in texts) for caption, _ in WEEK)


def test_names_with_a_second_capital_are_not_glued_labels():
    from viewer.importer.lines import prepare
    lines = []
    for caption, _ in WEEK:
        lines += [caption, "• Cyrus McKee, The Denver Post", "", f"Seen by Dana MacKenzie Hollis {caption}", ""]
    texts = [unit.text for unit in prepare("\n".join(lines)).units]
    assert texts.count("• Cyrus McKee, The Denver Post") == len(WEEK) or \
        sum("Cyrus McKee" in text for text in texts) == len(WEEK)
    assert sum("MacKenzie" in text for text in texts) == len(WEEK)


def test_a_credit_glued_to_its_caption_is_the_credit_and_a_credit_line_keeps_its_capitals():
    lines = ["Best travel pictures", ""]
    for (caption, name) in WEEK:
        lines += ["Merit Prize: A Picture", f"Photograph by {name}{caption}", ""]
    article = parse_article("\n".join(lines))
    assert [entry.credit for entry in article.entries] == [f"Photograph by {name}" for _, name in WEEK]
    from viewer.importer.lines import prepare
    units = [unit.text for unit in prepare("A caption.\nPhotograph: Sunil Tamang/NurPhoto via Getty Images\n").units]
    assert "Photograph: Sunil Tamang/NurPhoto via Getty Images" in units


def test_a_photographer_and_their_paper_after_a_dash_is_a_credit():
    from viewer.importer.credits import credit_line, split_credit
    caption = "Swimmers cool off at the City Park beach during the heat wave of late July."
    assert split_credit(f"{caption} (Malcolm Reyes - Grand Forks Gazette)") == (
        caption, "Malcolm Reyes - Grand Forks Gazette")
    assert credit_line("Ana Ruiz | The Herald") is not None
    for text in ("We went to the lake (Monday - Friday)", "A tree falls (North Vancouver - Canada)",
                 "The team won (Canada - USA)"):
        assert split_credit(text)[1] is None, text
    assert credit_line("Monday - Friday") is None

"""What a photo panel sends a kitty terminal: each picture uploaded once, placed by id, bounded."""

from __future__ import annotations

from viewer.imaging.kitty_session import KittySession


def test_a_picture_is_uploaded_once_and_placed_again_by_id():
    session = KittySession()
    assert session.show(1, "<upload 1>") == "<upload 1>"
    assert session.placement(1, 10, 5) == "\x1b_Ga=p,i=1,p=1,c=10,r=5,C=1,z=0,q=2\x1b\\"
    second = session.show(2, "<upload 2>")
    assert second == "\x1b_Ga=d,d=i,i=1,q=2\x1b\\<upload 2>"  # the first one off the screen, kept
    assert session.show(1, "<upload 1>") == "\x1b_Ga=d,d=i,i=2,q=2\x1b\\"  # paging back: nothing re-sent
    assert session.show(1, "<upload 1>") == ""  # the same picture again: nothing at all


def test_the_terminal_keeps_a_bounded_number_of_pictures():
    session = KittySession(keep=3)
    for image_id in (1, 2, 3):
        session.show(image_id, f"<{image_id}>")
    session.show(1, "<1>")  # used again: now the most recent
    out = session.show(4, "<4>")
    assert out.endswith("<4>\x1b_Ga=d,d=I,i=2,q=2\x1b\\")  # the least recently shown is freed
    assert not session.uploaded(2) and session.uploaded(1) and session.uploaded(4)
    assert session.show(2, "<2>").count("<2>") == 1  # and sent again if it comes back


def test_inside_tmux_everything_goes_through_the_passthrough():
    session = KittySession(passthrough=True)
    session.show(7, "<wrapped upload>")
    assert session.placement(7, 4, 2) == "\x1bPtmux;\x1b\x1b[D\x1b\x1b_Ga=p,i=7,p=1,c=4,r=2,C=1,z=0,q=2\x1b\x1b\\\x1b\\"
    assert session.hide_current() == "\x1bPtmux;\x1b\x1b_Ga=d,d=i,i=7,q=2\x1b\x1b\\\x1b\\"
    session.lost()  # tmux dropped what it was sent while the pane was hidden
    assert session.show(7, "<wrapped upload>") == "<wrapped upload>"


def test_placeholder_pictures_need_no_hiding():
    session = KittySession(passthrough=True)
    session.show(1, "<1>", virtual=True)
    assert session.show(2, "<2>", virtual=True) == "<2>"  # their cells go with the text

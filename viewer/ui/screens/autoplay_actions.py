"""Autoplay's keys and ticks for the deck screen (the timing rules are in viewer.model.autoplay)."""

from __future__ import annotations

from viewer.model import autoplay as play

NOTICE_SECONDS = 2


class AutoplayActions:
    """Mixed into DeckScreen: `p`, `+`, `-` and the periodic tick that advances the show."""

    def action_toggle_play(self) -> None:
        if self._play.playing:
            self._play.stop()
            self.notify("Autoplay stopped", markup=False, timeout=NOTICE_SECONDS)
        else:
            self._play.start(self.slide, self.clock())
        self.playing = self._play.playing
        self.tick_autoplay()

    def action_play_slower(self) -> None:
        self._change_base(play.STEP)

    def action_play_faster(self) -> None:
        self._change_base(-play.STEP)

    def _change_base(self, step: float) -> None:
        self._play.change_base(step, self.slide, self.clock())
        self.notify(f"Autoplay: {self._play.base:.0f} s per slide, plus reading time", markup=False,
                    timeout=NOTICE_SECONDS)
        self.tick_autoplay()

    def _restart_countdown(self) -> None:
        self._play.restart(self.slide, self.clock())

    def _paused(self) -> bool:
        return self.has_class("-searching") or self.app.screen is not self

    def tick_autoplay(self) -> None:
        """Advance when the slide's time is up; keep the status line's countdown current."""
        now, paused = self.clock(), self._paused()
        if self._play.due(now, paused):
            self._advance()
        self.play_status = self._play.status(self.clock(), paused)

    def _advance(self) -> None:
        moved = self.cursor.step(1)
        if moved == self.cursor:
            if not self.options.loop:
                self._play.stop()
                self.playing = False
                self.notify("End of the slideshow", markup=False, timeout=NOTICE_SECONDS)
                return
            moved = self.cursor.first()
        self.cursor = moved
        self._restart_countdown()


"""What the screens of the meeting being recorded share: the live screen, and its summary once it
has ended. Both hold the meeting's Recorder, and both lead back to the list of meetings."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.screen import Screen

from talarstat.i18n import Translator
from talarstat.recorder import Recorder


class MeetingScreen(Screen[None]):
    def __init__(self, recorder: Recorder, tr: Translator) -> None:
        super().__init__()
        self.recorder, self.tr = recorder, tr

    # What these screens ask the app for (the app owns which screen is up). A message that names the
    # recorder is acted on only while that recorder's screen is on top.

    class Left(Message):
        """Back to the list of meetings; the meeting stays as it is (an open one resumes where it was)."""

    @dataclass
    class OfRecorder(Message):
        """A message about the meeting of `recorder`."""

        recorder: Recorder

    def action_leave(self) -> None:
        self.post_message(self.Left())

"""The speaking mark on a category button: styles kept by class (widgets/category_buttons.py) are
the ones Textual works out, also after the theme (and with it the stylesheet) changes."""

from __future__ import annotations

from talarstat.clock import ManualClock
from talarstat.store.database import Database
from talarstat.tui.screens.live import LiveScreen
from talarstat.tui.widgets.category_buttons import CategoryButton, CategoryButtons

from .pilots import make_app, planned


def styles_of(button: CategoryButton) -> dict[str, object]:
    return {name: getattr(button.styles, name) for name in ("outline_top", "outline_left", "text_style", "color", "background")}


async def test_speaking_mark_styles_are_textuals(database: Database, clock: ManualClock) -> None:
    app = make_app(database, clock, language="en", record=planned(database))
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        buttons = list(app.screen.query(CategoryButton))
        for theme in ("textual-dark", "textual-light", "textual-dark"):
            app.theme = theme
            await pilot.pause()
            for key in ("1", "2", "1"):
                clock.advance(3)
                await pilot.press(key)
                await pilot.pause()
                kept = [styles_of(button) for button in buttons]
                for button in buttons:
                    button.update_node_styles(animate=False)  # Textual's own way, from the stylesheet
                assert [styles_of(button) for button in buttons] == kept
                assert [button.has_class("-speaking") for button in buttons[:2]] == [key == "1", key == "2"]
        assert buttons[0].styles.outline_top != buttons[1].styles.outline_top
        # A rule may name an ancestor's class: after `q` every button is drawn reversed.
        app.screen.query_one(CategoryButtons).add_class("-requesting")
        for speaking in (False, True):
            buttons[0].mark_speaking(speaking)
            kept = [styles_of(button) for button in buttons]
            for button in buttons:
                button.update_node_styles(animate=False)
            assert [styles_of(button) for button in buttons] == kept

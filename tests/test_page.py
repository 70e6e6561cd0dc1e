"""Shared pieces of pages are known by keys Python builds from the macro and its arguments."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import load_briefing
from generator.render.page import memo_key

ROOT = Path(__file__).resolve().parent.parent


def test_the_key_tells_apart_every_argument() -> None:
    briefing = load_briefing(ROOT / "data")
    first, second = list(briefing.events.values())[:2]
    assert memo_key("event_item", (first,), {"anchor": True}) == memo_key("event_item", (first,), {"anchor": True})
    keys = {
        memo_key("event_item", (first,), {"anchor": True}),
        memo_key("event_item", (first,), {"show_companies": False}),
        memo_key("event_item", (second,), {"anchor": True}),
        memo_key("event_head", (first,), {}),
        # Named arguments are not positional ones that happen to read the same, in whatever order they come.
        memo_key("event_item", (first, "anchor", True), {}),
        memo_key("event_item", (first,), {"anchor": True, "show_companies": False}),
    }
    assert len(keys) == 6
    both = memo_key("event_item", (first,), {"show_companies": False, "anchor": True})
    assert both == memo_key("event_item", (first,), {"anchor": True, "show_companies": False})


def test_an_argument_the_key_cannot_tell_apart_is_refused() -> None:
    with pytest.raises(TypeError, match="could not be told apart"):
        memo_key("event_item", ([1, 2],), {})

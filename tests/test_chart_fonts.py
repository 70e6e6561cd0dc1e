"""Chart pictures do not depend on the machine: the same data gives the same SVG bytes whatever fonts are installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import matplotlib
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent

# Draws every chart of the sample briefing in a fresh process; warnings (a missing glyph) are errors.
DRAW_ALL = """
import hashlib, json, sys
from pathlib import Path
from generator.outputs.pictures import draw
from generator.render import chart_drawings
from generator.load import load_briefing
drawings = chart_drawings(load_briefing(Path(sys.argv[1])), ["ja", "en"])
out = Path(sys.argv[2])
for path, drawing in sorted(drawings.items()):
    (out / path.replace("/", "_")).write_bytes(draw(drawing))
"""


def fontconfig(tmp: Path, fonts: Path | None) -> dict[str, str]:
    """Environment for a new machine: fresh matplotlib and fontconfig caches; ``fonts`` alone if given."""
    env = {**os.environ, "MPLCONFIGDIR": str(tmp / "mpl"), "XDG_CACHE_HOME": str(tmp / "cache")}
    if fonts is not None:
        conf = tmp / "fonts.conf"
        conf.write_text(
            f"<?xml version='1.0'?>\n<fontconfig><dir>{fonts}</dir><cachedir>{tmp / 'fc-cache'}</cachedir></fontconfig>\n",
            encoding="utf-8",
        )
        env["FONTCONFIG_FILE"] = str(conf)
    return env


def draw_all(tmp: Path, fonts: Path | None) -> dict[str, bytes]:
    tmp.mkdir()
    out = tmp / "out"
    out.mkdir()
    subprocess.run(
        [sys.executable, "-W", "error", "-c", DRAW_ALL, str(ROOT / "data"), str(out)],
        env=fontconfig(tmp, fonts),
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def impostor(folder: Path) -> Path:
    """A font installed on the machine under a name the Japanese charts list (IPAPGothic), with other glyph widths."""
    folder.mkdir()
    font = TTFont(Path(matplotlib.get_data_path(), "fonts", "ttf", "DejaVuSans-Bold.ttf"))
    for record in font["name"].names:
        if record.nameID in (1, 4, 6, 16):
            record.string = "IPAPGothic"
    font.save(folder / "impostor.ttf")
    return folder


def test_charts_are_byte_identical_with_no_fonts_the_machine_fonts_and_an_impostor(tmp_path: Path) -> None:
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    without = draw_all(tmp_path / "without", empty)
    normal = draw_all(tmp_path / "normal", None)
    odd = draw_all(tmp_path / "odd", impostor(tmp_path / "impostor-fonts"))
    assert len(without) >= 10 and any(name.startswith("ja_") for name in without)
    assert without.keys() == normal.keys() == odd.keys()
    for name, data in without.items():
        assert normal[name] == data, f"{name} differs with the machine's fonts"
        assert odd[name] == data, f"{name} differs with a look-alike font installed"


def test_chart_text_stays_text_in_the_readers_fonts(tmp_path: Path) -> None:
    pictures = draw_all(tmp_path / "run", None)
    ja = next(data.decode() for name, data in pictures.items() if name.startswith("ja_"))
    assert "<text" in ja and '<path id="DejaVu' not in ja  # glyphs are not drawn as outlines
    families = json.dumps(ja.split("font-family", 2)[1][:200])
    assert "Hiragino Sans" in families and "sans-serif" in families

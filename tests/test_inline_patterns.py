"""The inline-patterns extension leaves out only patterns a page cannot use: the HTML is the same with it as without."""

from __future__ import annotations

import markdown
import pytest

from generator.inline_patterns import DELIMITERS, EXTENSION, MARKERS, REFERENCES

EXTENSIONS = ["attr_list", "md_in_html", "footnotes", "tables", "toc"]

PAGES = {
    "plain": "# Title\n\nJust words, nothing marked.\n",
    "image": "An image ![a chart](chart.png){ width=10 } and a [link](a.md).\n",
    "image reference": "![alt][pic] and ![pic]\n\n[pic]: pic.png\n",
    "references": '[text][ref], [ref] and [Ref][]\n\n[ref]: https://example.com "Title"\n',
    "reference without a definition": "[text][ref] and [ref] stay text; a footnote[^1].\n\n[^1]: The note.\n",
    "footnote only": "Said[^a] twice[^a].\n\n[^a]: Where.\n",
    "autolink": "See <https://example.com/x> and <mailto:a@b.c> and <a@b.c>.\n",
    "autolink in capitals": "See <HTTPS://example.com/x> and <Ftp://example.com>.\n",
    "address without brackets": "See [a link](https://example.com) and https://example.com <b>x</b>.\n",
    "line break": "first line  \nsecond line\n",
    "tab line break": "first line\t\nsecond\n",
    "entity": "A &amp; B &#169; &copy; and 5 & 6\n",
    "emphasis": "*em* **strong** _em_ __strong__ * not * _ not _ ***both***\n",
    "underscores only": "_em_ and __strong__ and snake_case_name\n",
    "code": "`code` and ``a ` tick`` and \\`not code\\`\n",
    "escapes": "\\*not em\\* \\[not link\\](x) \\<not html>\n",
    "html": '<span class="x">in *span*</span> <br> <!-- comment -->\n',
    "table": "| a | b |\n| --- | --- |\n| *x* | [y](y.md) |\n",
    "md in html": "<div markdown>\n\n**bold** [l](l.md)[^n]\n\n</div>\n\n[^n]: Note.\n",
    "list with attrs": '- item **one**[^s]<br>more\n  {: .cls data-x="1" }\n\n[^s]: Source.\n',
    "footnote syntax without the extension's definition": "[^x]: looks like a footnote\n\n[^x]\n",
}


def convert(text: str, extensions: list[str]) -> str:
    return markdown.Markdown(extensions=extensions, extension_configs={"toc": {"permalink": True}}).convert(text)


@pytest.mark.parametrize("extensions", [EXTENSIONS, ["attr_list", "tables"]], ids=["with footnotes", "without"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_same_html_with_and_without(name: str, extensions: list[str]) -> None:
    text = PAGES[name]
    assert convert(text, [*extensions, EXTENSION]) == convert(text, extensions)


def test_unused_patterns_are_left_out_and_used_ones_kept() -> None:
    md = markdown.Markdown(extensions=[*EXTENSIONS, EXTENSION])
    md.convert("A [link](a.md)[^1] with <b>html</b>.\n\n[^1]: Note.\n")
    kept = {name for name in [*MARKERS, *REFERENCES, DELIMITERS] if name in md.inlinePatterns}
    assert {"link", "html", "footnote"} <= kept
    assert not kept & {"image_link", "entity", "backtick", "linebreak", DELIMITERS, *REFERENCES}


def test_every_named_pattern_is_python_markdowns() -> None:
    """A pattern renamed in Python-Markdown would be kept on every page: the extension would stop paying, silently."""
    md = markdown.Markdown(extensions=["footnotes"])
    named = {*MARKERS, *REFERENCES, DELIMITERS}
    assert all(name in md.inlinePatterns for name in named)
    assert len(md.inlinePatterns) == len(named)


def test_a_converter_that_left_patterns_out_is_not_reused() -> None:
    md = markdown.Markdown(extensions=[EXTENSION])
    md.convert("plain")
    with pytest.raises(RuntimeError, match="not reused"):
        md.reset()

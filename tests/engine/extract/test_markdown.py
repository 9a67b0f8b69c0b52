"""Markdown reduction: links, emphasis, code, entities, escapes, and the offset map."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.extract.markdown import line_prefix, looks_like_markdown, reduce_inline


def reduced(text: str) -> str:
    return reduce_inline(text)[0]


def test_links_keep_their_text_images_vanish() -> None:
    assert reduced("the Kremlin [said](#) Friday") == "the Kremlin said Friday"
    assert reduced('see [the report](https://x.org/a "Title") now') == "see the report now"
    assert reduced("a ![photo](a.jpg) b") == "a  b"
    assert reduced("ref [link][1] here") == "ref link here"
    assert reduced("<https://example.org/a>") == "https://example.org/a"
    assert reduced("[Foo](https://w.org/wiki/Foo_(bar)) x") == "Foo x"
    assert reduced("![a](p_(1).png)b") == "b"


def test_emphasis_and_code() -> None:
    assert reduced("**Related article:** next") == "Related article: next"
    assert reduced("*one* and _two_ and __three__ and ~~four~~") == "one and two and three and four"
    assert reduced("`a*b*c` stays") == "a*b*c stays"
    assert reduced("a [**bold** link](u) z") == "a bold link z"


def test_snake_case_and_arithmetic_are_left_alone() -> None:
    for text in ("call my_var_name now", "2*3*4 = 24", "a * b * c", "x_1 + y_2", "5 * x"):
        assert reduced(text) == text


def test_entities_and_escapes() -> None:
    assert reduced("Q&amp;A &lt;tag&gt; caf&eacute;") == "Q&A <tag> café"
    assert reduced(r"not \*emphasis\* here") == "not *emphasis* here"
    assert reduced("&bogus; stays") == "&bogus; stays"


def test_offset_map_points_into_source() -> None:
    source = "Say **hello** to [Ann](http://a.b)."
    text, mapping = reduce_inline(source, offset=100)
    assert text == "Say hello to Ann."
    h = text.index("hello")
    assert mapping.map(h) == 100 + source.index("hello")
    a = text.index("Ann")
    assert mapping.map(a) == 100 + source.index("Ann")
    assert mapping.map(len(text)) == 100 + len(source)


def test_line_prefixes() -> None:
    assert line_prefix("# Title").heading == 1
    assert line_prefix("### Sub ###").heading == 3
    assert line_prefix("#hashtag").heading == 0
    assert line_prefix("> quoted").quote
    p = line_prefix("• • LIVE")
    assert p.bullet and "• • LIVE"[p.length :] == "LIVE"
    assert line_prefix("- item").bullet
    assert not line_prefix("-").bullet
    assert not line_prefix("# no heading", markdown=False).heading
    assert line_prefix("• x", markdown=False).bullet


def test_sniffing() -> None:
    assert looks_like_markdown("Text with a [link](https://a.b/c).")
    assert looks_like_markdown("x\n\nOriginal url:\n\n<https://a.b/c>")
    assert looks_like_markdown("# Heading\n\nSome **bold** words.")
    assert not looks_like_markdown("Plain text. 5 * 3 = 15.\nNo markup # here.")
    assert not looks_like_markdown("Only one **bold** sign.")


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ", min_size=1, max_size=8)


@st.composite
def _markdownish(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        w = draw(_WORD)
        form = draw(
            st.sampled_from(
                [
                    "{w}",
                    "**{w}**",
                    "*{w}*",
                    "_{w}_",
                    "__{w}__",
                    "[{w}](https://x.org/{w})",
                    "`{w}`",
                    "![{w}](p.png)",
                    "<https://{w}.org/a>",
                    r"\*{w}",
                    "{w}_{w}",
                    "~~{w}~~",
                    "2*{w}*3",
                    "({w})",
                ]
            )
        )
        parts.append(form.format(w=w))
    return " ".join(parts)


@settings(max_examples=300, deadline=None)
@given(_markdownish(), st.integers(0, 50))
def test_every_reduced_letter_maps_to_the_same_letter(source: str, offset: int) -> None:
    text, mapping = reduce_inline(source, offset)
    assert mapping.length == len(text)
    for i, ch in enumerate(text):
        if ch.isalpha():
            assert source[mapping.map(i) - offset] == ch
    # Monotone: reading order in the reduced text is reading order in the source.
    positions = [mapping.map(i) for i in range(len(text))]
    assert positions == sorted(positions)

"""HTML never below the library we wrap: what trafilatura keeps, we keep or explain.

Invented pages (the Port Velmar strike again): a story that runs on inside a
"read-more" expander, and a page whose every paragraph our own filter would set aside.
"""

from __future__ import annotations

import pytest

from reader.engine.extract import html as html_extract
from reader.engine.extract.html import extract_html_article

PARAS = [
    "Dock workers in Port Velmar walked off the job on Tuesday, halting the loading of "
    "grain ships for the first time in a decade, the union said in a statement.",
    "The union said the strike would last until the port authority agreed to restore the "
    "night-shift bonus it cut in March, a change that cost members a tenth of their pay.",
    "Port officials said three ships were waiting offshore and that talks could resume "
    "as early as Thursday if both sides agreed to bring in an outside mediator.",
    "The strike is the first at the port since 2014, when a two-week stoppage ended with "
    "a pay deal that the authority later said it could not afford to honour.",
    "Grain traders said prices on the regional exchange rose by two percent on Tuesday "
    "afternoon as buyers worried about delays of a week or more at the quays.",
]


def page(body: str) -> str:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Dockers strike | Velmar Daily"
        "</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Dockers strike</h1>{body}</article>"
        "<footer><p>&copy; 2024 Velmar Daily</p></footer></body></html>"
    )


def test_story_inside_a_read_more_expander_is_kept() -> None:
    body = (
        f"<p>{PARAS[0]}</p><p>{PARAS[1]}</p>"
        f"<div class='read-more'><p>{PARAS[2]}</p><p>{PARAS[3]}</p></div>"
        f"<p>{PARAS[4]}</p>"
    )
    a = extract_html_article(page(body))
    assert [p.text for p in a.paragraphs] == PARAS


def test_a_page_our_filter_would_empty_keeps_what_trafilatura_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(html_extract, "chrome_reason", lambda *a, **k: ("caption", "test"))
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    a = extract_html_article(page(body))
    assert [p.text for p in a.paragraphs] == PARAS
    assert all(r.reason and r.detail for r in a.removed)


def test_other_stories_under_a_list_label_after_the_story_are_set_aside() -> None:
    teasers = (
        "<h3>More stories</h3><p>Ferry fares rise again</p>"
        "<p>The council says the harbour ferry will cost a euro more from May, the third rise in two years.</p>"
        "<p>Tram line delayed</p><p>Work on the new tram line will finish a year late, officials said.</p>"
    )
    a = extract_html_article(page("".join(f"<p>{p}</p>" for p in PARAS) + teasers))
    body = [p.text for p in a.paragraphs]
    assert body[: len(PARAS)] == PARAS
    assert not any("ferry" in p or "tram" in p.lower() for p in body)

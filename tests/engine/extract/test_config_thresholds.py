"""Every extraction threshold is an ``ExtractConfig`` field, and the extractors obey it.

One test per group of thresholds moved into the config (the cue length classes, the
cross-version evidence, the HTML path, the text cleaner's menus and boxes): each changes
one field and sees the extraction change, so it fails if the config is ignored anywhere
on the way from the public entry point to the rule. The texts are invented here.
"""

from __future__ import annotations

from dataclasses import fields

import pytest

from reader.engine.config import ExtractConfig
from reader.engine.extract.cues import count_words, match_cue
from reader.engine.extract.evidence import reads_like_chrome, refine_with_folder
from reader.engine.extract.html import extract_html_article
from reader.engine.extract.plain import extract_text_article
from reader.engine.model import Article
from tests.engine.extract.test_evidence import load

PROSE = [
    "Dock workers in Port Velmar walked out on Tuesday, halting grain exports for the "
    "second time this year as talks over pay and shift lengths broke down.",
    "The harbour authority said three ships were waiting at anchor and that it expected "
    "the backlog to grow while the union and the operators stayed apart.",
    "A spokesperson for the union said members had voted by a wide margin to strike and "
    "would return only when the operators put a written offer on the table.",
    "Grain traders warned that prices could rise if the stoppage lasted into next week, "
    "when the autumn harvest usually reaches the port by rail and by road.",
]


def body_of(a: Article) -> list[str]:
    return [p.text for p in a.paragraphs]


def test_defaults_are_the_former_constants_and_validated() -> None:
    cfg = ExtractConfig()
    assert (cfg.cue_label_words, cfg.cue_stop_words, cfg.cue_voice_free_words) == (25, 40, 6)
    assert (cfg.evidence_rescue_words, cfg.evidence_carry_share, cfg.evidence_probes) == (
        8,
        0.5,
        3,
    )
    assert cfg.to_dict()["html_link_only_max_chars"] == 150
    # Every field is recorded (the JSON output's ``config``) and documented.
    doc = ExtractConfig.__doc__ or ""
    for f in fields(ExtractConfig):
        assert f.name in cfg.to_dict()
        assert f":param {f.name}:" in doc, f.name
    with pytest.raises(ValueError):
        ExtractConfig(evidence_carry_share=1.5)
    with pytest.raises(ValueError):
        ExtractConfig(cue_label_words=-1)
    with pytest.raises(ValueError):
        ExtractConfig(evidence_shingle_words=0)


# A sentence that names the community guidelines: a label cue (it counts only on short
# lines), 30 words long.
GUIDELINES = (
    "Readers who post below are asked to read the community guidelines, to stay on "
    "topic, to be civil to one another, and to report any comment that breaks the rules."
)


def test_cue_label_words_decides_where_a_label_cue_counts() -> None:
    words = count_words(GUIDELINES)
    assert 25 < words <= 30
    assert match_cue(GUIDELINES, words) is None
    wide = ExtractConfig(cue_label_words=30)
    cue = match_cue(GUIDELINES, words, wide)
    assert cue is not None and cue.reason == "comments"
    # Through the whole text cleaner: the unit splitter and the classifier both obey it.
    text = "\n\n".join([PROSE[0], PROSE[1], GUIDELINES, PROSE[2], PROSE[3]]) + "\n"
    assert GUIDELINES in body_of(extract_text_article(text, markdown=False))
    narrow = extract_text_article(text, markdown=False, config=wide)
    assert GUIDELINES not in body_of(narrow)
    assert any(r.text == GUIDELINES and r.reason == "comments" for r in narrow.removed)


def test_cue_voice_free_words_decides_when_a_pitch_must_address_the_reader() -> None:
    line = "Unlimited digital subscription plans start at a low price"
    words = count_words(line)
    assert match_cue(line, words) is None  # long, and no "we"/"you"
    cue = match_cue(line, words, ExtractConfig(cue_voice_free_words=words))
    assert cue is not None and cue.reason == "subscription"


def test_evidence_thresholds_reach_the_folder_pass() -> None:
    texts, single = load()
    assert len(single[0].paragraphs) == 2
    # By default the other versions carry the gazette's paragraphs after its box back.
    assert len(refine_with_folder(single, texts)[0].paragraphs) == 4
    # Blocks shorter than the rescue length are never put back.
    strict = ExtractConfig(evidence_rescue_words=10_000)
    assert len(refine_with_folder(single, texts, strict)[0].paragraphs) == 2


def test_evidence_reads_like_chrome_lengths() -> None:
    line = "Council meeting notes and agenda for the harbour committee for this coming week"
    assert count_words(line) == 13
    assert reads_like_chrome(line) is None
    assert reads_like_chrome(line, ExtractConfig(evidence_chrome_words=13)) == "chrome"


def _ferry_page() -> str:
    body = "".join(
        f"<p>Paragraph {i} of the story says something about the harbour and the weather, at "
        f"enough length for the extractor to treat it as prose.</p>"
        for i in range(4)
    )
    return (
        "<html><head><title>Storm</title></head><body><article>"
        + body
        + '<p><a href="/news/ferry">Ferry timetable cut for winter</a></p>'
        + body.replace("Paragraph", "Section")
        + "</article></body></html>"
    )


def test_html_thresholds_reach_the_html_path() -> None:
    src = _ferry_page()
    assert "Ferry timetable cut for winter" not in body_of(extract_html_article(src))
    short = extract_html_article(src, ExtractConfig(html_link_only_max_chars=10))
    assert "Ferry timetable cut for winter" in body_of(short)


# Addresses the reader three times: a pitch, which goes with a block of chrome around it.
PITCH = (
    "We will keep you updated as the strike goes on, and our reporters will be at the port "
    "all week."
)


def test_plain_block_and_pitch_thresholds() -> None:
    text = "\n\n".join([PROSE[0], PROSE[1], f"Share this story\nPrint\n{PITCH}", *PROSE[2:]])
    assert PITCH not in body_of(extract_text_article(text, markdown=False))
    for cfg in (ExtractConfig(chrome_block_share=1.0), ExtractConfig(pitch_voice_hits=4)):
        assert PITCH in body_of(extract_text_article(text, markdown=False, config=cfg))

"""The comparison view paints per-sentence word diffs: a one-word change in a quotation
inside a merged group is that word, and a sentence omitted inside a group is struck out."""

from __future__ import annotations

import re

from reader.engine.align.aligner import align_versions
from reader.ui import compare_html
from reader.ui.theme import colours
from tests.factories import make_version

READOUT = (
    "The ministry's readout said the minister had spoken to the union by telephone late on "
    "Friday evening about the timetable for talks."
)
QUOTE = (
    "\"The board's answers did not take into account our members' fundamental concerns,\" "
    "the union said in a statement."
)
LEAD = "Ferry crews in Velmar walked out on Thursday over a pay offer of 2.1 percent."
DROPPED = "Shopkeepers on the island reported empty shelves after two days without deliveries."
KEPT = "Passengers queued for hours at the Pier Nine terminal without any information."


def test_merged_group_paints_only_the_changed_word_and_the_dropped_sentence(qapp, tmp_path):
    base = make_version("base.txt", [LEAD, READOUT, QUOTE, DROPPED + " " + KEPT])
    other = make_version(
        "other.txt", [LEAD, QUOTE.replace("concerns", "concern") + " " + READOUT, KEPT]
    )
    alignment = align_versions([base, other], base="base.txt")
    pal = colours()
    html = compare_html.render_pair(alignment, "other.txt", pal).html
    painted = re.findall(r'<span style="background-color:[^"]*">([^<]*)</span>', html)
    assert sorted(p.strip() for p in painted) == sorted(["concerns", "concern", DROPPED])
    assert f'text-decoration:line-through;">{DROPPED}' in html

    from PySide6.QtWidgets import QTextBrowser

    view = QTextBrowser()
    view.resize(1000, 400)
    view.setHtml(html)
    assert view.grab().save(str(tmp_path / "compare_sentences.png"))


def test_an_omitted_row_shows_its_closest_text_and_the_differences_flag_it(qapp, tmp_path):
    from reader.ui.models import REWORDING, DifferencesModel

    reworded = "Some island officials also said the harbour board is more helpful with timetables."
    closest = (
        "Some island officials say the board is doing a better job of telling passengers "
        "about timetable changes as the holiday season nears."
    )
    choir = "A choir from the old cannery district sang for the strikers outside the gates."
    base = make_version("base.txt", [LEAD, choir, KEPT, reworded, DROPPED])
    other = make_version("other.txt", [LEAD, closest, KEPT, DROPPED])
    alignment = align_versions([base, other], base="base.txt")
    html = compare_html.render_pair(alignment, "other.txt", colours()).html
    assert html.count("Not found here as such") == 2  # the omitted and the added row
    assert "Closest: ¶2" in html and "Closest: ¶4" in html

    every = compare_html.render_all(alignment, ["base.txt", "other.txt"], colours()).html
    assert "Closest: ¶2 (" in every  # the other version's empty cell beside the base's ¶4

    model = DifferencesModel()
    model.refresh(alignment, {})
    flagged = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert sum(REWORDING in f.split(",") for f in flagged) == 2

    from PySide6.QtWidgets import QTextBrowser

    view = QTextBrowser()
    view.resize(1000, 400)
    view.setHtml(html)
    assert view.grab().save(str(tmp_path / "nearest.png"))
    view.grab().save("/tmp/nearest.png")

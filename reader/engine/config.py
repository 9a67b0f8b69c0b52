"""Settings: every cutoff, weight and window the aligner and the text cleaner use.

Owns: ``AlignConfig`` and ``ExtractConfig``. The aligner, the classifier and the
collation read their thresholds from ``AlignConfig`` only, and ``AlignConfig.to_dict()``
is recorded in every alignment's output; the text and Markdown cleaner reads its
word-count thresholds from ``ExtractConfig``, recorded in every extraction's output. So
a result can always be traced back to the settings that made it. Imports only the
standard library.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Thresholds for pairing paragraphs and classifying their differences.

    Similarities are in 0..1 (see ``similarity.py``).

    :param pair_cutoff: similarity above which two paragraphs pair wherever they sit
        (a moved paragraph must clear this on its own).
    :param short_pair_cutoff: ``pair_cutoff`` for paragraphs too short to compare by
        words (one-line dialogue, headings), which look alike everywhere.
    :param gap_cutoff: lower similarity accepted for a pair that keeps reading order
        between two already-paired neighbours (a paraphrase in its expected place).
    :param piece_containment: share of a neighbouring unpaired paragraph that must be
        found in a group's other side before it may join the group (split or merge).
    :param piece_gain: a split/merge piece joins only when the combined group is at
        least this much more similar than the group without it ...
    :param piece_sure_containment: ... or when the piece is this much contained (a
        short sentence broken off a paragraph adds little to the score but is wholly
        inside it).
    :param stem_length: stems are cut to this many characters (a light, language-blind
        stemmer: "principal"/"principle" and Russian case endings meet).
    :param word_weight: weight of the IDF-weighted stem overlap in the blend.
    :param char_weight: weight of the character 3-gram overlap in the blend (catches
        transliteration variants and glued words such as "Putinsaid").
    :param min_idf_words: paragraphs with fewer content stems than this are compared by
        characters only (captions, one-line headings).
    :param exact_score: score recorded for groups whose comparison keys are equal.
    :param full_matrix_cells: up to this many (other x base) candidate pairs, every
        pair is scored; beyond it (book-length texts), the global pass scores only
        pairs sharing a rare stem and the gap pass only pairs near the diagonal.
    :param candidate_words: rarest stems per paragraph used to find candidates then.
    :param gap_band: paragraphs either side of the diagonal searched in a long gap.
    :param collate_cutoff: similarity at which added paragraphs of different versions
        share one collation row.
    :param collate_probe_words: rarest stems per added paragraph used to look up
        candidate rows (keeps added-paragraph clustering near-linear).
    :param collate_candidates: at most this many candidate rows scored per added
        paragraph (those sharing the most rare stems).
    :param collate_posting_limit: a stem found in more collation rows than this is
        too common to find candidates by (a book-length version repeats its words in
        thousands of paragraphs): it is not probed, which keeps collation linear.
    :param semantic_cleanup: merge confetti of short equalities in word diffs.
    :param sentence_group_cutoff: similarity at which two sentences of one group are
        diffed as a pair (the group already corresponds: modest evidence suffices).
    :param sentence_sure: two sentences this similar, each the other's best match, tie
        their paragraphs together before any paragraph is scored (a sentence carried
        near-verbatim through a merge, a split or a re-paragraphing).
    :param sentence_margin: ... unless a sentence of another paragraph comes within this
        of the best match (a caption repeating the body): ambiguous evidence is no anchor.
    :param sentence_sure_probes: rarest stems per sentence used to find those
        near-verbatim partners (near-equal sentences share their rarest words).
    :param sentence_join_containment: a free sentence at least this contained in a
        matched sentence of the other side joins that match (a sentence split in two).
    :param sentence_cutoff: similarity at which a sentence of an otherwise unpaired
        paragraph is carried by a sentence anywhere in the other version.
    :param sentence_near_cutoff: the same, lower, for a sentence found in its expected
        place (between the neighbouring pairs in reading order).
    :param sentence_min_stems: a sentence needs this many content stems to carry a
        paragraph on its own ("He said so." is found everywhere).
    :param sentence_contained: a free paragraph's sentence at least this contained in a
        sentence of the other version is carried there (a sentence shortened).
    :param move_cutoff: a sentence matched in no sentence of its own group but at least
        this similar to one in another group joins the two groups (a sentence moved
        across a paragraph boundary: AB|CD re-paragraphed as A|BC|D).
    :param anchor_weight: added to a sentence pair's similarity per shared anchor
        (a number, a capitalised name, a quoted phrase), at most ``anchor_cap``.
    :param anchor_cap: the most anchors can add.
    :param statement_cutoff: a sentence carried by a narrow margin must still be this
        similar once names are set aside (the same people, a different statement).
    :param unsaid_share: a sentence its group already carries offers a free sentence
        only what its partner leaves unsaid, and only when that is at least this share
        of its weight (the other half of a long sentence split in two; what a partner
        nearly covers leaves nothing but common words).
    :param nearest_cutoff: an added or omitted paragraph names the paragraph of the
        other side holding the sentence most like one of its own when that scores at
        least this (anchors counted): a rewording too loose to pair, shown so the reader
        checks it before calling the paragraph omitted or added.
    :param quote_min_words: a whole quotation this long (two of its words content words),
        printed once in each version, carries the sentence it sits in wherever it is
        found, however the sentence around it is reworded.
    """

    pair_cutoff: float = 0.42
    short_pair_cutoff: float = 0.85
    gap_cutoff: float = 0.27
    piece_containment: float = 0.3
    piece_gain: float = 0.01
    piece_sure_containment: float = 0.8
    stem_length: int = 6
    word_weight: float = 0.7
    char_weight: float = 0.3
    min_idf_words: int = 3
    exact_score: float = 1.0
    full_matrix_cells: int = 4096
    candidate_words: int = 8
    gap_band: int = 12
    collate_cutoff: float = 0.42
    collate_probe_words: int = 6
    collate_candidates: int = 32
    collate_posting_limit: int = 128
    semantic_cleanup: bool = True
    sentence_group_cutoff: float = 0.3
    sentence_sure: float = 0.8
    sentence_margin: float = 0.05
    sentence_sure_probes: int = 3
    sentence_join_containment: float = 0.7
    sentence_cutoff: float = 0.5
    sentence_near_cutoff: float = 0.45
    sentence_min_stems: int = 4
    sentence_contained: float = 0.8
    move_cutoff: float = 0.6
    anchor_weight: float = 0.05
    anchor_cap: float = 0.15
    statement_cutoff: float = 0.2
    unsaid_share: float = 0.34
    quote_min_words: int = 3
    nearest_cutoff: float = 0.25

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, float) and not 0.0 <= value <= 1.0:
                raise ValueError(f"{f.name} must be within 0..1, got {value}")
        if self.stem_length < 2:
            raise ValueError("stem_length must be at least 2")
        if self.word_weight + self.char_weight <= 0:
            raise ValueError("word_weight + char_weight must be positive")

    def to_dict(self) -> dict[str, object]:
        """The settings as a plain dict (what alignment outputs record)."""
        return dict(asdict(self))


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    """Word-count thresholds of the text and Markdown cleaner (``extract.plain``).

    Lengths are in words (``extract.cues.count_words``: unspaced scripts count one word
    per two characters). A unit is a line or a paragraph of the scrape.

    :param dateline_max_words: a date line is at most this long ...
    :param dateline_other_words: ... with at most this many words beside the date and
        stamp words ("Published", "at", a time).
    :param prose_min_words: shorter units are never article prose on their own.
    :param menu_separators: this many menu separators (" | ", " / ") make a short unit a
        menu rather than prose ...
    :param prose_unpunctuated_words: ... and a unit this long is prose even without a
        full stop (a scrape cut it short); shorter ones may be headlines.
    :param prose_break_words: a unit this long with a sentence break inside is prose.
    :param title_min_words: the shortest headline.
    :param title_max_words: the longest headline.
    :param strong_title_words: headline candidates this long beat short labels.
    :param heading_title_words: Markdown headings this long beat the site's name.
    :param sentence_title_max_words: a headline that reads like a sentence, at most.
    :param credit_max_words: a staff credit without "By" ("Our correspondent"), at most.
    :param menu_item_max_words: a menu item, at most ...
    :param menu_run: ... and this many in a row are a menu.
    :param ticker_headline_words: a line under a ticker label this long is a headline.
    :param stray_label_words: labels this short go with the chrome block around them.
    :param caption_max_words: a unit with a photo credit word is a caption up to this.
    :param stamp_max_words: a byline or publication stamp line, at most.
    :param caption_beside_min_words: the caption beside a lone photo credit, at least ...
    :param caption_beside_max_words: ... and at most.
    :param widget_teaser_max_words: a unit between two blocks of one widget (a share
        box) is part of it up to this length.
    :param poll_question_max_words: the question beside a poll label, at most.
    :param pitch_max_words: one "we"/"you" makes a pitch up to this length.
    :param sidebar_prose_words: a paragraph this long counts as article prose when
        deciding whether a list label is a box inside the article ...
    :param sidebar_paragraphs: ... which needs this many such paragraphs after it ...
    :param sidebar_ratio: ... and this many times the prose words before it.
    :param footer_prose_words: after a pitch, a unit this long that does not address the
        reader is article prose again.
    :param last_sentence_min_words: the article's last sentence, at least.
    :param teaser_min_paragraphs: a trailing truncated teaser is set aside only after
        this many body paragraphs.
    :param masthead_max_words: a repeated short line (the site's name), at most.
    :param subheading_max_words: a short unpunctuated line in the body (a subheading).
    :param merge_short_words: set-aside lines shorter than this merge into one block.
    :param source_label_max_words: a "Source: …" line carrying the URL, at most.
    :param collapsed_copy_words: a block ending "… more" whose shown text (at least this
        many words) begins the block before it is that block's collapsed copy.
    :param repeat_probe_words: a body unit printed again inside a longer one (a teaser, a
        pulled quote) is found by its first this many words.
    """

    dateline_max_words: int = 12
    dateline_other_words: int = 2
    prose_min_words: int = 8
    menu_separators: int = 2
    prose_unpunctuated_words: int = 25
    prose_break_words: int = 15
    title_min_words: int = 2
    title_max_words: int = 30
    strong_title_words: int = 4
    heading_title_words: int = 3
    sentence_title_max_words: int = 20
    credit_max_words: int = 6
    menu_item_max_words: int = 5
    menu_run: int = 3
    ticker_headline_words: int = 4
    stray_label_words: int = 3
    caption_max_words: int = 70
    stamp_max_words: int = 40
    caption_beside_min_words: int = 3
    caption_beside_max_words: int = 60
    widget_teaser_max_words: int = 80
    poll_question_max_words: int = 30
    pitch_max_words: int = 15
    sidebar_prose_words: int = 25
    sidebar_paragraphs: int = 3
    sidebar_ratio: int = 2
    footer_prose_words: int = 8
    last_sentence_min_words: int = 3
    teaser_min_paragraphs: int = 4
    masthead_max_words: int = 5
    subheading_max_words: int = 14
    merge_short_words: int = 8
    source_label_max_words: int = 8
    collapsed_copy_words: int = 5
    repeat_probe_words: int = 5

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"{f.name} must be a whole number of words >= 0, got {value!r}")
        if self.title_min_words > self.title_max_words:
            raise ValueError("title_min_words must not exceed title_max_words")
        if self.caption_beside_min_words > self.caption_beside_max_words:
            raise ValueError("caption_beside_min_words must not exceed caption_beside_max_words")

    def to_dict(self) -> dict[str, object]:
        """The settings as a plain dict (what extraction outputs record)."""
        return dict(asdict(self))

"""Settings: every cutoff, weight and window the aligner and the text cleaner use.

Owns: ``AlignConfig`` and ``ExtractConfig``. The aligner, the classifier and the
collation read their thresholds from ``AlignConfig`` only, and ``AlignConfig.to_dict()``
is recorded in every alignment's output; the extractors (text and Markdown cleaner, cue
vocabulary, HTML path, cross-version evidence) read theirs from ``ExtractConfig``,
recorded in every extraction's output. So
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
    """Thresholds of the extractors: the text and Markdown cleaner (``extract.plain``), the
    cue vocabulary every extractor shares (``extract.cues``), the HTML path
    (``extract.html``) and the cross-version evidence (``extract.evidence``).

    Lengths are in words (``extract.cues.count_words``: unspaced scripts count one word
    per two characters) unless a name ends in ``_chars`` (characters); ``_share`` fields
    are fractions in 0..1. A unit is a line or a paragraph of the scrape.

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
    :param menu_bullets: this many short bullets in a row are a menu (``menu_run`` for
        lines without bullets) ...
    :param lone_bullet_max_words: ... and a short bullet standing alone is one up to this.
    :param chrome_block_share: a block (lines between blank lines) whose units are at least
        this share chrome is chrome throughout: its stray labels and pitches go with it.
    :param pitch_voice_hits: this many "we"/"you" make a pitch at any length (one makes a
        pitch only up to ``pitch_max_words``).
    :param box_max_lines: a related-stories box inside the article lists at most this many
        headline lines under its label.
    :param cue_label_words: a label cue ("Most read", "Log in", one that must fill the
        line) counts on units up to this long; a longer unit mentioning the words is prose.
    :param cue_stop_words: a cue that ends the article (a footer label, "Sign up for")
        counts on units up to this long.
    :param cue_voice_free_words: beyond this length a cue that is a pitch counts only when
        the unit addresses the reader (we, you, our ...).
    :param html_cue_max_words: a paragraph trafilatura kept is set aside for a sure cue of
        the text cleaner (weather, share, newsletter ...) up to this length.
    :param html_text_cue_max_chars: the HTML text cues (a copyright line, a byline, a
        caption form) are tried only on blocks this short.
    :param html_glued_words: a kept paragraph this long that ends a sentence is story with
        a credit glued to it, not a copyright notice; a sentence starting inside a block
        and half this long is not inside the block's first element.
    :param html_context_depth: how many enclosing elements, innermost first, may mark a
        kept paragraph as chrome (a caption or related box is close around its text).
    :param html_box_prose_chars: a sentence this long inside a box of links or buttons
        (a "read-more" expander, a share-enabled wrapper) is the article's.
    :param html_byline_slack_chars: a block naming the page's author is the byline while
        at most this much longer than the name.
    :param html_byline_sentence_words: a sentence this long beside the byline box is story
        (the dateline opens it) ...
    :param html_byline_box_max_chars: ... and a byline box holds less than this.
    :param html_link_only_max_chars: a paragraph that is only a link to another page is a
        related link up to this length.
    :param html_date_line_max_chars: a left-out block mentioning a date is the date line
        up to this length.
    :param html_resume_words: after a "More stories" label, a kept paragraph this long that
        ends a sentence is the story going on ...
    :param html_resume_paragraphs: ... when this many come in a row; else what follows the
        label is the list.
    :param html_boxed_min_words: a sentence dropped only for its box's markup, with story
        on both sides, is story from this length.
    :param html_lede_min_words: prose left out right before the kept body (a lede in the
        page header) is kept from this length ...
    :param html_tail_min_words: ... and right after it from this length (comments and
        teasers follow a body).
    :param html_skip_short_words: on the way to that lede or tail, lines up to this long
        (a date, a byline) are stepped over ...
    :param html_skip_chrome_words: ... and chrome up to this long (a caption, a share row) ...
    :param html_skips: ... this many at most.
    :param evidence_shingle_words: blocks are compared across versions by word n-grams of
        this length.
    :param evidence_versions_kept: each n-gram remembers at most this many versions: enough
        to count "several".
    :param evidence_rescue_words: a block set aside for where it stood is put back when
        other versions print it, from this length (shorter blocks are too generic).
    :param evidence_rescue_versions: ... and when this many other versions print it (all of
        them when there are fewer).
    :param evidence_carry_share: a version prints a block when it has at least this share
        of the block's n-grams.
    :param evidence_probes: a version's longest paragraphs probed to tell whether it tells
        the story another version tells ...
    :param evidence_probes_shared: ... which it does when this many of them (all, when it
        has fewer) share text with another version.
    :param evidence_caption_words: a body paragraph found in no other version reads like a
        caption, with a photo credit word, up to this length ...
    :param evidence_web_words: ... like navigation, with a web address to visit, up to this ...
    :param evidence_chrome_words: ... and like chrome, without a full stop, up to this.
    :param title_peers: a headline is checked against at most this many other versions'
        headlines.
    :param title_odd_share: a headline sharing less than this share of its words (Jaccard)
        with every other version's headline is suspect ...
    :param title_match_share: ... and a set-aside line sharing at least this with them is
        taken for the headline instead.
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
    menu_bullets: int = 2
    lone_bullet_max_words: int = 2
    chrome_block_share: float = 0.5
    pitch_voice_hits: int = 2
    box_max_lines: int = 10
    cue_label_words: int = 25
    cue_stop_words: int = 40
    cue_voice_free_words: int = 6
    html_cue_max_words: int = 60
    html_text_cue_max_chars: int = 300
    html_glued_words: int = 30
    html_context_depth: int = 4
    html_box_prose_chars: int = 250
    html_byline_slack_chars: int = 40
    html_byline_sentence_words: int = 12
    html_byline_box_max_chars: int = 200
    html_link_only_max_chars: int = 150
    html_date_line_max_chars: int = 60
    html_resume_words: int = 25
    html_resume_paragraphs: int = 3
    html_boxed_min_words: int = 10
    html_lede_min_words: int = 15
    html_tail_min_words: int = 40
    html_skip_short_words: int = 12
    html_skip_chrome_words: int = 20
    html_skips: int = 6
    evidence_shingle_words: int = 4
    evidence_versions_kept: int = 8
    evidence_rescue_words: int = 8
    evidence_rescue_versions: int = 2
    evidence_carry_share: float = 0.5
    evidence_probes: int = 3
    evidence_probes_shared: int = 2
    evidence_caption_words: int = 70
    evidence_web_words: int = 25
    evidence_chrome_words: int = 12
    title_peers: int = 50
    title_odd_share: float = 0.15
    title_match_share: float = 0.4

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name.endswith("_share"):
                if not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
                    raise ValueError(f"{f.name} must be a share within 0..1, got {value!r}")
            elif not isinstance(value, int) or value < 0:
                raise ValueError(f"{f.name} must be a whole number >= 0, got {value!r}")
        if self.evidence_shingle_words < 1 or self.evidence_versions_kept < 1:
            raise ValueError("evidence_shingle_words and evidence_versions_kept must be >= 1")
        if self.title_min_words > self.title_max_words:
            raise ValueError("title_min_words must not exceed title_max_words")
        if self.caption_beside_min_words > self.caption_beside_max_words:
            raise ValueError("caption_beside_min_words must not exceed caption_beside_max_words")

    def to_dict(self) -> dict[str, object]:
        """The settings as a plain dict (what extraction outputs record)."""
        return dict(asdict(self))


DEFAULT_EXTRACT = ExtractConfig()
"""The settings every extractor uses unless given others (one instance: building one
validates all its fields)."""

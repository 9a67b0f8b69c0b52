"""The Timeline tab: a page's revisions in time order, each against the one before.

Presentation and two user actions: the timelines come from the engine
(``align.page_histories`` → ``align.align_chain`` → ``align.build_timeline``, computed in
the background by ``extra_tabs``); this view lists the revisions with their times and
counts, shows what each edit did (sentences that appeared, changed with a word diff,
moved, disappeared), tags a sentence (an undoable ``AddAnnotation`` on the revision's
paragraph, narrowed to the sentence) and exports the timeline as JSON or text.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.engine.align import (
    EventKind,
    SentenceEvent,
    Step,
    Timeline,
    format_time,
    timeline_document,
    timeline_report,
)
from reader.engine.model import DiffOp
from reader.engine.output import write_atomic
from reader.ui import theme

ONE_PAGE_FLAG = "timeline_one_page"
TAG_OF = {
    EventKind.APPEARED: "added",
    EventKind.DISAPPEARED: "omitted",
    EventKind.CHANGED: "altered",
    EventKind.MOVED: "moved",
}
_WORD = {
    EventKind.APPEARED: "appeared",
    EventKind.DISAPPEARED: "disappeared",
    EventKind.CHANGED: "changed",
    EventKind.MOVED: "moved",
}


class TimelineView(QWidget):
    """Revisions on the left, the selected revision's edit on the right."""

    recompute_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Any = None
        self.timelines: list[Timeline] = []
        self.timeline: Timeline | None = None
        self._note = ""

        self.pages = QComboBox()
        self.pages.setAccessibleName("Page")
        self.pages.currentIndexChanged.connect(self._on_page)
        self.one_page = QCheckBox("All versions are one page's revisions")
        self.one_page.setToolTip(
            "Order every version of the folder by time as revisions of "
            "one page, whatever their URLs say"
        )
        self.one_page.toggled.connect(self._on_one_page)
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Save the timeline as JSON or as a text report")
        self.export_button.clicked.connect(self._export_dialog)
        self.heading = QLabel()
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setWordWrap(True)

        self.revisions = QListWidget()
        self.revisions.setAccessibleName("Revisions")
        self.revisions.setSpacing(3)
        self.revisions.currentRowChanged.connect(self._show_row)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("What the edit changed")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._on_link)

        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.pages)
        bar.addWidget(self.one_page)
        bar.addWidget(self.export_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.revisions)
        split.addWidget(self.detail)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self._set_enabled(False)

    # --- wiring -------------------------------------------------------------------------
    def bind(self, session: Any) -> None:
        """Give the view the session it tags through (``extra_tabs`` calls this)."""
        self.session = session
        self.one_page.blockSignals(True)
        self.one_page.setChecked(session.settings.flag(ONE_PAGE_FLAG, False))
        self.one_page.blockSignals(False)
        session.annotations_changed.connect(self._rerender)

    def _on_one_page(self, checked: bool) -> None:
        if self.session is not None:
            self.session.settings.set_flag(ONE_PAGE_FLAG, checked)
        self.recompute_requested.emit()

    # --- results ------------------------------------------------------------------------
    def set_result(self, timelines: list[Timeline], note: str = "") -> None:
        """Show ``timelines`` (one per page captured more than once; may be empty)."""
        self.timelines = list(timelines)
        self._note = note
        self.pages.blockSignals(True)
        self.pages.clear()
        for tl in self.timelines:
            self.pages.addItem(f"{tl.url or 'one page'} ({len(tl.revisions)})")
        self.pages.setVisible(len(self.timelines) > 1)
        self.pages.blockSignals(False)
        self._on_page(0)

    def _on_page(self, index: int) -> None:
        self.timeline = self.timelines[index] if 0 <= index < len(self.timelines) else None
        self.revisions.clear()
        tl = self.timeline
        self._set_enabled(tl is not None)
        if tl is None:
            self.heading.setText("")
            self.detail.setHtml(self._empty_html())
            return
        first, last = tl.revisions[0], tl.revisions[-1]
        self.heading.setText(
            f"<b>{html.escape(tl.url or 'One page')}</b> — {len(tl.revisions)} "
            f"revisions, {format_time(first.time)} to {format_time(last.time)}"
        )
        item = QListWidgetItem("All revisions")
        item.setToolTip("Every edit, oldest first")
        self.revisions.addItem(item)
        for n, r in enumerate(tl.revisions, 1):
            step = tl.step(r.version)
            counts = _count_text(step) if step else f"first: {r.paragraphs} paragraphs"
            item = QListWidgetItem(f"[{n}] {format_time(r.time)}\n{r.label}  ·  {counts}")
            item.setToolTip(f"{r.version}\n{r.title or ''}\n{r.url or ''}")
            self.revisions.addItem(item)
        self.revisions.setCurrentRow(0)

    def _set_enabled(self, on: bool) -> None:
        self.export_button.setEnabled(on)
        self.revisions.setEnabled(on)

    def _rerender(self) -> None:
        self._show_row(self.revisions.currentRow())

    def _show_row(self, row: int) -> None:
        tl = self.timeline
        if tl is None or row < 0:
            return
        self.detail.setHtml(self.render_html(None if row == 0 else row - 1))

    # --- rendering ----------------------------------------------------------------------
    def _empty_html(self) -> str:
        pal = theme.colours()
        why = (
            html.escape(self._note)
            if self._note
            else (
                "No page was captured more than once: no two versions share a URL. Tick "
                "<i>All versions are one page's revisions</i> if this folder is one page saved "
                "again and again."
            )
        )
        return f"<p style='color:{pal.muted}'>{why}</p>"

    def render_html(self, revision: int | None) -> str:
        """The edits as HTML: every step (``None``) or the step into revision ``revision``."""
        tl = self.timeline
        if tl is None:
            return self._empty_html()
        pal = theme.colours()
        tagged = self._tagged()
        parts = [f"<div style='font-family:{theme.css_families()}; color:{pal.text}'>"]
        indices = range(len(tl.revisions)) if revision is None else [revision]
        for n in indices:
            r = tl.revisions[n]
            parts.append(
                f"<h3 style='margin-bottom:2px'>[{n + 1}] {format_time(r.time)}"
                f" <span style='font-weight:normal; color:{pal.muted}'>"
                f"{html.escape(r.version)}</span></h3>"
            )
            step = tl.step(r.version)
            if step is None:
                parts.append(
                    f"<p style='color:{pal.muted}'>First revision: {r.paragraphs} paragraphs.</p>"
                )
                continue
            if not step.events:
                parts.append(f"<p style='color:{pal.muted}'>No change in the text.</p>")
                continue
            for k, e in enumerate(step.events):
                parts.append(self._event_html(n, k, e, tagged, pal))
        parts.append("</div>")
        return "".join(parts)

    def _event_html(
        self, n: int, k: int, e: SentenceEvent, tagged: set[tuple[str, str]], pal: theme.Palette
    ) -> str:
        colour = {
            EventKind.APPEARED: pal.inserted,
            EventKind.DISAPPEARED: pal.deleted,
            EventKind.CHANGED: pal.changed,
            EventKind.MOVED: pal.moved,
        }[e.kind]
        if e.kind is EventKind.CHANGED:
            body = "".join(_word_html(w.op, w.text, pal) for w in e.words)
        elif e.kind is EventKind.DISAPPEARED and e.before is not None:
            body = f"<s>{html.escape(e.before.text)}</s>"
        else:
            span = e.after or e.before
            body = html.escape(span.text if span else "")
        where = self._anchor(n, e)
        tag = TAG_OF[e.kind]
        mark = (
            f"<span style='color:{pal.muted}'>✓ tagged</span>"
            if where in tagged
            else f"<a href='tag:{n}:{k}'>tag as {tag}</a>"
        )
        return (
            f"<table width='100%' cellspacing='0' cellpadding='4' style='margin:2px 0'><tr>"
            f"<td width='96' style='background:{colour}'><b>{_WORD[e.kind]}</b></td>"
            f"<td>{body}</td><td width='110' align='right'>{mark}</td></tr></table>"
        )

    def _anchor(self, n: int, e: SentenceEvent) -> tuple[str, str]:
        tl = self.timeline
        assert tl is not None
        if e.after is not None:
            return tl.revisions[n].version, e.after.text
        prev = tl.revisions[n - 1].version if n > 0 else tl.revisions[n].version
        return prev, e.before.text if e.before else ""

    def _tagged(self) -> set[tuple[str, str]]:
        if self.session is None:
            return set()
        try:
            return {(a.version, a.quote.exact) for a in self.session.annotations()}
        except Exception:  # a broken store must not hide the timeline
            return set()

    # --- actions ------------------------------------------------------------------------
    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("tag:"):
            _, n, k = text.split(":")
            self.tag_event(int(n), int(k))

    def tag_event(self, revision: int, index: int, tag: str | None = None) -> bool:
        """Tag event ``index`` of the step into revision ``revision`` (by its kind: a
        sentence that appeared is ``added``, one that disappeared ``omitted``...): an
        annotation on the sentence, in the revision (or, for a disappearance, in the
        revision before), made against the predecessor. Undoable."""
        tl = self.timeline
        if tl is None or self.session is None or self.session.store is None:
            return False
        step = tl.step(tl.revisions[revision].version)
        if step is None or not 0 <= index < len(step.events):
            return False
        e = step.events[index]
        # imports the store stack: keep start-up light (as tagging does)
        from reader.engine.store import anchoring, edits

        on_after = e.after is not None
        span = e.after if on_after else e.before
        vid = step.revision if on_after else step.predecessor
        version = next((v for v in tl.chain.versions if v.id == vid), None)
        if span is None or version is None:
            return False
        try:
            a = anchoring.new_annotation(
                version,
                span.paragraph,
                tag or TAG_OF[e.kind],
                quote=span.text,
                base_version=step.predecessor if on_after else step.revision,
                note=f"timeline: {_WORD[e.kind]} at {format_time(tl.revisions[revision].time)}",
            )
        except (IndexError, ValueError) as exc:
            self.session.status.emit(f"Cannot tag this sentence: {exc}")
            return False
        self.session.push_edit(edits.AddAnnotation(a))
        return True

    def _export_dialog(self) -> None:
        if self.timeline is None:
            return
        start = (
            str(Path(self.session.path or ".") / "timeline.json")
            if self.session
            else "timeline.json"
        )
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export Timeline", start, "JSON (*.json);;Text report (*.txt)"
        )
        if path:
            fmt = "text" if chosen.startswith("Text") or path.endswith(".txt") else "json"
            self.export_to(path, fmt)

    def export_to(self, path: str | Path, fmt: str = "json") -> None:
        """Write the shown timeline to ``path`` atomically, as ``json`` or ``text``."""
        if self.timeline is None:
            return
        if fmt == "json":
            data = json.dumps(timeline_document(self.timeline), ensure_ascii=False, indent=1)
        else:
            data = timeline_report(self.timeline)
        write_atomic(path, data.encode("utf-8"))


def _count_text(step: Step) -> str:
    c = step.counts()
    parts = [
        f"+{c[EventKind.APPEARED]}",
        f"~{c[EventKind.CHANGED]}",
        f"−{c[EventKind.DISAPPEARED]}",
    ]
    if c[EventKind.MOVED]:
        parts.append(f"↕{c[EventKind.MOVED]}")
    return " ".join(parts)


def _word_html(op: DiffOp, text: str, pal: theme.Palette) -> str:
    t = html.escape(text)
    if op is DiffOp.DELETE:
        return f"<s style='background:{pal.deleted}'>{t}</s>"
    if op is DiffOp.INSERT:
        return f"<span style='background:{pal.inserted}'>{t}</span>"
    return t

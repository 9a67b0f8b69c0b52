"""The tabs beside the comparison (Reconcile, Quotes, Sources, Timeline), computed lazily.

Owns: creating those views only when their tab is first shown (their modules, and the
reconciliation code behind them, are imported then: the window's first paint does
not wait for them), and computing their
results in the background runner (consensus, quotation grouping and source scores
take seconds on a 200-version folder, which must never block the GUI thread); then
handing the result to the view's ``set_result``. A re-alignment marks them stale, and
so does an edit that affects what a tab shows (``Spec.depends``: the Reconcile tab
follows reading choices); a stale tab recomputes when shown. Reading choices made in
the Reconcile tab become undoable ``ChooseReading`` store_api.edits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

# The reconciliation package loads each function on first use (see its __init__).
from reader.engine import reconcile as rc

# The store package loads each name on first use (PEP 562): the edits are loaded when
# the user first edits, not before the first paint.
from reader.engine import store as store_api
from reader.engine.model import Alignment
from reader.engine.store import Affects
from reader.ui.session import Session
from reader.ui.tasks import TaskProgress

if TYPE_CHECKING:
    from reader.engine.store import Edit

log = logging.getLogger(__name__)

Job = Callable[[TaskProgress], object]


def _reconcile_view(tab: LazyTab) -> QWidget:
    from reader.ui.reconcile_view import ReconcileView  # on first show (see above)

    view = ReconcileView()
    view.reading_accepted.connect(lambda key, vid: tab.choose(key, vid))
    view.reading_cleared.connect(lambda key: tab.choose(key, None))
    return view


def _reconcile(alignment: Alignment, session: Session) -> Job:
    choices = session.store.reading_choices() if session.store is not None else {}
    return lambda _progress: (rc.reconcile(alignment, choices=choices), choices)


def _apply_reconcile(view: QWidget, alignment: Alignment, result: object) -> None:
    from reader.ui.reconcile_view import ReconcileView  # loaded: the view exists

    assert isinstance(view, ReconcileView) and isinstance(result, tuple)
    rec, choices = result
    # the view recomputes from these when the user picks a reading
    view.set_result(rec, alignment=alignment, choices=choices)


def _quotes_view(_tab: LazyTab) -> QWidget:
    from reader.ui.quotes_view import QuotesView  # on first show (see above)

    return QuotesView()


def _quotes(alignment: Alignment, _session: Session) -> Job:
    def run(_progress: TaskProgress) -> object:
        labels = dict(
            zip(
                (v.id for v in alignment.versions),
                rc.unique_labels(alignment.versions),
                strict=True,
            )
        )
        return rc.group_quotes(alignment), labels

    return run


def _apply_quotes(view: QWidget, _alignment: Alignment, result: object) -> None:
    from reader.ui.quotes_view import QuotesView  # loaded: the view exists

    assert isinstance(view, QuotesView) and isinstance(result, tuple)
    view.set_result(*result)


def _sources_view(_tab: LazyTab) -> QWidget:
    from reader.ui.sources_view import SourcesView  # on first show (see above)

    return SourcesView()


def _sources(alignment: Alignment, _session: Session) -> Job:
    return lambda _progress: rc.source_scores(alignment.versions)


def _apply_sources(view: QWidget, _alignment: Alignment, result: object) -> None:
    from reader.ui.sources_view import SourcesView  # loaded: the view exists

    assert isinstance(view, SourcesView) and isinstance(result, rc.Sources)
    view.set_result(result)


MAX_TIMELINES = 20
"""Pages captured more than once whose timelines are computed (the largest first)."""


def _timeline_view(tab: LazyTab) -> QWidget:
    from reader.ui.timeline_view import TimelineView  # on first show (see above)

    view = TimelineView()
    view.bind(tab.session)
    view.recompute_requested.connect(tab.compute)
    return view


def _timeline(alignment: Alignment, session: Session) -> Job:
    # with the view, on first show
    from reader.engine.align import align_chain, build_timeline, page_histories
    from reader.ui.timeline_view import ONE_PAGE_FLAG

    one_page = session.settings.flag(ONE_PAGE_FLAG, False)
    versions = alignment.versions

    def run(progress: TaskProgress) -> object:
        histories = page_histories(versions, one_page=one_page)
        note = ""
        if len(histories) > MAX_TIMELINES:
            note = f"{len(histories)} pages were captured more than once; the largest "
            note += f"{MAX_TIMELINES} are shown."
            histories = histories[:MAX_TIMELINES]
        timelines = [build_timeline(align_chain(versions, h, progress=progress)) for h in histories]
        return timelines, note

    return run


def _apply_timeline(view: QWidget, _alignment: Alignment, result: object) -> None:
    from reader.ui.timeline_view import TimelineView  # loaded: the view exists

    assert isinstance(view, TimelineView) and isinstance(result, tuple)
    view.set_result(*result)


@dataclass(frozen=True)
class Spec:
    """One tab: its title, how to build its view, compute and show its result, and which
    edits make it stale (beyond a re-alignment, which makes every tab stale)."""

    title: str
    create: Callable[[LazyTab], QWidget]
    compute: Callable[[Alignment, Session], Job]
    apply: Callable[[QWidget, Alignment, object], None]
    depends: Affects = Affects.NOTHING


SPECS = (
    Spec("Reconcile", _reconcile_view, _reconcile, _apply_reconcile, Affects.READING_CHOICES),
    Spec("Quotes", _quotes_view, _quotes, _apply_quotes),
    Spec("Sources", _sources_view, _sources, _apply_sources),
    Spec("Timeline", _timeline_view, _timeline, _apply_timeline),
)


def available() -> list[Spec]:
    """The tabs beside the comparison, in order."""
    return list(SPECS)


class LazyTab(QWidget):
    """A placeholder that becomes the real view on first show."""

    def __init__(self, spec: Spec, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.session = session
        self.view: QWidget | None = None
        self._stale = True
        self._computing_for: Alignment | None = None
        self.channel = f"tab:{spec.title}"
        self.placeholder = QLabel("Computing…")
        self.placeholder.setAccessibleName(f"{spec.title} (computing)")
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.placeholder)
        session.aligned.connect(self.invalidate)
        session.runner.finished.connect(self._on_finished)
        session.runner.failed.connect(self._on_failed)
        session.edited.connect(self._on_edited)

    def invalidate(self) -> None:
        self._stale = True
        if self.isVisible():
            self.compute()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.compute()

    def _ensure_view(self) -> QWidget | None:
        if self.view is not None:
            return self.view
        try:
            self.view = self.spec.create(self)
        except Exception as exc:  # a broken extra view must not stop the app
            log.warning("cannot create %s: %s", self.spec.title, exc)
            self.placeholder.setText(f"{self.spec.title} is unavailable: {exc}")
            return None
        self._stack.addWidget(self.view)
        return self.view

    def compute(self) -> None:
        a = self.session.alignment
        self._stale = False
        if a is None or self._ensure_view() is None:
            return
        self._stack.setCurrentWidget(self.placeholder)
        self.placeholder.setText(f"Computing {self.spec.title.lower()}…")
        self._computing_for = a
        self.session.runner.start(self.channel, self.spec.compute(a, self.session))

    def _on_finished(self, channel: str, result: object) -> None:
        view, alignment = self.view, self._computing_for
        if channel != self.channel or alignment is not self.session.alignment:
            return
        if view is None or alignment is None:
            return
        try:
            self.spec.apply(view, alignment, result)
        except Exception as exc:  # keep the comparison usable
            log.warning("%s failed: %s", self.spec.title, exc)
            self.placeholder.setText(f"{self.spec.title} failed: {exc}")
            return
        self._stack.setCurrentWidget(view)

    def _on_failed(self, channel: str, message: str, _tb: str) -> None:
        if channel == self.channel:
            self.placeholder.setText(f"{self.spec.title} failed: {message}")

    def choose(self, row_key: str, version: str | None) -> None:
        """The user picked (or, with None, cleared) the reading of one row."""
        if self.session.store is not None:
            self.session.push_edit(
                store_api.edits.ChooseReading.make(self.session.store, row_key, version)
            )

    def _on_edited(self, edit: Edit) -> None:
        if edit.affects & self.spec.depends:
            self.invalidate()

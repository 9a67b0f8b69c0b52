"""The reconciliation tabs (Reconcile, Quotes, Sources) beside the comparison, computed lazily.

Owns: creating those views only when their tab is first shown, and computing their
results in the background runner (consensus, quotation grouping and source scores
take seconds on a 200-version folder, which must never block the GUI thread); then
handing the result to the view's ``set_result``. A reload marks them stale; a stale
tab recomputes when shown. Reading choices made in the Reconcile tab become
undoable ``ChooseReading`` edits.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from reader.engine.model import Alignment
from reader.engine.reconcile import group_quotes, reconcile, source_scores, unique_labels
from reader.engine.store import StoreError, edits
from reader.ui.session import Session

log = logging.getLogger(__name__)


def _reconcile(alignment: Alignment, session: Session) -> Callable[[Any], Any]:
    choices = _choices(session)
    return lambda _progress: (reconcile(alignment, choices=choices), choices)


def _apply_reconcile(view: Any, alignment: Alignment, result: Any) -> None:
    rec, choices = result
    # the view recomputes from these when the user picks a reading
    view.set_result(rec, alignment=alignment, choices=choices)


def _quotes(alignment: Alignment, session: Session) -> Callable[[Any], Any]:
    def run(_progress: Any) -> Any:
        labels = dict(
            zip((v.id for v in alignment.versions), unique_labels(alignment.versions), strict=True)
        )
        return group_quotes(alignment), labels

    return run


def _sources(alignment: Alignment, session: Session) -> Callable[[Any], Any]:
    return lambda _progress: source_scores(alignment.versions)


def _choices(session: Session) -> dict[str, str]:
    if session.store is None:
        return {}
    try:
        return session.store.reading_choices()
    except StoreError:  # a broken store only loses the user's choices here
        return {}


@dataclass(frozen=True)
class Spec:
    module: str
    cls: str
    title: str
    compute: Callable[[Alignment, Session], Callable[[Any], Any]]
    apply: Callable[[Any, Alignment, Any], None]


SPECS = (
    Spec("reader.ui.reconcile_view", "ReconcileView", "Reconcile", _reconcile, _apply_reconcile),
    Spec(
        "reader.ui.quotes_view",
        "QuotesView",
        "Quotes",
        _quotes,
        lambda view, _a, result: view.set_result(*result),
    ),
    Spec(
        "reader.ui.sources_view",
        "SourcesView",
        "Sources",
        _sources,
        lambda view, _a, result: view.set_result(result),
    ),
)


def available() -> list[Spec]:
    """The specs whose view module exists (checked without importing it)."""
    return [s for s in SPECS if importlib.util.find_spec(s.module) is not None]


class LazyTab(QWidget):
    """A placeholder that becomes the real view on first show."""

    def __init__(self, spec: Spec, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.session = session
        self.view: Any = None
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

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.compute()

    def _ensure_view(self) -> bool:
        if self.view is not None:
            return True
        try:
            module = importlib.import_module(self.spec.module)
            self.view = getattr(module, self.spec.cls)()
        except Exception as exc:  # a broken extra view must not stop the app
            log.warning("cannot create %s: %s", self.spec.title, exc)
            self.placeholder.setText(f"{self.spec.title} is unavailable: {exc}")
            return False
        self._stack.addWidget(self.view)
        if hasattr(self.view, "reading_accepted"):
            self.view.reading_accepted.connect(lambda key, vid: self._choose(key, vid))
            self.view.reading_cleared.connect(lambda key: self._choose(key, None))
        return True

    def compute(self) -> None:
        a = self.session.alignment
        self._stale = False
        if a is None or not self._ensure_view():
            return
        self._stack.setCurrentWidget(self.placeholder)
        self.placeholder.setText(f"Computing {self.spec.title.lower()}…")
        self._computing_for = a
        self.session.runner.start(self.channel, self.spec.compute(a, self.session))

    def _on_finished(self, channel: str, result: object) -> None:
        if channel != self.channel or self._computing_for is not self.session.alignment:
            return
        try:
            self.spec.apply(self.view, self._computing_for, result)  # type: ignore[arg-type]
        except Exception as exc:  # keep the comparison usable
            log.warning("%s failed: %s", self.spec.title, exc)
            self.placeholder.setText(f"{self.spec.title} failed: {exc}")
            return
        self._stack.setCurrentWidget(self.view)

    def _on_failed(self, channel: str, message: str, _tb: str) -> None:
        if channel == self.channel:
            self.placeholder.setText(f"{self.spec.title} failed: {message}")

    def _choose(self, row_key: str, version: str | None) -> None:
        if self.session.store is not None:
            self.session.push_edit(edits.ChooseReading.make(self.session.store, row_key, version))

    def _on_edited(self, edit: object) -> None:
        if type(edit).__name__ == "ChooseReading" and self.spec.title == "Reconcile":
            self.invalidate()

"""The main window: docks, status bar, and the slots behind every action.

Owns: arranging the panels (comparison in the centre; versions and differences
below; annotation, boilerplate, search and problems on the right), the progress bar
with Cancel, folder drag-and-drop, and routing between panels (selecting a
difference scrolls the comparison and targets the annotation panel). Each slot is a
short delegation to the session, ``tagging`` or ``linking``. The dialogs and the
tagged-differences report (and the Qt dialog, page and PDF classes they load) are
imported by the slots that open them, not with the window: the first paint does not
wait for them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QWidget,
)

from reader.engine.extract import folder_problem, is_failure
from reader.paths import sample_folder
from reader.ui import extra_tabs, linking, tagging, verdicts
from reader.ui.actions import REPORT_CHANNEL, Actions
from reader.ui.annotation_panel import AnnotationPanel
from reader.ui.boilerplate_panel import BoilerplatePanel
from reader.ui.compare_view import CompareView
from reader.ui.differences_panel import DifferencesPanel
from reader.ui.extra_tabs import LazyTab
from reader.ui.problems_panel import ProblemsPanel
from reader.ui.search import SearchPanel
from reader.ui.session import EXPORT, LOAD, Session
from reader.ui.versions_panel import VersionsPanel

log = logging.getLogger(__name__)
DEFAULT_SIZE = (1360, 860)
SCREEN_MARGIN = (24, 48)
"""Room left around a first window (width, height): the frame, a panel or dock."""


def initial_size() -> tuple[int, int]:
    """The first window size: ``DEFAULT_SIZE``, shrunk to the screen's available area
    (a 1366×768 laptop gets a window that fits, title bar and all)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return DEFAULT_SIZE
    avail = screen.availableGeometry()
    if avail.width() <= 0 or avail.height() <= 0:
        return DEFAULT_SIZE
    return (
        min(DEFAULT_SIZE[0], avail.width() - SCREEN_MARGIN[0]),
        min(DEFAULT_SIZE[1], avail.height() - SCREEN_MARGIN[1]),
    )


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle("Version Reader")
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.resize(*initial_size())
        self.recent_menu: QMenu
        self.verdict_menu: QMenu
        self.view_menu: QMenu

        self.compare = CompareView()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.compare, "Comparison")
        self.extra_tabs = [LazyTab(spec, session) for spec in extra_tabs.available()]
        for tab in self.extra_tabs:
            self.tabs.addTab(tab, tab.spec.title)
        self.setCentralWidget(self.tabs)

        self.versions = VersionsPanel(session)
        self.differences = DifferencesPanel(session)
        self.annotation = AnnotationPanel(session)
        self.boilerplate = BoilerplatePanel(session)
        self.search = SearchPanel(session)
        self.problems = ProblemsPanel(session)
        self.verdict_actions: list[QAction] = []
        self._vocab: tuple[object, ...] = ()
        self.actions_ = Actions(self)
        self.actions_.build_menus()
        # right-click on a version: the actions about that version's file
        self.versions.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.versions.view.addActions([self.actions_.set_base, self.actions_.reopen_encoding])
        self.docks: dict[str, QDockWidget] = {}
        self._dock("versions", "Versions", self.versions, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._dock(
            "differences", "Differences", self.differences, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.splitDockWidget(
            self.docks["versions"], self.docks["differences"], Qt.Orientation.Horizontal
        )
        self._dock("problems", "Problems", self.problems, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.docks["versions"], self.docks["problems"])
        self._dock("search", "Search", self.search, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.docks["differences"], self.docks["search"])
        self._dock(
            "annotation", "Annotation", self.annotation, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self._dock(
            "boilerplate", "Set Aside", self.boilerplate, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.docks["annotation"], self.docks["boilerplate"])
        for key in ("annotation", "versions", "differences"):
            self.docks[key].raise_()
        self._sized = False
        for a in self.actions_.single_key:
            for target in (self.tabs, self.docks["versions"], self.docks["differences"]):
                target.addAction(a)

        self._build_status_bar()
        self._connect()
        self._update_enabled()
        self._default_state = self.saveState()
        self._restore_state()
        self._rebuild_recent()
        if session.busy() and session.path:  # the app started loading before the window
            self._on_loading(session.path)

    # --- construction ------------------------------------------------------------------------
    def _dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(widget)
        dock.setAccessibleName(title)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        self.docks[key] = dock
        self.view_menu.addAction(dock.toggleViewAction())

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.status_label = QLabel("Ready")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Progress of loading or exporting")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel loading or exporting")
        self.cancel_button.clicked.connect(self.session.cancel)
        sb.addWidget(self.status_label, 1)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    def _connect(self) -> None:
        s = self.session
        s.loading_started.connect(self._on_loading)
        s.aligned.connect(self._on_aligned)
        s.loaded.connect(self._on_loaded)
        s.load_failed.connect(self._on_load_failed)
        s.status.connect(self.show_status)
        s.current_changed.connect(self._on_version_changed)
        s.runner.progress.connect(self._on_progress)
        s.store_runner.progress.connect(self._on_progress)
        s.runner.busy_changed.connect(lambda _b: self._update_enabled())
        s.store_runner.busy_changed.connect(lambda _b: self._update_enabled())
        s.exported.connect(self._on_exported)
        s.export_failed.connect(self._on_export_failed)
        s.runner.failed.connect(lambda _c, _m, _t: self._end_progress())
        s.runner.finished.connect(self._on_task_finished)
        s.runner.failed.connect(self._on_task_failed)
        s.runner.cancelled.connect(lambda _c: self._end_progress())
        self.differences.difference_selected.connect(self._on_difference)
        self.compare.group_activated.connect(self._on_group_clicked)
        self.compare.open_requested.connect(self.choose_folder)
        self.compare.sample_requested.connect(self.open_sample)
        self.compare.mode_changed.connect(self.actions_.all_versions.setChecked)
        self.compare.left_chosen.connect(self.compare_with)
        self.compare.right_chosen.connect(self.session.set_current_version)
        self.compare.cosmetic_box.toggled.connect(self.actions_.show_cosmetic.setChecked)
        self.search.result_activated.connect(self.show_paragraph)
        self.annotation.navigate.connect(self.go_to_difference)
        s.annotations_changed.connect(self.refresh_tags_shown)
        self.annotation.done_editing.connect(
            lambda: self.compare.browser.setFocus(Qt.FocusReason.OtherFocusReason)
        )

    # --- loading ----------------------------------------------------------------------------------
    def open_folder(self, path: str, base: str | None = None) -> None:
        self.session.open_folder(path, base=base)

    def choose_folder(self) -> None:
        from reader.ui import dialogs  # on first use (see the module docstring)

        path = dialogs.choose_folder(self, self.session.path)
        if path:
            self.open_folder(path)

    def choose_archive(self) -> None:
        from reader.ui import dialogs  # on first use (see the module docstring)

        path = dialogs.choose_archive(self, self.session.path)
        if path:
            self.open_folder(path)

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.session.settings.recent_folders()
        for i, folder in enumerate(recent):
            label = f"&{i + 1} {folder}" if i < 9 else folder
            act = self.recent_menu.addAction(label)
            act.triggered.connect(lambda _c=False, f=folder: self.open_folder(f))
        if not recent:
            self.recent_menu.addAction("No recent folders").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("Clear Menu")
            clear.triggered.connect(self._clear_recent)
        self.compare.set_recent(recent, self.open_folder)

    def _clear_recent(self) -> None:
        self.session.settings.clear_recent_folders()
        self._rebuild_recent()

    def _on_loading(self, path: str) -> None:
        self.setWindowTitle(f"{Path(path).name} — Version Reader")
        self.show_status(f"Loading {path}…")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self._update_enabled()
        self._rebuild_recent()

    def _on_progress(self, channel: str, done: int, total: int, message: str) -> None:
        if channel not in (LOAD, EXPORT):
            return
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        if message:
            self.status_label.setText(message)

    def _end_progress(self) -> None:
        if self.session.busy():  # a load still runs: its bar stays
            self._update_enabled()
            return
        self.progress.hide()
        self.cancel_button.hide()
        self._update_enabled()

    def _on_aligned(self) -> None:
        """The comparison is shown as soon as the folder is aligned; the store may still
        be syncing (edits stay disabled until ``loaded``)."""
        s = self.session
        keep = self.differences.current()
        self.compare.set_annotations(*verdicts.marks_and_badges(s), render=False)
        self.compare.set_alignment(s.alignment, s.current_version)
        # the count is of failures, as in the status bar; skipped files (our store, hidden
        # files) are listed in the panel without counting as problems
        failed = sum(1 for p in s.folder.problems if is_failure(p)) if s.folder else 0
        self.docks["problems"].setWindowTitle(f"Problems ({failed})" if failed else "Problems")
        # the differences list kept the same difference selected if it still exists
        if keep is None:
            self.annotation.set_target(None, None)
        else:
            if keep[0] != s.current_version:
                s.set_current_version(keep[0])
            self.compare.show_group(*keep)
            self.annotation.set_target(*keep)

    def _on_loaded(self) -> None:
        self._end_progress()
        self.refresh_tags_shown()
        self._update_enabled()
        attention = self.annotation.attention_count()
        if attention:
            self.docks["annotation"].raise_()
            self.show_status(
                f"{self.status_label.text()}; {attention} tag"
                f"{'s' if attention != 1 else ''} moved or could not be placed "
                "(see Needs attention)"
            )

    def _on_load_failed(self, message: str) -> None:
        self._end_progress()
        self.show_status(f"Could not open the folder: {message}")

    def show_status(self, message: str) -> None:
        self.status_label.setText(message)

    def _update_enabled(self) -> None:
        busy = self.session.busy()
        has = self.session.alignment is not None and self.session.store is not None
        # edits stay on during a reload: they queue on the store thread with its sync
        for a in [*self.actions_.editing(), *self.verdict_actions]:
            a.setEnabled(has)
        self.actions_.reload.setEnabled(self.session.path is not None and not busy)
        self.actions_.set_base.setEnabled(has and not busy)
        for a in self.actions_.reports:
            a.setEnabled(self.session.alignment is not None and not busy)

    # --- navigation --------------------------------------------------------------------------------
    def _on_difference(self, version_id: str, group: int) -> None:
        if version_id != self.session.current_version:
            self.session.set_current_version(version_id)
        self.compare.show_group(version_id, group)
        self.annotation.set_target(version_id, group)

    def _on_group_clicked(self, version_id: str, group: int) -> None:
        if not self.differences.select(version_id, group):
            self.annotation.set_target(version_id, group)

    def _on_version_changed(self, version_id: str) -> None:
        self.compare.set_annotations(*verdicts.marks_and_badges(self.session), render=False)
        self.compare.set_version(version_id)
        cur = self.differences.current()
        if cur is not None and cur[0] != version_id:
            self.differences.view.clearSelection()
            self.differences.view.setCurrentIndex(QModelIndex())
        # Another version is on screen: nothing of it is selected yet, so a tag key must
        # not reach the difference of the version the user left.
        target = self.annotation.target()
        if target is not None and target[0] != version_id:
            self.annotation.set_target(None, None)

    def go_to_difference(self, version_id: str, group: int) -> None:
        self.session.set_current_version(version_id)
        if not self.differences.select(version_id, group):
            self.compare.show_group(version_id, group)
            self.annotation.set_target(version_id, group)

    def step(self, delta: int, *, untagged: bool = False) -> None:
        if not self.differences.step(delta, untagged=untagged):
            self.show_status("No more differences" if delta > 0 else "At the first difference")

    def step_version(self, delta: int) -> None:
        a = self.session.alignment
        if a is None:
            return
        ids: list[str] = [v.id for v in a.versions if v.id != a.base] or [a.base]
        cur = self.session.current_version
        i = ids.index(cur) if cur in ids else -1
        self.session.set_current_version(ids[(i + delta) % len(ids)])

    def show_paragraph(self, version_id: str, paragraph: int) -> None:
        """Show the difference holding ``paragraph`` of ``version_id`` (or of the base)."""
        a = self.session.alignment
        if a is None:
            return
        target = version_id if version_id != a.base else self.session.current_version
        if target is None or target == a.base:
            return
        for gi, g in enumerate(a.pair(target).groups):
            if (version_id == a.base and paragraph in g.base) or (
                version_id != a.base and paragraph in g.other
            ):
                self.session.set_current_version(target)
                if not self.differences.select(target, gi):
                    self.compare.show_group(target, gi)
                    self.annotation.set_target(target, gi)
                return

    def focus_search(self) -> None:
        self.docks["search"].show()
        self.docks["search"].raise_()
        self.search.focus()

    # --- tagging ----------------------------------------------------------------------------------
    def _target(self, nothing: str = "nothing tagged") -> tuple[str, int] | None:
        """The difference the user sees selected, or None (and the status bar says so).

        Only a difference of the version on screen counts: a target left over from
        another version is never acted on.
        """
        t = self.annotation.target()
        if t is not None and t[0] != self.session.current_version:
            self.annotation.set_target(None, None)
            t = None
        if t is None:
            self.show_status(
                f"No difference selected: {nothing}. Select a difference first "
                "(F7 goes to the next one)"
            )
        return t

    def selected_phrase(self) -> tagging.Phrase | None:
        """Words selected in the row of the difference on screen, as a phrase to tag."""
        a = self.session.alignment
        picked = self.compare.selected_words()
        rendered = self.compare.rendered()
        if a is None or picked is None or rendered is None:
            return None
        row, version_id, paragraph, start, end = picked
        info = rendered.rows[row]
        if info.group < 0 or row != self.compare.current_row():
            return None
        if version_id not in (a.base, info.version):
            return None  # all-versions mode: words of a third version are not this difference's
        p = a.version(version_id).paragraphs[paragraph]
        s, e = p.source.map_span(start, end)
        return tagging.Phrase(
            version_id, paragraph, s, e, p.text[start:end], (info.version, info.group)
        )

    def tag_current(self, tag: str) -> None:
        """Tag the selected words, else the difference selected on screen."""
        phrase = self.selected_phrase()
        if phrase is not None and phrase.difference[0] == self.session.current_version:
            self.annotation.set_target(*phrase.difference)
            made = tagging.tag_phrase(self.session, phrase, tag)
            if made is not None:
                self.annotation.select_annotation(made)
                self.show_status(f"Tagged “{phrase.text}” as {tag}")
            return
        t = self._target()
        if t is not None and tagging.tag(self.session, t[0], t[1], tag):
            self.show_status(f"Tagged as {tag}")

    def refresh_tags_shown(self) -> None:
        """The comparison's tagged phrases and row badges, and the verdict actions."""
        marks, badges = verdicts.marks_and_badges(self.session)
        self.compare.set_annotations(marks, badges)
        self._rebuild_verdicts()

    def _rebuild_verdicts(self) -> None:
        vocab = tuple(verdicts.vocabulary(self.session))
        if vocab == self._vocab:
            return
        self._vocab = vocab
        for a in self.verdict_actions:
            self.verdict_menu.removeAction(a)
            for target in (self.tabs, self.docks["versions"], self.docks["differences"]):
                target.removeAction(a)
            a.deleteLater()
        self.verdict_actions = verdicts.verdict_actions(self, self.session, self.tag_current)
        for a in self.verdict_actions:
            self.verdict_menu.addAction(a)
            for target in (self.tabs, self.docks["versions"], self.docks["differences"]):
                target.addAction(a)
            a.setEnabled(self.actions_.accept.isEnabled())
        self.verdict_menu.addSeparator()
        self.verdict_menu.addAction(self.actions_.edit_verdicts)

    def edit_verdicts(self) -> None:
        if self.session.store is None:
            self.show_status("Open a folder first: verdicts are kept in its store")
            return
        verdicts.VerdictsDialog(self.session, self).exec()
        self.refresh_tags_shown()

    def edit_preferences(self) -> None:
        verdicts.PreferencesDialog(self.session, self).exec()

    def accept_suggested(self) -> None:
        t = self._target()
        a = self.session.alignment
        if t is None or a is None:
            return
        g = tagging.group_of(a, *t)
        if g is not None:
            self.tag_current(g.kind.value)

    def clear_current(self) -> None:
        t = self._target("no tag removed")
        if t is not None and tagging.clear(self.session, *t):
            self.show_status("Tag removed")

    def edit_note(self) -> None:
        if self._target("no note to write") is not None:
            self.docks["annotation"].show()
            self.docks["annotation"].raise_()
            self.annotation.focus_note()

    # --- alignment corrections --------------------------------------------------------------------
    def unlink_current(self) -> None:
        t = self._target("nothing unlinked")
        if t is not None:
            self.show_status(linking.unlink(self.session, *t))

    def link_current(self, choice: tuple[tuple[int, ...], tuple[int, ...]] | None = None) -> None:
        t = self._target("nothing linked")
        if t is None:
            return
        if choice is None:
            options = linking.candidates(self.session, *t)
            if not options:
                return
            labels = [o[0] for o in options]
            label, ok = QInputDialog.getItem(
                self, "Link Paragraphs", "Pair this difference with:", labels, 0, False
            )
            if not ok:
                return
            _l, base, other = options[labels.index(label)]
            choice = (base, other)
        self.show_status(linking.link(self.session, t[0], *choice))

    def compare_with(self, version_id: str) -> None:
        """Put ``version_id`` on the left: every version is re-aligned against it."""
        a = self.session.alignment
        if a is None or version_id == a.base or self.session.busy():
            return
        self.show_status(f"Comparing every version with {version_id}…")
        self.session.set_base(version_id)

    def set_current_as_base(self) -> None:
        if self.session.current_version:
            self.session.set_base(self.session.current_version)

    # --- export and dialogs ----------------------------------------------------------------------
    def export_csv(self, path: str | None = None) -> None:
        from reader.ui import dialogs  # on first use (see the module docstring)

        if dialogs.export(self, self.session, "csv", path):
            self._start_progress()

    def export_json(self, path: str | None = None) -> None:
        from reader.ui import dialogs  # on first use (see the module docstring)

        if dialogs.export(self, self.session, "json", path):
            self._start_progress()

    def _start_progress(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()

    def _on_exported(self, message: str) -> None:
        self._end_progress()
        self.show_status(message)

    def _on_export_failed(self, message: str) -> None:
        self._end_progress()
        if message == "cancelled":
            self.show_status("Export cancelled")
            return
        self.show_status(f"Export failed: {message}")
        QMessageBox.warning(self, "Export failed", message)

    def open_sample(self) -> None:
        self.open_folder(str(sample_folder()))

    def reopen_with_encoding(self, choice: str | None = None) -> None:
        from reader.ui import dialogs  # on first use (see the module docstring)

        vid = self.versions.selected_id() or self.session.current_version
        dialogs.choose_encoding(self, self.session, vid, choice)

    def export_report(self, kind: str, fmt: str, path: str | None = None) -> None:
        from reader.ui import dialogs  # on first use (see the module docstring)

        dialogs.export_report(self, self.session, kind, fmt, path)

    def _on_task_finished(self, channel: str, result: object) -> None:
        if channel == REPORT_CHANNEL:
            self.show_status(f"Exported to {result}")

    def _on_task_failed(self, channel: str, message: str, _tb: str) -> None:
        if channel == REPORT_CHANNEL:
            self.show_status(f"Export failed: {message}")
            QMessageBox.warning(self, "Export failed", message)

    def show_about(self) -> None:
        from reader.ui import dialogs  # on first use (see the module docstring)

        dialogs.about(self)

    def show_shortcuts(self) -> None:
        from reader.ui import dialogs  # on first use (see the module docstring)

        dialogs.shortcuts(self, self.actions_.all())

    # --- drag and drop, state ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and folder_problem(urls[0].toLocalFile()) is None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            self.open_folder(urls[0].toLocalFile())
            event.acceptProposedAction()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            # dock sizes apply only once the window has its real size
            self._sized = True
            if self.session.settings.load_bytes("state") is None:
                self._size_docks()

    def _size_docks(self) -> None:
        """The starting proportions: the comparison gets most of the height, the lists a
        strip below it, the annotation panel a column on the right."""
        w, h = self.width(), self.height()
        self.resizeDocks(
            [self.docks["versions"], self.docks["differences"]],
            [int(w * 0.4), int(w * 0.6)],
            Qt.Orientation.Horizontal,
        )
        self.resizeDocks(
            [self.docks["versions"]], [max(150, int(h * 0.27))], Qt.Orientation.Vertical
        )
        self.resizeDocks(
            [self.docks["annotation"]], [max(240, int(w * 0.21))], Qt.Orientation.Horizontal
        )

    def reset_layout(self) -> None:
        """View → Reset Layout: every dock back where it started, the window on screen."""
        self.restoreState(self._default_state)
        for key in ("annotation", "versions", "differences"):
            self.docks[key].show()
            self.docks[key].raise_()
        if not self.isMaximized() and not self.isFullScreen():
            size = initial_size()
            if self.width() > size[0] or self.height() > size[1]:
                self.resize(*size)
        self._size_docks()
        self.show_status("Layout reset")

    def choose_columns(self) -> None:
        """View → Choose Versions Shown: the versions the all-versions mode shows."""
        from reader.ui import dialogs  # on first use (see the module docstring)

        a = self.session.alignment
        if a is None:
            return
        chosen = dialogs.choose_versions(self, a, self.compare.shown_versions())
        if chosen is not None:
            self.compare.set_shown_versions(chosen)
            if not self.compare.is_all_versions():
                self.compare.set_all_versions(True)

    def export_tags_report(self, fmt: str, path: str | None = None) -> None:
        """File → Export Report → Tagged Differences as HTML or PDF."""
        from reader.ui import tags_report  # on first use (see the module docstring)

        tags_report.export(self, self.session, fmt, path)

    def _restore_state(self) -> None:
        st = self.session.settings
        geometry = st.load_bytes("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = st.load_bytes("state")
        if state is not None:
            self.restoreState(state)
        self.compare.set_show_cosmetic(st.flag("show_cosmetic", True))

    def save_state(self) -> None:
        st = self.session.settings
        st.save_bytes("geometry", QByteArray(self.saveGeometry()))
        st.save_bytes("state", QByteArray(self.saveState()))
        st.set_flag("show_cosmetic", self.compare.show_cosmetic())
        st.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.session.close()
        QTimer.singleShot(0, lambda: None)
        super().closeEvent(event)

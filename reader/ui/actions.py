"""The window's actions and menus: every command, its shortcut, and where it lives.

Owns: creating the ``QAction``s (text, shortcuts, status tips) and the menu bar.
The single-key tagging keys (A, O, L, C, N, S, Return, Delete) are bound only while
focus is in the comparison or the lists, so typing a note or a search never tags.
Slots live on the window (``MainWindow``); this module only wires them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from reader.engine.reconcile import REPORTS

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

SINGLE_KEY = "single"

REPORT_TITLES = {
    "reconcile": "Reconciled Text",
    "quotes": "Quotes Compared",
    "facts": "Facts That Differ",
    "sources": "Sources (Who Copied Whom)",
}
FORMAT_NAMES = {"md": "Markdown", "html": "HTML", "json": "JSON", "csv": "CSV", "text": "Text"}
REPORT_CHANNEL = "report"
"""The runner channel a report export runs on (``dialogs.export_report``)."""


class Actions:
    """All actions of one window, by attribute name."""

    def __init__(self, w: MainWindow) -> None:
        self.w = w
        self.single_key: list[QAction] = []
        s = w.session

        def act(
            text: str,
            slot: Callable[..., object] | None,
            keys: tuple[str, ...] = (),
            tip: str = "",
            *,
            single: bool = False,
            checkable: bool = False,
        ) -> QAction:
            a = QAction(text, w)
            if keys:
                a.setShortcuts([QKeySequence(k) for k in keys])
            if tip:
                a.setStatusTip(tip)
                a.setToolTip(f"{tip} ({keys[0]})" if keys else tip)
            a.setCheckable(checkable)
            if slot is not None:
                if checkable:
                    a.toggled.connect(slot)
                else:
                    a.triggered.connect(lambda _checked=False: slot())
            if single:
                a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.single_key.append(a)
            else:
                w.addAction(a)
            return a

        # File
        self.open = act(
            "&Open Folder…",
            w.choose_folder,
            ("Ctrl+O",),
            "Open a folder of saved versions of one story",
        )
        self.open_archive = act(
            "Open &Web Archive…",
            w.choose_archive,
            ("Ctrl+Shift+O",),
            "Open a web archive (.warc, .warc.gz, .wacz): its captures are the versions",
        )
        self.open_sample = act(
            "Open the &Sample Story",
            w.open_sample,
            (),
            "Open the bundled sample: versions of an invented story",
        )
        self.reload = act(
            "&Reload", s.reload, ("F5", "Ctrl+R"), "Re-read changed files and re-anchor annotations"
        )
        self.reopen_encoding = act(
            "Reopen With &Encoding…",
            w.reopen_with_encoding,
            (),
            "Read the selected version's file with another encoding (kept with the folder)",
        )
        self.export_csv = act(
            "Export &CSV…", w.export_csv, ("Ctrl+E",), "Export every tag and note as CSV"
        )
        self.export_json = act(
            "Export &JSON…",
            w.export_json,
            ("Ctrl+Shift+E",),
            "Export every tag and note as W3C Web Annotations (JSON)",
        )

        self.reports: list[QAction] = []
        for kind, formats in REPORTS.items():
            for fmt in formats:
                self.reports.append(
                    act(
                        f"{REPORT_TITLES[kind]} as {FORMAT_NAMES[fmt]}…",
                        lambda kind=kind, fmt=fmt: w.export_report(kind, fmt),
                        (),
                        f"Export the {REPORT_TITLES[kind].lower()} of every version as "
                        f"{FORMAT_NAMES[fmt]}",
                    )
                )
        self.quit = act("&Quit", w.close, ("Ctrl+Q",), "Quit Version Reader")
        # Edit
        self.undo = s.undo_stack.createUndoAction(w, "&Undo")
        self.undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo = s.undo_stack.createRedoAction(w, "&Redo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        w.addAction(self.undo)
        w.addAction(self.redo)
        self.find = act(
            "&Find in All Versions…", w.focus_search, ("Ctrl+F",), "Search every version's text"
        )
        # Go
        self.next_diff = act(
            "&Next Difference", lambda: w.step(1), ("Alt+Down", "F7"), "Go to the next difference"
        )
        self.prev_diff = act(
            "&Previous Difference",
            lambda: w.step(-1),
            ("Alt+Up", "Shift+F7"),
            "Go to the previous difference",
        )
        self.next_untagged = act(
            "Next &Untagged Difference",
            lambda: w.step(1, untagged=True),
            ("N",),
            "Go to the next difference without a tag",
            single=True,
        )
        self.next_version = act(
            "Next &Version",
            lambda: w.step_version(1),
            ("Ctrl+PgDown",),
            "Compare the next version with the base",
        )
        self.prev_version = act(
            "Pre&vious Version",
            lambda: w.step_version(-1),
            ("Ctrl+PgUp",),
            "Compare the previous version with the base",
        )
        # Tag
        self.accept = act(
            "&Accept Suggested Kind",
            w.accept_suggested,
            ("S", "Space"),
            "Tag the difference with the kind the aligner found",
            single=True,
        )
        self.tag_added = act(
            "Tag as A&dded",
            lambda: w.tag_current("added"),
            ("A", "1"),
            "Tag: this version adds text",
            single=True,
        )
        self.tag_omitted = act(
            "Tag as &Omitted",
            lambda: w.tag_current("omitted"),
            ("O", "2"),
            "Tag: this version leaves out text",
            single=True,
        )
        self.tag_altered = act(
            "Tag as A&ltered",
            lambda: w.tag_current("altered"),
            ("L", "3"),
            "Tag: this version changes the wording",
            single=True,
        )
        self.tag_cosmetic = act(
            "Tag as &Cosmetic",
            lambda: w.tag_current("cosmetic"),
            ("C", "4"),
            "Tag: typography only",
            single=True,
        )
        self.note = act(
            "Edit &Note…",
            w.edit_note,
            ("Return", "Enter"),
            "Write a note on the difference",
            single=True,
        )
        self.clear_tag = act(
            "C&lear Tag",
            w.clear_current,
            ("Delete",),
            "Remove the tag and note of the difference",
            single=True,
        )
        self.edit_verdicts = act(
            "Edit &Verdicts…",
            w.edit_verdicts,
            (),
            "The team's verdicts (misquote, verified, …): colours and keys",
        )
        self.preferences = act(
            "&Preferences…", w.edit_preferences, (), "Your name, recorded on every edit"
        )
        self.tags_report_html = act(
            "Tagged Differences as HTML…",
            lambda: w.export_tags_report("html"),
            (),
            "The tagged differences side by side, with verdicts and notes, for an editor",
        )
        self.tags_report_pdf = act(
            "Tagged Differences as PDF…",
            lambda: w.export_tags_report("pdf"),
            (),
            "The tagged differences side by side, with verdicts and notes, as a PDF",
        )
        # Alignment
        self.link = act(
            "&Link Paragraphs…",
            w.link_current,
            ("Ctrl+L",),
            "Pair this difference with paragraphs of the other side",
        )
        self.unlink = act(
            "&Unlink Paragraphs",
            w.unlink_current,
            ("Ctrl+U",),
            "Separate the paragraphs this difference pairs",
        )
        self.set_base = act(
            "Set as &Base",
            w.set_current_as_base,
            ("Ctrl+B",),
            "Compare every version against the compared version",
        )
        # View
        self.show_cosmetic = act(
            "Show &Cosmetic Differences",
            w.compare.set_show_cosmetic,
            ("Ctrl+Shift+C",),
            "Highlight typographic-only changes",
            checkable=True,
        )
        self.show_cosmetic.setChecked(True)
        self.all_versions = act(
            "&All Versions Side by Side",
            w.compare.set_all_versions,
            ("Ctrl+Shift+A",),
            "One column per version",
            checkable=True,
        )
        self.reset_layout = act(
            "&Reset Layout", w.reset_layout, (), "Put every panel back where it started"
        )
        self.choose_columns = act(
            "Choose &Versions Shown…",
            w.choose_columns,
            (),
            "Which versions the all-versions mode shows",
        )
        # Help
        self.shortcuts = act(
            "&Keyboard Shortcuts", w.show_shortcuts, ("F1",), "List every keyboard shortcut"
        )
        self.about = act("&About Version Reader", w.show_about, (), "Versions and licence")

    def build_menus(self) -> None:
        w = self.w
        mb = w.menuBar()
        file = mb.addMenu("&File")
        file.addAction(self.open)
        file.addAction(self.open_archive)
        w.recent_menu = file.addMenu("Open &Recent")
        file.addAction(self.open_sample)
        file.addAction(self.reload)
        file.addAction(self.reopen_encoding)
        file.addSeparator()
        file.addAction(self.export_csv)
        file.addAction(self.export_json)
        reports = file.addMenu("Export &Report")
        reports.addAction(self.tags_report_html)
        reports.addAction(self.tags_report_pdf)
        reports.addSeparator()
        for report in self.reports:
            reports.addAction(report)
        file.addSeparator()
        file.addAction(self.quit)
        edit = mb.addMenu("&Edit")
        edit.addAction(self.undo)
        edit.addAction(self.redo)
        edit.addSeparator()
        edit.addAction(self.find)
        edit.addSeparator()
        edit.addAction(self.preferences)
        go = mb.addMenu("&Go")
        for a in (
            self.next_diff,
            self.prev_diff,
            self.next_untagged,
            None,
            self.next_version,
            self.prev_version,
        ):
            go.addSeparator() if a is None else go.addAction(a)
        tag = mb.addMenu("&Tag")
        for a in (
            self.accept,
            None,
            self.tag_added,
            self.tag_omitted,
            self.tag_altered,
            self.tag_cosmetic,
            None,
            self.note,
            self.clear_tag,
            None,
        ):
            tag.addSeparator() if a is None else tag.addAction(a)
        w.verdict_menu = tag.addMenu("&Verdicts")
        w.verdict_menu.addAction(self.edit_verdicts)
        align = mb.addMenu("&Alignment")
        for a in (self.link, self.unlink, None, self.set_base):
            align.addSeparator() if a is None else align.addAction(a)
        w.view_menu = mb.addMenu("&View")
        w.view_menu.addAction(self.show_cosmetic)
        w.view_menu.addAction(self.all_versions)
        w.view_menu.addAction(self.choose_columns)
        w.view_menu.addAction(self.reset_layout)
        w.view_menu.addSeparator()
        help_ = mb.addMenu("&Help")
        help_.addAction(self.shortcuts)
        help_.addAction(self.about)

    def editing(self) -> list[QAction]:
        """Actions that write to or export the store (on once it is open, reloads included)."""
        return [
            self.accept,
            self.tag_added,
            self.tag_omitted,
            self.tag_altered,
            self.tag_cosmetic,
            self.note,
            self.clear_tag,
            self.link,
            self.unlink,
            self.reopen_encoding,
            self.export_csv,
            self.export_json,
        ]

    def all(self) -> list[QAction]:
        return [v for v in vars(self).values() if isinstance(v, QAction)]

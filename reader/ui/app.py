"""The desktop app's bootstrap: QApplication, settings, session, window; ``main(argv)``.

Owns: process-level Qt setup (application names, high-DPI policy, offscreen for
headless screenshots), the ``--screenshot`` flow (load, align, paint, save PNG,
exit 0) and turning an unexpected exception into a readable message instead of a
crash. ``reader.commands.gui`` calls ``run``; ``python -m reader.ui.app`` calls ``main``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

log = logging.getLogger(__name__)
SCREENSHOT_TIMEOUT_MS = 180_000


def _headless() -> bool:
    return not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or sys.platform in ("win32", "darwin")
    )


SHOW_EMPTY_AFTER_MS = 300


def run(
    folder: str | None = None,
    *,
    store: str | None = None,
    screenshot: str | None = None,
    base: str | None = None,
    settings_path: str | None = None,
) -> int:
    """Start the app (optionally opening ``folder``); returns the exit code."""
    if screenshot and _headless():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif _headless() and not os.environ.get("QT_QPA_PLATFORM"):
        # Qt would abort with a plugin error; say what to do instead
        print(
            "version-reader: no display found (DISPLAY/WAYLAND_DISPLAY unset); run it in "
            "a desktop session, or use --screenshot FILE.png",
            file=sys.stderr,
        )
        return 2
    # Qt is imported after the display check above: a headless run gets a message, not a Qt abort.
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from reader import __version__
    from reader.paths import resource
    from reader.ui.session import Session
    from reader.ui.settings import APPLICATION, ORGANISATION, Settings

    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    icon = resource("icons/version-reader.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))

    tmp: tempfile.TemporaryDirectory[str] | None = None
    if screenshot and settings_path is None:
        # a screenshot shows the default layout and never touches the user's settings
        tmp = tempfile.TemporaryDirectory(prefix="version-reader-")
        settings_path = str(Path(tmp.name) / "settings.ini")
    settings = Settings(settings_path)
    session = Session(settings, store_path=store)
    # Loaded with the session already (it checks every path it opens); a folder, or a web
    # archive of captures opened on its own, can be opened.
    from reader.engine.extract import folder_problem

    bad_folder = bool(folder) and folder_problem(str(folder)) is not None
    # Like the Qt imports above: after the display check (and the window's modules are
    # the biggest part of the UI's import time, paid once QApplication is up).
    from reader.ui.main_window import DEFAULT_SIZE, MainWindow

    window = MainWindow(session)
    if folder and not bad_folder:
        # Started once the window is built, not before: the worker's imports competing
        # with the window's for the interpreter lock cost more than the overlap saves
        # (measured with benchmarks/bench_startup.py). Results come once the loop runs.
        session.open_folder(folder, base=base)
    if screenshot:
        # the screenshot shows the default size, whatever geometry a settings file holds
        window.resize(*DEFAULT_SIZE)
    code = {"value": 0}

    def excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if screenshot:
            code["value"] = 2
            app.quit()
            return
        window.show_status(f"Unexpected error: {exc}")
        QMessageBox.warning(
            window,
            "Something went wrong",
            f"{kind.__name__}: {exc}\n\nYour work is saved; you can carry on.",
        )

    sys.excepthook = excepthook

    if screenshot:
        target = screenshot

        def shoot() -> None:
            window.differences.step(1)
            app.processEvents()
            image = window.grab()
            if not image.save(target):
                print(f"version-reader: cannot write {target}", file=sys.stderr)
                code["value"] = 2
            app.quit()

        def failed(message: str) -> None:
            print(f"version-reader: {message}", file=sys.stderr)
            code["value"] = 2
            app.quit()

        session.loaded.connect(lambda: QTimer.singleShot(0, shoot))
        session.load_failed.connect(failed)
        if not folder:
            QTimer.singleShot(100, shoot)
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: failed("timed out"))

    if os.environ.get("VERSION_READER_TRACE_STARTUP"):
        # for benchmarks/bench_startup.py: say when the aligned comparison is first painted
        def painted() -> None:
            window.grab()
            print("version-reader: startup: aligned window painted", file=sys.stderr, flush=True)

        session.aligned.connect(
            lambda: QTimer.singleShot(0, painted), Qt.ConnectionType.SingleShotConnection
        )

    if bad_folder:
        problem = folder_problem(str(folder)) or f"{folder}: not a folder"
        if screenshot:
            print(f"version-reader: {problem}", file=sys.stderr)
            return 2
        window.show_status(problem)
    if folder and not bad_folder:
        # Launched on a folder: show the window with its content rather than paint it
        # empty first (that paint competes with the loading for the interpreter);
        # a big folder shows it, with the progress bar, after SHOW_EMPTY_AFTER_MS.
        def show_once() -> None:
            if not window.isVisible():
                window.show()

        session.aligned.connect(show_once)
        session.load_failed.connect(lambda _message: show_once())
        QTimer.singleShot(SHOW_EMPTY_AFTER_MS, show_once)
    else:
        window.show()
    result = app.exec()
    if tmp is not None:
        tmp.cleanup()
    return code["value"] or int(result)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="version-reader-gui")
    parser.add_argument("folder", nargs="?")
    parser.add_argument("--store")
    parser.add_argument("--screenshot")
    parser.add_argument("--base")
    parser.add_argument("--settings")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    return run(
        args.folder,
        store=args.store,
        screenshot=args.screenshot,
        base=args.base,
        settings_path=args.settings,
    )


if __name__ == "__main__":
    sys.exit(main())

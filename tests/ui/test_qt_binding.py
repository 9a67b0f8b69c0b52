"""The Qt binding itself must be sound: PySide6-Essentials 6.12.0 is not.

In 6.12.0 every ``Signal.emit()`` drops a reference to ``True``; after enough emits
(one per keyboard step through the differences) the interpreter aborts with "bool_dealloc:
deallocating True or False". pyproject.toml excludes that release; this test catches a
binding with the same fault. It runs in a subprocess, because the fault kills the
process that has it.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

_PROBE = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Emitter(QObject):
    plain = Signal()
    pair = Signal(str, int)

app = QCoreApplication([])
e = Emitter()
before = sys.getrefcount(True), sys.getrefcount(False)
for _ in range(200):
    e.plain.emit()
    e.pair.emit("version.txt", 3)
after = sys.getrefcount(True), sys.getrefcount(False)
print(after[0] - before[0], after[1] - before[1])
"""


def test_signal_emit_keeps_references_to_true_and_false() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["0", "0"], out.stdout

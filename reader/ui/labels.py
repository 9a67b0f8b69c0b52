"""Version labels for every list, header and dialog: short, and never two alike.

Owns: a one-entry cache of ``model.version_labels`` for the alignment on screen, so
every widget names a version the same way (two files of one outlet, or of an unknown
outlet, get a distinguishing date, file name or number).
"""

from __future__ import annotations

from reader.engine.model import Alignment, version_labels

_cache: tuple[Alignment | None, dict[str, str]] = (None, {})


def labels(alignment: Alignment | None) -> dict[str, str]:
    """id -> label for the versions of ``alignment`` ({} for None)."""
    global _cache
    if alignment is None:
        return {}
    if _cache[0] is not alignment:
        _cache = (alignment, version_labels(alignment.versions))
    return _cache[1]


def label(alignment: Alignment | None, version_id: str) -> str:
    """The label of one version (its file name when it is not in ``alignment``)."""
    return labels(alignment).get(version_id) or version_id.rsplit("/", 1)[-1]

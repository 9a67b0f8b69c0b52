"""Names of a package loaded on first use: the one ``__getattr__`` the step packages share.

Owns: the lazy loading (PEP 562) that lets the UI and the CLI import a step package's
public names without importing its modules until a name is used, so the window paints
before the aligner, the store or the text rules are loaded (``docs/app.md``). Each
package keeps a table of its names and the module that defines each; the type checker
reads the same names from the package's ``TYPE_CHECKING`` imports. Imports only the
standard library.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_getattr(
    package: str, where: Mapping[str, str], modules: frozenset[str] = frozenset()
) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``.

    :param where: public name -> the submodule of ``package`` that defines it.
    :param modules: submodules offered by name (``store.edits``).
    :return: the function; a name it loads is kept in the package's namespace, so the
        import happens once.
    """

    def __getattr__(name: str) -> Any:
        if name in modules:
            value = importlib.import_module(f"{package}.{name}")
        else:
            module = where.get(name)
            if module is None:
                raise AttributeError(f"module {package!r} has no attribute {name!r}")
            value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__

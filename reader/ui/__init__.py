"""The desktop app (PySide6): presents engine results and turns user edits into engine
edits. Holds no business rules."""

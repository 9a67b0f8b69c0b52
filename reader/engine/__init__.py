"""The engine: loading, extraction, normalisation, alignment, classification, storage,
export and reconciliation. Pure Python; imports no Qt (checked by import-linter and
``tests/test_architecture.py``)."""

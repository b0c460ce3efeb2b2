"""Kompaswaaier: the open catalogue of instruments and examples for the Generiek Kompas.

The package follows the data flow: ``loader`` (YAML file -> data with line
numbers) -> ``schema`` (JSON Schema, Dutch messages) -> ``catalog`` (all files,
cross-file rules) -> ``selection`` (what is published where) -> ``render`` and
``site`` (pages for MkDocs) -> ``search``/``export``.
"""

__version__ = "0.1.0"

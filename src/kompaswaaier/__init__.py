"""Kompaswaaier: the open catalogue of instruments and examples for the Generiek Kompas.

The subpackages are the steps of the data flow, in order: ``load`` (YAML file -> data with line
numbers) -> ``validate`` (schema, rules, the whole catalogue) -> ``select`` (what is published where, at
which level) -> ``publish`` (search index, open data, feed) and ``werkgroep`` (new entries, links,
evaluation) -> ``render`` (pages) -> ``mkdocs`` (the adapter) -> ``build`` and ``commands``.
"""

__version__ = "0.1.0"

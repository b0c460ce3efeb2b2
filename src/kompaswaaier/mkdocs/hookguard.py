"""Markdown extension that stops a build in which our hook did not run.

``mkdocs.yml`` lists this extension under ``markdown_extensions``; the hook (``hooks/waaier.py``)
sets its option ``hook_ran`` in ``on_config``. A generator that reads the config but does not run
``hooks:`` (a config without the ``hooks:`` entry, or a tool such as Zensical that ignores it)
still loads the extension, and the first page converted stops the build with a Dutch message
instead of publishing a site without the waaier.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

NAME = "kompaswaaier.mkdocs.hookguard"
MESSAGE = ("De haak hooks/waaier.py heeft niet gedraaid, dus ontbreekt de waaier op deze site; de bouw is afgebroken. "
           "Bouw de site met 'kompaswaaier bouw', of zet 'hooks:' met hooks/waaier.py terug in de instellingen.")


def _error(message: str) -> Exception:
    """MkDocs' own build error when MkDocs (or ProperDocs) is running: it shows just the message."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # another tool that reads mkdocs.yml
        return RuntimeError(message)
    return PluginError(message)


class _Guard(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        raise _error(MESSAGE)


class HookGuard(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"hook_ran": [False, "gezet door hooks/waaier.py (on_config)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  (Python-Markdown's name)
        if not self.getConfig("hook_ran"):
            md.preprocessors.register(_Guard(md), "kompaswaaier_hookguard", 1000)


def makeExtension(**kwargs: Any) -> HookGuard:  # noqa: N802  (Python-Markdown's name)
    return HookGuard(**kwargs)

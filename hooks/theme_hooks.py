"""MkDocs adapter for the site's look: Markdown extensions of the theme layer.

on_config  add plansite/table_layout.py (tables that fit every width) to every page's Markdown

Kept apart from plansite_hooks.py, which adapts the content pipeline; this file only touches
how pages are laid out.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plansite.table_layout import TableLayoutExtension  # noqa: E402


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.markdown_extensions.append(TableLayoutExtension())
    return config

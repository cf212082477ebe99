"""Small readers of built HTML for tests: visible text, links and element ids."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

_SKIP = {"script", "style", "template", "svg"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[tuple[str, str]] = []  # (tag, url) for a[href], link[href], script[src], img[src]
        self.ids: set[str] = set()
        self.html_lang: str | None = None
        self._skip = 0
        self.main_text: list[str] = []
        self._in_main = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _SKIP:
            self._skip += 1
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
            return  # names this page's address; the browser fetches nothing
        for attr in ("href", "src"):
            if attrs.get(attr) and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.links.append((tag, attrs[attr]))
        if tag == "article":
            self._in_main += 1

    def handle_endtag(self, tag):
        if tag in _SKIP and self._skip:
            self._skip -= 1
        if tag == "article" and self._in_main:
            self._in_main -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)
            if self._in_main:
                self.main_text.append(data)


class Page:
    def __init__(self, path: Path):
        self.path = path
        reader = _Reader()
        reader.feed(path.read_text(encoding="utf-8"))
        self.links = reader.links
        self.ids = reader.ids
        self.lang = reader.html_lang
        self.text = normalise(" ".join(reader.text))
        self.article = normalise("".join(reader.main_text))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_for(site: Path, url_path: str) -> Page:
    """'/nhiem-vu/tuyen-truyen/' -> the Page of site/nhiem-vu/tuyen-truyen/index.html."""
    path = site / url_path.strip("/") / "index.html" if not url_path.endswith(".html") else site / url_path.strip("/")
    return Page(path)

"""Opening a page of the served site in Chromium, recording everything a reader's browser would do."""

from __future__ import annotations

import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# WCAG 2.2 AA too (issue 19): among its rules, target-size (every tap target at least 24 px, or spaced)
WCAG_22_AA = [*WCAG_21_AA, "wcag22aa"]
WAIT_MS = 10_000  # every wait is bounded
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@dataclass
class Visit:
    page: object  # playwright Page
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"]

    def axe_violations(self) -> list[str]:
        self.page.add_script_tag(path=str(AXE))
        violations = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
            ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
            WCAG_22_AA)
        return violations

    def search_results(self, query: str) -> tuple[list[str], str]:
        """Result links (in order) and the status line, after the search page answered `query`."""
        self.page.evaluate("delete document.body.dataset.searchDone")  # the same query again waits too
        self.page.fill("#search-page-input", query)
        self.page.press("#search-page-input", "Enter")
        self.page.wait_for_function("q => document.body.dataset.searchDone === q", arg=unicodedata.normalize("NFC", query).strip(),
                                    timeout=WAIT_MS)
        assert self.console_errors == [], self.console_errors
        links = self.page.eval_on_selector_all(".md-search-page__result > a", "as => as.map(a => a.pathname)")
        return links, self.page.inner_text("#search-page-status")


@contextmanager
def visit(browser, url: str, viewport: dict = DESKTOP, media: str | None = None):
    context = browser.new_context(viewport=viewport, service_workers="block")
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    record = Visit(page)
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and record.console_errors.append(message.text))
    page.on("pageerror", lambda error: record.console_errors.append(str(error)))
    if media:
        page.emulate_media(media=media)
    try:
        page.goto(url, wait_until="load")
        yield record
    finally:
        context.close()


# Self-checks, answered as a person would: by the labels on the screen, one step at a time.


def axe(page) -> list[str]:
    # Material's "back to top" button fades in when the page opens scrolled to the result: judge it faded in
    # (two frames first: the scroll that shows it is handled on the next frame)
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function("""() => document.getAnimations().every(a => a.playState !== 'running') &&
        [...document.querySelectorAll('.md-top')].every(t => ['0', '1'].includes(getComputedStyle(t).opacity))""")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        WCAG_21_AA)


def answer_as_a_person(page, check, answers: dict) -> list[list[str]]:
    """Answer each question shown, by its labels; axe's findings at every step."""
    box = page.locator("[data-selfcheck]")
    findings = [axe(page)]
    for _ in range(20):
        if box.get_attribute("data-outcomes"):
            return findings
        step = box.locator("form.selfcheck__step")
        question = check.questions[step.get_attribute("data-question")]
        if question.type == "so":
            page.get_by_label(question.unit, exact=True).fill(answers.get(question.id, ""))
        else:
            labels = dict(check.choices(question))
            value = answers[question.id]
            for choice in [value] if isinstance(value, str) else value:
                step.get_by_label(labels[choice], exact=True).check()
        page.get_by_role("button", name="Tiếp").click()
        findings.append(axe(page))
    raise AssertionError("the form did not reach a result")

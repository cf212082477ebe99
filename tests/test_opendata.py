"""Open data (/du-lieu/): every collection as CSV and JSON, a Frictionless Data Package that
validates, the content schemas and calendar feeds listed, and each record page linking to its
own JSON. Checked on a copy of the project with the fixture content, with
properties that hold for any valid content: no title, date or count of the live content here."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from conftest import fixture_project, run_mkdocs
from plansite import opendata, routes
from plansite.build import prepare
from plansite.pages import navigation

TODAY = dt.date(2026, 1, 15)
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return fixture_project(tmp_path_factory.mktemp("opendata") / "project")


@pytest.fixture(scope="module")
def build(project):
    return prepare(project, today=TODAY)


@pytest.fixture(scope="module")
def published(build, tmp_path_factory) -> Path:
    """The downloads written out as a static host would serve them."""
    root = tmp_path_factory.mktemp("published")
    for path, data in build.files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    return root


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, so Excel reads Vietnamese correctly"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def records(site) -> dict[str, list]:
    """Each top-level table's records, read from the model directly: (plan id or None, entity)."""
    shared = {"agencies": site.agencies, "references": site.references, "glossary": site.glossary,
              "obligations": site.obligations, "contacts": site.contacts, "trainings": site.trainings,
              "topics": site.topics, "businesses": site.business_kinds, "guidance": site.guidance, "faq": site.faq,
              "selfchecks": [site.wrap(c) for c in site.selfchecks], "allowed": site.allowed}
    result = {name: [(None, e) for e in entities] for name, entities in shared.items()}
    result["plans"] = [(p.id, p) for p in site.plans]
    result["tasks"] = [(p.id, t) for p in site.plans for t in p.tasks]
    result["sections"] = [(p.id, s) for p in site.plans for s in p.sections]
    result["deliverables"] = [(p.id, d) for p in site.plans for d in p.deliverables]
    return result


def test_every_csv_round_trips_with_a_row_per_record_and_every_id(build):
    tables = {t.name: t for t in opendata.tables()}
    expected = records(build.site)
    assert set(expected) == {name for name, t in tables.items() if t.parent is None}
    for name, table in tables.items():
        rows = read_csv(build.files[table.path])
        header = list(rows[0]) if rows else next(csv.reader(io.StringIO(build.files[table.path].decode("utf-8-sig"))))
        assert header == [c.name for c in table.columns]
        assert all(SNAKE.match(column) for column in header), header
        assert len(header) == len(set(header)), f"{name}: a column name twice"
        if table.parent is not None:
            continue
        assert len(rows) == len(expected[name]), name
        if "id" in header:
            found = {(row.get("plan_id") or None, row["id"]) for row in rows}
            ids = {(plan if name != "plans" else None, e.id if name == "plans" else e.record.id)
                   for plan, e in expected[name]}
            assert found == ids, name
        if "plan_id" in header:
            assert {row["plan_id"] for row in rows} <= {p.id for p in build.site.plans}


def test_child_tables_hold_every_nested_entry(build):
    site = build.site
    sources = sum(len(o.record.sources) for o in site.obligations)
    assert len(read_csv(build.files[f"{routes.DATA_DIR}/csv/obligations_sources.csv"])) == sources
    duties = read_csv(build.files[f"{routes.DATA_DIR}/csv/duties.csv"])
    assert len(duties) == sum(len(s.record.duties) for p in site.plans for s in p.sections)
    for row in duties:  # each duty points at its section, and its position is its number there
        plan = site.plan_by_id[row["plan_id"]]
        section = next(s for s in plan.sections if str(s.record.number) == row["section_number"])
        assert section.record.duties[int(row["position"]) - 1].text == row["text"]


def test_lists_in_one_cell_are_joined_as_documented(build):
    site = build.site
    rows = {(r["plan_id"], r["id"]): r for r in read_csv(build.files[f"{routes.DATA_DIR}/csv/tasks.csv"])}
    for plan in site.plans:
        for task in plan.tasks:
            row = rows[(plan.id, task.record.id)]
            assert row["cites"] == ";".join(task.record.cites)
            assert row["text"] == task.record.text
    references = {r["id"]: r for r in read_csv(build.files[f"{routes.DATA_DIR}/csv/references.csv"])}
    for reference in site.references:
        assert references[reference.record.id]["facts"] == "\n".join(reference.record.facts)
        date = references[reference.record.id]["date"]
        assert date == (reference.record.date.isoformat() if reference.record.date else "")


def test_json_is_the_records_model_dump_with_ids_and_iso_dates(build):
    site = build.site
    files = build.files
    agencies = json.loads(files[f"{routes.DATA_DIR}/json/agencies.json"])
    assert agencies == {"agencies": [a.record.model_dump(mode="json") for a in site.agencies]}
    tasks = json.loads(files[f"{routes.DATA_DIR}/json/tasks.json"])
    assert tasks == {p.id: {"tasks": [t.record.model_dump(mode="json") for t in p.tasks]}
                     for p in site.plans if p.full_text}
    plans = json.loads(files[f"{routes.DATA_DIR}/json/plans.json"])
    assert set(plans) == {p.id for p in site.plans}
    obligations = json.loads(files[f"{routes.DATA_DIR}/json/obligations.json"])["obligations"]
    assert obligations and all(ISO_DATE.match(o["starts"]) and ISO_DATE.match(o["reviewed"]) for o in obligations)

    combined = json.loads(files[opendata.COMBINED])
    assert combined["today"] == TODAY.isoformat()
    for path, data in files.items():
        if path.startswith(f"{routes.DATA_DIR}/json/"):
            name = path.rsplit("/", 1)[1][:-len(".json")]
            assert combined[name] == json.loads(data), name


def test_each_record_has_its_own_json(build):
    site = build.site
    entities = [*site.plans, *site.agencies, *site.references, *site.topics, *site.business_kinds,
                *site.obligations, *site.guidance]
    entities += [e for p in site.plans for e in (*p.tasks, *p.deliverables)]
    for entity in entities:
        assert json.loads(build.files[routes.record_json(entity)]) == entity.record.model_dump(mode="json")
    assert build.downloads.record_files == len(entities)


def test_datapackage_describes_every_csv_with_keys(build):
    package = json.loads(build.files[opendata.DATAPACKAGE])
    csvs = {p for p in build.files if p.endswith(".csv")}
    assert {f"{routes.DATA_DIR}/{r['path']}" for r in package["resources"]} == csvs
    by_name = {r["name"]: r for r in package["resources"]}
    for resource in package["resources"]:
        schema = resource["schema"]
        assert schema["primaryKey"], resource["name"]
        names = [f["name"] for f in schema["fields"]]
        assert set(schema["primaryKey"]) <= set(names)
        for key in schema.get("foreignKeys", []):
            target = by_name[key["reference"]["resource"]] if key["reference"]["resource"] else resource
            assert set(key["reference"]["fields"]) <= {f["name"] for f in target["schema"]["fields"]}
        if "plan_id" in names and resource["name"] != "plans":
            assert any(k["fields"][0] == "plan_id" for k in schema["foreignKeys"]), resource["name"]
    tasks = {f["name"]: f for f in by_name["tasks"]["schema"]["fields"]}
    assert tasks["number"]["type"] == "integer" and by_name["tasks"]["schema"]["primaryKey"] == ["plan_id", "id"]
    references = {f["name"]: f for f in by_name["references"]["schema"]["fields"]}
    assert references["date"]["type"] == "date" and "enum" in references["kind"]["constraints"]
    assert {"fields": ["issuer"], "reference": {"resource": "agencies", "fields": ["id"]}} \
        in by_name["references"]["schema"]["foreignKeys"]


def test_frictionless_validates_the_package(published):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(published / opendata.DATAPACKAGE))
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    errors += [error.message for error in report.errors]
    assert report.valid, "\n".join(errors[:20])
    assert len(report.tasks) == len(json.loads((published / opendata.DATAPACKAGE).read_text())["resources"])


def test_frictionless_catches_a_broken_foreign_key(published, tmp_path):
    """The keys are declared, not decorative: a task of a plan that does not exist is an error."""
    frictionless = pytest.importorskip("frictionless")
    copy = tmp_path / "copy"
    shutil.copytree(published / routes.DATA_DIR, copy)
    rows = read_csv((copy / "csv" / "tasks.csv").read_bytes())
    rows[0]["plan_id"] = "khong-co-ke-hoach-nay"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    (copy / "csv" / "tasks.csv").write_bytes(out.getvalue().encode("utf-8-sig"))
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def test_schemas_and_feeds_are_published_and_listed(build, project):
    schemas = sorted((project / "content" / "schema").glob("*.schema.json"))
    assert schemas
    for source in schemas:
        assert build.files[f"{routes.DATA_DIR}/schema/{source.name}"] == source.read_bytes()
    assert [d.path for d in build.downloads.schemas] == [f"{routes.DATA_DIR}/schema/{s.name}" for s in schemas]
    feeds = sorted(p for p in build.files if p.endswith(".ics"))
    assert feeds and sorted(d.path for d in build.downloads.feeds) == feeds
    listed = [d.path for d in (*build.downloads.tables, *build.downloads.collections, *build.downloads.package)]
    assert all(path in build.files for path in listed)
    for download in (*build.downloads.tables, *build.downloads.feeds):
        assert download.size == len(build.files[download.path])


def test_the_data_page_is_planned_and_in_the_main_navigation(build):
    """Issue 19: a journalist finds the open data among the site's tabs, not only in the footer."""
    page = next(p for p in build.pages if p.src_uri == routes.DATA)
    assert page.context["downloads"] is build.downloads
    sections = navigation(build.site, build.pages)
    assert any(section.pages[0] == routes.DATA for section in sections)


# The built site


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, class of the enclosing element)
        self._classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], " ".join(self._classes)))
        if tag in ("p", "div", "footer"):
            self._classes.append(attrs.get("class") or "")

    def handle_endtag(self, tag):
        if tag in ("p", "div", "footer") and self._classes:
            self._classes.pop()


def links_of(html_file: Path) -> list[tuple[str, str]]:
    parser = Links()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser.links


@pytest.fixture(scope="module")
def built(project, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_mkdocs(project, site, env={"PLANSITE_TODAY": TODAY.isoformat()})
    assert result.returncode == 0, result.stderr
    return site


def served_file(site: Path, page_src: str) -> Path:
    folder = routes.served(page_src)
    return site / ("index.html" if folder == "." else f"{folder}/index.html")


def url_of(page_src: str) -> str:
    """The page's address on a made-up host, to resolve its relative links against."""
    folder = routes.served(page_src)
    return "http://x/" + ("" if folder == "." else f"{folder}/")


def test_every_record_page_links_its_json_and_the_file_is_there(build, built):
    record_templates = {"task.md.j2", "agency.md.j2", "reference.md.j2", "topic.md.j2", "business.md.j2",
                        "plan.md.j2", "plan_summary.md.j2"}
    checked = 0
    for page in build.pages:
        if page.template not in record_templates:
            continue
        entity = next(v for k, v in page.context.items() if k in ("task", "agency", "reference", "topic", "kind")) \
            if page.template not in ("plan.md.j2", "plan_summary.md.j2") else page.context["plan"]
        html = served_file(built, page.src_uri)
        json_links = [urljoin(url_of(page.src_uri), href) for href, classes in links_of(html)
                      if "record-data" in classes and href.endswith(".json")]
        assert json_links == [f"http://x/{routes.record_json(entity)}"], page.src_uri
        target = built / unquote(json_links[0][len("http://x/"):])
        assert target.is_file(), target
        assert json.loads(target.read_text(encoding="utf-8")) == entity.record.model_dump(mode="json")
        checked += 1
    assert checked >= len(build.site.main_plan.tasks) + len(build.site.agencies)


def test_the_data_page_links_every_download_and_the_footer_links_the_page(build, built):
    page = served_file(built, routes.DATA)
    linked = {urljoin(url_of(routes.DATA), href)[len("http://x/"):] for href, _ in links_of(page)}
    downloads = build.downloads
    for download in (*downloads.tables, *downloads.collections, *downloads.package, *downloads.schemas,
                     *downloads.feeds):
        assert download.path in linked, download.path
        assert (built / download.path).is_file()
    for src in (routes.HOME, routes.page_of(build.site.main_plan.tasks[0])):
        footer = [href for href, classes in links_of(served_file(built, src)) if "site-open-data" in classes]
        assert len(footer) == 1, src
        assert urljoin(url_of(src), footer[0]) == f"http://x/{routes.DATA_DIR}/"


# The Excel workbook, for people (plansite/spreadsheet.py)


def test_the_workbook_opens_with_vietnamese_sheets_headings_names_and_caveats(build):
    """Issue 19: a journalist's spreadsheet. Opened with openpyxl, as Excel would read it."""
    from openpyxl import load_workbook

    from plansite import schema, spreadsheet

    site = build.site
    book = load_workbook(io.BytesIO(build.files[spreadsheet.PATH]))
    assert {"Nhiệm vụ", "Mốc thời gian", "Văn bản", "Đơn vị"} <= set(book.sheetnames)

    def table(name):
        rows = list(book[name].iter_rows(values_only=True))
        header = list(rows[0])
        assert all(h and not SNAKE.match(h) for h in header), header  # headings in words, not field names
        return header, [dict(zip(header, row)) for row in rows[1:]]

    # headings from the schema's own descriptions
    header, rules = table("Mốc thời gian")
    assert spreadsheet.heading(schema.Obligation, "starts") in header
    assert spreadsheet.heading(schema.Obligation, "starts") == "Ngày bắt đầu áp dụng"
    assert len(rules) == len(site.obligations)
    for obligation, row in zip(site.obligations, rules):
        assert row["Quy định"] == obligation.record.title
        assert row["Ngày bắt đầu áp dụng"].date() == obligation.record.starts  # a date, not text
        assert row[spreadsheet.CAVEATS] == (opendata_caveats(obligation) or spreadsheet.VERIFIED)
        assert row[spreadsheet.TODAY].startswith(obligation.standing.label)
    assert any(row[spreadsheet.CAVEATS] != spreadsheet.VERIFIED for row in rules)  # the fixture has caveats

    # every task, with its effective period filled in and the plan it comes from, named
    header, tasks = table("Nhiệm vụ")
    expected = [(p, t) for p in site.plans for t in p.tasks]
    assert len(tasks) == len(expected) > 0
    for (plan, task), row in zip(expected, tasks):
        assert row["Kế hoạch"] == plan.label
        assert row["Thời gian thực hiện"] == str(task.effective_period) != ""
        assert row["Bắt đầu"].date() == task.effective_period.start
        assert row["Kế hoạch: tình trạng hôm nay"] in ("Đang áp dụng", "Đã kết thúc", "Chưa bắt đầu hoặc chưa rõ")

    # names beside codes
    _, duties = table("Việc được giao")
    names = {a.record.id: a.name for a in site.agencies}
    assert duties and all(row["Đơn vị"] == names[row["Mã đơn vị"]] for row in duties)
    _, bodies = table("Đơn vị")
    assert [row["Mã đơn vị"] for row in bodies] == [a.record.id for a in site.agencies]


def opendata_caveats(entity) -> str:
    from plansite.claims import caveat_text
    return caveat_text(entity)


def test_the_data_page_leads_with_the_workbook(build):
    from plansite import spreadsheet

    page = build.markdown[routes.DATA]
    first_step = page.split("**Việc làm trước tiên:**", 1)[1].split("\n", 1)[0]
    assert "du-lieu.xlsx" in first_step
    assert page.index("du-lieu.xlsx") < page.index(".csv") and page.index("du-lieu.xlsx") < page.index(".json")
    assert build.downloads.workbook.path == spreadsheet.PATH

"""The typed site model: validated records plus the relations derived from them.

Relations (who leads a task, where a reference is cited) are computed once here, from
ids, so templates never search raw data and a title change never breaks a link.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from plansite.glossary import alphabetical
from plansite.periods import Period
from plansite.schema import (
    Agency,
    BusinessKind,
    Deliverable,
    Duty,
    FaqEntry,
    GuidanceItem,
    LegalReference,
    Plan,
    PublicGuide,
    SelfCheckFile,
    Task,
    Term,
    Topic,
)


@dataclass(frozen=True)
class Citation:
    """One place in the plan that cites a legal reference."""

    label: str  # e.g. "Phần I, mục 1"
    anchor: str  # id of the element on the full-plan page
    page: str | None  # src_uri of the record page that also shows it, if any


@dataclass(frozen=True)
class AssignedDuty:
    """A duty from section IV, seen from a task or a partner agency."""

    agency: Agency
    number: int  # 1-based position within the agency's duties
    duty: Duty

    @property
    def anchor(self) -> str:
        return f"iv-{self.agency.section}-{self.number}" if self.agency.section else f"{self.agency.id}-{self.number}"


@dataclass
class Site:
    plan: Plan
    tasks: list[Task]
    deliverables: list[Deliverable]
    agencies: list[Agency]
    references: list[LegalReference]
    glossary: list[Term]
    sources: dict[str, str]  # content type name -> content file path, for edit links
    topics: list[Topic] = field(default_factory=list)
    business_kinds: list[BusinessKind] = field(default_factory=list)
    guidance: list[GuidanceItem] = field(default_factory=list)
    public: PublicGuide | None = None
    faq: list[FaqEntry] = field(default_factory=list)
    selfchecks: SelfCheckFile | None = None
    extra: dict[str, object] = field(default_factory=dict)  # further content types

    def __post_init__(self) -> None:
        self.tasks = sorted(self.tasks, key=lambda t: t.number)
        self.deliverables = sorted(self.deliverables, key=lambda d: d.number)
        self.task = {t.id: t for t in self.tasks}
        self.agency = {a.id: a for a in self.agencies}
        self.reference = {r.id: r for r in self.references}
        self.sections = sorted((a for a in self.agencies if a.section), key=lambda a: a.section)
        self.topic = {t.id: t for t in self.topics}
        self.glossary_alphabetical = alphabetical(self.glossary)
        self.business_kind = {k.id: k for k in self.business_kinds}
        self.guidance_item = {g.id: g for g in self.guidance}
        self.deliverable = {d.id: d for d in self.deliverables}
        self._relate()
        self._relate_guidance()

    # Derived relations

    def _relate(self) -> None:
        self.leads: dict[str, list[Agency]] = defaultdict(list)
        self.supporters: dict[str, list[Agency]] = defaultdict(list)
        self.duties_for_task: dict[str, list[AssignedDuty]] = defaultdict(list)
        self.duties_naming: dict[str, list[AssignedDuty]] = defaultdict(list)
        self.deliverables_for_task: dict[str, list[Deliverable]] = defaultdict(list)
        self.deliverables_for_agency: dict[str, list[Deliverable]] = defaultdict(list)
        self.citations: dict[str, list[Citation]] = defaultdict(list)
        self.amends: dict[str, list[LegalReference]] = defaultdict(list)
        self.successor_of: dict[str, list[Agency]] = defaultdict(list)

        for agency in self.agencies:
            for number, duty in enumerate(agency.duties, start=1):
                assigned = AssignedDuty(agency, number, duty)
                for task_id in duty.tasks:
                    self.duties_for_task[task_id].append(assigned)
                    role_list = self.supporters if duty.role == "phoi-hop" else self.leads
                    _append_once(role_list[task_id], agency)
                for partner in duty.partners:
                    self.duties_naming[partner].append(assigned)
                for ref in duty.cites:
                    label = f"Phần IV, mục {agency.section}, ý {number}" if agency.section else agency.name
                    self.citations[ref].append(Citation(label, assigned.anchor, self.agency_page(agency)))
            if agency.successor and agency.successor.agency and agency.successor.agency != agency.id:
                self.successor_of[agency.successor.agency].append(agency)
        for task_id, leads in self.leads.items():
            lead_ids = {a.id for a in leads}
            self.supporters[task_id] = [a for a in self.supporters[task_id] if a.id not in lead_ids]
        for deliverable in self.deliverables:
            for task_id in deliverable.tasks:
                self.deliverables_for_task[task_id].append(deliverable)
            for agency_id in dict.fromkeys([*deliverable.lead, *deliverable.coordinators]):
                self.deliverables_for_agency[agency_id].append(deliverable)
        # The inverse relations, built once: asking them per agency would cost O(agencies × tasks).
        self._tasks_led: dict[str, list[Task]] = defaultdict(list)
        self._tasks_supported: dict[str, list[Task]] = defaultdict(list)
        self._issued: dict[str, list[LegalReference]] = defaultdict(list)
        for task in self.tasks:
            for agency in self.leads.get(task.id, []):
                self._tasks_led[agency.id].append(task)
            for agency in self.supporters.get(task.id, []):
                self._tasks_supported[agency.id].append(task)
        for reference in self.references:
            if reference.issuer:
                self._issued[reference.issuer].append(reference)

        for ref in self.plan.legal_basis:
            self.citations[ref].insert(0, Citation("Phần căn cứ", "can-cu", None))
        for number, purpose in enumerate(self.plan.purposes, start=1):
            for ref in purpose.cites:
                self.citations[ref].append(Citation(f"Phần I, mục {number}", f"i-{number}", None))
        for task in self.tasks:
            for ref in task.cites:
                self.citations[ref].append(Citation(f"Phần II, nhiệm vụ {task.number}", f"ii-{task.number}",
                                                    self.task_page(task)))
        self.citations = {ref: sorted(places, key=_citation_order) for ref, places in self.citations.items()}
        for reference in self.references:
            for other in reference.amended_by:
                self.amends[other].append(reference)

    def _relate_guidance(self) -> None:
        self.items_for_topic: dict[str, list[GuidanceItem]] = defaultdict(list)
        self.items_for_kind: dict[str, list[GuidanceItem]] = defaultdict(list)
        self.items_for_audience: dict[str, list[GuidanceItem]] = defaultdict(list)
        self.guidance_citing: dict[str, list[GuidanceItem]] = defaultdict(list)
        for item in self.guidance:
            self.items_for_topic[item.topic].append(item)
            for kind in item.business_kinds:
                self.items_for_kind[kind].append(item)
            for audience in item.audiences:
                self.items_for_audience[audience].append(item)
            for source in item.sources:
                _append_once(self.guidance_citing[source.ref], item)
        self.topics_for_kind: dict[str, list[Topic]] = {
            kind.id: [t for t in self.topics if any(i.topic == t.id for i in self.items_for_kind[kind.id])]
            for kind in self.business_kinds}

    # Questions templates ask

    def period_of(self, task: Task) -> Period:
        return task.period or self.plan.period

    def references_for_task(self, task: Task) -> list[LegalReference]:
        """What the task cites, then what the section IV duties tied to it cite."""
        ids = list(task.cites)
        for assigned in self.duties_for_task.get(task.id, []):
            ids += [i for i in assigned.duty.cites if i not in ids]
        return [self.reference[i] for i in ids]

    def references_issued_by(self, agency: Agency) -> list[LegalReference]:
        return self._issued.get(agency.id, [])

    def tasks_led_by(self, agency: Agency) -> list[Task]:
        return self._tasks_led.get(agency.id, [])

    def tasks_supported_by(self, agency: Agency) -> list[Task]:
        return self._tasks_supported.get(agency.id, [])

    def is_cited_by_plan(self, reference: LegalReference) -> bool:
        return bool(self.citations.get(reference.id))

    # Page addresses (src_uri), one place for all of them

    @staticmethod
    def task_page(task: Task) -> str:
        return f"nhiem-vu/{task.id}.md"

    @staticmethod
    def agency_page(agency: Agency) -> str:
        return f"don-vi/{agency.id}.md"

    @staticmethod
    def reference_page(reference: LegalReference) -> str:
        return f"van-ban/{reference.id}.md"

    @staticmethod
    def topic_page(topic: Topic) -> str:
        return f"huong-dan/{topic.id}.md"

    @staticmethod
    def business_page(kind: BusinessKind) -> str:
        return f"doanh-nghiep/{kind.id}.md"

    @staticmethod
    def selfcheck_page(check_id: str) -> str:
        return f"huong-dan/tu-kiem-tra-{check_id}.md"

    GUIDANCE_INDEX = "huong-dan/index.md"
    BUSINESS_INDEX = "doanh-nghiep/index.md"
    PUBLIC_PAGE = "nguoi-dan/index.md"
    GLOSSARY_PAGE = "thuat-ngu/index.md"
    FAQ_PAGE = "hoi-dap/index.md"


def _citation_order(citation: Citation) -> tuple:
    order = {"can": 0, "i": 1, "ii": 2, "iv": 3}
    head, *rest = citation.anchor.split("-")
    return (order.get(head, 9), [int(x) if x.isdigit() else 0 for x in rest])


def _append_once(items: list, item) -> None:
    # identity, not ==: pydantic's field-by-field equality is costly, and ids are unique
    if all(existing is not item for existing in items):
        items.append(item)

"""The typed site model: validated records, with ids resolved and relations derived, on one day.

Pages read attributes only. Each record is wrapped in an `Entity`, whose reference fields
(declared on the schema with `Ref`/`PlanRef`) return the records they name, whose nested
records are entities too, and whose vocabulary fields have a `<field>_label`. The relations
that run the other way (which sections of which plans name an agency, where a document is
cited) are computed once here. Nothing here knows page addresses: that is plansite/routes.py.

`Site.today` is the build's date; what holds on it (an obligation in force or coming, a plan
in force or ended, a target year passed) is computed here, so every page says the same.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel

from plansite import claims, schema
from plansite.glossary import alphabetical
from plansite.names import agencies_named
from plansite.periods import Period
from plansite.textfmt import quantity as quantity_text
from plansite.references import ref_fields
from plansite.vocab import vocabulary_of


class Entity:
    """A record as pages see it: its fields, with ids resolved into the entities they name."""

    entity_type = "record"

    def __init__(self, record: BaseModel, site: Site, plan: Plan | None = None):
        self.record = record
        self.site = site
        self.plan = plan

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("record", "site", "plan"):
            raise AttributeError(name)
        if name.endswith("_label") and name[:-6] in type(self.record).model_fields:
            info = type(self.record).model_fields[name[:-6]]
            vocabulary = _vocabulary(info)
            value = getattr(self.record, name[:-6])
            if vocabulary is None:
                raise AttributeError(name)
            result = vocabulary.label(value) if value is not None else None
        else:
            value = getattr(self.record, name)
            declared = _declared(type(self.record)).get(name)
            if declared and declared.target and value is not None:
                resolve = self.site.resolver(declared.target, self.plan)
                result = [resolve(v) for v in value] if declared.many else resolve(value)
            elif declared and declared.model and value is not None:
                result = [self.site.wrap(v, self.plan) for v in value] if declared.many \
                    else self.site.wrap(value, self.plan)
            else:
                result = value
        self.__dict__[name] = result  # computed once per entity
        return result

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {getattr(self.record, 'id', '')}>"

    @functools.cached_property
    def caveats(self) -> tuple[claims.Caveat, ...]:
        """What qualifies this record's claim wherever it is shown (plansite/claims.py): its own flag and
        unverified parts, the unknown standing of a document it cites, and the caveats of the obligations
        and guidance it rests on (any field declared as a reference to those collections)."""
        fields = type(self.record).model_fields
        inherited = []
        for declared in _declared(type(self.record)).values():
            if declared.target and declared.target.collection in claims.CLAIM_COLLECTIONS:
                value = getattr(self, declared.name)
                for rested_on in (value if declared.many else [value] if value is not None else []):
                    inherited.extend(rested_on.caveats)
        sources = claims.standing_of_sources(self.sources) if "sources" in fields else []
        return claims.gather(claims.own(self), sources, inherited)


@functools.cache
def _declared(model: type[BaseModel]) -> dict[str, Any]:
    """The reference and nested-record fields of a model, by name (read once per model)."""
    return {f.name: f for f in ref_fields(model)}


def _vocabulary(info) -> Any:
    found = vocabulary_of(info.metadata)
    pending = [info.annotation]
    while found is None and pending:
        annotation = pending.pop()
        found = vocabulary_of(getattr(annotation, "__metadata__", ()))
        pending.extend(getattr(annotation, "__args__", ()))
    return found


# One entity class per kind of record that has relations or questions of its own


class Plan(Entity):
    entity_type = "plan"
    id: str
    tasks: list[Task]
    deliverables: list[Deliverable]
    sections: list[Section]
    sources: dict[str, str]

    @property
    def starts(self) -> dt.date | None:
        return self.record.period.start or self.record.date

    @property
    def ends(self) -> dt.date:
        return self.record.period.end

    @property
    def full_text(self) -> bool:
        return self.record.text is not None

    @property
    def in_force(self) -> bool:
        """Issued, and the build's date within its period."""
        start = self.starts
        return (self.record.status == "ban-hanh" and (start is None or start <= self.site.today)
                and self.site.today <= self.ends)

    @property
    def over(self) -> bool:
        return self.site.today > self.ends

    def parts_of(self, role: str) -> list[Part]:
        """The parts of its full text with this role (plansite/vocab.py PART_ROLES); none without a full text."""
        return [p for p in self.text.parts if p.record.role == role] if self.text is not None else []

    @property
    def task_parts(self) -> list[Part]:
        return self.parts_of("nhiem-vu")

    @property
    def duty_part(self) -> Part | None:
        return next(iter(self.parts_of("to-chuc")), None)

    @property
    def target_items(self) -> list[PlanItem]:
        """The items of its "Mục tiêu" parts, verbatim (a plan the site only summarises has `targets`)."""
        return [item for part in self.parts_of("muc-tieu") for item in part.items]

    @property
    def label(self) -> str:
        """"Kế hoạch 362/KH-UBND", or its short title while its number is unknown."""
        kind = schema.REFERENCE_KINDS.label(self.record.kind)
        return f"{kind} {self.record.number}" if self.record.number else self.record.short_title


class Part(Entity):
    """A part of a plan's text (I, II, …); its role says what it holds."""

    entity_type = "part"
    tasks: list[Task]  # for a part of role "nhiem-vu"
    sections: list[Section]  # for the part of role "to-chuc"


@dataclass(frozen=True)
class HeaderCell:
    title: str
    colspan: int = 1
    rowspan: int = 1

    @property
    def scope(self) -> str:
        return "colgroup" if self.colspan > 1 else "col"


class Appendix(Entity):
    """An appendix of a plan's text: its title and its table's columns."""

    entity_type = "appendix"

    @property
    def header(self) -> list[list[HeaderCell]]:
        """The header rows: a column under a merged cell (`group`) sits in the second row."""
        columns = self.record.columns
        two_rows = any(c.group for c in columns)
        first: list[HeaderCell] = []
        for index, column in enumerate(columns):
            if not column.group:
                first.append(HeaderCell(column.title, 1, 2 if two_rows else 1))
            elif index == 0 or columns[index - 1].group != column.group:
                span = 1
                while index + span < len(columns) and columns[index + span].group == column.group:
                    span += 1
                first.append(HeaderCell(column.group, span))
        second = [HeaderCell(c.title) for c in columns if c.group]
        return [first, second] if two_rows else [first]


class PlanItem(Entity):
    """One numbered item or paragraph of a part, a task or a duty, verbatim."""

    entity_type = "plan-item"


class Task(Entity):
    entity_type = "task"
    related_duties: list[Duty]
    deliverables: list[Deliverable]
    plan_part: Part
    position: int  # 1-based within its part

    @property
    def numbering(self) -> str:
        """Its numbering as the plan writes it: "1.", or the label it was given ("a)")."""
        return self.record.label or f"{self.record.number}."

    @property
    def effective_period(self) -> Period:
        return self.record.period or self.plan.record.period


class Deliverable(Entity):
    entity_type = "deliverable"

    @property
    def amount(self) -> str:
        """"02 lớp", as lists show it; empty when the appendix gives no quantity or unit."""
        quantity = quantity_text(self.record.quantity) if self.record.quantity is not None else ""
        unit = (self.record.unit or "").lower()
        return " ".join(w for w in (quantity, unit) if w)

    @property
    def effective_period(self) -> Period:
        return self.record.period or self.plan.record.period


class Section(Entity):
    entity_type = "section"
    duties: list[Duty]
    plan_part: Part

    @property
    def title(self) -> str:
        """The body as the plan names it in the heading."""
        return self.record.heading or self.agency.name


class Duty(Entity):
    entity_type = "duty"
    section: Section
    number: int  # 1-based within its section


class Agency(Entity):
    entity_type = "agency"
    sections: list[Section]  # sections of plans that this agency heads
    named_in: list[Duty]  # duties of other bodies whose text names it
    deliverables: list[Deliverable]
    issued: list[Reference]
    predecessors: list[Agency]
    named_by_main_plan: bool


class Reference(Entity):
    entity_type = "reference"
    citations: list[Citation]
    amends: list[Reference]
    succeeds: list[Reference]  # documents this one is the newer rulebook of
    guidance: list[GuidanceItem]
    obligations: list[Obligation]
    plans: list[Plan]  # plans that are this document

    @property
    def cited_by_a_plan(self) -> bool:
        return bool(self.citations)


class Topic(Entity):
    entity_type = "topic"
    items: list[GuidanceItem]
    obligations: list[Obligation]


class BusinessKind(Entity):
    entity_type = "business"
    items: list[GuidanceItem]
    obligations: list[Obligation]
    topics: list[Topic]

    @property
    def trainings(self) -> list[Entity]:
        """Classes open for registration on the build's date, for this kind (or for every kind)."""
        return [t for t in self.site.open_trainings
                if not t.record.business_kinds or self.record.id in t.record.business_kinds]


class GuidanceItem(Entity):
    entity_type = "item"

    @property
    def target_passed(self) -> bool:
        return self.record.target_year is not None and self.record.target_year < self.site.today.year


STATES = {"dang-ap-dung": "Đang áp dụng", "sap-ap-dung": "Sắp áp dụng", "het-hieu-luc": "Hết hiệu lực"}


@dataclass(frozen=True)
class Standing:
    """Where an obligation stands on the build's date."""

    state: str  # a key of STATES
    days_left: int | None  # days until it starts, while it is coming
    next_due: dt.date | None  # for a yearly duty: the next "before this day" date
    certain: bool = True  # false when a document it rests on has an unknown standing: it started, but may not hold today

    @property
    def label(self) -> str:
        if self.state == "dang-ap-dung" and not self.certain:
            return "Đã áp dụng, chưa rõ hiệu lực hiện nay"
        return STATES[self.state]


class Obligation(Entity):
    entity_type = "obligation"
    allowed: list[Entity]  # its "Được / Không được" lines (content/guidance/allowed.yml)

    @property
    def standing(self) -> Standing:
        today, record = self.site.today, self.record
        state, days = record.state_on(today)
        if state == "het-hieu-luc":
            return Standing(state, None, None)
        due = None
        if record.yearly_due:
            due = record.yearly_due.next_after(max(today, record.starts))
            if record.ends is not None and due > record.ends:
                due = None
        return Standing(state, days, due, claims.standing_known(self.caveats))


class FaqEntry(Entity):
    entity_type = "faq"


class Contact(Entity):
    entity_type = "contact"


ENTITY_CLASSES: dict[type[BaseModel], type[Entity]] = {
    schema.Plan: Plan, schema.Task: Task, schema.Deliverable: Deliverable, schema.Section: Section,
    schema.Duty: Duty, schema.Agency: Agency, schema.LegalReference: Reference, schema.Topic: Topic,
    schema.BusinessKind: BusinessKind, schema.GuidanceItem: GuidanceItem, schema.Obligation: Obligation,
    schema.FaqEntry: FaqEntry, schema.Contact: Contact,
    schema.Part: Part, schema.Item: PlanItem, schema.Appendix: Appendix,
}


@dataclass(frozen=True)
class Citation:
    """One place in a plan's text that names a legal reference."""

    entity_type: ClassVar[str] = "citation"
    plan: Plan
    part: Part | None  # None: the preamble
    number: int | None  # the item's position in its part (an item of a part)
    record: Entity | None  # the task or the duty, when the citation sits in one

    @property
    def label(self) -> str:
        if self.part is None:
            return "Phần căn cứ"
        where = f"Phần {self.part.record.number}"
        if self.record is None:
            return f"{where}, mục {self.number}"
        if self.record.entity_type == "task":
            return f"{where}, nhiệm vụ {self.record.record.number}"
        duty = self.record
        return f"{where}, mục {duty.section.record.number}, ý {duty.number}"


@dataclass
class PlanContent:
    """What content.py hands over for one plan folder."""

    id: str
    record: schema.Plan
    tasks: list[schema.Task]
    sections: list[schema.Section]
    deliverables: list[schema.Deliverable]
    sources: dict[str, str]  # content type -> file path, for edit links


SHARED_COLLECTIONS = ("agencies", "references", "glossary", "obligations", "trainings", "topics", "businesses",
                      "guidance", "faq")
PLAN_COLLECTIONS = ("tasks", "deliverables")


@dataclass
class Site:
    today: dt.date
    plans: list[PlanContent]
    agencies: list[schema.Agency]
    references: list[schema.LegalReference]
    glossary: list[schema.Term]
    obligations: list[schema.Obligation]
    contacts: list[schema.Contact]
    trainings: list[schema.Training]
    topics: list[schema.Topic]
    business_kinds: list[schema.BusinessKind]
    guidance: list[schema.GuidanceItem]
    allowed: list[schema.AllowedRule]  # "Được / Không được", one entry per obligation
    public: schema.PublicGuide
    faq: list[schema.FaqEntry]
    selfchecks: list[schema.SelfCheck]
    sources: dict[str, str]  # content type -> content file path, for edit links
    index: dict[str, dict[str, Entity]] = field(default_factory=dict, init=False)
    locations: dict[int, tuple[str, int]] = field(default_factory=dict, init=False)  # id(record) -> (file, line)

    def __post_init__(self) -> None:
        for name in SHARED_COLLECTIONS:
            records = getattr(self, name if name != "businesses" else "business_kinds")
            entities = [self.wrap(r) for r in records]
            setattr(self, name if name != "businesses" else "business_kinds", entities)
            self.index[name] = {e.record.id: e for e in entities}
        self.contacts = [self.wrap(c) for c in self.contacts]
        self.public = self.wrap(self.public)
        self.plans = self._load_plans(self.plans)
        self.plan_by_id = {p.id: p for p in self.plans}
        self.main_plan = next(p for p in self.plans if p.record.main)
        self.glossary_alphabetical = alphabetical(self.glossary)
        self._relate_plans()
        self._relate_references()
        self._relate_guidance()
        self._relate_allowed()

    # Resolving ids

    def wrap(self, record: BaseModel, plan: Plan | None = None) -> Entity:
        return ENTITY_CLASSES.get(type(record), Entity)(record, self, plan)

    def resolver(self, target: schema.RefTarget, plan: Plan | None):
        if target.qualified:
            def resolve(value: str) -> Entity:
                plan_id, _, record_id = value.partition("/")
                return self.plan_by_id[plan_id].index[target.collection][record_id]
            return resolve
        if target.collection in PLAN_COLLECTIONS:
            return plan.index[target.collection].__getitem__
        return self.index[target.collection].__getitem__

    def _load_plans(self, contents: list[PlanContent]) -> list[Plan]:
        plans = []
        for content in contents:
            plan = Plan(content.record, self)
            plan.id, plan.sources = content.id, content.sources
            plan.plan = plan  # a plan's own fields resolve within itself
            plan.tasks = sorted((Task(t, self, plan) for t in content.tasks), key=lambda t: t.record.number)
            plan.deliverables = sorted((Deliverable(d, self, plan) for d in content.deliverables),
                                       key=lambda d: (d.record.appendix, d.record.number))
            plan.sections = sorted((Section(s, self, plan) for s in content.sections), key=lambda s: s.record.number)
            plan.index = {"tasks": {t.record.id: t for t in plan.tasks},
                          "deliverables": {d.record.id: d for d in plan.deliverables}}
            if plan.text is not None:
                _place_in_parts(plan)
            plans.append(plan)
        # The series oldest first: by the date issued where known, else by when the plan starts.
        return sorted(plans, key=lambda p: (p.record.date or p.starts or p.ends, p.ends, p.id))

    # Derived relations

    def _relate_plans(self) -> None:
        for agency in self.agencies:
            agency.sections, agency.named_in, agency.deliverables, agency.issued = [], [], [], []
            agency.predecessors = []
        for plan in self.plans:
            for task in plan.tasks:
                task.related_duties, task.deliverables = [], []
            for section in plan.sections:
                section.agency.sections.append(section)
                section.duties = []
                for number, duty_record in enumerate(section.record.duties, start=1):
                    duty = Duty(duty_record, self, plan)
                    duty.section, duty.number = section, number
                    section.duties.append(duty)
                    for task in duty.related_tasks:
                        task.related_duties.append(duty)
                    for agency in duty.names:
                        _append_once(agency.named_in, duty)
            for deliverable in plan.deliverables:
                for task in deliverable.tasks:
                    task.deliverables.append(deliverable)
                for agency in [*deliverable.lead, *deliverable.coordinators]:
                    _append_once(agency.deliverables, deliverable)
        for agency in self.agencies:
            successor = agency.successor
            if successor and successor.agency is not None and successor.agency is not agency:
                successor.agency.predecessors.append(agency)
        named = self._named_by(self.main_plan)
        for agency in self.agencies:
            agency.named_by_main_plan = agency.record.id in named

    def _named_by(self, plan: Plan) -> set[str]:
        """Bodies the plan itself names: in its records' references, or by name in its text."""
        ids = {plan.record.issuer}
        for section in plan.sections:
            ids.add(section.record.agency)
            ids.update(a for d in section.record.duties for a in d.names)
        for deliverable in plan.deliverables:
            ids.update([*deliverable.record.lead, *deliverable.record.coordinators])
        # Only bodies its records do not name are looked for in its text (a search of the whole text each)
        unnamed = [a for a in self.agencies if a.record.id not in ids]
        if unnamed:
            ids.update(agencies_named("\n".join(_plan_words(plan)), [a.record for a in unnamed]))
        return ids

    def _relate_references(self) -> None:
        for reference in self.references:
            reference.citations, reference.amends, reference.succeeds = [], [], []
            reference.guidance, reference.obligations, reference.plans = [], [], []
        for reference in self.references:
            if reference.issuer is not None:
                reference.issuer.issued.append(reference)
            for other in reference.amended_by:
                other.amends.append(reference)
            if reference.newer is not None:
                reference.newer.succeeds.append(reference)
        for plan in self.plans:
            if plan.reference is not None:
                plan.reference.plans.append(plan)
            if plan.text is None:
                continue
            for reference in plan.text.legal_basis:
                reference.citations.append(Citation(plan, None, None, None))
            for part in plan.text.parts:
                for number, item in enumerate(part.items, start=1):
                    for reference in item.cites:
                        _append_citation(reference, Citation(plan, part, number, None))
            for task in plan.tasks:
                for reference in [*task.cites, *(r for item in task.items for r in item.cites)]:
                    _append_citation(reference, Citation(plan, task.plan_part, None, task))
            for section in plan.sections:
                for duty in section.duties:
                    for reference in [*duty.cites, *(r for item in duty.items for r in item.cites)]:
                        _append_citation(reference, Citation(plan, section.plan_part, None, duty))

    def _relate_guidance(self) -> None:
        for holder in [*self.topics, *self.business_kinds]:
            holder.items, holder.obligations = [], []
        for item in self.guidance:
            item.topic.items.append(item)
            for kind in item.business_kinds:
                kind.items.append(item)
            for source in item.sources:
                _append_once(source.ref.guidance, item)
        self.obligations.sort(key=lambda o: (o.record.starts, o.record.id))  # every list of them reads by date
        for obligation in self.obligations:
            obligation.topic.obligations.append(obligation)
            for kind in obligation.business_kinds:
                kind.obligations.append(obligation)
            for source in obligation.sources:
                _append_once(source.ref.obligations, obligation)
        for kind in self.business_kinds:
            topics = {o.record.topic for o in kind.obligations} | {i.record.topic for i in kind.items}
            kind.topics = [t for t in self.topics if t.record.id in topics]

    def _relate_allowed(self) -> None:
        """Each obligation's plain lines: they take its date, standing and caveats where shown."""
        for obligation in self.obligations:
            obligation.allowed = []
        for rule in self.allowed:
            wrapped = self.wrap(rule)
            wrapped.obligation.allowed += wrapped.lines

    # Questions pages ask

    @property
    def plans_in_force(self) -> list[Plan]:
        return [p for p in self.plans if p.in_force]

    @property
    def open_trainings(self) -> list[Entity]:
        return [t for t in self.trainings if t.record.register_until >= self.today]

    @functools.cached_property
    def unverified(self) -> list[tuple[Entity, list[str]]]:
        """The records whose own flag, parts or unknown standing qualify claims shown on the site, each once
        with what is not verified about it (the review queue of `make check` and `make audit`)."""
        claims_shown = [*self.obligations, *self.guidance, *self.faq, *self.references, *self.plans, *self.contacts,
                        *(entry for kind in self.business_kinds for entry in kind.checklist)]
        origins: dict[int, tuple[Entity, list[str]]] = {}
        for entity in claims_shown:
            for caveat in entity.caveats:
                _, texts = origins.setdefault(id(caveat.origin.record), (caveat.origin, []))
                if caveat.sentence not in texts:
                    texts.append(caveat.sentence)
        return list(origins.values())

    @property
    def public_obligations(self) -> list[Obligation]:
        """What people themselves must do, by start date (a kind of business has `kind.obligations`)."""
        return [o for o in self.obligations if o.record.public]


def _place_in_parts(plan: Plan) -> None:
    """Each task and section in its part of the text; each part with its tasks or sections."""
    parts = plan.text.parts
    for part in parts:
        part.tasks, part.sections = [], []
    task_parts = [p for p in parts if p.record.role == "nhiem-vu"]
    by_number = {p.record.number: p for p in task_parts}
    for task in plan.tasks:
        task.plan_part = by_number[task.record.part] if task.record.part else task_parts[0]
        task.plan_part.tasks.append(task)
        task.position = len(task.plan_part.tasks)
    duty_part = next((p for p in parts if p.record.role == "to-chuc"), None)
    for section in plan.sections:
        section.plan_part = duty_part
        duty_part.sections.append(section)


def _append_citation(reference: Reference, citation: Citation) -> None:
    # one line per place: a task that names a document in its text and in a sub-item is cited once
    if all((c.plan, c.part, c.number, c.record) != (citation.plan, citation.part, citation.number, citation.record)
           for c in reference.citations):
        reference.citations.append(citation)


def _plan_words(plan: Plan) -> list[str]:
    """Every sentence of the plan's own text."""
    text = plan.record.text
    words = [*text.preamble, *(i.text for p in text.parts for i in p.items), text.closing or "", *text.recipients]
    words += [w for t in plan.tasks for w in (t.record.text, *(i.text for i in t.record.items))]
    words += [w for s in plan.sections for d in s.record.duties for w in (d.text, *(i.text for i in d.items))]
    words += [s.record.heading for s in plan.sections if s.record.heading]
    words += [w for d in plan.deliverables for w in (d.record.description, *(c.text for c in d.record.cells))]
    return words


def _append_once(items: list, item) -> None:
    # identity, not ==: pydantic's field-by-field equality is costly, and ids are unique
    if all(existing is not item for existing in items):
        items.append(item)

"""The content schema: one pydantic model per content type, with Vietnamese field help.

These models are the single definition of what a content file may contain. The JSON
Schema files in `content/schema/` and the field reference in CONTRIBUTING.md are
generated from them (`scripts/gen_schema.py`), so the three cannot drift apart.
Fields a source does not confirm are optional and stay empty (None) rather than guessed.

The models live in one module per content family; this module gathers them, so the rest of
the pipeline reads `schema.Obligation` without knowing which file declares it:
- `schema_types`: field types (text, ids, dates, periods, `Ref`/`PlanRef`, sources);
- `schema_bodies`: agencies, contacts, legal references, the glossary;
- `schema_plans`: a plan folder (plan.yml, tasks, deliverables, duties);
- `schema_guidance`: obligations, guidance, topics, kinds of business, the public page, FAQ;
- `schema_selfchecks`: the self-checks;
- `schema_allowed`: “Được / Không được”, the plain lists under a rule.
"""

from __future__ import annotations

from plansite.schema_types import (  # noqa: F401 - re-exported
    Date, DayMonth, Id, PeriodField, PlanRef, Record, Ref, RefTarget, Source, Sources, Text, YearlyDay, ref_target)
from plansite.schema_bodies import (  # noqa: F401 - re-exported
    Agency, AgencyFile, Contact, ContactFile, GlossaryFile, LegalReference, ReferenceFile, Successor, Term)
from plansite.schema_plans import (  # noqa: F401 - re-exported
    Appendix, AppendixColumn, Cell, Deliverable, DeliverableFile, Duty, DutyFile, Item, Part, Plan, PlanText, ReportedIssue, Section, Signature, Task, TaskFile)
from plansite.schema_guidance import (  # noqa: F401 - re-exported
    BusinessKind, BusinessKindFile, ChecklistEntry, FaqEntry, FaqFile, GuidanceFile, GuidanceItem, Obligation, ObligationFile, PublicGuide, Topic, TopicFile, Training, TrainingFile)
from plansite.schema_allowed import AllowedFile, AllowedLine, AllowedRule, Picture  # noqa: F401 - re-exported
from plansite.schema_selfchecks import (  # noqa: F401 - re-exported
    AnswerValue, Choice, Outcome, Question, Range, Rule, SelfCheck, SelfCheckExample, SelfCheckFile)

# vocabularies, as the models' fields name them
from plansite.vocab import (ALLOWED_KINDS, AGENCY_KINDS, APPENDIX_FIELDS, AUDIENCES, DUTY_ROLES, FIGURES,  # noqa: F401,E402
                            GUIDANCE_KINDS, ICONS, PART_ROLES, PICTURES, PLAN_STATUSES, REVIEW_FIELDS, REFERENCE_KINDS,
                            REFERENCE_STATUSES)
from plansite.schema_types import _ID, _check_id, _parse_date  # noqa: F401,E402 - the id rule and date parser, for content.py and gen_schema

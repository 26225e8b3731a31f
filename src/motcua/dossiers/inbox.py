"""The officers' inbox (hộp việc): which dossiers wait for whom, counted and filtered.

Every tab is a `Q` over `selectors.visible_dossiers`, so that one aggregate counts them all and
the list of a tab is one query, whatever the data:

- `mine` (chờ tôi xử lý): the current step's handler is the officer or a colleague they stand
  in for, or nobody is assigned and they (or that colleague) hold the step's role in its unit;
- `unit` (của đơn vị): every open dossier of their units;
- `overdue` (quá hạn): past the appointment or the current step past its due moment;
- `today` (đến hạn hôm nay): the appointment or the step due later today;
- `intake` (chờ tiếp nhận): filed online, waiting for a desk where they are a counter officer;
- `consult` (xin ý kiến): a consultation their unit has not answered yet.

`unit_overdue` is the leaders' list of late dossiers and late steps of the units they lead.
Search folds diacritics in the database (`Folded`), as `core.text.fold` does in Python.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Lower

from motcua.accounts.models import Role, User, UserKind
from motcua.accounts.selectors import agencies_where, is_system_admin, principals_of
from motcua.agencies.selectors import with_their_agencies
from motcua.agencies.structure import INTERNAL_KINDS
from motcua.core import clock
from motcua.core.text import fold
from motcua.documents.models import StoredFile
from motcua.dossiers.models import (
    Consultation,
    Dossier,
    DossierComponent,
    IssuedPaper,
    ResultDocument,
    Status,
)
from motcua.dossiers.rules import OFFICER_ROLES
from motcua.dossiers.selectors import (
    CLOCK_STOPPED,
    overdue_now,
    steps_overdue_now,
)

MINE, UNIT, OVERDUE, TODAY, INTAKE, CONSULT = (
    "mine",
    "unit",
    "overdue",
    "today",
    "intake",
    "consult",
)
TABS = (MINE, UNIT, OVERDUE, TODAY, INTAKE, CONSULT)
STEP_ROLES = (Role.COUNTER_OFFICER, Role.SPECIALIST, Role.LEADER, Role.RECORDS_CLERK)
SORTS = ("due", "appointment", "newest")


# ---------------------------------------------------------------- folding in the database


def _folding_table() -> tuple[str, str]:
    """Every precomposed Latin letter with marks (À … ỹ, Đ đ) and its folded ASCII letter."""
    source, target = [], []
    for code in range(0xC0, 0x1EFA):
        letter = chr(code)
        plain = fold(letter)
        if len(plain) == 1 and plain.isascii() and plain.isalpha() and plain != letter.lower():
            source.append(letter)
            target.append(plain)
    return "".join(source), "".join(target)


FOLD_FROM, FOLD_TO = _folding_table()


class Folded(Func):
    """`core.text.fold` of a text column, in SQL: PostgreSQL translates the marked letters away
    (then lower-cases plain ASCII, whatever the database's locale); SQLite calls `fold` itself."""

    arity = 1
    output_field = CharField()

    def as_sql(self, compiler, connection, **extra):
        translated = Func(
            *self.source_expressions, Value(FOLD_FROM), Value(FOLD_TO), function="TRANSLATE"
        )
        return Lower(translated).as_sql(compiler, connection, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        connection.ensure_connection()
        connection.connection.create_function(
            "motcua_fold", 1, lambda text: fold(text) if text is not None else None
        )
        return super().as_sql(compiler, connection, function="motcua_fold", **extra)


# ---------------------------------------------------------------- the tabs


def _held(user: User) -> dict[str, set[int]]:
    """The units where `user` holds each officer role (read once per page)."""
    return {role: with_their_agencies(agencies_where(user, role)) for role in OFFICER_ROLES}


def _step_holder(held: dict[str, set[int]]) -> Q:
    """Open dossiers at a step nobody is assigned to, in a unit where one holds its role."""
    scope = Q(pk__in=[])
    for role in STEP_ROLES:
        ids = held[role]
        if ids:
            scope |= Q(current_step__role=role) & (
                Q(current_unit_id__in=ids)
                | Q(current_unit__parent_id__in=ids, current_unit__kind__in=INTERNAL_KINDS)
            )
    return Q(current_handler__isnull=True) & scope


def _today_end(now: datetime) -> datetime:
    local = now.astimezone(clock.VN_TZ)
    return datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=clock.VN_TZ)


def tab_scopes(user: User, *, now: datetime) -> dict[str, Q]:
    """Each tab as a condition on the dossiers `user` may see."""
    people = [user, *principals_of(user, at=now)] if user.kind == UserKind.OFFICER else [user]
    admin = is_system_admin(user)
    open_now = Q(ended_at__isnull=True)
    mine = Q(current_handler__in=[p.pk for p in people])
    desks: set[int] = set()
    asked_units: set[int] = set()
    for person in people:
        held = _held(person)
        mine |= _step_holder(held)
        desks |= held[Role.COUNTER_OFFICER]
        asked_units |= held[Role.SPECIALIST] | held[Role.LEADER]
    running = open_now & ~Q(status__in=CLOCK_STOPPED)
    end_of_day = _today_end(now)
    waiting_question = Consultation.objects.filter(dossier=OuterRef("pk"), answered_at__isnull=True)
    if not admin:
        waiting_question = waiting_question.filter(unit_id__in=asked_units)
    return {
        MINE: open_now & mine & ~Q(status=Status.SUBMITTED),
        UNIT: open_now,
        OVERDUE: Q(pk__in=overdue_now(now=now).values("pk"))
        | Q(pk__in=steps_overdue_now(now=now).values("pk")),
        TODAY: running
        & (
            Q(step_due_at__gte=now, step_due_at__lt=end_of_day)
            | Q(appointment_at__gte=now, appointment_at__lt=end_of_day, finished_at__isnull=True)
        ),
        INTAKE: Q(status=Status.SUBMITTED) & (Q() if admin else Q(receiving_agency_id__in=desks)),
        CONSULT: Exists(waiting_question),
    }


def tab_counts(visible: QuerySet[Dossier], *, scopes: dict[str, Q]) -> dict[str, int]:
    """How many of the `visible` dossiers each tab holds: one query."""
    return visible.aggregate(**{tab: Count("pk", filter=scope) for tab, scope in scopes.items()})


@dataclass(frozen=True)
class Filters:
    procedure: int | None = None
    field: int | None = None
    status: str = ""
    channel: str = ""
    received_from: date | None = None
    received_to: date | None = None
    q: str = ""
    sort: str = "due"


def inbox(visible: QuerySet[Dossier], *, scope: Q, filters: Filters) -> QuerySet[Dossier]:
    """One tab's dossiers among the `visible` ones, filtered, searched and sorted, with what
    their rows show."""
    dossiers = visible.filter(scope)
    if filters.procedure:
        dossiers = dossiers.filter(procedure_version__procedure_id=filters.procedure)
    if filters.field:
        dossiers = dossiers.filter(procedure_version__field_id=filters.field)
    if filters.status:
        dossiers = dossiers.filter(status=filters.status)
    if filters.channel:
        dossiers = dossiers.filter(channel=filters.channel)
    if filters.received_from:
        dossiers = dossiers.filter(created_at__gte=_start_of(filters.received_from))
    if filters.received_to:
        dossiers = dossiers.filter(created_at__lt=_start_of(filters.received_to, days=1))
    if filters.q.strip():
        dossiers = dossiers.filter(_search(filters.q))
    return dossiers.select_related(
        "procedure_version",
        "current_step",
        "current_unit",
        "current_handler",
        "receiving_agency",
    ).order_by(*_ordering(filters.sort))


def _start_of(day: date, *, days: int = 0) -> datetime:
    return datetime.combine(day + timedelta(days=days), time(0), tzinfo=clock.VN_TZ)


def _search(text: str) -> Q:
    """By code, national code, reference, ID number (any part) or the applicant's name, with or
    without diacritics."""
    words = text.strip()
    folded = fold(words)
    return (
        Q(code__icontains=words)
        | Q(national_code__icontains=words)
        | Q(reference__icontains=words)
        | Q(applicant_id_number__icontains=words.replace(" ", ""))
        | Q(
            pk__in=Dossier.objects.alias(name=Folded("applicant_name"))
            .filter(name__contains=folded)
            .values("pk")
        )
    )


def _ordering(sort: str) -> list:
    if sort == "newest":
        return ["-created_at", "-pk"]
    if sort == "appointment":
        return [F("appointment_at").asc(nulls_last=True), "created_at", "pk"]
    return [
        F("step_due_at").asc(nulls_last=True),
        F("appointment_at").asc(nulls_last=True),
        "created_at",
        "pk",
    ]


# ---------------------------------------------------------------- the leaders' list


def led_units(user: User) -> set[int]:
    """The units `user` leads (with their agency for internal ones); every unit for an admin."""
    return with_their_agencies(agencies_where(user, Role.LEADER))


def unit_overdue(user: User, *, now: datetime) -> tuple[QuerySet[Dossier], QuerySet[Dossier]]:
    """The dossiers of the units `user` leads past their appointment, and those whose current
    step is past its due moment, each with its holder; latest due first is the least late."""
    ids = led_units(user)
    in_units = Q(competent_agency_id__in=ids) | Q(current_unit_id__in=ids)
    in_units |= Q(current_unit__parent_id__in=ids, current_unit__kind__in=INTERNAL_KINDS)
    scope = Dossier.objects.filter(in_units)
    related = (
        "procedure_version",
        "current_step",
        "current_unit",
        "current_handler",
        "competent_agency",
    )
    late = overdue_now(dossiers=scope, now=now).select_related(*related)
    late_steps = steps_overdue_now(dossiers=scope, now=now).select_related(*related)
    return (
        late.order_by("appointment_at", "pk"),
        late_steps.order_by("step_due_at", "pk"),
    )


# ---------------------------------------------------------------- what the filters offer


def procedures_in(dossiers: QuerySet[Dossier]) -> list[tuple[int, str]]:
    """The procedures of `dossiers`, by code, with the name of a version filed (one query)."""
    rows = (
        dossiers.order_by()
        .values_list(
            "procedure_version__procedure_id",
            "procedure_version__procedure__code",
            "procedure_version__name",
        )
        .distinct()
    )
    named = {pk: f"{code} — {name}" for pk, code, name in rows}
    return sorted(named.items(), key=lambda item: item[1])


def fields_in(dossiers: QuerySet[Dossier]) -> list[tuple[int, str]]:
    """The fields (lĩnh vực) of `dossiers`' procedures (one query)."""
    rows = (
        dossiers.filter(procedure_version__field__isnull=False)
        .order_by()
        .values_list("procedure_version__field_id", "procedure_version__field__name")
        .distinct()
    )
    return sorted(set(rows), key=lambda item: fold(item[1]))


def file_of(dossier: Dossier, file_id) -> StoredFile | None:
    """One of the dossier's stored files: of its papers, its result (each stage of the result
    document), the forms it was issued, or the authorisation a person collecting the result for
    the applicant showed (kept on the history event)."""
    if dossier.result_file_id is not None and str(dossier.result_file_id) == str(file_id):
        return dossier.result_file
    document = ResultDocument.objects.filter(dossier=dossier).first()
    stages = (document.draft_id, document.signed_id, document.issued_id) if document else ()
    issued = IssuedPaper.objects.filter(dossier=dossier).values_list("file_id", flat=True)
    if any(str(pk) == str(file_id) for pk in (*stages, *issued) if pk):
        return StoredFile.objects.filter(pk=file_id).first()
    found = StoredFile.objects.filter(
        pk=file_id,
        pk__in=DossierComponent.files.through.objects.filter(
            dossiercomponent__dossier=dossier
        ).values("storedfile_id"),
    ).first()
    if (
        found is None
        and dossier.events.filter(data__collector__authorisation_file=str(file_id)).exists()
    ):
        found = StoredFile.objects.filter(pk=file_id).first()
    return found

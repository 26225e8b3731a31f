"""Reading the catalogue: procedures by code, the version in force on a day, listings and search."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.catalog import search
from motcua.catalog.models import (
    Field,
    FormTemplate,
    Procedure,
    ProcedureAssignment,
    ProcedureVersion,
)
from motcua.core import clock
from motcua.core.errors import NotFound
from motcua.core.text import fold

# The order "in force" means: the latest date, and of two versions from one date the later one.
SUPERSEDING_ORDER = ("-valid_from", "-number")


def procedure_by_code(code: str) -> Procedure:
    procedure = Procedure.objects.filter(code=code).first()
    if procedure is None:
        raise _unknown_procedure(code)
    return procedure


def latest_published(procedure: Procedure) -> ProcedureVersion | None:
    """The last version published, even one that applies only from a future date."""
    return procedure.versions.published().order_by(*SUPERSEDING_ORDER).first()


def current_version(procedure: Procedure, *, on: date | None = None) -> ProcedureVersion | None:
    """The published version in force on `on` (default today): the latest with `valid_from` on
    or before it. A dossier keeps the version it was filed under; this answers new ones."""
    day = on or clock.today()
    return (
        procedure.versions.published()
        .filter(valid_from__lte=day)
        .order_by(*SUPERSEDING_ORDER)
        .first()
    )


def current_versions(*, on: date | None = None) -> QuerySet[ProcedureVersion]:
    """Every procedure's version in force on `on` (default today), one per procedure."""
    day = on or clock.today()
    in_force = ProcedureVersion.objects.published().filter(valid_from__lte=day)
    latest = in_force.filter(procedure=OuterRef("procedure")).order_by(*SUPERSEDING_ORDER)
    return in_force.filter(pk=Subquery(latest.values("pk")[:1]))


def latest_versions() -> QuerySet[ProcedureVersion]:
    """Every procedure's last published version, even one that applies only from a future date."""
    published = ProcedureVersion.objects.published()
    latest = published.filter(procedure=OuterRef("procedure")).order_by(*SUPERSEDING_ORDER)
    return published.filter(pk=Subquery(latest.values("pk")[:1]))


def with_content(versions: QuerySet[ProcedureVersion]) -> QuerySet[ProcedureVersion]:
    """Everything a version says (`content.content_of`), loaded in a fixed number of queries."""
    return versions.select_related("procedure", "field").prefetch_related(
        "fees", "components", "form_fields"
    )


def version_in_force(code: str, *, on: date | None = None) -> ProcedureVersion:
    """The version of procedure `code` in force, with everything it says loaded (for a detail
    page); NotFound when there is no such procedure or nothing of it applies yet."""
    version = (
        with_content(current_versions(on=on).filter(procedure__code=code))
        .prefetch_related(
            Prefetch(
                "procedure__assignments",
                queryset=ProcedureAssignment.objects.select_related("agency").order_by(
                    "agency__code"
                ),
            )
        )
        .first()
    )
    if version is None:
        raise _unknown_procedure(code)
    return version


def for_listing(versions: QuerySet[ProcedureVersion]) -> QuerySet[ProcedureVersion]:
    """What a listing shows of each version (names, field, fees), in a fixed number of queries."""
    return versions.select_related("procedure", "field").prefetch_related("fees")


class Listing:
    """The procedures a listing shows: ranked by `search` when there is a query, else by code."""

    def __init__(
        self, versions: QuerySet[ProcedureVersion], hits: list[search.Hit] | None = None
    ) -> None:
        self._versions = versions
        self._hits = hits

    @property
    def count(self) -> int:
        return len(self._hits) if self._hits is not None else self._versions.count()

    def page(self, *, offset: int, limit: int) -> list[ProcedureVersion]:
        if self._hits is None:
            return list(
                for_listing(self._versions.order_by("procedure__code"))[offset : offset + limit]
            )
        ids = [hit.version_id for hit in self._hits[offset : offset + limit]]
        if not ids:
            return []
        by_id = for_listing(ProcedureVersion.objects.filter(pk__in=ids)).in_bulk()
        return [by_id[pk] for pk in ids]


def procedure_listing(
    *,
    query: str = "",
    agency: Agency | None = None,
    field: str = "",
    level: str = "",
    on: date | None = None,
) -> Listing:
    """The procedures in force, narrowed to those `agency` (or a unit under it) handles, to a
    field (by code or name, diacritics optional) and to a level; `query` ranks by relevance."""
    versions = current_versions(on=on)
    if agency is not None:
        versions = versions.filter(
            Exists(
                ProcedureAssignment.objects.filter(
                    procedure=OuterRef("procedure"), agency__path__startswith=agency.path
                )
            )
        )
    if field.strip():
        versions = versions.filter(
            Q(field__code__iexact=field.strip()) | Q(field__folded_name=fold(field))
        )
    if level:
        # `levels` is a JSON list of fixed words: its text contains the quoted word exactly when
        # the list does, on every database (SQLite has no JSON containment lookup).
        versions = versions.filter(levels__icontains=f'"{level}"')
    if query.strip():
        return Listing(versions, search.rank(query, versions=versions))
    return Listing(versions)


def _unknown_procedure(code: str) -> NotFound:
    return NotFound(
        _("Không tìm thấy thủ tục hành chính có mã %(code)s.") % {"code": code},
        code="unknown_procedure",
    )


def fields_in_force(*, on: date | None = None) -> list[str]:
    """The names of the fields (lĩnh vực) of the procedures in force, each once (national exports
    repeat a name with and without its code), in order."""
    ids = current_versions(on=on).values("field_id")
    names = Field.objects.filter(pk__in=ids).values_list("name", flat=True)
    return sorted(set(names), key=fold)


def agencies_with_procedures() -> QuerySet[Agency]:
    """The agencies this installation assigns procedures to, in tree order."""
    return Agency.objects.filter(pk__in=ProcedureAssignment.objects.values("agency_id")).order_by(
        "path"
    )


def agencies_for_procedure(procedure: Procedure) -> QuerySet[Agency]:
    """The agencies this installation assigns `procedure` to (where a citizen may file it), in
    tree order."""
    return Agency.objects.filter(procedure_assignments__procedure=procedure).order_by("path")


def form_templates_named(names: Iterable[str]) -> dict[str, FormTemplate]:
    """The blank forms kept under any of `names`, by name, in one query."""
    wanted = {name.strip() for name in names if name and name.strip()}
    return {t.name: t for t in FormTemplate.objects.filter(name__in=wanted)} if wanted else {}


def form_template_by_pk(pk: int) -> FormTemplate:
    template = FormTemplate.objects.filter(pk=pk).first()
    if template is None:
        raise NotFound(_("Không tìm thấy mẫu đơn, tờ khai này."))
    return template

"""A dossier's forms as PDF for whoever may see the dossier (`GET /api/v1/dossiers/<code>/forms/<nn>`
and the pages' links): Mẫu 01–05 exactly as issued (the latest of each), Mẫu 06 and 07 drawn now
— the control slip from the history, the tracking book's line of this dossier."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.errors import NotFound
from motcua.documents import papers
from motcua.dossiers import paperwork, selectors
from motcua.dossiers.models import Dossier, IssuedForm, IssuedPaper

CONTROL_SLIP, TRACKING_BOOK = "06", "07"
FORMS = (*IssuedForm.values, CONTROL_SLIP, TRACKING_BOOK)


@dataclass(frozen=True)
class Printed:
    content: bytes
    filename: str


def form_pdf(*, user: User, code: str, form: str) -> Printed:
    """Form `form` ("01".."07") of the dossier `code` that `user` may see; NotFound for a
    dossier hidden from them, an unknown form, or an issued form never issued."""
    dossier = selectors.dossier_by_code_or_reference(code, user=user)
    if form not in FORMS:
        raise NotFound(_("Không có mẫu %(form)s.") % {"form": form}, code="unknown_form")
    name = f"mau-{form}-{dossier.key}.pdf"
    if form in IssuedForm.values:
        return Printed(content=_issued(dossier, form), filename=name)
    if form == CONTROL_SLIP:
        context = paperwork.context_for(dossier=dossier, kind=CONTROL_SLIP)
    else:
        context = paperwork.tracking_book_context(
            rows=paperwork.tracking_book_rows(dossiers=Dossier.objects.filter(pk=dossier.pk)),
            unit=dossier.receiving_agency,
        )
    return Printed(content=papers.render_paper(kind=form, context=context), filename=name)


def _issued(dossier: Dossier, form: str) -> bytes:
    paper = (
        IssuedPaper.objects.select_related("file")
        .filter(dossier=dossier, form=form)
        .order_by("-issued_at", "-pk")
        .first()
    )
    if paper is None:
        raise NotFound(
            _("Hồ sơ chưa được cấp %(form)s.") % {"form": IssuedForm(form).label},
            code="form_not_issued",
        )
    if paper.file is None:
        raise NotFound(
            _("%(form)s đang được tạo; vui lòng thử lại sau ít giây.")
            % {"form": IssuedForm(form).label},
            code="form_pending",
        )
    with paper.file.file.open("rb") as stored:
        return stored.read()


def issued_papers(dossier: Dossier) -> list[IssuedPaper]:
    """The forms issued for the dossier, oldest first, for the pages' lists."""
    return list(
        IssuedPaper.objects.filter(dossier=dossier, file__isnull=False).select_related("file")
    )

"""What a dossier leaves in its owner's personal data store (kho dữ liệu điện tử, TT 01/2023/TT-VPCP
Art. 24): the files filed with it and its result, so that they need not be asked for again.

Called inside the action's transaction rather than by an outbox consumer: the store is then never
behind the dossier (the result is there the moment it is returned), it fills whichever way the
dossier was filed (wizard, API, counter), and `documents` sits below `dossiers`, so no layer above
has to learn what a dossier's papers are.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import override

from motcua.core import clock
from motcua.documents import services as documents
from motcua.documents.models import DocumentKind
from motcua.dossiers.models import Dossier, DossierComponent, RegisterEntry


def keep_papers(dossier: Dossier, *, lines: Iterable[DossierComponent]) -> None:
    """The files of `lines` go into the owner's store, described by their component: as their
    own files when the owner uploaded them, as digitised papers when the desk scanned them."""
    if dossier.owner_id is None:
        return
    for line in lines:
        for stored in line.files.all():
            own = stored.uploaded_by_id == dossier.owner_id
            documents.keep(
                owner=dossier.owner,
                file=stored,
                title=line.name,
                kind=DocumentKind.UPLOADED if own else DocumentKind.DIGITISED,
                component=line.component,
                source=dossier.reference,
            )


def keep_result(dossier: Dossier) -> None:
    """The result file, once returned, goes into the owner's store with its number in the
    agency's register (if the procedure keeps one), its date and its issuer."""
    if dossier.owner_id is None or dossier.result_file_id is None:
        return
    entry = RegisterEntry.objects.filter(dossier=dossier).first()
    with override("vi"):
        title = _("Kết quả: %(procedure)s") % {"procedure": dossier.procedure_version.name}
    approved = dossier.approved_at or dossier.result_attached_at
    documents.keep(
        owner=dossier.owner,
        file=dossier.result_file,
        title=title,
        kind=DocumentKind.RESULT,
        number=str(entry.number) if entry else "",
        issued_on=approved.astimezone(clock.VN_TZ).date() if approved else None,
        issuer=dossier.competent_agency.name,
        source=dossier.reference,
    )

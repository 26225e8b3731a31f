"""What a dossier leaves in its owner's personal data store (kho dữ liệu điện tử, TT 01/2023/TT-VPCP
Art. 24): the files filed with it and its result, so that they need not be asked for again.

Called inside the action's transaction rather than by an outbox consumer: the store is then never
behind the dossier (the result is there the moment it is returned), it fills whichever way the
dossier was filed (wizard, API, counter), and `documents` sits below `dossiers`, so no layer above
has to learn what a dossier's papers are.
"""

from collections.abc import Mapping
from uuid import UUID

from django.utils.translation import gettext as _
from django.utils.translation import override

from motcua.core import clock
from motcua.documents import services as documents
from motcua.documents.models import DocumentKind, StoredFile
from motcua.dossiers.models import Dossier, DossierComponent, RegisterEntry


def keep_papers(dossier: Dossier, *, files: Mapping[UUID, DossierComponent]) -> None:
    """The stored `files` go into the owner's store, each described by its component line: as
    the owner's own files when they uploaded them, as digitised papers when the desk scanned
    them (at the counter `submitted_by` is the officer, so only the owner counts as the
    citizen). Two queries, however many files."""
    if dossier.owner_id is None or not files:
        return
    files = {UUID(str(pk)): line for pk, line in files.items()}
    uploaders = dict(StoredFile.objects.filter(pk__in=files).values_list("pk", "uploaded_by_id"))
    documents.keep_all(
        owner=dossier.owner,
        papers=[
            documents.Paper(
                file_id=pk,
                title=line.name,
                kind=(
                    DocumentKind.UPLOADED
                    if uploaders[pk] == dossier.owner_id
                    else DocumentKind.DIGITISED
                ),
                component_id=line.component_id,
            )
            for pk, line in files.items()
            if pk in uploaders
        ],
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

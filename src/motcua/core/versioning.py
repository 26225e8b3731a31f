"""Versions that freeze when published: the shape the procedure catalogue and the internal
processes share.

A version is written as a draft, then published from a date (`valid_from`, possibly in the
future); a published version — and every row that belongs to it — refuses to change or go, in
`save()`/`delete()` and in bulk, so neither the admin nor a slip in a service can rewrite what a
dossier was filed under. A change is a new version.
"""

from datetime import date

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã công bố")


class VersionQuerySet(models.QuerySet):
    def published(self) -> "VersionQuerySet":
        return self.filter(status=VersionStatus.PUBLISHED)

    def update(self, **kwargs) -> int:
        if self.published().exists():
            raise self.model.published_refusal()
        return super().update(**kwargs)

    def delete(self):
        if self.published().exists():
            raise self.model.published_refusal()
        return super().delete()


class PublishedVersion(models.Model):
    """A numbered version of something; subclasses add the owner and what the version says."""

    # The Vietnamese sentence a refused change shows ("Phiên bản … đã công bố thì không sửa …").
    published_message: str

    number = models.PositiveIntegerField(_("phiên bản số"))
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
        editable=False,
    )
    valid_from = models.DateField(
        _("áp dụng từ ngày"),
        null=True,
        blank=True,
        help_text=_("Bản nháp: ngày dự kiến áp dụng; trống thì áp dụng từ ngày công bố."),
    )
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True, editable=False)

    objects = VersionQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and self._stored_as_published():
            raise self.published_refusal()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk is not None and self._stored_as_published():
            raise self.published_refusal()
        return super().delete(*args, **kwargs)

    @classmethod
    def published_refusal(cls) -> Conflict:
        return Conflict(gettext(cls.published_message), code="version_published")

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED

    def _stored_as_published(self) -> bool:
        return type(self).objects.filter(pk=self.pk).published().exists()


class PartQuerySet(models.QuerySet):
    """Rows of a version: bulk changes refuse when any row belongs to a published version."""

    version_path = "version"

    def update(self, **kwargs) -> int:
        self._refuse_if_published()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_if_published()
        return super().delete()

    def _refuse_if_published(self) -> None:
        if self.filter(**{f"{self.version_path}__status": VersionStatus.PUBLISHED}).exists():
            raise self.model.version_class.published_refusal()


class VersionPart(models.Model):
    """A row of a version (directly or through a parent row): it changes only while that is a
    draft. Subclasses say how to reach the version from the row's parent id."""

    version_class: type[PublishedVersion]
    # (lookup on the version model, attribute of this row holding the parent's id)
    version_lookup: tuple[str, str] = ("pk", "version_id")

    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self._refuse_if_published()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_published()
        return super().delete(*args, **kwargs)

    def _refuse_if_published(self) -> None:
        lookup, parent_id = self.version_lookup
        version = self.version_class
        if version.objects.filter(**{lookup: getattr(self, parent_id)}).published().exists():
            raise version.published_refusal()


def superseding_error(latest: PublishedVersion, *, day: date, today: date) -> str:
    """Why a new version may not apply from `day` after `latest`, or "" when it may.

    Never before the latest version's date; on that same date only while the latest has not yet
    applied on an earlier day, so history already lived under a version is never rewritten.
    """
    values = {"day": latest.valid_from.strftime("%d/%m/%Y"), "number": latest.number}
    if day < latest.valid_from:
        return (
            gettext(
                "Ngày áp dụng không được trước ngày %(day)s, ngày phiên bản %(number)s bắt đầu áp dụng."
            )
            % values
        )
    if day == latest.valid_from < today:
        return (
            gettext(
                "Phiên bản %(number)s đã áp dụng từ ngày %(day)s: phiên bản mới phải áp dụng từ một "
                "ngày sau đó."
            )
            % values
        )
    return ""

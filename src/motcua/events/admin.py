"""The outbox in the Django admin: messages and deliveries to look at, and parked deliveries to
send again. Nothing here edits a message or a delivery by hand."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.core.admin import ReadOnlyAdmin
from motcua.events.models import Delivery, OutboxMessage
from motcua.events.services import retry_parked


class DeliveryInline(admin.TabularInline):
    model = Delivery
    fields = ("consumer", "status", "attempts", "next_attempt_at", "delivered_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "topic", "key", "id")
    list_filter = ("topic",)
    search_fields = ("=id", "key")
    date_hierarchy = "created_at"
    inlines = (DeliveryInline,)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = (
        "message",
        "consumer",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
    )
    list_filter = ("status", "consumer", "message__topic")
    list_select_related = ("message",)
    search_fields = ("=message__id", "message__key", "consumer")
    actions = ("retry",)

    @admin.action(description=_("Chuyển giao lại các lượt đã tạm dừng"), permissions=("retry",))
    def retry(self, request, queryset) -> None:
        count = retry_parked(deliveries=queryset)
        if not count:
            self.message_user(
                request,
                _("Không có lượt nào đang tạm dừng trong các lượt đã chọn."),
                messages.WARNING,
            )
            return
        self.message_user(
            request,
            ngettext(
                "Đã đưa %(count)d lượt chuyển giao vào hàng đợi xử lý lại.",
                "Đã đưa %(count)d lượt chuyển giao vào hàng đợi xử lý lại.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def has_retry_permission(self, request) -> bool:
        return request.user.has_perm("events.retry_delivery")

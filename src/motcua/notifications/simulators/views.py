"""The gateway simulators under /_sim/thong-bao/ (only with `MOTCUA_NOTIFY_SIMULATORS`, DEBUG
only): an SMS gateway speaking the generic plugin's default mapping, the Zalo OA message API,
and the page listing what they and the e-mail simulator received (the demo's phone too: the
verification codes the citizens ask for arrive there). Both APIs check the
credentials, drop a repeated idempotency key (answering as the first time) and follow the faults
set for a recipient (`SimulatedFault`): a 500, no answer in time, a refusal, or a slow answer
after the message was taken."""

import hmac
import json
import time
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages as notices
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from motcua.core.phones import normalise_phone
from motcua.notifications.contrib.zalo_oa.plugin import IDEMPOTENCY_HEADER
from motcua.notifications.kinds import Channel
from motcua.notifications.simulators import store, zalo_events
from motcua.notifications.simulators.models import FaultKind, SimulatedFault, SimulatedMessage

PAGE_SIZE = 100
# Zalo's answer codes the simulator uses (negative: refused).
ZALO_BAD_TOKEN = -216
ZALO_REFUSED = -213


def simulator_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.MOTCUA_NOTIFY_SIMULATORS:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def _body(request) -> dict:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
    return request.POST.dict()


def _misbehave(fault, refusal: JsonResponse) -> JsonResponse | None:
    """The answer a fault gives before the message is taken, if any."""
    if fault is None:
        return None
    if fault.kind == FaultKind.ERROR:
        return JsonResponse({"status": "error", "message": "Lỗi máy chủ (giả lập)."}, status=500)
    if fault.kind == FaultKind.TIMEOUT:
        time.sleep(fault.seconds)
        return JsonResponse({"status": "error", "message": "Hết thời gian chờ."}, status=504)
    if fault.kind == FaultKind.REJECT:
        return refusal
    return None


@csrf_exempt
@require_POST
@simulator_only
def sms_send(request):
    expected = f"Bearer {settings.MOTCUA_NOTIFY_SIMULATOR_SMS_KEY}"
    if not _same(request.headers.get("Authorization", ""), expected):
        return JsonResponse({"status": "error", "message": "Sai khóa truy cập."}, status=401)
    body = _body(request)
    phone, text = str(body.get("to", "")).strip(), str(body.get("message", ""))
    if not phone or not text:
        return JsonResponse(
            {"status": "error", "message": "Thiếu số điện thoại hoặc nội dung."}, status=400
        )
    fault = store.take_fault(Channel.SMS, phone)
    refusal = JsonResponse({"status": "error", "message": "Số thuê bao không nhận tin (giả lập)."})
    answer = _misbehave(fault, refusal)
    if answer is not None:
        return answer
    kept, duplicate = store.receive(
        channel=Channel.SMS,
        recipient=phone,
        body=text,
        idempotency_key=str(body.get("request_id", "")),
    )
    if fault is not None and fault.kind == FaultKind.SLOW:
        time.sleep(fault.seconds)
    return JsonResponse({"status": "ok", "id": kept.provider_message_id, "duplicate": duplicate})


@csrf_exempt
@require_POST
@simulator_only
def zalo_send(request):
    token = request.META.get("HTTP_ACCESS_TOKEN", "")
    if not _same(token, settings.MOTCUA_NOTIFY_SIMULATOR_ZALO_TOKEN):
        return JsonResponse({"error": ZALO_BAD_TOKEN, "message": "Access token is invalid"})
    body = _body(request)
    recipient = body.get("recipient") if isinstance(body.get("recipient"), dict) else {}
    message = body.get("message") if isinstance(body.get("message"), dict) else {}
    user_id, text = str(recipient.get("user_id", "")), str(message.get("text", ""))
    if not user_id or not text:
        return JsonResponse({"error": -201, "message": "Parameters are invalid"})
    fault = store.take_fault(Channel.ZALO, user_id)
    refusal = JsonResponse({"error": ZALO_REFUSED, "message": "User has not followed the OA"})
    answer = _misbehave(fault, refusal)
    if answer is not None:
        return answer
    kept, _duplicate = store.receive(
        channel=Channel.ZALO,
        recipient=user_id,
        body=text,
        idempotency_key=request.headers.get(IDEMPOTENCY_HEADER, ""),
    )
    if fault is not None and fault.kind == FaultKind.SLOW:
        time.sleep(fault.seconds)
    return JsonResponse(
        {
            "error": 0,
            "message": "Success",
            "data": {"message_id": kept.provider_message_id, "user_id": user_id},
        }
    )


class FaultForm(forms.ModelForm):
    class Meta:
        model = SimulatedFault
        fields = ["channel", "recipient", "kind", "seconds", "remaining"]
        help_texts = {
            "recipient": gettext_lazy(
                "Số điện thoại, mã Zalo hoặc địa chỉ thư; * cho mọi người nhận."
            ),
            "seconds": gettext_lazy("Với «không trả lời kịp» và «trả lời chậm»."),
            "remaining": gettext_lazy("Để trống: cho tới khi xóa."),
        }


@require_GET
@simulator_only
def received(request):
    wanted = request.GET.get("kenh", "")
    recipient = request.GET.get("nguoi-nhan", "").strip()
    messages = SimulatedMessage.objects.all()
    if wanted in Channel.values:
        messages = messages.filter(channel=wanted)
    if recipient:
        # A phone number as people type it (+84 912 345 678) finds what was sent to 0912345678.
        messages = messages.filter(recipient__in={recipient, normalise_phone(recipient) or ""})
    context = {
        "received": messages[:PAGE_SIZE],
        "channels": Channel.choices,
        "wanted": wanted,
        "recipient": recipient,
        "faults": SimulatedFault.objects.order_by("pk"),
        "form": FaultForm(initial={"recipient": "*", "remaining": 1}),
        "zalo_form": ZaloUserForm(),
    }
    return render(request, "notifications/simulators/received.html", context)


@require_POST
@simulator_only
def add_fault(request):
    """Tell a simulator to misbehave (the demo's way to see retries and parking)."""
    form = FaultForm(request.POST)
    if form.is_valid():
        form.save()
        notices.success(request, _("Đã đặt lỗi giả lập."))
    else:
        notices.error(request, _("Lỗi giả lập chưa hợp lệ: kiểm tra kênh, người nhận và kiểu lỗi."))
    return redirect("notification-simulators:received")


# What the OA's webhook did (`notifications.zalo.receive_event`), in words.
WEBHOOK_ANSWERS = {
    "linked": gettext_lazy("đã liên kết người dùng Zalo này với tài khoản có mã"),
    "no_code": gettext_lazy("tin nhắn không có mã liên kết còn hiệu lực, không liên kết gì"),
    "unlinked": gettext_lazy("đã hủy liên kết của người dùng này"),
    "ignored": gettext_lazy("sự kiện không cần xử lý"),
}


class ZaloUserForm(forms.Form):
    """A Zalo user of the simulated OA: sends it a text, or stops following it."""

    EVENTS = [
        ("user_send_text", gettext_lazy("Nhắn tin tới OA")),
        ("unfollow", gettext_lazy("Bỏ quan tâm OA")),
    ]

    zalo_user_id = forms.CharField(
        label=gettext_lazy("Mã người dùng Zalo"), max_length=64, initial="8000000000000000001"
    )
    event = forms.ChoiceField(
        label=gettext_lazy("Việc làm"), choices=EVENTS, initial="user_send_text"
    )
    text = forms.CharField(label=gettext_lazy("Nội dung tin nhắn"), max_length=500, required=False)


@require_POST
@simulator_only
def zalo_user(request):
    """What Zalo does when a follower writes to the OA or leaves it: a signed event to the OA's
    webhook, over HTTP (`MOTCUA_PUBLIC_URL`/zalo-oa/webhook/)."""
    form = ZaloUserForm(request.POST)
    if not form.is_valid():
        notices.error(request, _("Nhập mã người dùng Zalo."))
        return redirect("notification-simulators:received")
    try:
        answer = zalo_events.send(**form.cleaned_data)
    except zalo_events.NotDelivered as failed:
        notices.error(request, _("Webhook của OA không nhận sự kiện: %(why)s") % {"why": failed})
    else:
        said = WEBHOOK_ANSWERS.get(answer, answer)
        notices.success(
            request,
            _("Webhook của OA đã nhận sự kiện: %(said)s (%(answer)s).")
            % {"said": said, "answer": answer},
        )
    return redirect("notification-simulators:received")


@require_POST
@simulator_only
def clear_faults(request):
    SimulatedFault.objects.all().delete()
    notices.success(request, _("Đã bỏ mọi lỗi giả lập."))
    return redirect("notification-simulators:received")

"""/api/v1/: the REST API, its OpenAPI schema and its documentation page."""

from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from motcua.api import auth, calendar, dossiers, handovers, papers, procedures, uploads

app_name = "api"

# Swagger UI sets inline styles as it draws; its scripts still come only from this server.
docs_view = csp_update({"style-src": ["'unsafe-inline'"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema")
)

urlpatterns = [
    path("schema", SpectacularAPIView.as_view(), name="schema"),
    path("docs", docs_view, name="docs"),
    path("auth/token", auth.TokenView.as_view(), name="auth-token"),
    path("uploads", uploads.UploadView.as_view(), name="upload-create"),
    path("calendar/due", calendar.DueView.as_view(), name="calendar-due"),
    path("procedures", procedures.ProcedureListView.as_view(), name="procedure-list"),
    path(
        "procedures/<str:code>", procedures.ProcedureDetailView.as_view(), name="procedure-detail"
    ),
    path("tracking/<str:code>", dossiers.TrackingView.as_view(), name="tracking"),
    path("dossiers", dossiers.DossierListCreateView.as_view(), name="dossier-list"),
    path("dossiers/<str:code>", dossiers.DossierDetailView.as_view(), name="dossier-detail"),
    path(
        "dossiers/<str:code>/actions/<str:action>",
        dossiers.DossierActionView.as_view(),
        name="dossier-action",
    ),
    path(
        "dossiers/<str:code>/forms/<str:form>",
        papers.DossierFormView.as_view(),
        name="dossier-form",
    ),
    path("handovers", handovers.HandoverListView.as_view(), name="handover-list"),
    path(
        "handovers/<int:id>/accept", handovers.HandoverAcceptView.as_view(), name="handover-accept"
    ),
]

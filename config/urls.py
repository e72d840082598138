from collections.abc import Callable

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from cooperation import views as cooperation_views
from cooperation.api import FeedView, InboxView, MessageViewSet, RelayView
from core import views as core_views
from core.api import ApiKeyViewSet, WhoAmIView
from core.health import healthz
from core.schemas import schema_view
from core.signin import sign_in
from ownership.api import (
    ImportDetailView,
    ImportListView,
    MatchDecisionView,
    MatchListView,
    NameScreeningView,
    ResolutionView,
)
from reviews import queue as review_queue
from reviews import views as review_views
from reviews.api import (
    CaseDocumentViewSet,
    CaseViewSet,
    InboxViewSet,
    InvestorAnswerView,
    InvestorHearingAnswerView,
    InvestorHearingsView,
    InvestorRequestsView,
    InvestorReviewView,
)
from screening.api import DocumentViewSet, FilingViewSet


def swagger_ui(url_name: str) -> Callable[..., HttpResponse]:
    """Swagger UI for the schema served at `url_name`, working under the Content Security
    Policy (script-src and style-src 'self'): the split view loads its start-up script
    from its own URL (`?script`) instead of inlining it, and the page's template keeps
    its styles in a file."""
    return SpectacularSwaggerSplitView.as_view(
        url_name=url_name, template_name="api/swagger_ui.html"
    )


router = SimpleRouter()
router.register("filings", FilingViewSet, basename="filing")
router.register("api-keys", ApiKeyViewSet, basename="api-key")
router.register("cases", CaseViewSet, basename="case")
router.register("inbox", InboxViewSet, basename="inbox")
router.register("cooperation/mail", MessageViewSet, basename="cooperation-mail")

documents = SimpleRouter()
documents.register("documents", DocumentViewSet, basename="filing-document")
case_files = SimpleRouter()
case_files.register("documents", CaseDocumentViewSet, basename="case-document")

api_v1: list[URLPattern | URLResolver] = [
    path("", include(router.urls)),
    path("filings/<uuid:filing_pk>/", include(documents.urls)),
    path("cases/<uuid:case_pk>/", include(case_files.urls)),
    path("whoami/", WhoAmIView.as_view(), name="whoami"),
    path("cooperation/messages/", InboxView.as_view(), name="cooperation-inbox"),
    path("cooperation/feed/", FeedView.as_view(), name="cooperation-feed"),
    path("cooperation/relay/", RelayView.as_view(), name="cooperation-relay"),
    path("filings/<uuid:filing_id>/review/", InvestorReviewView.as_view(), name="filing-review"),
    path(
        "filings/<uuid:filing_id>/information-requests/",
        InvestorRequestsView.as_view(),
        name="filing-information-requests",
    ),
    path(
        "filings/<uuid:filing_id>/information-requests/<int:number>/",
        InvestorAnswerView.as_view(),
        name="filing-information-request",
    ),
    path(
        "filings/<uuid:filing_id>/hearings/",
        InvestorHearingsView.as_view(),
        name="filing-hearings",
    ),
    path(
        "filings/<uuid:filing_id>/hearings/<int:number>/",
        InvestorHearingAnswerView.as_view(),
        name="filing-hearing",
    ),
    path("ownership/imports/", ImportListView.as_view(), name="ownership-imports"),
    path(
        "ownership/parties/<path:record_id>/matches/",
        MatchListView.as_view(),
        name="ownership-matches",
    ),
    path(
        "ownership/parties/<path:record_id>/matches/<str:entity_id>/decision/",
        MatchDecisionView.as_view(),
        name="ownership-match-decision",
    ),
    path("ownership/imports/<int:pk>/", ImportDetailView.as_view(), name="ownership-import"),
    path("ownership/name-screening/", NameScreeningView.as_view(), name="ownership-name-screening"),
    path(
        "ownership/parties/<path:record_id>/resolution/",
        ResolutionView.as_view(),
        name="ownership-resolution",
    ),
]

# The administration signs in through the staff sign-in (password and TOTP code) too.
admin.site.login = lambda request, extra_context=None: redirect_to_login(  # type: ignore[method-assign]
    request.get_full_path(), login_url="login"
)

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico when a page names no icon (a JSON answer, say).
    path(
        "favicon.ico",
        RedirectView.as_view(url=static("core/favicon.svg"), permanent=True),
        name="favicon",
    ),
    path("api/v1/", include(api_v1)),
    # The investor schema is also at /api/schema/, where investors' tools found it first.
    path("api/schema/", schema_view("investor"), name="schema"),
    path("api/schema/investor/", schema_view("investor"), name="schema-investor"),
    path("api/schema/staff/", schema_view("staff"), name="schema-staff"),
    path("api/schema/node/", schema_view("node"), name="schema-node"),
    path("api/docs/", swagger_ui("schema"), name="api-docs"),
    path("api/docs/staff/", swagger_ui("schema-staff"), name="api-docs-staff"),
    path("api/docs/node/", swagger_ui("schema-node"), name="api-docs-node"),
    # Anything else under /api/ answers 404 in the API's error shape, also in DEBUG.
    re_path(r"^api/", core_views.not_found, name="api-not-found"),
    path("accounts/login/", sign_in, name="login"),
    path("review/", review_views.dashboard, name="review-dashboard"),
    path("review/cases/", review_queue.case_list, name="review-cases"),
    path("review/cases.csv", review_queue.case_list_csv, name="review-cases-csv"),
    path("review/cases/assign/", review_queue.bulk_assign, name="review-cases-assign"),
    path("review/cases/<uuid:case_id>/", review_views.case_detail, name="review-case"),
    path("review/cases/<uuid:case_id>/act/", review_views.case_action, name="review-case-act"),
    path(
        "review/cases/<uuid:case_id>/case-file.pdf",
        review_views.case_file,
        name="review-case-file",
    ),
    path("review/inbox/<int:item_id>/read/", review_views.read_inbox_item, name="review-read"),
    path("review/statistics/", review_views.statistics_page, name="review-statistics"),
    path("review/documents/<uuid:document_id>/", review_views.document, name="review-document"),
    path(
        "review/case-documents/<uuid:document_id>/",
        review_views.case_document,
        name="review-case-document",
    ),
    path(
        "review/cases/<uuid:case_id>/cooperation/",
        cooperation_views.act,
        name="review-case-cooperation",
    ),
    path("review/messages/", cooperation_views.mailbox, name="review-messages"),
    path(
        "review/messages/not-notified/",
        cooperation_views.ask_not_notified,
        name="review-ask-not-notified",
    ),
    path(
        "review/messages/<str:message_id>/",
        cooperation_views.message_page,
        name="review-message",
    ),
    path(
        "review/messages/<str:message_id>/intent/",
        cooperation_views.intent_on_message,
        name="review-message-intent",
    ),
    path(
        "review/messages/<str:message_id>/art13/",
        cooperation_views.art13_action,
        name="review-message-art13",
    ),
    path(
        "review/messages/<str:message_id>/comment/",
        cooperation_views.comment_on_message,
        name="review-message-comment",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

handler404 = "core.views.not_found"
handler500 = "core.views.server_error"

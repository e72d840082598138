"""The few pages of the core app: the landing page and the error answers.

Under /api/ every error is JSON in the API's one shape
(`{"type", "errors": [{"code", "detail", "attr"}]}`); elsewhere it is a page.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt

API_PREFIX = "/api/"


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


def error_answer(request: HttpRequest, status: int, code: str, detail: str) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {
                "type": "client_error" if status < 500 else "server_error",
                "errors": [{"code": code, "detail": detail, "attr": None}],
            },
            status=status,
        )
    template = f"{status}.html" if status in (404, 500) else "error.html"
    return render(request, template, {"detail": detail, "status": status}, status=status)


# Exempt from CSRF: it changes nothing, and a POST to a wrong API path must get the
# API's 404, not Django's HTML CSRF page.
@csrf_exempt
def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    detail = "There is nothing at this address."
    if request.path.startswith(API_PREFIX) and not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "api-not-found":
            detail += f" API paths end with a slash: {request.path}/"
    return error_answer(request, 404, "not_found", detail)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_answer(
        request,
        403,
        "csrf_failed",
        "The form's security token is missing or expired: reload the page and try again.",
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return error_answer(
        request, 500, "error", "Something went wrong on our side; it has been logged."
    )

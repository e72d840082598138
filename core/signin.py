"""Staff sign-in with a second factor: user name, password and a TOTP code in one form.

Every failure, including a wrong code after a right password, counts towards the
lockout (django-axes: five failures lock the user name and address for 15 minutes), so
neither the password nor the code can be guessed at leisure. A session made here is
marked verified by django-otp; the administration's own sign-in sends people here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate, login
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token

from core.models import Organisation

WRONG = "The user name, password or code is not right."


class SignInForm(forms.Form):
    username = forms.CharField(label="User name", max_length=150)
    password = forms.CharField(label="Password", widget=forms.PasswordInput)
    code = forms.RegexField(
        label="Code from your authenticator app",
        regex=r"^\d{6}$",
        error_messages={"invalid": "Six digits."},
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user: Any = None
        self.device: Any = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        user = authenticate(self.request, username=data["username"], password=data["password"])
        if user is None:
            raise forms.ValidationError(WRONG)  # counted by axes through authenticate()
        membership = getattr(user, "membership", None)
        device = match_token(user, data["code"])
        if (
            device is None
            or membership is None
            or (membership.organisation.kind != Organisation.Kind.AUTHORITY)
        ):
            user_login_failed.send(
                sender=__name__, credentials={"username": data["username"]}, request=self.request
            )
            raise forms.ValidationError(WRONG)
        self.user, self.device = user, device
        return data


@sensitive_post_parameters("password", "code")
@csrf_protect
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        otp_login(request, form.device)
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
            next_url = ""
        return redirect(next_url or "review-dashboard")
    return render(request, "registration/login.html", {"form": form, "next": next_url})


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    context = {
        "form": SignInForm(request),
        "locked": "Too many failed sign-ins: this account is locked for 15 minutes.",
    }
    return render(request, "registration/login.html", context, status=403)

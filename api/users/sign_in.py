"""Checking a password at sign-in, with failed attempts limited per email and address.

Failures are rows (``sign_in_failures``), so the limit holds across API processes without
Redis. A refused attempt is not checked at all, and the answer does not say whether the email
exists: unknown email, wrong password and disabled account read the same until the password
is right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.settings import Settings
from api.users.passwords import hash_password, needs_rehash, verify_password
from api.users.service import get_by_email
from models import SignInFailure, User
from models.base import utcnow

Refusal = Literal["wrong", "throttled", "disabled", "no-organisation"]

REFUSAL_MESSAGES: dict[Refusal, str] = {
    "wrong": "The email or the password is wrong.",
    "throttled": "Too many failed sign-ins for this email from your address. Wait a few "
    "minutes and try again, or ask an administrator to reset your password.",
    "disabled": "This account is disabled. Ask an administrator of your organisation.",
    "no-organisation": "This account has no role in any organisation yet.",
}


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    refusal: Refusal | None = None


def check_password(
    session: Session, settings: Settings, *, email: str, password: str, address: str
) -> SignInResult:
    email_key = email.strip().lower()[:320]
    address = address[:64]
    now = utcnow()
    since = now - timedelta(minutes=settings.sign_in_window_minutes)
    failures = session.scalar(
        select(func.count())
        .select_from(SignInFailure)
        .where(
            SignInFailure.email == email_key,
            SignInFailure.address == address,
            SignInFailure.attempted_at > since,
        )
    )
    if (failures or 0) >= settings.sign_in_max_failures:
        return SignInResult(None, "throttled")
    user = get_by_email(session, email_key)
    if not verify_password(password, user.password_hash if user else None) or user is None:
        session.execute(delete(SignInFailure).where(SignInFailure.attempted_at <= since))
        session.add(SignInFailure(email=email_key, address=address, attempted_at=now))
        session.commit()
        return SignInResult(None, "wrong")
    if not user.active:
        return SignInResult(None, "disabled")
    if not user.memberships:
        return SignInResult(None, "no-organisation")
    session.execute(
        delete(SignInFailure).where(
            SignInFailure.email == email_key, SignInFailure.address == address
        )
    )
    if user.password_hash and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)  # the cost parameters were raised
    session.commit()
    return SignInResult(user)

"""Standard Webhooks signatures: the published example, several secrets, fresh secrets."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from standardwebhooks import Webhook

from api.webhooks.signing import new_secret, signature_header, signed_headers

# The example in the Standard Webhooks and Svix documentation.
EXAMPLE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
EXAMPLE_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
EXAMPLE_TIMESTAMP = datetime.fromtimestamp(1614265330, UTC)
EXAMPLE_BODY = '{"test": 2432232314}'
EXAMPLE_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_the_published_example_signs_to_the_published_signature() -> None:
    header = signature_header([EXAMPLE_SECRET], EXAMPLE_ID, EXAMPLE_TIMESTAMP, EXAMPLE_BODY)
    assert header == EXAMPLE_SIGNATURE


def test_during_a_rotation_each_secret_signs_and_either_verifies() -> None:
    old, new = new_secret(), new_secret()
    now = datetime.now(UTC)
    headers = signed_headers([new, old], "msg_1", now, '{"type":"case.decided"}')
    assert headers["webhook-timestamp"] == str(int(now.timestamp()))
    assert len(headers["webhook-signature"].split(" ")) == 2
    for secret in (old, new):
        Webhook(secret).verify('{"type":"case.decided"}', headers)


def test_new_secrets_are_32_random_bytes_behind_the_prefix() -> None:
    secrets = {new_secret() for _ in range(100)}
    assert len(secrets) == 100
    for secret in secrets:
        assert secret.startswith("whsec_")
        assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32

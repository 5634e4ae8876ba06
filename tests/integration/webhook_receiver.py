"""A real webhook receiver on 127.0.0.1 for the tests: a threaded ``http.server`` that checks
every Standard Webhooks signature itself (not through the library the service signs with),
can fail on purpose for its first N requests, redirect, or answer slowly."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOLERANCE_SECONDS = 300  # what the Standard Webhooks reference verifiers accept


def expected_signature(secret: str, message_id: str, timestamp: str, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def verifies(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """Whether one of the ``v1`` signatures in ``webhook-signature`` was made with ``secret``."""
    message_id, timestamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "")
    if not message_id or not timestamp.isdigit():
        return False
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    wanted = expected_signature(secret, message_id, timestamp, body)
    offered = [s.split(",", 1) for s in headers.get("webhook-signature", "").split(" ")]
    return any(v == "v1" and hmac.compare_digest(sig, wanted) for v, sig in offered)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    answered: int

    @property
    def json(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


@dataclass
class Receiver:
    """Answers ``fail_status`` to its first ``fail_first`` requests, then 200 (or ``redirect``
    to a ``Location``, or sleeps ``delay`` seconds first)."""

    secrets: list[str] = field(default_factory=list)
    fail_first: int = 0
    fail_status: int = 503
    redirect: str | None = None
    delay: float = 0.0
    received: list[Received] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/hooks/flrisk"

    @property
    def port(self) -> int:
        assert self.server is not None
        return int(self.server.server_address[1])

    def verified(self, request: Received, secret: str | None = None) -> bool:
        chosen = [secret] if secret else self.secrets
        return any(verifies(s, request.headers, request.body) for s in chosen)

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                headers = {k.lower(): v for k, v in self.headers.items()}
                if receiver.delay:
                    time.sleep(receiver.delay)
                failing = len(receiver.received) < receiver.fail_first
                if failing:
                    status = receiver.fail_status
                elif receiver.redirect and self.path != "/moved":
                    status = 307
                else:
                    status = 200
                receiver.received.append(Received(self.path, headers, body, status))
                self.send_response(status)
                if status == 307:
                    self.send_header("Location", receiver.redirect or "")
                answer = b"down for maintenance" if failing else b"ok"
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        serve = self.server.serve_forever
        threading.Thread(target=serve, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

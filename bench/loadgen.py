"""A lean open-loop HTTP/1.1 load generator for the API benchmarks (asyncio, keep-alive).

It shares the machine's cores with the server it measures, so it must cost little per request:
requests are prebuilt bytes, responses are read by Content-Length, no HTTP library in between.
Latency is measured from each request's scheduled time, so a stalled server is not hidden
(no coordinated omission).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LoadResult:
    offered_rps: float
    seconds: float
    sent: int
    served: int  # answered 2xx
    errors: int  # any other status, or a failed connection
    latencies_ms: tuple[float, ...]

    @property
    def served_rps(self) -> float:
        return self.served / self.seconds if self.seconds else 0.0


def build_request(host: str, port: int, path: str, body: bytes, headers: dict[str, str]) -> bytes:
    head = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", f"Content-Length: {len(body)}"]
    head += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    lower = head.lower()
    at = lower.find(b"content-length:")
    length = int(lower[at + 15 : lower.find(b"\r\n", at)]) if at >= 0 else 0
    if length:
        await reader.readexactly(length)
    return status


async def _run(
    host: str,
    port: int,
    requests: Sequence[bytes],
    rate: float,
    seconds: float,
    connections: int,
) -> LoadResult:
    total = int(rate * seconds)
    queue: asyncio.Queue[tuple[int, float]] = asyncio.Queue()
    latencies: list[float] = []
    counts = {"served": 0, "errors": 0}

    async def connection() -> None:
        reader = writer = None
        while True:
            index, due = await queue.get()
            if index < 0:
                break
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                assert reader is not None
                writer.write(requests[index % len(requests)])
                status = await _read_response(reader)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                counts["errors"] += 1
                writer = None
                continue
            latencies.append((time.perf_counter() - due) * 1000)
            counts["served" if 200 <= status < 300 else "errors"] += 1
        if writer is not None:
            writer.close()

    workers = [asyncio.create_task(connection()) for _ in range(connections)]
    started = time.perf_counter()
    for i in range(total):
        due = started + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((i, due))
    for _ in workers:
        queue.put_nowait((-1, 0.0))
    await asyncio.gather(*workers)
    elapsed = time.perf_counter() - started
    return LoadResult(
        rate, elapsed, total, counts["served"], counts["errors"], tuple(sorted(latencies))
    )


def offered_load(
    host: str,
    port: int,
    requests: Sequence[bytes],
    *,
    rate: float,
    seconds: float,
    connections: int = 64,
) -> LoadResult:
    """Send ``rate`` requests a second for ``seconds`` whatever the server keeps up with; the
    served rate is what it answered within the run (a backlog drains before it ends)."""
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:  # pragma: no cover
        runner = asyncio.run
    return runner(_run(host, port, requests, rate, seconds, connections))


def percentile(ordered: Sequence[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0

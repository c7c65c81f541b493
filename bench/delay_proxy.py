"""A TCP proxy that adds a set delay each way: the board's network, on one machine (issue 15, item 5).

    python3 bench/delay_proxy.py --target 127.0.0.1:5432 --delay-ms 2.5 [--port 6543]

``--delay-ms`` is the delay added in EACH direction, so 2.5 gives a 5 ms round trip. Every chunk
is forwarded at (time it arrived + delay), not after the previous chunk's delay: like a real
network link, the delay is latency, not a bandwidth limit, and pipelined bytes stay pipelined.

From a bench script::

    with DelayProxy("127.0.0.1", 5432, delay_ms=2.5) as proxy:
        url = proxy.url("postgresql://127.0.0.1/vitrail_bench")   # same URL, through the proxy

``DelayProxy`` runs the proxy's event loop in a thread of the calling process. A bench that
measures CPU-heavy Python work should prefer ``DelayProxy(..., process=True)``: the proxy then
runs in its own process and the interpreter lock of the measured process cannot hold back
the bytes it forwards (a thread waiting for the lock can wait the 5 ms switch interval).

The delay is a floor: each chunk waits in ``time.sleep``, which wakes a few tens of microseconds
late on a quiet machine (an asyncio loop wakes up to a millisecond late each way: 7.5 ms measured
for a 5 ms round trip) and later on a loaded one, so the benches print the round trip they
measured through it. One thread reads and one writes each direction of each connection.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable

CHUNK = 65536


class Turns:
    """Round trips seen: a chunk from the client after the server has spoken (or first) starts one.

    Counted per connection and summed; pipelined messages sent back to back count once, as they
    cost one round trip. Read by a bench through a proxy in its own thread (``DelayProxy.turns``).
    """

    def __init__(self) -> None:
        self.total = 0
        self._lock = threading.Lock()

    def connection(self) -> Callable[[bool], None]:
        """What one connection calls for each chunk it reads (``from_client``)."""
        server_spoke_last = [True]  # the client's first bytes start a round trip

        def seen(from_client: bool) -> None:
            with self._lock:
                if from_client and server_spoke_last[0]:
                    self.total += 1
                server_spoke_last[0] = not from_client

        return seen


def _pump(source: socket.socket, sink: socket.socket, delay: float, seen: Callable[[], None]) -> None:
    """Reads as bytes come and forwards each chunk at (arrival + delay), from a second thread."""
    chunks: queue.SimpleQueue[tuple[float, bytes]] = queue.SimpleQueue()

    def deliver() -> None:
        while True:
            due, data = chunks.get()
            if not data:
                break
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                sink.sendall(data)
            except OSError:
                break
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    writer = threading.Thread(target=deliver, daemon=True)
    writer.start()
    try:
        while data := source.recv(CHUNK):
            chunks.put((time.monotonic() + delay, data))
            seen()
    except OSError:
        pass
    finally:
        chunks.put((time.monotonic() + delay, b""))
    writer.join()


def _relay(client: socket.socket, target: tuple[str, int], delay: float, turns: Turns | None) -> None:
    """One connection: both directions delayed, both sockets closed when either side is done."""
    try:
        server = socket.create_connection(target)
    except OSError:
        client.close()
        return
    for side in (client, server):
        side.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # a delay, not Nagle's on top of it
    seen = turns.connection() if turns is not None else (lambda _from_client: None)
    upstream = threading.Thread(target=_pump, args=(client, server, delay, lambda: seen(True)), daemon=True)
    upstream.start()
    _pump(server, client, delay, lambda: seen(False))
    upstream.join()
    client.close()
    server.close()


def serve(listener: socket.socket, target: tuple[str, int], delay: float, turns: Turns | None = None) -> None:
    """Accepts on ``listener`` until it is closed; each connection relayed in its own threads."""
    while True:
        try:
            client, _ = listener.accept()
        except OSError:  # the listener was closed: the proxy is stopping
            return
        threading.Thread(target=_relay, args=(client, target, delay, turns), daemon=True).start()


def _listen(port: int) -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(128)
    return listener


class DelayProxy:
    """The proxy on a free loopback port for the time of a ``with`` block (thread or own process)."""

    def __init__(self, target_host: str, target_port: int, delay_ms: float, *, process: bool = False) -> None:
        self.target = (target_host, target_port)
        self.delay_ms = delay_ms
        self.process = process
        self.port = 0
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._child: subprocess.Popen[str] | None = None
        self.turns = Turns()  # round trips through this proxy (thread mode only)

    def __enter__(self) -> DelayProxy:
        if self.process:
            self._child = subprocess.Popen(
                [sys.executable, __file__, "--target", f"{self.target[0]}:{self.target[1]}",
                 "--delay-ms", str(self.delay_ms), "--port", "0"], stdout=subprocess.PIPE, text=True)
            assert self._child.stdout is not None
            self.port = int(self._child.stdout.readline().split()[-1])
            return self
        self._listener = _listen(0)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=serve, args=(self._listener, self.target, self.delay_ms / 1000,
                                                            self.turns), name="delay-proxy", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._child is not None:
            self._child.terminate()
            self._child.wait(10)
        if self._listener is not None and self._thread is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
            self._listener.close()
            self._thread.join(10)

    def url(self, database_url: str) -> str:
        """``database_url`` with its host and port replaced by the proxy's."""
        from sqlalchemy.engine import make_url

        return make_url(database_url).set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default="127.0.0.1:5432", help="HOST:PORT to forward to")
    parser.add_argument("--delay-ms", type=float, default=2.5, help="delay added EACH way (2.5 → 5 ms round trip)")
    parser.add_argument("--port", type=int, default=6543, help="loopback port to listen on (0: any free one)")
    args = parser.parse_args()
    host, _, port = args.target.rpartition(":")

    # The proxy stands for the network, which takes no CPU from the workstations: on a shared
    # machine it goes first, or its delays would grow with everybody's load (needs root; else as is).
    with contextlib.suppress(OSError):
        os.nice(-10)
    listener = _listen(args.port)
    print(f"delay proxy: {args.delay_ms} ms each way to {args.target}, listening on 127.0.0.1 port "
          f"{listener.getsockname()[1]}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        serve(listener, (host, int(port)), args.delay_ms / 1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())

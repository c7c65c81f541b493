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

The delay is a floor: the event loop wakes up to a millisecond late (epoll's resolution) and
later on a loaded machine, so the benches print the round trip they measured through it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import subprocess
import sys
import threading
from typing import Any

CHUNK = 65536


class Turns:
    """Round trips seen: a chunk from the client after the server has spoken (or first) starts one.

    Counted per connection and summed; pipelined messages sent back to back count once, as they
    cost one round trip. Read by a bench through a proxy in its own thread (``DelayProxy.turns``).
    """

    def __init__(self) -> None:
        self.total = 0

    def connection(self) -> list[bool]:
        return [True]  # "the server spoke last": the client's first bytes start a round trip


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float,
                turns: Turns | None = None, state: list[bool] | None = None, from_client: bool = False) -> None:
    """Reads as bytes come and schedules each chunk for (arrival + delay); a second task writes."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def deliver() -> None:
        while True:
            due, data = await queue.get()
            if not data:
                break
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        writer.close()

    delivering = asyncio.ensure_future(deliver())
    try:
        while data := await reader.read(CHUNK):
            queue.put_nowait((loop.time() + delay, data))
            if turns is not None and state is not None:
                if from_client and state[0]:
                    turns.total += 1
                state[0] = not from_client
    except ConnectionError:
        pass
    finally:
        queue.put_nowait((loop.time() + delay, b""))
    with contextlib.suppress(ConnectionError):
        await delivering


async def serve(target_host: str, target_port: int, delay: float, port: int = 0,
                started: Any = None, turns: Turns | None = None) -> None:
    """Listens on 127.0.0.1:``port`` (0: a free one) and forwards each connection to the target."""

    async def handle(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(target_host, target_port)
        except OSError:
            client_writer.close()
            return
        state = turns.connection() if turns is not None else None
        try:
            await asyncio.gather(_pump(client_reader, server_writer, delay, turns, state, from_client=True),
                                 _pump(server_reader, client_writer, delay, turns, state))
        except asyncio.CancelledError:  # the proxy is stopping: the connection ends with it, quietly
            client_writer.close()
            server_writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port)
    if started is not None:
        started(server.sockets[0].getsockname()[1])
    async with server:
        await server.serve_forever()


class DelayProxy:
    """The proxy on a free loopback port for the time of a ``with`` block (thread or own process)."""

    def __init__(self, target_host: str, target_port: int, delay_ms: float, *, process: bool = False) -> None:
        self.target = (target_host, target_port)
        self.delay_ms = delay_ms
        self.process = process
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._child: subprocess.Popen[str] | None = None
        self._serving: asyncio.Task[None] | None = None
        self.turns = Turns()  # round trips through this proxy (thread mode only)

    def __enter__(self) -> DelayProxy:
        if self.process:
            self._child = subprocess.Popen(
                [sys.executable, __file__, "--target", f"{self.target[0]}:{self.target[1]}",
                 "--delay-ms", str(self.delay_ms), "--port", "0"], stdout=subprocess.PIPE, text=True)
            assert self._child.stdout is not None
            self.port = int(self._child.stdout.readline().split()[-1])
            return self
        ready = threading.Event()

        def started(port: int) -> None:
            self.port = port
            ready.set()

        def run() -> None:
            self._loop = loop = asyncio.new_event_loop()
            self._serving = loop.create_task(serve(*self.target, self.delay_ms / 1000, 0, started, self.turns))
            loop.run_forever()  # until __exit__ stops it; then every connection's tasks are ended
            tasks = asyncio.all_tasks(loop)
            for task in tasks:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.close()

        self._thread = threading.Thread(target=run, name="delay-proxy", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the delay proxy did not start")
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._child is not None:
            self._child.terminate()
            self._child.wait(10)
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
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

    def started(listening: int) -> None:
        print(f"delay proxy: {args.delay_ms} ms each way to {args.target}, listening on 127.0.0.1 port {listening}",
              flush=True)

    # The proxy stands for the network, which takes no CPU from the workstations: on a shared
    # machine it goes first, or its delays would grow with everybody's load (needs root; else as is).
    with contextlib.suppress(OSError):
        os.nice(-10)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(host, int(port), args.delay_ms / 1000, args.port, started))
    return 0


if __name__ == "__main__":
    sys.exit(main())

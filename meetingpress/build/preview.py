"""The local preview: a watch session + an HTTP server on 127.0.0.1 → a page that shows the latest build.

`serve()` runs `watcher.watch()` and, in a thread, a read-only HTTP server:

    /                       the preview page (never written to output/, never published)
    /_preview/state.json    {"generation": n, "ok": bool}: the page polls it and reloads after each build
    /<anything else>        the files in output/ (GET and HEAD only; no hidden ones, nothing outside output/)

Only requests that name the server as 127.0.0.1:<port> or localhost:<port> are answered.

The page shows one meeting (`/?m=<id>`, by default the one the last build
wrote, else the newest): its news item in a frame, its PDF report embedded,
and, for each output, what its declaration says to show (a deck: its slide titles).  When
the last build failed, its problems are shown above the last good outputs.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from meetingpress.build.limits import Limits
from meetingpress.build.watch import Cycle, warm_runner, watch
from meetingpress.errors import UsageError
from meetingpress.project import Project

STATE_PATH = "/_preview/state.json"
POLL_MS = 1000


class Preview:
    """What the page shows: the latest cycle, counted so the page knows when to reload."""

    def __init__(self, project: Project, draft: bool = False):
        self.project = project
        self.draft = draft
        """A draft session shows the drafts (output/_drafts/), labelled as such; else the published outputs."""
        self.generation = 0
        self.cycle: Cycle | None = None
        self.focus: str | None = None
        self._lock = threading.Lock()

    def update(self, cycle: Cycle) -> None:
        written = [w.path for w in (cycle.result.written if cycle.result else [])]
        from meetingpress.paths import DRAFTS

        ids = [p.parent.name for p in written if p.parent not in (self.project.output, self.project.output / DRAFTS)]
        with self._lock:
            self.generation += 1
            self.cycle = cycle
            if ids:
                self.focus = ids[0]

    def state(self) -> dict:
        with self._lock:
            return {"generation": self.generation, "ok": bool(self.cycle and self.cycle.ok)}

    def page(self, wanted: str | None = None) -> bytes:
        from meetingpress.build import archive
        from meetingpress.outputs import templating
        from meetingpress.paths import BUILTIN_TEMPLATES

        with self._lock:
            generation, cycle, focus = self.generation, self.cycle, self.focus
        from meetingpress.paths import DRAFTS

        folder = self.project.output / DRAFTS if self.draft else self.project.output
        found = archive.records(self.project.content, folder)
        ids = [r.meeting_id for r in found]
        chosen = next((r for r in found if r.meeting_id == (wanted if wanted in ids else focus)), None)
        chosen = chosen or (found[0] if found else None)
        files = chosen.files if chosen else {}
        context = {
            "generation": generation,
            "poll_ms": POLL_MS,
            "state_url": STATE_PATH,
            "cycle": cycle,
            "problems": [str(p) for p in cycle.problems] if cycle else [],
            "meetings": found,
            "chosen": chosen,
            "shown": shown(folder, chosen.meeting_id, files) if chosen else [],
            "base": f"/{DRAFTS}" if self.draft else "",
        }
        env = templating.environment("en", (BUILTIN_TEMPLATES,))
        return env.get_template("preview/page.html").render(context).encode("utf-8")


def shown(folder: Path, meeting_id: str, files: dict[str, str]) -> list[dict]:
    """What the preview shows of a meeting: each built file, in the registry's order, with the template that shows
    it (its output's `preview`) and, for an output that has one, its outline (a deck's slide titles, or the error
    that kept it from being read)."""
    from meetingpress import registry

    found = []
    for name, output in registry.outputs().items():
        for label, file in sorted(files.items()):
            if label.split(".", 1)[0] != name:
                continue
            item = {"output": name, "label": label, "name": file, "template": output.preview, "what": output.label}
            if output.outline:
                try:
                    item["outline"] = registry.function(output.outline)(folder / meeting_id / file)
                except Exception as exc:  # noqa: BLE001  a file that cannot be read is shown as such, the page still works
                    item["error"] = f"{type(exc).__name__}: {exc}"
            found.append(item)
    return found


class _Handler(SimpleHTTPRequestHandler):
    """output/ read-only, plus the preview page and its state.

    Only requests for this server by its own name are answered (`Host`: the
    address and port it listens on, or localhost with that port), so a web
    page elsewhere cannot reach it through a DNS name it re-points at
    127.0.0.1 (DNS rebinding).  Only files inside output/ are served, none
    whose path has a part starting with a dot (the build's records in
    output/.meetingpress/, however the dot is encoded) and nothing a symlink
    leads to outside output/.
    """

    preview: Preview

    def refused(self) -> bool:
        """Answer a request that is not for us (421), malformed (400) or for a hidden file (404); True if so."""
        port = self.server.server_address[1]
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            self.send_error(421, "Misdirected Request", f"this preview answers only to 127.0.0.1:{port}")
            return True
        try:
            path = unquote(urlsplit(self.path).path, errors="strict")
        except (UnicodeDecodeError, ValueError):
            path = ""
        if not path.startswith("/") or any(ord(ch) < 32 or ch == "\x7f" for ch in path):
            self.send_error(400, "Bad path")
            return True
        if path in ("/", STATE_PATH):
            return False
        root = Path(self.directory).resolve()
        if any(part.startswith(".") for part in path.split("/")) or not Path(
            os.path.realpath(self.translate_path(self.path))
        ).is_relative_to(root):
            self.send_error(404)  # the build's own records (output/.meetingpress/) are not part of the preview
            return True
        return False

    def do_HEAD(self):  # noqa: N802 (http.server's naming)
        if not self.refused():
            super().do_HEAD()

    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.refused():
            return
        url = urlsplit(self.path)
        if url.path == "/":
            wanted = parse_qs(url.query).get("m", [None])[0]
            return self._send(self.preview.page(wanted), "text/html; charset=utf-8")
        if url.path == STATE_PATH:
            return self._send(json.dumps(self.preview.state()).encode(), "application/json")
        return super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
        pass  # the terminal shows the builds, not every request


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that goes away mid-answer (a reload, a closed tab) is no error; anything else is one line."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            print(f"preview: internal error: {type(error).__name__}: {error} (a bug in meetingpress)", file=sys.stderr)


def server(project: Project, preview: Preview, port: int) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1:`port` (0: any free port), not yet serving."""
    handler = type("Handler", (_Handler,), {"preview": preview})
    try:
        return _Server(("127.0.0.1", port), partial(handler, directory=str(project.output)))
    except OSError as exc:
        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}; try another --port") from None


def serve(
    project: Project,
    stop: threading.Event,
    on_result: Callable[[Cycle], None],
    port: int = 8000,
    draft: bool = False,
    limits: Limits = Limits(),
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Watch and rebuild like `watcher.watch`, with the preview page served until `stop` is set."""
    preview = Preview(project, draft)
    project.output.mkdir(parents=True, exist_ok=True)
    httpd = server(project, preview, port)
    runner = warm_runner(limits)  # its workers start before the server's thread does
    thread = threading.Thread(target=httpd.serve_forever, name="meetingpress-preview", daemon=True)
    thread.start()
    try:
        if on_ready:
            on_ready(f"http://127.0.0.1:{httpd.server_address[1]}/")

        def both(cycle: Cycle) -> None:
            preview.update(cycle)
            on_result(cycle)

        watch(project, stop, both, draft, limits, runner)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
        runner.close(kill=True)  # (closed already when watch ended on its own)

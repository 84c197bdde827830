"""Serve the built JupyterLite site (``_output/``) on this computer only, to try it before publishing.

    python3 lite/serve.py            # then open http://127.0.0.1:8000/
    python3 lite/serve.py --port 0   # any free port

Any static web server works for the site; this one only makes sure the MIME types Pyodide needs
(``.wasm``, ``.mjs``) are right whatever the system's table says. Standard library only: the
browser test and ``bench/bench_lite.py`` use :func:`start` too.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parents[1] / "_output"

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".ipynb": "application/json",
    ".whl": "application/octet-stream",
    ".zip": "application/zip",
}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the MIME types JupyterLite and Pyodide need; no request log."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the standard library's signature
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser that drops a connection halfway through a file is no problem


def start(folder: Path = OUTPUT, host: str = "127.0.0.1", port: int = 0) -> SiteServer:
    """Serve ``folder`` in a background thread; the URL is ``http://{host}:{server.server_address[1]}/``.

    Stop it with ``server.shutdown(); server.server_close()``.
    """
    server = SiteServer((host, port), functools.partial(SiteHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, name="lite-site", daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Toon de gebouwde JupyterLite-site op deze computer.")
    parser.add_argument("--dir", type=Path, default=OUTPUT, help="map met de site (standaard: _output/)")
    parser.add_argument("--port", type=int, default=8000, help="poort (standaard: 8000; 0 = een vrije poort)")
    args = parser.parse_args(argv)
    if not (args.dir / "lab" / "index.html").is_file():
        print(f"In {args.dir} staat geen gebouwde site. Bouw hem eerst met: make lite", file=sys.stderr)
        return 1
    server = start(args.dir, port=args.port)
    print(f"De cursus staat klaar op http://127.0.0.1:{server.server_address[1]}/ (alleen op deze computer). "
          "Stoppen: Ctrl+C.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

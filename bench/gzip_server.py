"""Serve a built site on 127.0.0.1 the way a static host does: text files gzip-compressed.

    python bench/gzip_server.py [DIRECTORY] [--port 8000]

GitHub Pages and most static hosts send HTML, CSS, JavaScript, JSON, SVG and CSV with
``Content-Encoding: gzip`` to a browser that accepts it; Python's ``http.server`` does not.
Lighthouse and page weights are measured against this server (``make bench``), and
``make serve`` uses it so that a reader's first look matches the published site. Each
file is compressed once (level 6, as nginx's and most hosts' default) and kept in memory
until it changes on disk.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import sys
import threading
from pathlib import Path

#: File types sent compressed (as static hosts do); images and fonts are already compressed.
COMPRESSIBLE = {
    ".html",
    ".css",
    ".js",
    ".mjs",
    ".json",
    ".svg",
    ".csv",
    ".txt",
    ".xml",
    ".bib",
    ".inv",
    ".map",
    ".ipynb",
    ".md",
}
LEVEL = 6


def accepts_gzip(header: str | None) -> bool:
    """True when an ``Accept-Encoding`` header admits gzip (``gzip;q=0`` refuses it)."""
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() not in ("gzip", "*"):
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            return True
    return False


@functools.lru_cache(maxsize=512)
def _compressed(path: str, mtime_ns: int, size: int) -> bytes:
    # mtime and size are part of the key: a rebuilt file is compressed again.
    return gzip.compress(Path(path).read_bytes(), LEVEL, mtime=0)


def gzip_size(path: Path) -> int:
    """Bytes of ``path`` as this server sends it to a browser that accepts gzip."""
    if path.suffix.lower() not in COMPRESSIBLE:
        return path.stat().st_size
    st = path.stat()
    return len(_compressed(str(path), st.st_mtime_ns, st.st_size))


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """``SimpleHTTPRequestHandler`` that compresses text files for clients that accept it."""

    quiet = True
    protocol_version = "HTTP/1.1"  # keep-alive, as every real host offers

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() or path.suffix.lower() not in COMPRESSIBLE or not path.is_file():
            return super().send_head()
        if not accepts_gzip(self.headers.get("Accept-Encoding")):
            return super().send_head()
        st = path.stat()
        body = _compressed(str(path), st.st_mtime_ns, st.st_size)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(st.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        if not self.quiet:
            super().log_message(*args)


class LoggingGzipHandler(GzipHandler):
    quiet = False


def handler_for(root: Path, quiet: bool = True):
    cls = GzipHandler if quiet else LoggingGzipHandler
    return functools.partial(cls, directory=str(root))


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that drops a connection it no longer needs is normal here.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class GzipSiteServer:
    """Serve ``root`` with gzip on 127.0.0.1 (a free port unless given), in a thread."""

    def __init__(self, root: Path, port: int = 0, quiet: bool = True):
        root = Path(root)
        if not (root / "index.html").is_file():
            raise FileNotFoundError(f"no built site at {root} (index.html missing): build first")
        self.httpd = _Server(("127.0.0.1", port), handler_for(root, quiet))
        self.root = root
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", nargs="?", default="_build/html", type=Path)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    args = parser.parse_args(argv)
    with _Server(("127.0.0.1", args.port), handler_for(args.directory, quiet=False)) as httpd:
        print(f"Serving {args.directory} on http://127.0.0.1:{args.port}/ (gzip; Ctrl+C to stop)")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

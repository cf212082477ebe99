"""`make serve`: `mkdocs serve --strict` on HOST, with one line instead of a traceback if the port is busy.

    python -m scripts.serve 127.0.0.1:8000

MkDocs builds the whole site before it opens its port, then fails on a busy one with a long
traceback. The address is tried here first, so the editor learns at once, in one Vietnamese
line, that the port is taken and which free one to use instead; the same line is printed if
the port is taken during the first build.
"""

from __future__ import annotations

import errno
import socket
import sys

DEFAULT = "127.0.0.1:8000"


def split(address: str) -> tuple[str, int] | None:
    host, _, port = address.rpartition(":")
    host = host.strip("[]")  # [::1]:8000
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return host, int(port)


def bind_error(host: str, port: int) -> OSError | None:
    """Why a server could not listen on host:port now, or None if it could.

    The socket is set up as MkDocs' server sets up its own (SO_REUSEADDR), so a port that is
    only closing (TIME_WAIT) counts as free, as it does for MkDocs.
    """
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, protocol) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
    except OSError as exc:  # socket.gaierror included: a host name that does not resolve
        return exc
    return None


def busy_message(host: str, port: int) -> str:
    free = next((p for p in range(port + 1, min(port + 100, 65536)) if bind_error(host, p) is None), None)
    other = f"{host}:{free}" if free else f"{host}:<cổng khác>"
    return (f"Cổng {port} trên {host} đang bận (có thể một make serve khác đang chạy); "
            f"hãy chọn cổng khác, ví dụ: make serve HOST={other}")


def problem(address: str) -> str | None:
    """One Vietnamese line saying why `address` cannot be served, or None if it can."""
    parts = split(address)
    if parts is None:
        return f'HOST "{address}" không hợp lệ; hãy viết máy:cổng, ví dụ: make serve HOST=127.0.0.1:8001'
    host, port = parts
    error = bind_error(host, port)
    if error is None:
        return None
    if error.errno == errno.EADDRINUSE:
        return busy_message(host, port)
    if error.errno == errno.EACCES:
        return f"Không được phép mở cổng {port} (cổng dưới 1024 cần quyền quản trị); ví dụ: make serve HOST={host}:8001"
    return f"Không mở được {host}:{port} ({error.strerror or error}); ví dụ: make serve HOST=127.0.0.1:8001"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    address = args.pop(0) if args else DEFAULT
    message = problem(address)
    if message:
        print(message, file=sys.stderr)
        return 1
    from mkdocs.__main__ import cli

    try:
        cli.main(["serve", "--strict", "--dev-addr", address, *args], prog_name="mkdocs")
    except OSError as exc:  # taken while the first build ran
        if exc.errno != errno.EADDRINUSE:
            raise
        print(busy_message(*split(address)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

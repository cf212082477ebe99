"""The one place that finds Chrome or Chromium for the browser tests and benchmarks.

    python3 -m scripts.chromium             # print the browser's path, or say what to install (exit 1)
    python3 -m scripts.chromium --install   # the same; if none is found and apt-get is usable
                                            # (root, or sudo), install Debian's chromium first

Looked for in this order: $PLANSITE_CHROMIUM (a path; if set, it must be an executable file),
then `chromium`, `chromium-browser`, `google-chrome`, `google-chrome-stable` on PATH, then the
usual macOS applications. tests/conftest.py, scripts/lighthouse.py and scripts/search_bench.py
call find(); `make test`, `make lighthouse` and `make search-bench` run this module first.
Standard library only: the Makefile runs it before the virtualenv has anything in it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

VARIABLE = "PLANSITE_CHROMIUM"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
MACOS_APPS = ("/Applications/Chromium.app/Contents/MacOS/Chromium",
              "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
# Headless in a container or CI: no sandbox (often no user namespaces), no GPU, no updates.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


class ChromiumMissing(Exception):
    """No usable Chrome or Chromium; the message says what to install or set."""


def _executable(path: str | Path) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def find() -> str:
    """The path of the Chrome or Chromium to use; ChromiumMissing says what to do if there is none."""
    chosen = os.environ.get(VARIABLE)
    if chosen:
        if not _executable(chosen):
            raise ChromiumMissing(f"{VARIABLE}={chosen} is not an executable file. Set it to the browser "
                                  f"program itself, e.g. {VARIABLE}=/usr/bin/chromium, or unset it to search PATH.")
        return chosen
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    for app in MACOS_APPS:
        if _executable(app):
            return app
    raise ChromiumMissing(missing_message())


def missing_message() -> str:
    apt = apt_command()
    if not shutil.which("apt-get"):
        installer = "There is no apt-get here, so nothing was installed."
    elif apt is None:
        installer = "apt-get needs root or sudo, and neither is available, so nothing was installed."
    else:
        installer = "make test installs Debian's chromium with apt-get when none is found."
    return "\n".join([
        "The browser tests need Chrome or Chromium, and none was found:",
        f"{VARIABLE} is not set, and none of {', '.join(NAMES)} is on PATH.",
        installer,
        "Install one, then run the command again:",
        "  Debian:  sudo apt-get install chromium",
        "  Ubuntu:  sudo apt-get install chromium-browser",
        "  Fedora:  sudo dnf install chromium",
        "  macOS:   brew install --cask chromium   (or Google Chrome from https://www.google.com/chrome/)",
        "Or point the tests at a Chrome or Chromium you already have (the program, not a folder):",
        f"  {VARIABLE}=/path/to/chrome make test",
        f'  e.g. {VARIABLE}="$HOME/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" make test',
    ])


def apt_command() -> list[str] | None:
    """How to run apt-get here (as root, or through sudo), or None if it cannot be run."""
    if not shutil.which("apt-get"):
        return None
    if os.geteuid() == 0:
        return ["apt-get"]
    return ["sudo", "apt-get"] if shutil.which("sudo") else None


def install() -> None:
    """Install Debian's chromium with apt-get (needs root or sudo)."""
    apt = apt_command()
    assert apt is not None
    print(f"No Chrome or Chromium found; installing Debian's chromium: {' '.join(apt)} install chromium",
          file=sys.stderr, flush=True)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*apt, "update", "-qq"], check=True, env=environment)
    subprocess.run([*apt, "install", "-y", "-qq", "chromium"], check=True, env=environment, stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--install", action="store_true",
                        help="if none is found and apt-get is usable (root, or sudo), install Debian's chromium")
    args = parser.parse_args(argv)
    try:
        print(find())
        return 0
    except ChromiumMissing as missing:
        if not (args.install and not os.environ.get(VARIABLE) and apt_command()):
            print(missing, file=sys.stderr)
            return 1
    try:
        install()
        print(find())
        return 0
    except (subprocess.CalledProcessError, ChromiumMissing) as failure:
        print(f"Installing Debian's chromium failed ({failure}).\n{missing_message()}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

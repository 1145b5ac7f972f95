"""Import WeasyPrint without asking the C compiler where its libraries are.

WeasyPrint opens Pango, HarfBuzz and fontconfig through cffi, trying several spellings of
each library's name (Windows, macOS, Linux). Each spelling cffi cannot open directly goes
to ``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` and, for a name not in
its cache, ``gcc`` and ``ld``: 22 look-ups and 16 compiler runs, ~0.2 s of CPU for every
process that renders (libharfbuzz-vector, which WeasyPrint asks for last, is not packaged in
Debian 12, so all its spellings miss).

While WeasyPrint's libraries are opened, look-ups are answered from one ``ldconfig -p``
listing for this machine's ABI, which is where the stock function looks first and finds
every packaged library; a name that is not listed is searched in ``LD_LIBRARY_PATH`` as
``ld`` would, and is otherwise missing. Elsewhere (no ldconfig, not Linux) nothing changes.
"""

from __future__ import annotations

import ctypes.util
import os
import platform
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_ABI = {"x86_64": "libc6,x86-64", "aarch64": "libc6,AArch64", "ppc64le": "libc6,64bit",
        "s390x": "libc6,64bit", "riscv64": "libc6,64bit"}
_ENTRY = re.compile(r"^\s+(lib\S+\.so\S*) \(([^)]*)\) => ")


def _listing() -> list[str] | None:
    """The sonames in the dynamic linker's cache for this ABI, or None without ldconfig."""
    ldconfig = shutil.which("ldconfig") or next(
        (p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if Path(p).is_file()), None)
    if sys.platform != "linux" or ldconfig is None:
        return None
    abi = _ABI.get(platform.machine(), "libc6")
    # A fixed command, no shell.
    out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=False,  # noqa: S603
                         env={**os.environ, "LC_ALL": "C"}).stdout
    names = []
    for line in out.splitlines():
        if (match := _ENTRY.match(line)) and match.group(2).startswith(abi):
            names.append(match.group(1))
    return names


def _finder(sonames: list[str]) -> object:
    def find_library(name: str) -> str | None:
        pattern = re.compile(rf"lib{re.escape(name)}\.so(\.|$)")
        for soname in sonames:
            if pattern.match(soname):
                return soname
        for folder in filter(None, os.environ.get("LD_LIBRARY_PATH", "").split(":")):
            found = sorted(Path(folder).glob(f"lib{name}.so*"))
            if found:
                return found[0].name
        return None

    return find_library


@contextmanager
def quick_library_lookup() -> Iterator[None]:
    """Within the block, ``ctypes.util.find_library`` reads one ldconfig listing."""
    sonames = _listing()
    if sonames is None:
        yield
        return
    stock = ctypes.util.find_library
    ctypes.util.find_library = _finder(sonames)  # type: ignore[assignment]
    try:
        yield
    finally:
        ctypes.util.find_library = stock

"""Fetches one pinned package (from PyPI, or by URL from another registry) for the generators,
checked against its SHA-256, and writes their outputs."""
import hashlib
import os
import subprocess
import sys
import urllib.request
from pathlib import Path


def download(package: str, sha256: str, pattern: str, binary: bool, tmp: str) -> Path:
    """`pip download` PACKAGE (a wheel if `binary`, else the source archive) into TMP and
    return the one file matching PATTERN, after checking its SHA-256 against the pin."""
    form = ["--only-binary", ":all:"] if binary else ["--no-binary", ":all:"]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", package, "--no-deps", *form,
         "--disable-pip-version-check", "--quiet", "-d", tmp],
        check=True,
    )
    found = sorted(Path(tmp).glob(pattern))
    if len(found) != 1:
        sys.exit(f"expected one {pattern} in {tmp}, found {found}")
    digest = hashlib.sha256(found[0].read_bytes()).hexdigest()
    if digest != sha256:
        sys.exit(f"{found[0].name}: sha256 {digest} != pinned {sha256}")
    return found[0]


def fetch_url(url: str, sha256: str, tmp: str) -> bytes:
    """The file at URL (a registry's tarball), saved into TMP and returned after checking its
    SHA-256 against the pin."""
    path = Path(tmp) / url.rsplit("/", 1)[1]
    with urllib.request.urlopen(url, timeout=60) as response:
        path.write_bytes(response.read())
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        sys.exit(f"{path.name}: sha256 {digest} != pinned {sha256}")
    return data


def write_sorted(out: Path, names: set[str]) -> int:
    """Rewrite OUT in full with NAMES, one a line, sorted by their UTF-8 bytes, replacing the
    old file in one step; returns how many."""
    rows = sorted(names, key=lambda s: s.encode("utf-8"))
    tmp_out = out.with_name(out.name + ".tmp")
    tmp_out.write_bytes("".join(r + "\n" for r in rows).encode("utf-8"))
    os.replace(tmp_out, out)
    return len(rows)

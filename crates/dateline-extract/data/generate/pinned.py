"""Fetches one pinned package from PyPI for the generators, checked against its SHA-256."""
import hashlib
import subprocess
import sys
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

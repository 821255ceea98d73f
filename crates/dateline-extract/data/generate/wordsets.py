"""The words that keep a name out of a generated list of organisations: English words,
given names, places and nationalities (shared by companies.py and lexicon_orgs.py)."""
from __future__ import annotations

import sys
from pathlib import Path

DICTIONARY = Path("/usr/share/dict/american-english")
DATA_DIR = Path(__file__).resolve().parent.parent


class Words:
    """`english`: the lower-case entries of `wamerican`'s word list (it also holds proper
    nouns, "Apple" beside "apple", and a proper noun is no reason to drop a name), with their
    possessives' stems; `given`, `places`: the first column of given_names.tsv and places.tsv;
    `demonyms`: the entries of lists/demonyms.txt. All as written."""

    def __init__(self) -> None:
        if not DICTIONARY.is_file():
            sys.exit(f"{DICTIONARY} is missing: install Debian's wamerican package (apt-get install wamerican)")
        words = [w.strip() for w in DICTIONARY.read_text(encoding="utf-8").splitlines()]
        self.english = {w for w in words if w and w[0].islower()}
        self.english |= {w[:-2] for w in self.english if w.endswith("'s")}
        self.given = first_column(DATA_DIR / "given_names.tsv")
        self.places = first_column(DATA_DIR / "places.tsv")
        self.demonyms = {
            line.strip()
            for line in (DATA_DIR / "lists" / "demonyms.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        }


def first_column(path: Path) -> set[str]:
    return {line.split("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()}

#!/usr/bin/env python3
"""Generate data/companies.txt: the names of listed companies, as news copy writes them.

Run from the repository root:

    python3 crates/dateline-extract/data/generate/companies.py

Standard library only, plus the word list of Debian's `wamerican` package
(/usr/share/dict/american-english, `apt-get install wamerican`). The pinned wheel
pytickersymbols==1.17.10 is fetched from PyPI with `python3 -m pip download
--no-deps --only-binary :all:` into a temporary directory, its SHA-256 is checked,
and the constituents of the stock indices in pytickersymbols/indices_data.py (S&P
500 and 600, NASDAQ 100, Dow Jones, FTSE 100, DAX and its siblings, CAC 40, Euro
Stoxx 50, IBEX 35, AEX, BEL 20, Nikkei 225, OMX and SMI) are read straight out of
the archive with `ast.literal_eval` (nothing is installed or imported). The output
is rewritten in full on every run, so running the script twice gives the same file.

News copy names a company without its legal form ("Acme" for "Acme, Inc.", "Acme
Widget" for "Acme Widget Corporation") and, when the rest of its registered name
only says what kind of business it is, by its first word alone ("Acme" for "Acme
Technologies" or "Acme Motor Company"). Each company contributes those forms.

A form is left out when it would be read as a company where it is not one:

* a single word that is an English word in any case ("Target", "Visa", "Ball"):
  the lower-case entries of `wamerican`'s word list decide;
* a single word that is a given name in the Census list (given_names.tsv), a
  place name in places.tsv ("Adrian", "Phoenix") or a nationality or other word
  of lists/demonyms.txt ("American" for "American Airlines");
* a form of one or two characters, or with no upper-case letter.

Data: company names from pytickersymbols (MIT licence, copyright portfolio+), whose
index constituents are gathered from Wikipedia's index articles.
"""

from __future__ import annotations

import ast
import re
import sys
import tempfile
import zipfile
from pathlib import Path

import pinned  # beside this script
import wordsets  # beside this script

PACKAGE = "pytickersymbols==1.17.10"
WHEEL_SHA256 = "126ba59039f62fbde99d02b49eb180f0eb7987120aa8daaa25fe4b1c1651eb57"
MEMBER = "pytickersymbols/indices_data.py"

DATA_DIR = Path(__file__).resolve().parent.parent
OUT = DATA_DIR / "companies.txt"

# Legal forms, written after the name (", Inc.", " plc", " AG"): dropped, one at a time.
LEGAL_FORMS = [
    "Inc.", "Inc", "Incorporated", "Corporation", "Corp.", "Corp", "Co.", "Company",
    "Ltd.", "Ltd", "Limited", "plc", "PLC", "Plc", "AG", "SE", "S.A.", "SA", "N.V.", "NV",
    "A/S", "AB", "ASA", "Oyj", "Abp", "KGaA", "& Co. KGaA", "GmbH", "S.p.A.", "Holdings",
    "Holding", "Group", "Co., Ltd.", "Trust",
]

# Words that only say what kind of business the rest of the name runs: a name whose every
# word after the first is one of these is also known by its first word.
KIND_WORDS = {
    "Aerospace", "Airlines", "Brands", "Communications", "Electric", "Electronics",
    "Energy", "Entertainment", "Financial", "Foods", "Industries", "Interactive",
    "International", "Labs", "Media", "Motor", "Motors", "Networks", "Pharmaceuticals",
    "Resources", "Software", "Solutions", "Systems", "Technologies", "Technology",
    "Therapeutics", "Worldwide",
}


def read_indices(tmp: str) -> dict:
    wheel = pinned.download(PACKAGE, WHEEL_SHA256, "pytickersymbols-*.whl", True, tmp)
    with zipfile.ZipFile(wheel) as zf:
        source = zf.read(MEMBER).decode("utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "INDICES" for t in node.targets):
            return ast.literal_eval(node.value)
    sys.exit(f"{MEMBER}: no INDICES")


def without_legal_form(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip().rstrip(",")
    changed = True
    while changed:
        changed = False
        for form in LEGAL_FORMS:
            for sep in (", ", " "):
                if name.endswith(sep + form):
                    name = name[: -len(sep + form)].rstrip(", &")
                    changed = True
    return name


def forms(name: str):
    """The company's name without its legal form, and its first word when the rest only says
    what the business is; an all-capital first word is kept only as a whole name ("PQR
    Systems" is not called "PQR", which reads as any abbreviation)."""
    short = without_legal_form(name)
    if short.startswith("The "):
        short = short[4:]
    yield short
    words = short.split(" ")
    if len(words) >= 2 and all(w in KIND_WORDS for w in words[1:]) and not words[0].isupper():
        yield words[0]


def main() -> None:
    words = wordsets.Words()
    english, given, places, demonyms = words.english, words.given, words.places, words.demonyms

    with tempfile.TemporaryDirectory(prefix="companies-") as tmp:
        indices = read_indices(tmp)
    names = {c["name"] for index in indices.values() for c in index["companies"]}

    kept = set()
    for name in names:
        for form in forms(name):
            single = " " not in form
            if len(form) < 3 or not any(c.isupper() for c in form):
                continue
            if single and (form.lower() in english or form.title() in given or form in places or form in demonyms):
                continue
            if not single and form in places:
                continue
            kept.add(form)
    count = pinned.write_sorted(OUT, kept)
    print(f"{OUT}: {count} names from {len(names)} companies", file=sys.stderr)


if __name__ == "__main__":
    main()

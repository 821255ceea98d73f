#!/usr/bin/env python3
"""Generate data/lexicon_orgs.txt: well-known organisations and sports teams from the
lexicon of the `compromise` natural-language library.

Run from the repository root:

    python3 crates/dateline-extract/data/generate/lexicon_orgs.py

Standard library only, plus the word list of Debian's `wamerican` package
(/usr/share/dict/american-english, `apt-get install wamerican`). Two pinned npm tarballs
are fetched from registry.npmjs.org into a temporary directory and checked against their
SHA-256: `compromise` 14.17.0, whose lexicon (src/2-two/preTagger/model/lexicon/_data.js)
holds, packed in the `efrt` trie format, the words it tags `Organization` (companies,
agencies, outlets, bands, parties: "associated press", "nasa") and `SportsTeam`
("cleveland browns"); and `efrt` 2.9.0, whose unpacking this script follows (the format is
documented in efrt's README). Nothing is installed or run.

The lexicon writes every name in lower case, without apostrophes or full stops, and with
spaces for hyphens ("mcdonalds", "coca cola"). The extractor compares a capitalised run in
that folded form (see `gazetteer::is_known_org`), so the file keeps the lexicon's spelling.

A name is left out when it would be read as an organisation where it is not one:
* a single word that is an English word in lower case ("visa", "orange"): the lower-case
  entries of `wamerican`'s word list decide;
* a single word that is a given name in the Census list (given_names.tsv) or a place name
  in places.tsv;
* a name of any length that is a place in places.tsv, and a single word that is a
  nationality or other word of lists/demonyms.txt;
* a name of one or two characters;
* a name the lexicon tags an organisation that the label schema does not count as one
  (NOT_ORGANISATIONS below: a person a brand is named after, a historical state, the
  supporters of a cause, a religion, a public programme).

The output is rewritten in full on every run, so running the script twice gives the same
file. Data: the compromise lexicon, MIT licence, copyright Spencer Kelly and contributors
(https://github.com/spencermountain/compromise); efrt, MIT licence, copyright Spencer Kelly.
"""
from __future__ import annotations

import io
import json
import re
import sys
import tarfile
import tempfile
from pathlib import Path

import pinned  # beside this script
import wordsets  # beside this script

TARBALLS = {
    "compromise": (
        "https://registry.npmjs.org/compromise/-/compromise-14.17.0.tgz",
        "fa843fe05dad05ad32991fa3dc37cd8606ce7a37feab7af8050e66666e4632f6",
    ),
    "efrt": (
        "https://registry.npmjs.org/efrt/-/efrt-2.9.0.tgz",
        "f67775d99a6046ab4312f6359e678903062e0fd25b03a7678c813bc7a319f308",
    ),
}
LEXICON = "package/src/2-two/preTagger/model/lexicon/_data.js"
TAGS = ("Organization", "SportsTeam")
# Tagged Organization by the lexicon, but a person, a former state, supporters of a cause, a
# religion or a public programme: none is an organisation in dateline's sense (SCHEMA.md's
# "agencies, companies, government bodies, parties").
NOT_ORGANISATIONS = {
    "brexiteers", "coco chanel", "eurosceptics", "medicaid", "medicare", "roman empire", "scientology",
}

DATA_DIR = Path(__file__).resolve().parent.parent
OUT = DATA_DIR / "lexicon_orgs.txt"


def fetch(name: str, tmp: str) -> bytes:
    url, sha256 = TARBALLS[name]
    return pinned.fetch_url(url, sha256, tmp)


def member(tarball: bytes, name: str) -> str:
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tf:
        f = tf.extractfile(name)
        if f is None:
            sys.exit(f"{name} missing from the tarball")
        return f.read().decode("utf-8")


def from_alpha_code(s: str) -> int:
    """efrt's numbering of node references: 0-9A-Z, then 00, 01, … (base 36 by length)."""
    seq = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if len(s) == 1:
        return seq.index(s)
    n, places, rng = 0, 1, 36
    while places < len(s):
        n += rng
        places += 1
        rng *= 36
    pow_ = 1
    for ch in reversed(s):
        n += seq.index(ch) * pow_
        pow_ *= 36
    return n


def unpack(packed: str) -> list[str]:
    """The words of one packed efrt trie (the unversioned format compromise uses): nodes
    separated by ';', an optional table of symbols ("0:09") first, a leading '!' marking a
    node that ends a word, and each edge a label followed by a reference to the next node
    (an absolute symbol or an offset) or by ',' or nothing for an edge that ends a word."""
    nodes = packed.split(";")
    syms: list[int] = []
    symbol = re.compile(r"^([0-9A-Z]+):([0-9A-Z]+)$")
    while nodes and ":" in nodes[0]:
        m = symbol.match(nodes[0])
        if not m:
            sys.exit(f"bad efrt symbol {nodes[0]!r}")
        syms.append(from_alpha_code(m.group(2)))
        nodes.pop(0)
    words: list[str] = []

    def target(ref: str, index: int) -> int:
        d = from_alpha_code(ref)
        return syms[d] if d < len(syms) else index + d + 1 - len(syms)

    stack = [(0, "")]
    while stack:
        index, prefix = stack.pop()
        node = nodes[index]
        if node.startswith("!"):
            words.append(prefix)
            node = node[1:]
        for label, ref in re.findall(r"([^A-Z0-9,;!:|¦]+)([A-Z0-9]+|,|)", node):
            if ref in ("", ","):
                words.append(prefix + label)
            else:
                stack.append((target(ref, index), prefix + label))
    return words


def lexicon_words(source: str, tag: str) -> list[str]:
    m = re.search(r'^\s*"' + tag + r'":\s*("(?:[^"\\]|\\.)*")', source, re.M)
    if not m:
        sys.exit(f"{LEXICON}: no {tag}")
    categories = json.loads(m.group(1))
    out = []
    for category in categories.split("|"):
        _, trie = category.split("¦", 1)
        out.extend(unpack(trie))
    return out


def fold(name: str) -> str:
    return " ".join(name.replace("'", "").replace(".", "").replace("-", " ").split())


def main() -> None:
    # The lexicon's names are in lower case: so are the words that keep one out.
    words = wordsets.Words()
    english = words.english
    given, places = {w.lower() for w in words.given}, {w.lower() for w in words.places}
    demonyms = {w.lower() for w in words.demonyms}
    with tempfile.TemporaryDirectory(prefix="lexicon-orgs-") as tmp:
        fetch("efrt", tmp)  # pinned beside the lexicon: the trie format this script reads
        source = member(fetch("compromise", tmp), LEXICON)
    # Folded as the extractor folds a name it looks up: no apostrophes or full stops, a space
    # for a hyphen (the lexicon writes a few names with an apostrophe: "destiny's child").
    names = {fold(w) for tag in TAGS for w in lexicon_words(source, tag)}
    kept = {n for n in names if wanted(n, english, given, places, demonyms)}
    count = pinned.write_sorted(OUT, kept)
    print(f"{OUT}: {count} of {len(names)} names", file=sys.stderr)


def wanted(name: str, english: set[str], given: set[str], places: set[str], demonyms: set[str]) -> bool:
    """Whether the lexicon's NAME goes into the list (see the module's notes)."""
    if len(name) < 3 or name in places or name in NOT_ORGANISATIONS:
        return False
    single = " " not in name
    return not (single and (name in english or name in given or name in demonyms))


if __name__ == "__main__":
    main()

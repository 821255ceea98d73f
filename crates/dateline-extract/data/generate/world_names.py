#!/usr/bin/env python3
"""Generate data/world_given_names.tsv and data/world_surnames.txt: the given names and
surnames of some fifty countries and languages, from the per-locale name lists of Faker.

Run from the repository root (needs Debian's `wamerican` word list, see wordsets.py):

    python3 crates/dateline-extract/data/generate/world_names.py

Standard library only. The pinned wheel faker==40.54.0 is fetched from PyPI with
`python3 -m pip download --no-deps --only-binary :all:` into a temporary directory, its
SHA-256 is checked, and each faker/providers/person/LOCALE/__init__.py is read straight out of
the wheel: its source is parsed, never run, and the class attributes first_names_male,
first_names_female, first_names and last_names are evaluated from their literals (tuples,
lists, dicts or OrderedDicts of name and weight, and sums of those). Outputs are rewritten in
full on every run, so running the script twice gives byte-identical files.

The Census lists of names.py lean American; these add the names of the rest of the world's
news ("Giulio", "Joaquim", "Radek"; "Lindqvist", "Horvat"). Kept: single words in Latin or
Cyrillic script of three letters or more that start with a capital. Dropped: names the Census
lists already hold, and names that are also English words, places or nationalities
(wordsets.py), since this list is weaker evidence and must not turn a word into a name.

world_given_names.tsv  `name <TAB> gender`, gender f, m or u (u when locales disagree or
                       the list does not say), sorted bytewise.
world_surnames.txt     one surname per line, sorted bytewise.

Data: Faker by Daniele Faraglia and the Faker contributors, MIT licence.
"""

from __future__ import annotations

import ast
import re
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pinned  # beside this script
from wordsets import Words

PACKAGE = "faker==40.54.0"
WHEEL_SHA256 = "2dd88ee8cb63a9149e19ef48bdd73879bc3854d8ba2d6c1535e902a762e603f7"

DATA_DIR = Path(__file__).resolve().parent.parent
GIVEN_OUT = DATA_DIR / "world_given_names.tsv"
SURNAMES_OUT = DATA_DIR / "world_surnames.txt"

LOCALE_FILE = re.compile(r"faker/providers/person/([a-z]{2,3}(?:_[A-Z]{2})?)/__init__\.py")
GIVEN_LISTS = {"first_names_male": "m", "first_names_female": "f", "first_names": "u"}


def evaluate(node: ast.AST, env: dict) -> list:
    """The names a class attribute's value lists, in order; raises ValueError on anything else."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        out = []
        for element in node.elts:
            if isinstance(element, ast.Starred):
                out += evaluate(element.value, env)
            elif isinstance(element, ast.Tuple):  # (name, weight)
                out.append(evaluate(element.elts[0], env))
            else:
                out.append(evaluate(element, env))
        return out
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Dict):
        return [evaluate(k, env) for k in node.keys]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return evaluate(node.left, env) + evaluate(node.right, env)
    if isinstance(node, ast.Name) and node.id in env:
        return env[node.id]
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("OrderedDict", "dict", "tuple", "list") \
            and len(node.args) == 1:
        return evaluate(node.args[0], env)
    raise ValueError(f"line {getattr(node, 'lineno', '?')}: not a list of names")


def locale_lists(source: bytes) -> dict:
    """Every class attribute of a provider module whose value evaluates to a list of names."""
    env = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                env[node.targets[0].id] = evaluate(node.value, env)
            except (ValueError, IndexError):
                pass
    return env


def usable(name: str) -> bool:
    letters = all(
        ch in "-'" or (ch.isalpha() and any(s in unicodedata.name(ch, "") for s in ("LATIN", "CYRILLIC")))
        for ch in name
    )
    return letters and len(name) >= 3 and name[0].isupper() and not name.startswith(("-", "'"))


def main() -> None:
    words = Words()
    census_given = {n.lower() for n in words.given}
    census_surnames = {
        line.strip().lower() for line in (DATA_DIR / "surnames.txt").read_text(encoding="utf-8").splitlines()
    }

    def clash(name: str) -> bool:
        return name.lower() in words.english or name in words.places or name in words.demonyms

    given: dict[str, str] = {}
    surnames: set[str] = set()
    locales = 0
    with tempfile.TemporaryDirectory(prefix="world-names-") as tmp:
        wheel = pinned.download(PACKAGE, WHEEL_SHA256, "faker-*.whl", True, tmp)
        with zipfile.ZipFile(wheel) as zf:
            for member in sorted(zf.namelist()):
                if not LOCALE_FILE.fullmatch(member):
                    continue
                locales += 1
                env = locale_lists(zf.read(member))
                for attribute, gender in GIVEN_LISTS.items():
                    for name in env.get(attribute, []):
                        if isinstance(name, str) and usable(name := name.strip()):
                            given[name] = gender if given.get(name, gender) == gender else "u"
                for name in env.get("last_names", []):
                    if isinstance(name, str) and usable(name := name.strip()):
                        surnames.add(name)
    if locales < 40:
        sys.exit(f"only {locales} locales found in {PACKAGE}: has the wheel's layout changed?")

    given = {n: g for n, g in given.items() if n.lower() not in census_given and not clash(n)}
    surnames = {n for n in surnames if n.lower() not in census_surnames and not clash(n)}
    # A tab sorts before every letter, so rows sorted whole are sorted by their name.
    rows = pinned.write_sorted(GIVEN_OUT, {f"{n}\t{g}" for n, g in given.items()})
    count = pinned.write_sorted(SURNAMES_OUT, surnames)
    print(f"wrote {GIVEN_OUT} ({rows} given names) and {SURNAMES_OUT} ({count} surnames) "
          f"from {locales} locales of {PACKAGE}")


if __name__ == "__main__":
    main()

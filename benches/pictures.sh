#!/usr/bin/env bash
# The picture benchmark: N pictures of 12 megapixels (4000 × 3000 JPEG, 2.3 MB, with a
# credit, rights and a GPS position written by exiftool) in N/4 bundles; times a first build
# and a rebuild with nothing changed, and reports peak memory and the bytes of the copies by format.
#
#   benches/pictures.sh DIR [N] [JOBS]     # DIR on a RAM disk (/dev/shm/…); N defaults to 1000
#
# Needs ImageMagick's convert, exiftool, GNU time and a release build (cargo build --release).
# Every picture is a copy of one drawn picture with a different comment segment, so each has
# bytes of its own (its own cache entry) and all decode alike. Delete DIR afterwards.
set -euo pipefail
dir=${1:?usage: benches/pictures.sh DIR [N] [JOBS]}
n=${2:-1000}
jobs=${3:-$(nproc)}
bin=$(realpath "${DATELINE_BIN:-${CARGO_TARGET_DIR:-target}/release/dateline}")
mkdir -p "$dir/site/content"
cd "$dir"
if [ ! -f base.jpg ]; then
  convert -size 4000x3000 plasma:fractal -blur 0x1 -quality 90 base.jpg
  exiftool -q -overwrite_original '-XMP-photoshop:Credit=Bench Photographer/Bench Wire' \
    '-XMP-dc:Creator=Bench Photographer' '-XMP-dc:Rights=© Bench Wire' \
    '-EXIF:GPSLatitude=10' '-EXIF:GPSLatitudeRef=N' base.jpg
fi
printf 'title = "Pictures"\n[search]\nenabled = false\n' > site/site.toml
for ((b = 0; b < n / 4; b++)); do
  d=site/content/2024/b$b
  mkdir -p "$d"
  {
    printf '+++\ntitle = "Bundle %d"\ndate = 2024-01-%02d\n\n' "$b" $((1 + b % 28))
    for k in 0 1 2 3; do printf '[[figures]]\nsrc = "p%d.jpg"\ncaption = "Picture %d."\n\n' "$k" "$k"; done
    printf '+++\nBody of bundle %d.\n' "$b"
  } > "$d/index.md"
  for k in 0 1 2 3; do
    # A comment segment (FF FE, length 10) holding an 8-digit number right after SOI.
    { head -c 2 base.jpg; printf '\xff\xfe\x00\x0a%08d' $((b * 4 + k)); tail -c +3 base.jpg; } > "$d/p$k.jpg"
  done
done
rm -rf site/.dateline site/public
for run in "first build" "rebuild, nothing changed"; do
  /usr/bin/time -v "$bin" build --root site --jobs "$jobs" 2> time.txt > out.txt < /dev/null || { cat time.txt; exit 1; }
  printf '%s: %s s wall, peak %s MB; %s\n' "$run" \
    "$(grep 'Elapsed (wall' time.txt | awk '{print $NF}')" \
    "$(( $(grep 'Maximum resident' time.txt | awk '{print $NF}') / 1024 ))" \
    "$(grep -o '(pictures: [^)]*)' out.txt)"
done
# The copies by format: JPEG and the lossy WebP beside it.
for ext in jpg webp; do
  printf 'copies in .%s: %s files, %s bytes\n' "$ext" \
    "$(find site/.dateline/images -name "*.$ext" | wc -l)" \
    "$(find site/.dateline/images -name "*.$ext" -printf '%s\n' | awk '{s += $1} END {print s + 0}')"
done

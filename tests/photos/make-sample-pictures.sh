#!/usr/bin/env bash
# Draws the sample archive's bundle pictures (ImageMagick) and writes their IPTC/XMP/EXIF
# records with exiftool, as a picture desk would. The pictures are original drawings made for
# the sample; run this after changing a record and commit the files it writes.
set -euo pipefail
cd "$(dirname "$0")/../../content"
convert=/usr/bin/convert
exif=(exiftool -q -overwrite_original)

# Vila Serrana: a quay with moored trawlers (JPEG, full IPTC + XMP + EXIF) and the breakwater
# in spray (WebP, XMP + EXIF), which the article never mentions.
dir=2024/vila-serrana-swell
"$convert" -size 480x320 gradient:'#2a6f97-#f4d35e' \
  -fill '#3d405b' -draw 'rectangle 0,230 479,319' \
  -fill '#bc4749' -draw 'polygon 60,220 250,220 228,262 84,262' \
  -fill '#6a994e' -draw 'polygon 270,224 430,224 414,258 286,258' \
  -fill '#fefae0' -draw 'circle 400,70 424,70' -quality 82 -strip "$dir/quay.jpg"
"$convert" -size 480x320 gradient:'#94a3b8-#e2e8f0' \
  -fill '#1e3a5f' -draw 'rectangle 0,200 479,319' \
  -fill '#57534e' -draw 'polygon 0,210 300,180 320,200 0,240' \
  -fill white -draw 'ellipse 300,175 60,30 180,360' -quality 80 -strip "$dir/breakwater.webp"
"${exif[@]}" -codedcharacterset=utf8 \
  '-IPTC:Headline=Trawlers wait out the swell' '-XMP-photoshop:Headline=Trawlers wait out the swell' \
  '-IPTC:By-line=Marta Quelhas' '-XMP-dc:Creator=Marta Quelhas' \
  '-IPTC:Credit=Marta Quelhas/Costa Press' '-XMP-photoshop:Credit=Marta Quelhas/Costa Press' \
  '-IPTC:Source=Costa Press' '-XMP-photoshop:Source=Costa Press' \
  '-IPTC:CopyrightNotice=© 2024 Costa Press' '-XMP-dc:Rights=© 2024 Costa Press' \
  '-IPTC:Caption-Abstract=Trawlers tied up two abreast at the north quay of Vila Serrana.' \
  '-XMP-dc:Description=Trawlers tied up two abreast at the north quay of Vila Serrana.' \
  '-XMP-iptcCore:AltTextAccessibility=A red and a green trawler moored at a grey quay under a yellow evening sky' \
  '-IPTC:DateCreated=2024:02:11' '-EXIF:DateTimeOriginal=2024:02:11 18:40:00' \
  '-IPTC:City=Vila Serrana' '-IPTC:Country-PrimaryLocationName=Portugal' \
  '-XMP-iptcExt:LocationCreatedCity=Vila Serrana' '-XMP-iptcExt:LocationCreatedCountryName=Portugal' \
  '-XMP-xmpRights:UsageTerms=Editorial use only' \
  '-XMP-xmpRights:WebStatement=https://costapress.example/terms' \
  '-XMP-plus:LicensorURL=https://costapress.example/licensing' "$dir/quay.jpg"
"${exif[@]}" \
  '-XMP-photoshop:Headline=Spray over the breakwater' \
  '-XMP-dc:Description=Waves break over the outer breakwater of Vila Serrana harbour as the swell peaks.' \
  '-XMP-dc:Creator=Marta Quelhas' '-XMP-photoshop:Credit=Marta Quelhas/Costa Press' \
  '-XMP-dc:Rights=© 2024 Costa Press' \
  '-XMP-iptcCore:AltTextAccessibility=White spray rising over a dark stone breakwater under a grey sky' \
  '-XMP-photoshop:DateCreated=2024:02:12' '-XMP-photoshop:City=Vila Serrana' \
  '-XMP-photoshop:Country=Portugal' '-XMP-xmpRights:UsageTerms=Editorial use only' "$dir/breakwater.webp"

# São Brás: net menders, Latin-1 IPTC with no character-set record (an older desk's file).
dir=2023/sao-bras-net-menders
"$convert" -size 480x320 xc:'#e9d8a6' \
  -fill '#005f73' -draw 'rectangle 0,0 479,120' \
  -stroke '#0a9396' -strokewidth 3 -fill none \
  -draw 'path "M 40,300 Q 240,140 440,300"' -draw 'path "M 40,260 Q 240,100 440,260"' \
  -stroke none -fill '#9b2226' -draw 'circle 120,250 132,250' -draw 'circle 360,250 372,250' \
  -quality 82 -strip "$dir/nets.jpg"
"${exif[@]}" -charset iptc=Latin \
  '-IPTC:Headline=Redes remendadas ao sol' \
  '-IPTC:Caption-Abstract=Two net menders work on a purse seine on the beach at São Brás before the autumn sardine season.' \
  '-IPTC:By-line=Inês Conceição' '-IPTC:Credit=Inês Conceição/Agência Costeira' \
  '-IPTC:CopyrightNotice=© 2023 Agência Costeira' '-IPTC:DateCreated=2023:09:18' \
  '-IPTC:City=São Brás' '-IPTC:Country-PrimaryLocationName=Portugal' "$dir/nets.jpg"

# The ferry pier: the article credits one photographer, the picture another.
dir=2025/ferry-pier-repairs
"$convert" -size 480x320 gradient:'#caf0f8-#0077b6' \
  -fill '#6c584c' -draw 'rectangle 0,180 300,200' \
  -draw 'rectangle 30,200 40,300' -draw 'rectangle 130,200 140,300' -draw 'rectangle 230,200 240,300' \
  -fill '#ffb703' -draw 'rectangle 250,150 290,180' -strip "$dir/pier.png"
"${exif[@]}" \
  '-XMP-dc:Creator=Leonor Baptista' '-XMP-photoshop:Credit=Leonor Baptista/Costa Press' \
  '-XMP-dc:Rights=© 2025 Costa Press' \
  '-XMP-iptcCore:AltTextAccessibility=A wooden pier on piles with a yellow site cabin at its end' \
  '-XMP-photoshop:DateCreated=2025:04:02' "$dir/pier.png"

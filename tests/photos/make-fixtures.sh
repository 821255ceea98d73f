#!/usr/bin/env bash
# Writes the picture fixtures of tests/photos.rs: small drawn pictures (ImageMagick) whose
# embedded records are written by exiftool, the tool picture desks use. Run it from this
# folder after changing a record; the files it writes are committed.
set -euo pipefail
cd "$(dirname "$0")"
convert=/usr/bin/convert
draw() { # a harbour at dusk: sky gradient, a quay, a moored hull, a low sun
  "$convert" -size 96x64 gradient:'#2a6f97-#f4d35e' \
    -fill '#3d405b' -draw 'rectangle 0,46 95,63' \
    -fill '#bc4749' -draw 'polygon 20,44 70,44 64,52 26,52' \
    -fill '#fefae0' -draw 'circle 78,16 83,16' -depth 8 -compress zip -strip "$1"
}
for ext in jpg png webp tif; do draw "full.$ext"; done
draw latin1.jpg
draw bare.jpg

# One complete record: IPTC-IIM (UTF-8, declared in 1:90), XMP in every namespace read, EXIF.
full=(
  -codedcharacterset=utf8
  '-IPTC:ObjectName=Quay at dusk' '-IPTC:Headline=Boats wait out the swell'
  '-IPTC:Caption-Abstract=Trawlers moored at the north quay of Vila Serrana as the swell keeps them in port.'
  '-IPTC:By-line=Marta Quelhas' '-IPTC:Credit=Marta Quelhas/Costa Press' '-IPTC:Source=Costa Press'
  '-IPTC:CopyrightNotice=© 2024 Costa Press' '-IPTC:DateCreated=2024:02:11'
  '-IPTC:City=Vila Serrana' '-IPTC:Country-PrimaryLocationName=Portugal' '-IPTC:Keywords=harbour'
  '-XMP-dc:Title=Quay at dusk' '-XMP-photoshop:Headline=Boats wait out the swell'
  '-XMP-dc:Description=Trawlers moored at the north quay of Vila Serrana as the swell keeps them in port.'
  '-XMP-dc:Creator=Marta Quelhas' '-XMP-photoshop:Credit=Marta Quelhas/Costa Press'
  '-XMP-photoshop:Source=Costa Press' '-XMP-dc:Rights=© 2024 Costa Press'
  '-XMP-photoshop:DateCreated=2024:02:11 18:40:00'
  '-XMP-iptcCore:AltTextAccessibility=Red-hulled trawler moored at a grey stone quay under a yellow evening sky'
  '-XMP-iptcCore:ExtDescrAccessibility=Four trawlers are tied up two abreast; the sea beyond the breakwater is white with spray.'
  '-XMP-iptcExt:LocationCreatedCity=Vila Serrana' '-XMP-iptcExt:LocationCreatedCountryName=Portugal'
  '-XMP-iptcExt:LocationShownSublocation=North quay' '-XMP-iptcExt:LocationShownCity=Vila Serrana'
  '-XMP-iptcExt:PersonInImage=Joel Arrais'
  '-XMP-plus:LicensorURL=https://costapress.example/licensing'
  '-XMP-xmpRights:UsageTerms=Editorial use only' '-XMP-xmpRights:WebStatement=https://costapress.example/terms'
  '-EXIF:DateTimeOriginal=2024:02:11 18:40:00' '-EXIF:Orientation#=1' '-EXIF:Artist=Marta Quelhas'
  '-EXIF:GPSLatitude=38.5' '-EXIF:GPSLatitudeRef=N' '-EXIF:SerialNumber=SN-4471'
)
exiftool -q -overwrite_original "${full[@]}" full.jpg full.tif
# PNG and WebP carry no IPTC-IIM in exiftool's hands: XMP and EXIF only.
exiftool -q -overwrite_original "${full[@]/#-IPTC:*/-XMP-dc:Format=image}" full.png full.webp 2>/dev/null || true
exiftool -q -overwrite_original -IPTC:all= full.png full.webp

# Latin-1 IPTC with no character-set record, the way older picture desks wrote it.
exiftool -q -overwrite_original -charset iptc=Latin \
  '-IPTC:Caption-Abstract=Redes a secar no cais de São Brás.' '-IPTC:By-line=Inês Conceição' \
  '-IPTC:Credit=Agência Costeira' '-IPTC:City=São Brás' latin1.jpg

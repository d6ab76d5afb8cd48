#!/usr/bin/env bash
# Regenerates the Top Contact app icons (committed; run only to change them).
# Needs ImageMagick 6 or 7 (Debian: apt-get install -y imagemagick).
# Mark: a speech bubble with a check mark ("afspraak nagekomen") on WIJ petrol blue.
# Drawn at 4x / 16x and scaled down for clean anti-aliasing.
set -euo pipefail
cd "$(dirname "$0")"
IM=$(command -v magick || echo /usr/bin/convert)
BRAND='#0B6E8C'   # keep equal to accentColor in manifest.json

# color.png: 192x192, full-bleed brand colour, white bubble, brand-coloured check.
"$IM" -size 768x768 "xc:$BRAND" \
  -fill white -stroke none \
  -draw 'roundrectangle 144,168 624,504 88,88' \
  -draw 'polygon 232,470 196,624 372,496' \
  -fill none -stroke "$BRAND" -strokewidth 60 \
  -draw 'stroke-linecap round stroke-linejoin round polyline 268,340 356,424 500,260' \
  -resize 192x192 -depth 8 -strip -define png:color-type=2 color.png

# outline.png: 32x32, white on transparent only (Teams requirement).
"$IM" -size 512x512 xc:none \
  -fill none -stroke white -strokewidth 40 \
  -draw 'stroke-linejoin round roundrectangle 48,76 464,372 84,84' \
  -fill white -stroke none \
  -draw 'polygon 128,356 100,472 252,368' \
  -fill none -stroke white -strokewidth 48 \
  -draw 'stroke-linecap round stroke-linejoin round polyline 160,226 236,298 356,160' \
  -resize 32x32 -background white -alpha background -depth 8 -strip -define png:color-type=6 outline.png

echo "color.png and outline.png written in $(pwd)"

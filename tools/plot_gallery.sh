#!/bin/sh
# plot_gallery.sh -- draws the chart gallery (tools/plot_gallery.lua) and renders
# each SVG to PNG with rsvg-convert (Debian: librsvg2-bin, fonts-dejavu-core).
# Usage: tools/plot_gallery.sh [DATA_DIR] [OUT_DIR]   (run from the project root)
set -e
data=${1:-../shared/data}
out=${2:-/tmp/plots}
mkdir -p "$out"
./clusterlab tools/plot_gallery.lua "$data" "$out"
for f in "$out"/*.svg; do
  rsvg-convert -o "${f%.svg}.png" "$f"
done
ls "$out"/*.png

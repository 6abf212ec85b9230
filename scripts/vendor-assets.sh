#!/usr/bin/env bash
# Refresh the vendored front-end assets from the npm registry (run by hand, result committed).
# No CDN at run time: every asset the pages load is served from ressort/static/vendor.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fetch() {  # fetch NAME@VERSION -> $tmp/NAME/package
  local spec=$1 dir=$tmp/${1%@*}
  mkdir -p "$dir"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  tar xzf "$tmp"/*"${spec##*@}".tgz -C "$dir"
  rm -f "$tmp"/*.tgz
}
V=ressort/static/vendor
fetch bootstrap@5.3.9
mkdir -p $V/bootstrap
cp "$tmp/bootstrap/package/dist/css/bootstrap.min.css" "$tmp/bootstrap/package/dist/js/bootstrap.bundle.min.js" $V/bootstrap/
cp "$tmp/bootstrap/package/LICENSE" $V/bootstrap/LICENSE
fetch htmx.org@2.0.11
mkdir -p $V/htmx
cp "$tmp/htmx.org/package/dist/htmx.min.js" $V/htmx/
cp "$tmp/htmx.org/package/LICENSE" $V/htmx/LICENSE
fetch leaflet@1.9.4
mkdir -p $V/leaflet
cp -r "$tmp/leaflet/package/dist/leaflet.js" "$tmp/leaflet/package/dist/leaflet.css" "$tmp/leaflet/package/dist/images" $V/leaflet/
cp "$tmp/leaflet/package/LICENSE" $V/leaflet/LICENSE
fetch axe-core@4.11.0
cp "$tmp/axe-core/package/axe.min.js" tests/browser/vendor/axe.min.js
cp "$tmp/axe-core/package/LICENSE" tests/browser/vendor/axe-LICENSE
# Source maps are not shipped: drop their references so that static-file manifests stay valid.
sed -i "/sourceMappingURL/d" $V/bootstrap/*.min.* $V/htmx/*.js $V/leaflet/*.js
echo "vendored: bootstrap 5.3.9, htmx 2.0.11, leaflet 1.9.4, axe-core 4.11.0"

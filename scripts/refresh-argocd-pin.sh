#!/usr/bin/env bash
# Prints the pin of Argo CD's install manifest for a release: version, release URL and SHA-256, as recorded in
# src/AppHost/Resources/ImageTags.cs. Needs network access to raw.githubusercontent.com.
#   scripts/refresh-argocd-pin.sh            # the version pinned now (checks the recorded hash)
#   scripts/refresh-argocd-pin.sh v3.2.0     # a new version: paste the three lines into ImageTags.cs
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
tags="$here/src/AppHost/Resources/ImageTags.cs"
pinned_version="$(sed -n 's/.*ArgoCdVersion = "\(v[^"]*\)".*/\1/p' "$tags")"
pinned_sha="$(sed -n 's/.*ArgoCdManifestSha256 = "\([0-9a-f]*\)".*/\1/p' "$tags")"
version="${1:-$pinned_version}"
url="https://raw.githubusercontent.com/argoproj/argo-cd/${version}/manifests/install.yaml"
file="$(mktemp)"
trap 'rm -f "$file"' EXIT
curl --fail --silent --show-error --location --max-time 120 -o "$file" "$url"
sha="$(sha256sum "$file" | cut -d' ' -f1)"
echo "ArgoCdVersion        = \"$version\""
echo "ArgoCdManifestUrl    = $url"
echo "ArgoCdManifestSha256 = \"$sha\""
echo "downloaded on        $(date -u +%Y-%m-%dT%H:%MZ), $(wc -c < "$file") bytes"
if [ "$version" = "$pinned_version" ]; then
  if [ "$sha" = "$pinned_sha" ]; then
    echo "matches the recorded pin"
  else
    echo "DIFFERS from the recorded pin $pinned_sha: update ImageTags.cs (and its provenance comment) after reviewing why" >&2
    exit 1
  fi
fi

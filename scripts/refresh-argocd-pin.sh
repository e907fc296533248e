#!/usr/bin/env bash
# Prints the pin of Argo CD's install manifest for a release: version, release URL and SHA-256, as recorded in
# src/AppHost/Resources/ImageTags.cs. Reads the manifest from raw.githubusercontent.com (network), or, with
# --git DIR, from a local clone of argoproj/argo-cd (the URL serves that tag's blob byte for byte).
#   scripts/refresh-argocd-pin.sh                    # the version pinned now (checks the recorded hash)
#   scripts/refresh-argocd-pin.sh v3.2.0             # a new version: paste the three lines into ImageTags.cs
#   scripts/refresh-argocd-pin.sh --git DIR [VER]    # the same from a clone (git fetch --tags first)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
tags="$here/src/AppHost/Resources/ImageTags.cs"
pinned_version="$(sed -n 's/.*ArgoCdVersion = "\(v[^"]*\)".*/\1/p' "$tags")"
pinned_sha="$(sed -n 's/.*ArgoCdManifestSha256 = "\([0-9a-f]*\)".*/\1/p' "$tags")"
clone=""
if [ "${1:-}" = "--git" ]; then
  clone="${2:?--git needs the directory of an argoproj/argo-cd clone}"
  shift 2
fi
version="${1:-$pinned_version}"
url="https://raw.githubusercontent.com/argoproj/argo-cd/${version}/manifests/install.yaml"
file="$(mktemp)"
trap 'rm -f "$file"' EXIT
if [ -n "$clone" ]; then
  git -C "$clone" show "${version}:manifests/install.yaml" > "$file"
  source="tag $version of the clone, commit $(git -C "$clone" rev-parse "${version}^{commit}")"
else
  curl --fail --silent --show-error --location --max-time 120 -o "$file" "$url"
  source="downloaded"
fi
sha="$(sha256sum "$file" | cut -d' ' -f1)"
echo "ArgoCdVersion        = \"$version\""
echo "ArgoCdManifestUrl    = $url"
echo "ArgoCdManifestSha256 = \"$sha\""
echo "read from            $source on $(date -u +%Y-%m-%dT%H:%MZ), $(wc -c < "$file") bytes"
if [ "$version" = "$pinned_version" ]; then
  if [ "$sha" = "$pinned_sha" ]; then
    echo "matches the recorded pin"
  else
    echo "DIFFERS from the recorded pin $pinned_sha: update ImageTags.cs (and its provenance comment) after reviewing why" >&2
    exit 1
  fi
fi

#!/usr/bin/env bash
# Rebuilds sample-images/ (reduced copies, catalog.tsv, LICENSES.md) from the picked originals in
# ../shared/sample-images (or $1), using ImmersiveLab.Imaging's SampleImageImporter.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="$(cd "${1:-$repo/../shared/sample-images}" && pwd)"
target_dir="$repo/sample-images"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A file-based .NET app outside the repository (so the repository's build props do not apply to it).
cat > "$work/import.cs" <<CS
#:project $repo/src/ImmersiveLab.Imaging/ImmersiveLab.Imaging.csproj
var images = ImmersiveLab.Imaging.SampleImageImporter.Import(args[0], args[1]);
Console.WriteLine(\$"{images.Count} images written to {args[1]} ({images.Sum(i => i.Bytes.Length) / 1048576.0:0.0} MB)");
CS
find "$target_dir" -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} + 2>/dev/null || true
mkdir -p "$target_dir"
dotnet run --file "$work/import.cs" -- "$source_dir" "$target_dir"

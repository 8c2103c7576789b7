#!/usr/bin/env bash
# Publishes `vty` as one native executable (Native AOT): no .NET start-up or JIT per call, so
# `vty exec` starts like `ssh`. The installed tool (README) is this same executable on Linux; this
# script gives it as a file to copy. Needs the .NET SDK and a C compiler and linker (gcc or clang;
# Debian: build-essential; .NET 10 links its own zlib). Usage: bash scripts/publish-native.sh [output-dir]
# (default: artifacts/native)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/native}"
if ! command -v cc >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq build-essential >/dev/null
  else
    echo "publish-native: needs a C compiler and linker (Debian: sudo apt-get install build-essential)" >&2
    exit 2
  fi
fi
rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
dotnet publish src/Vty.Cli -c Release -r "$rid" -p:PublishAot=true -o "$out" -nologo -v:q -clp:ErrorsOnly
rm -f "$out"/*.pdb "$out"/*.xml "$out"/*.dbg
mv -f "$out/Vty.Cli" "$out/vty"
echo "native vty: $out/vty ($(du -h "$out/vty" | cut -f1)); put it on PATH, e.g. sudo install -m 755 $out/vty /usr/local/bin/vty"

#!/bin/bash
# SSH primitives: Vty's libcrypto path and its managed fallback against `openssl speed` (OpenSSL's own
# numbers on the same machine, same run). All figures are CPU time (openssl speed's default).
# Usage: bash bench/crypto-vs-openssl.sh [seconds per measurement]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-2}
dotnet build bench/Vty.Bench -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet bench/Vty.Bench/bin/Release/net10.0/Vty.Bench.dll crypto-cpu "$seconds"
echo
echo "OpenSSL $(openssl version | cut -d' ' -f2), openssl speed (CPU time):"
openssl speed -seconds "$seconds" -evp chacha20-poly1305 -bytes 32768 2>/dev/null | awk '/^ChaCha20-Poly1305/ { printf "| chacha20-poly1305, 32 KiB (MB/s of CPU) | %.1f |\n", $2 / 1000 }'
openssl speed -seconds "$seconds" ecdhx25519 ed25519 2>/dev/null | awk '
  /bits ecdh \(X25519\)/ { printf "| X25519 shared secret, one scalar multiplication (µs CPU) | %.1f |\n", 1e6 / $6 }
  /bits EdDSA \(Ed25519\)/ { printf "| Ed25519 sign (µs CPU) | %.1f |\n| Ed25519 verify (µs CPU) | %.1f |\n", 1e6 / $7, 1e6 / $8 }'

#!/usr/bin/env bash
# Signs and verifies DSSE envelopes with the openssl command-line tool.
#
# An independent DSSE implementation for interop tests: the PAE is built here with printf, not
# taken from the code under test.
#
#   openssl_dsse.sh verify KEYTYPE PUBLIC.pem PAYLOAD_TYPE PAYLOAD_FILE SIG_FILE
#       exit 0 when the raw signature verifies over PAE(PAYLOAD_TYPE, PAYLOAD) with the key
#   openssl_dsse.sh sign KEYTYPE PAYLOAD_TYPE PAYLOAD_FILE ENVELOPE_OUT.json PUBLIC_OUT.pem
#       generates a key, signs the payload and writes the envelope and the public key (SPKI PEM)
#
# KEYTYPE is ed25519, ecdsa-p256 or rsa-pss (RSASSA-PSS, SHA-256, MGF1-SHA-256, salt length 32).
set -euo pipefail

pae() { # PAYLOAD_TYPE PAYLOAD_FILE OUT
  local type_len payload_len
  type_len=$(printf '%s' "$1" | wc -c)
  payload_len=$(wc -c <"$2")
  { printf 'DSSEv1 %d %s %d ' "$type_len" "$1" "$payload_len"; cat "$2"; } >"$3"
}

pss=(-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha256)

cmd=${1:-}
case "$cmd" in
verify)
  [ $# -eq 6 ] || { echo "usage: $0 verify KEYTYPE PUBLIC.pem PAYLOAD_TYPE PAYLOAD SIG" >&2; exit 2; }
  keytype=$2 pub=$3 type=$4 payload=$5 sig=$6
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  pae "$type" "$payload" "$work/pae"
  case "$keytype" in
  ed25519) openssl pkeyutl -verify -pubin -inkey "$pub" -rawin -in "$work/pae" -sigfile "$sig" ;;
  ecdsa-p256) openssl dgst -sha256 -verify "$pub" -signature "$sig" "$work/pae" ;;
  rsa-pss) openssl dgst -sha256 -verify "$pub" "${pss[@]}" -signature "$sig" "$work/pae" ;;
  *) echo "unknown key type $keytype" >&2; exit 2 ;;
  esac
  ;;
sign)
  [ $# -eq 6 ] || { echo "usage: $0 sign KEYTYPE PAYLOAD_TYPE PAYLOAD OUT.json PUB.pem" >&2; exit 2; }
  keytype=$2 type=$3 payload=$4 out=$5 pubout=$6
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  pae "$type" "$payload" "$work/pae"
  case "$keytype" in
  ed25519)
    openssl genpkey -algorithm ed25519 -out "$work/key.pem"
    openssl pkeyutl -sign -inkey "$work/key.pem" -rawin -in "$work/pae" -out "$work/sig" ;;
  ecdsa-p256)
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/key.pem"
    openssl dgst -sha256 -sign "$work/key.pem" -out "$work/sig" "$work/pae" ;;
  rsa-pss)
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$work/key.pem" 2>/dev/null
    openssl dgst -sha256 -sign "$work/key.pem" "${pss[@]}" -out "$work/sig" "$work/pae" ;;
  *) echo "unknown key type $keytype" >&2; exit 2 ;;
  esac
  openssl pkey -in "$work/key.pem" -pubout -out "$pubout"
  printf '{"payloadType":"%s","payload":"%s","signatures":[{"keyid":"","sig":"%s"}]}' \
    "$type" "$(base64 -w0 <"$payload")" "$(base64 -w0 <"$work/sig")" >"$out"
  ;;
*)
  echo "usage: $0 verify|sign ..." >&2
  exit 2
  ;;
esac

#!/usr/bin/env bash
# Measures what signing adds to a build of the bundled example: `renaksi
# build` against `renaksi build --sign` (RSA 2048 and ECDSA P-256 keys from a
# throwaway openssl CA), and `renaksi sign` on the finished PDF alone.
#
#   bench/sign.sh           # needs hyperfine and openssl; figures to stdout
. "$(dirname "$0")/lib.sh"

cd "$work"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 \
  -subj "/CN=CA uji" 2>/dev/null
printf '[leaf]\nkeyUsage = critical,digitalSignature,nonRepudiation\n' >leaf.ext
for kind in rsa ec; do
  if [ $kind = rsa ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $kind.key 2>/dev/null
  else
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out $kind.key 2>/dev/null
  fi
  openssl req -new -key $kind.key -out $kind.csr -subj "/CN=Camat uji" 2>/dev/null
  openssl x509 -req -in $kind.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
    -extfile leaf.ext -extensions leaf -out $kind.pem 2>/dev/null
  openssl pkcs12 -export -inkey $kind.key -in $kind.pem -certfile ca.pem -out $kind.p12 \
    -passout pass:bench
done
export RENAKSI_P12_PASSWORD=bench
"$bin" build -o example.pdf 2>/dev/null
hyperfine -N --warmup 3 --runs 30 --export-markdown sign.md \
  -n "renaksi build" "$bin build -o a.pdf" \
  -n "renaksi build --sign (RSA 2048)" "$bin build -o b.pdf --sign rsa.p12" \
  -n "renaksi build --sign (ECDSA P-256)" "$bin build -o c.pdf --sign ec.p12" \
  -n "renaksi sign (RSA 2048)" "$bin sign example.pdf --p12 rsa.p12 -o d.pdf" >/dev/null
cat sign.md

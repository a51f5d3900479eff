#!/usr/bin/env bash
# Perjanjian Kinerja of the bundled example: all 14 officials' PDFs in one
# process (`build --dokumen pk`), all in one PDF (`--gabung`), beside the
# Rencana Aksi itself.
#
#   bench/pk.sh             # needs hyperfine; figures to stdout
. "$(dirname "$0")/lib.sh"
example=$PWD/content/kubutambahan-2022

hyperfine -N -w 2 -r 10 \
  -n "build --dokumen pk (14 PDF)" "$bin build $example --dokumen pk -o $work/pk" \
  -n "build --dokumen pk --gabung (1 PDF, 28 halaman)" "$bin build $example --dokumen pk --gabung -o $work/gabung" \
  -n "build (Rencana Aksi, 30 halaman)" "$bin build $example -o $work/ra"

#!/usr/bin/env python3
"""The dashboard of `renaksi server` for a batch of 300 kecamatan.

    python3 bench/server-dasbor.py --biner target/release/renaksi [--kecamatan 300]

Makes a kabupaten of N kecamatan (copies of the example's Sawan) in a git
repository, a verifikator and an operator, starts the server, and times
`/api/dasbor` (N × 7 rows): at once after start (the summaries are being
computed in the background), once they are all computed, and right after
one operator's save (one kecamatan computed again). Prints the figures.
"""

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("beban", os.path.join(HERE, "server-beban.py"))
beban = importlib.util.module_from_spec(spec)
spec.loader.exec_module(beban)


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--biner", default=os.path.join(os.path.dirname(HERE), "target/release/renaksi"))
    a.add_argument("--kecamatan", type=int, default=300)
    args = a.parse_args()
    tmp = tempfile.mkdtemp(prefix="renaksi-dasbor-")
    try:
        n = args.kecamatan
        repo = beban.kabupaten(tmp, n)
        users = os.path.join(tmp, "u.yaml")
        for login, peran, extra in [("made", "verifikator", []), ("op000", "operator", ["--kecamatan", "kec000"])]:
            subprocess.run([args.biner, "pengguna", "tambah", login, "--peran", peran, *extra, "--berkas", users],
                           input=f"sandi-{login}-panjang\n", text=True, check=True, capture_output=True)
        started = time.monotonic()
        server = subprocess.Popen([args.biner, "server", repo, "--port", "0", "--pengguna", users],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        port = int(server.stdout.readline().rsplit("127.0.0.1:", 1)[1].strip().rstrip("/"))
        made = beban.Klien(port)
        made.kirim("POST", "/api/masuk", {"nama": "made", "sandi": "sandi-made-panjang"})

        def dasbor():
            t = time.monotonic()
            s, d = made.kirim("GET", "/api/dasbor")
            assert s == 200 and len(d["baris"]) == n * 7, (s, str(d)[:200])
            return round((time.monotonic() - t) * 1000)

        pertama = dasbor()
        siap = round((time.monotonic() - started) * 1000)
        hangat = sorted(dasbor() for _ in range(5))
        op = beban.Klien(port)
        op.kirim("POST", "/api/masuk", {"nama": "op000", "sandi": "sandi-op000-panjang"})
        _, saya = op.kirim("GET", "/api/saya")
        op.csrf = saya["csrf"]
        rel = "kec000/lampiran/1-program.yaml"
        _, r = op.kirim("GET", "/api/ruang?kecamatan=kec000")
        nilai = r["berkas"][rel]["nilai"]
        nilai["pejabat"][0]["sasaran"][0]["indikator"][0]["bulan"]["juni"] = 44
        _, u = op.kirim("POST", "/api/ubah", {"kecamatan": "kec000", "berkas": rel, "nilai": nilai, "versi": r["berkas"][rel]["versi"]})
        s, _ = op.kirim("POST", "/api/simpan", {"kecamatan": "kec000", "versi": u["versi_berkas"]})
        assert s == 200
        sesudah = dasbor()
        server.terminate()
        server.wait()
        print(json.dumps({
            "kecamatan": n,
            "baris": n * 7,
            "pertama_sesudah_mulai_ms": pertama,
            "mulai_sampai_jawaban_pertama_ms": siap,
            "hangat_median_ms": hangat[2],
            "hangat_maks_ms": hangat[-1],
            "sesudah_satu_simpan_ms": sesudah,
        }, indent=2))
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

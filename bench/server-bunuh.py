#!/usr/bin/env python3
"""`renaksi server` killed with SIGKILL while users save, again and again.

    python3 bench/server-bunuh.py --biner target/release/renaksi [--putaran 12] [--pengguna 4]

Each round starts the server on a batch of N kecamatan, lets N operators
save one edit after another in their own kecamatan, kills the server after
1–2.5 s, and starts it again. After each restart: the working tree is clean
and every save the server acknowledged is a commit in `git log`. It counts
the rounds whose kill cut a save between its write and its commit (the tree
was dirty before the restart, and the restart put what no commit held in
`git stash`). Exit 1 when an invariant does not hold. The test suite kills
once (`server::a_kill_in_the_middle_of_saves_loses_no_acknowledged_save`).
"""

import argparse
import importlib.util
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("beban", os.path.join(HERE, "server-beban.py"))
beban = importlib.util.module_from_spec(spec)
spec.loader.exec_module(beban)
PROGRAM = "lampiran/1-program.yaml"


def mulai(biner, repo, users):
    server = subprocess.Popen(
        [biner, "server", repo, "--port", "0", "--pengguna", users],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    port = int(server.stdout.readline().rsplit("127.0.0.1:", 1)[1].strip().rstrip("/"))
    return server, port


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--biner", default=os.path.join(os.path.dirname(HERE), "target/release/renaksi"))
    a.add_argument("--putaran", type=int, default=12)
    a.add_argument("--pengguna", type=int, default=4)
    args = a.parse_args()
    tmp = tempfile.mkdtemp(prefix="renaksi-bunuh-")
    try:
        return jalankan(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def jalankan(args, tmp):
    n = args.pengguna
    repo = beban.kabupaten(tmp, n)
    users = os.path.join(tmp, "kabupaten.pengguna.yaml")
    for i in range(n):
        subprocess.run(
            [args.biner, "pengguna", "tambah", f"op{i:03d}", "--peran", "operator",
             "--kecamatan", f"kec{i:03d}", "--berkas", users],
            input=f"sandi-operator-{i:03d}\n", text=True, check=True, capture_output=True,
        )
    salah, terpotong, diterima = [], 0, 0
    for putaran in range(args.putaran):
        server, port = mulai(args.biner, repo, users)
        acked, berhenti = [], threading.Event()

        def pengguna(i):
            kec = f"kec{i:03d}"
            rel = f"{kec}/{PROGRAM}"
            k = beban.Klien(port)
            try:
                k.kirim("POST", "/api/masuk", {"nama": f"op{i:03d}", "sandi": f"sandi-operator-{i:03d}"})
                _, saya = k.kirim("GET", "/api/saya")
                k.csrf = saya["csrf"]
                _, ruang = k.kirim("GET", f"/api/ruang?kecamatan={kec}")
                nilai, versi = ruang["berkas"][rel]["nilai"], ruang["berkas"][rel]["versi"]
                x = 0
                while not berhenti.is_set():
                    x += 1
                    nilai["pejabat"][0]["sasaran"][0]["indikator"][0]["bulan"]["juni"] = 41 + (x + putaran) % 50
                    _, u = k.kirim("POST", "/api/ubah", {"kecamatan": kec, "berkas": rel, "nilai": nilai, "versi": versi})
                    versi = u["versi_berkas"][rel]
                    s, r = k.kirim("POST", "/api/simpan", {"kecamatan": kec, "versi": u["versi_berkas"]})
                    if s == 200:
                        acked.append(r["commit"])
            except Exception:
                # The server was killed under this user: its save was not
                # acknowledged.
                pass

        threads = [threading.Thread(target=pengguna, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        time.sleep(random.uniform(1.0, 2.5))
        server.kill()
        server.wait()
        berhenti.set()
        for t in threads:
            t.join()
        kotor = bool(beban.git(repo, "status", "--porcelain").strip())
        terpotong += kotor
        diterima += len(acked)
        # Started again: it makes the tree clean before it serves.
        server, _ = mulai(args.biner, repo, users)
        server.terminate()
        server.wait()
        log = set(beban.git(repo, "log", "--format=%H").split())
        hilang = [c for c in acked if c not in log]
        bersih = not beban.git(repo, "status", "--porcelain").strip()
        print(f"putaran {putaran + 1}: {len(acked)} simpan diterima, terpotong di tengah simpan: "
              f"{'ya' if kotor else 'tidak'}, bersih sesudah mulai lagi: {'ya' if bersih else 'TIDAK'}, "
              f"commit hilang: {len(hilang)}", flush=True)
        if hilang:
            salah.append(f"putaran {putaran + 1}: {len(hilang)} simpan yang diterima tidak ada di git log")
        if not bersih:
            salah.append(f"putaran {putaran + 1}: working tree tidak bersih sesudah mulai lagi")
    print(f"{args.putaran} putaran, {diterima} simpan diterima, {terpotong} putaran terpotong di tengah simpan")
    for s in salah:
        print("MASALAH:", s)
    return 1 if salah else 0


if __name__ == "__main__":
    sys.exit(main())

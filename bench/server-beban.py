#!/usr/bin/env python3
"""Load test of `renaksi server` on loopback.

    python3 bench/server-beban.py --biner target/release/renaksi \
        [--pengguna 50] [--detik 120] [--jeda 3]

Makes a kabupaten of N kecamatan (copies of the example's Sawan) in a fresh
git repository, an operator account per kecamatan, starts the server, and
lets each user, in its own thread and its own kecamatan, do what the page
does for one edit every few seconds (--jeda, ±1 s): send the edited file
(the server checks and typesets the preview) and load the page shown as
SVG, then save (one commit); beside each, the page's status poll every 2 s.

Then it checks, after stopping the server: as many new commits as accepted
saves, each acknowledged commit in the history, the working tree clean,
every kecamatan's file holding its user's last acknowledged value, and
`renaksi check` reading every report. It prints p50/p95 of save-to-commit
and of edit-to-preview, and the server's peak memory (VmHWM). Exit 1 when
an invariant does not hold. The test suite runs a short version of it.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAM = "lampiran/1-program.yaml"


def git(repo, *args):
    return subprocess.run(
        ["git", "-C", repo, *args], check=True, capture_output=True, text=True
    ).stdout


def kabupaten(tmp, n):
    """A batch of n kecamatan in a git repository; its path."""
    src = os.path.join(ROOT, "content/buleleng-2022")
    repo = os.path.join(tmp, "kabupaten")
    os.makedirs(repo)
    for f in ("kabupaten.yaml", "narasi.yaml"):
        shutil.copy(os.path.join(src, f), repo)
    for i in range(n):
        shutil.copytree(os.path.join(src, "sawan"), os.path.join(repo, f"kec{i:03d}"))
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=awal", "-c", "user.email=awal@x", "commit", "-qm", "awal")
    return repo


class Klien:
    def __init__(self, port):
        self.port = port
        self.cookie = ""
        self.csrf = ""
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def kirim(self, method, path, body=None):
        headers = {
            "Origin": f"http://127.0.0.1:{self.port}",
            "Content-Type": "application/json",
        }
        if self.cookie:
            headers["Cookie"] = self.cookie
            headers["X-Renaksi-Csrf"] = self.csrf
        data = json.dumps(body).encode() if body is not None else None
        for _ in range(2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                r = self.conn.getresponse()
                raw = r.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        else:
            raise ConnectionError(path)
        if r.getheader("Set-Cookie"):
            self.cookie = r.getheader("Set-Cookie").split(";")[0]
        try:
            return r.status, json.loads(raw)
        except ValueError:
            return r.status, raw


def persen(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--biner", default=os.path.join(ROOT, "target/release/renaksi"))
    a.add_argument("--pengguna", type=int, default=50)
    a.add_argument("--detik", type=float, default=120)
    a.add_argument("--jeda", type=float, default=3)
    a.add_argument("--json", help="write the figures here")
    args = a.parse_args()
    tmp = tempfile.mkdtemp(prefix="renaksi-beban-")
    try:
        return jalankan(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def jalankan(args, tmp):
    n = args.pengguna
    repo = kabupaten(tmp, n)
    awal = git(repo, "rev-parse", "HEAD").strip()
    # Every report reads as it did before: what check says of the batch
    # now is what it must say after.
    cek_awal = subprocess.run([args.biner, "check", repo], capture_output=True).returncode
    users = os.path.join(tmp, "kabupaten.pengguna.yaml")
    for i in range(n):
        subprocess.run(
            [args.biner, "pengguna", "tambah", f"op{i:03d}", "--peran", "operator",
             "--kecamatan", f"kec{i:03d}", "--nama", f"Operator {i:03d}",
             "--email", f"op{i:03d}@x", "--berkas", users],
            input=f"sandi-operator-{i:03d}\n", text=True, check=True, capture_output=True,
        )
    # A reader per kecamatan (one session per user, so its own account)
    # stands for the status polling of each open page.
    for i in range(n):
        subprocess.run(
            [args.biner, "pengguna", "tambah", f"pantau{i:03d}", "--peran", "pimpinan",
             "--berkas", users],
            input=f"sandi-pemantau-{i:03d}\n", text=True, check=True, capture_output=True,
        )
    server = subprocess.Popen(
        [args.biner, "server", repo, "--port", "0", "--pengguna", users],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    line = server.stdout.readline()
    port = int(line.rsplit("127.0.0.1:", 1)[1].strip().rstrip("/"))

    simpan_ms, pratinjau_ms, commits, gagal = [], [], [], []
    terakhir = {}
    lock = threading.Lock()
    mulai = time.monotonic()
    akhir = mulai + args.detik

    def pengguna(i):
        kec = f"kec{i:03d}"
        rel = f"{kec}/{PROGRAM}"
        k = Klien(port)
        s, _ = k.kirim("POST", "/api/masuk", {"nama": f"op{i:03d}", "sandi": f"sandi-operator-{i:03d}"})
        if s != 200:
            with lock:
                gagal.append(f"{kec}: masuk {s}")
            return
        _, saya = k.kirim("GET", "/api/saya")
        k.csrf = saya["csrf"]
        _, ruang = k.kirim("GET", f"/api/ruang?kecamatan={kec}")
        b = ruang["berkas"][rel]
        nilai, versi = b["nilai"], b["versi"]
        # Users start spread over the first pause, as people do.
        time.sleep(random.uniform(0, args.jeda))
        x = 0
        while time.monotonic() < akhir:
            x += 1
            juni = 41 + x % 50
            nilai["pejabat"][0]["sasaran"][0]["indikator"][0]["bulan"]["juni"] = juni
            t = time.monotonic()
            s, u = k.kirim("POST", "/api/ubah", {"kecamatan": kec, "berkas": rel, "nilai": nilai, "versi": versi})
            if s != 200:
                with lock:
                    gagal.append(f"{kec}: ubah {s} {u}")
                return
            # The page then loads the page it shows, as SVG.
            s, _ = k.kirim("GET", f"/api/halaman?kecamatan={kec}&n=1&v={u['versi']}")
            t_pratinjau = (time.monotonic() - t) * 1000
            if s != 200:
                with lock:
                    gagal.append(f"{kec}: halaman {s}")
                return
            versi = u["versi_berkas"][rel]
            t = time.monotonic()
            s, r = k.kirim("POST", "/api/simpan", {"kecamatan": kec, "versi": u["versi_berkas"]})
            t_simpan = (time.monotonic() - t) * 1000
            with lock:
                pratinjau_ms.append(t_pratinjau)
                if s == 200 and r.get("commit"):
                    simpan_ms.append(t_simpan)
                    commits.append(r["commit"])
                    terakhir[kec] = juni
                else:
                    gagal.append(f"{kec}: simpan {s} {r}")
            time.sleep(max(0.0, random.uniform(args.jeda - 1, args.jeda + 1)))

    def pantau(i):
        # The page asks for the status of its files every 2 seconds.
        kec = f"kec{i:03d}"
        k = Klien(port)
        s, _ = k.kirim("POST", "/api/masuk", {"nama": f"pantau{i:03d}", "sandi": f"sandi-pemantau-{i:03d}"})
        if s != 200:
            with lock:
                gagal.append(f"{kec}: pemantau masuk {s}")
            return
        while time.monotonic() < akhir:
            s, _ = k.kirim("GET", f"/api/status?kecamatan={kec}")
            with lock:
                status_n[0] += 1
                if s != 200:
                    gagal.append(f"{kec}: status {s}")
            time.sleep(2)

    status_n = [0]
    threads = [threading.Thread(target=pengguna, args=(i,)) for i in range(n)]
    threads += [threading.Thread(target=pantau, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(f"/proc/{server.pid}/status") as f:
        hwm = next((int(l.split()[1]) for l in f if l.startswith("VmHWM:")), 0)
    server.terminate()
    server.wait()

    salah = list(gagal)
    baru = int(git(repo, "rev-list", "--count", f"{awal}..HEAD"))
    if baru != len(commits):
        salah.append(f"{baru} commit baru, {len(commits)} simpan diterima")
    log = set(git(repo, "log", "--format=%H").split())
    hilang = [c for c in commits if c not in log]
    if hilang:
        salah.append(f"{len(hilang)} commit yang diterima tidak ada di git log")
    if git(repo, "status", "--porcelain").strip():
        salah.append("working tree tidak bersih")
    for kec, juni in terakhir.items():
        text = open(os.path.join(repo, kec, PROGRAM), encoding="utf-8").read()
        if f"juni: {juni}\n" not in text:
            salah.append(f"{kec}: nilai terakhir {juni} tidak ada di berkas")
    cek = subprocess.run([args.biner, "check", repo], capture_output=True, text=True)
    if cek.returncode != cek_awal:
        salah.append(f"renaksi check: keluar {cek.returncode}, sebelumnya {cek_awal}: {cek.stdout[-500:]}{cek.stderr[-500:]}")

    angka = {
        "pengguna": n,
        "detik": args.detik,
        "simpan_diterima": len(commits),
        "commit_baru": baru,
        "simpan_p50_ms": round(persen(simpan_ms, 50)),
        "simpan_p95_ms": round(persen(simpan_ms, 95)),
        "pratinjau_p50_ms": round(persen(pratinjau_ms, 50)),
        "pratinjau_p95_ms": round(persen(pratinjau_ms, 95)),
        "status_dijawab": status_n[0],
        "memori_puncak_mib": round(hwm / 1024),
        "masalah": salah,
    }
    print(json.dumps(angka, indent=2, ensure_ascii=False))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(angka, f, indent=2, ensure_ascii=False)
    return 1 if salah else 0


if __name__ == "__main__":
    sys.exit(main())

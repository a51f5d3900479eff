// `renaksi server` in a real browser: three users at once, each in a
// browser context of its own (an operator of Sawan, an operator of
// Tejakula, a verifikator). Run by tests/run.sh after the editor's test:
//
//   node tests/browser/server.mjs target/debug/renaksi [SCREENSHOT_DIR]
//
// Each logs in through the login page; the operators change a June target
// of their own kecamatan and save (one commit each, authored by them);
// the verifikator reads both, sees both commits in the history, and is
// refused by the server when it tries to save; the operator of Sawan is
// refused Tejakula by the server whatever its page sends.

import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const binary = resolve(process.argv[2] || join(root, "target/debug/renaksi"));
const shots = process.argv[3] ? resolve(process.argv[3]) : null;
const PROGRAM = "lampiran/1-program.yaml";
const JUNI = "pejabat[0].sasaran[0].indikator[0].bulan.juni";

const tmp = mkdtempSync(join(tmpdir(), "renaksi-server-"));
const repo = join(tmp, "sakip");
cpSync(join(root, "content/buleleng-2022"), repo, { recursive: true });
const git = (...args) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
git("init", "-q");
git("add", ".");
git("-c", "user.name=awal", "-c", "user.email=awal@example.invalid", "commit", "-qm", "awal");
// Ketut's password is a temporary one from the admin: changed at the
// first login.
const akun = [
  ["ketut", "sementara-dari-admin", "operator", "sawan", "Ketut Sawan"],
  ["wayan", "sandi-wayan-tejakula", "operator", "tejakula", "Wayan Tejakula"],
  ["made", "sandi-made-verif", "verifikator", "", "Made Verifikator"],
];
for (const [login, sandi, peran, kec, nama] of akun) {
  const args = ["pengguna", "tambah", login, "--peran", peran, "--nama", nama, "--email", `${login}@example.invalid`, "--folder", repo];
  if (kec) args.push("--kecamatan", kec);
  if (login === "ketut") args.push("--sementara");
  execFileSync(binary, args, { input: sandi + "\n", encoding: "utf8" });
}

const server = spawn(binary, ["server", repo, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
let stderr = "";
server.stderr.on("data", (d) => { stderr += d; });
const origin = await new Promise((ok, fail) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:\d+/);
    if (m) ok(m[0]);
  });
  server.on("exit", (code) => fail(new Error(`renaksi server ended (${code}): ${stderr}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const checks = [];
const step = (name) => { checks.push(name); console.log("ok -", name); };

// A user's page: its own context (cookies), logged in through the form.
async function masuk(login, sandi, shot) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => { throw e; });
  if (process.env.DEBUG) page.on("console", (m) => console.log(login, m.text()));
  await page.goto(origin + "/");
  await page.waitForSelector("#masuk");
  assert.equal(new URL(page.url()).pathname, "/masuk");
  await page.fill("#nama", login);
  await page.fill("#sandi", "bukan sandinya");
  await page.click("button[type=submit]");
  await page.waitForFunction(() => document.getElementById("galat").textContent.includes("salah"));
  await page.fill("#sandi", sandi);
  if (shot && shots) await page.screenshot({ path: join(shots, "server-masuk.png") });
  await page.click("button[type=submit]");
  if (login === "ketut") {
    // The temporary password is replaced before the editor opens.
    await page.waitForSelector("#ganti-sandi");
    await page.fill("#sandi-lama", sandi);
    await page.fill("#sandi-baru", "sandi-ketut-sawan");
    await page.fill("#sandi-ulang", "sandi-ketut-lain");
    await page.click("#ganti-sandi button[type=submit]");
    await page.waitForFunction(() => document.getElementById("galat-sandi").textContent.includes("tidak sama"));
    await page.fill("#sandi-ulang", "sandi-ketut-sawan");
    if (shots) await page.screenshot({ path: join(shots, "server-sandi.png") });
    await page.click("#ganti-sandi button[type=submit]");
  }
  try {
    await page.waitForSelector("#pratinjau[data-versi]", { timeout: 60000 });
  } catch (e) {
    throw new Error(`${login}: no preview after login (${page.url()}): ${await page.textContent("body").catch(() => "")}`.slice(0, 2000));
  }
  return page;
}

// Types a June target into the first indicator of a kecamatan's program
// table and saves; waits for the save's answer.
async function ubahSimpan(page, kec, nilai) {
  const rel = `${kec}/${PROGRAM}`;
  await page.click(`#tab [data-tab="${rel}"]`);
  const field = `[data-b="${rel}"][data-j="${JUNI}"]`;
  await page.fill(field, String(nilai));
  await page.waitForFunction(() => !document.getElementById("simpan").disabled);
  await page.click("#simpan");
  await page.waitForFunction(() => document.getElementById("keadaan").textContent.startsWith("tersimpan"));
}

try {
  const [ketut, wayan, made] = await Promise.all([
    masuk("ketut", "sementara-dari-admin", true),
    masuk("wayan", "sandi-wayan-tejakula"),
    masuk("made", "sandi-made-verif"),
  ]);
  step("three users logged in at once, each in its own browser context, a wrong password refused on the login page, a temporary password replaced first");

  const cookies = await ketut.context().cookies();
  const sesi = cookies.find((c) => c.name === "renaksi_sesi");
  assert.ok(sesi && sesi.httpOnly && sesi.sameSite === "Strict", JSON.stringify(cookies));
  assert.ok(!ketut.url().includes("t="), "no token in the address");
  step("session cookie HttpOnly and SameSite=Strict; no token in the address");

  assert.deepEqual(await ketut.$$eval("#kec option", (o) => o.map((x) => x.value)), ["sawan"]);
  assert.equal((await made.$$eval("#kec option", (o) => o.map((x) => x.value))).length, 9);
  step("the operator sees only its kecamatan; the verifikator all nine");

  await Promise.all([ubahSimpan(ketut, "sawan", 45), ubahSimpan(wayan, "tejakula", 42)]);
  const log = git("log", "--format=%an|%s", "-3");
  assert.match(log, /Ketut Sawan\|sawan: .*target Juni 40 → 45/);
  assert.match(log, /Wayan Tejakula\|tejakula: .*target Juni \d+ → 42/);
  assert.equal(git("status", "--porcelain"), "");
  step("both operators saved at once: one commit each, authored by them, in report terms; tree clean");
  if (shots) await ketut.screenshot({ path: join(shots, "server-editor.png") });

  // The verifikator reads Sawan: fields disabled, no Simpan; the server
  // refuses a save even when the page is made to send one.
  await made.goto(origin + "/?kecamatan=sawan");
  await made.waitForSelector("#pratinjau[data-versi]");
  await made.click(`#tab [data-tab="sawan/${PROGRAM}"]`);
  const field = `[data-b="sawan/${PROGRAM}"][data-j="${JUNI}"]`;
  assert.equal(await made.inputValue(field), "45");
  assert.ok(!(await made.isEditable(field)));
  assert.ok(await made.isHidden("#simpan"));
  const refused = await made.evaluate(async (rel) => {
    const S = window.__renaksi;
    const h = { "Content-Type": "application/json", "X-Renaksi-Csrf": S.saya.csrf };
    const b = S.ruang.berkas[rel];
    const ubah = await fetch("/api/ubah", { method: "POST", headers: h, body: JSON.stringify({ kecamatan: "sawan", berkas: rel, nilai: b.nilai, versi: b.versi }) });
    const simpan = await fetch("/api/simpan", { method: "POST", headers: h, body: JSON.stringify({ kecamatan: "sawan", versi: {} }) });
    return [ubah.status, simpan.status];
  }, `sawan/${PROGRAM}`);
  assert.deepEqual(refused, [403, 403]);
  step("the verifikator reads Sawan as saved (45), its fields read-only; the server refuses its edit and its save (403)");

  // Both commits in the verifikator's view of each history.
  await made.goto(origin + "/riwayat?kecamatan=sawan");
  assert.match(await made.textContent("main"), /Ketut Sawan[\s\S]*target Juni 40 → 45/);
  if (shots) await made.screenshot({ path: join(shots, "server-riwayat.png") });
  await made.goto(origin + "/riwayat?kecamatan=tejakula");
  assert.match(await made.textContent("main"), /Wayan Tejakula[\s\S]*→ 42/);
  step("the verifikator sees each operator's commit in that kecamatan's history");

  // From draft to approval: Ketut submits, the server refuses his edit,
  // Made returns it with a note, Ketut submits again, Made approves; the
  // final PDF downloaded from the page is proved by `renaksi verify`.
  const dok = (page, langkah) => `#alur [data-dokumen="rencana-aksi"] [data-langkah="${langkah}"]`;
  const tahap = (page) => page.textContent('#alur [data-dokumen="rencana-aksi"] .tahap');
  const pilih = async (page, langkah, jawab) => {
    page.once("dialog", (d) => (jawab === undefined ? d.accept() : d.accept(jawab)));
    await page.click(dok(page, langkah));
  };
  await ketut.goto(origin + "/?kecamatan=sawan");
  await ketut.waitForSelector("#pratinjau[data-versi]");
  assert.equal(await tahap(ketut), "draf");
  await pilih(ketut, "ajukan");
  await ketut.waitForFunction(() => document.querySelector('#alur [data-dokumen="rencana-aksi"] .tahap').textContent === "diajukan");
  await ketut.waitForFunction(() => /Rencana Aksi diajukan: isiannya tidak dapat diubah/.test(document.getElementById("spanduk-teks").textContent));
  await ketut.click(`#tab [data-tab="sawan/${PROGRAM}"]`);
  await ketut.fill(`[data-b="sawan/${PROGRAM}"][data-j="${JUNI}"]`, "47");
  await ketut.waitForFunction(() => document.getElementById("keadaan").textContent.includes("sedang diajukan"));
  assert.match(readFileSync(join(repo, "sawan", PROGRAM), "utf8"), /juni: 45/);
  step("the operator submits the Rencana Aksi; the server refuses his next edit (the page says why)");

  await made.goto(origin + "/?kecamatan=sawan");
  await made.waitForSelector("#pratinjau[data-versi]");
  await made.waitForFunction(() => document.getElementById("ke-dasbor").textContent === "Dasbor (1 menunggu Anda)");
  assert.equal(await made.locator(dok(made, "ajukan")).count(), 0);
  // A comment on the June target: the verifikator clicks the field, then
  // "+ Komentar"; the operator sees it at that field.
  await made.click(`#tab [data-tab="sawan/${PROGRAM}"]`);
  await made.click(`[data-b="sawan/${PROGRAM}"][data-j="${JUNI}"]`);
  made.once("dialog", (d) => d.accept("Target Juni IKM 45 belum sesuai rencana kabupaten (50)"));
  await made.click("#komentar-baru");
  await made.waitForSelector('#alur .komentar-alur');
  await pilih(made, "kembalikan", "Target Juni IKM belum sesuai");
  await made.waitForFunction(() => document.querySelector('#alur [data-dokumen="rencana-aksi"] .tahap').textContent === "dikembalikan");
  assert.match(git("log", "-1", "--format=%an|%B"), /^Made Verifikator\|sawan: Rencana Aksi dikembalikan\n\nTarget Juni IKM belum sesuai/);
  await ketut.goto(origin + "/?kecamatan=sawan");
  await ketut.waitForSelector("#pratinjau[data-versi]");
  await ketut.click(`#tab [data-tab="sawan/${PROGRAM}"]`);
  const komentar = await ketut.textContent(".pesan.komentar");
  assert.match(komentar, /Komentar Made Verifikator: Target Juni IKM 45 belum sesuai/);
  if (shots) await ketut.screenshot({ path: join(shots, "server-komentar.png") });
  await ketut.fill(`[data-b="sawan/${PROGRAM}"][data-j="${JUNI}"]`, "50");
  await ketut.waitForFunction(() => !document.getElementById("simpan").disabled);
  await ketut.click("#simpan");
  await ketut.waitForFunction(() => document.getElementById("keadaan").textContent.startsWith("tersimpan"));
  ketut.once("dialog", (d) => d.accept("target Juni diubah menjadi 50"));
  await ketut.click("#alur .komentar-alur button");
  await ketut.waitForFunction(() => !document.querySelector("#alur .komentar-alur") && !document.querySelector(".pesan.komentar"));
  step("the verifikator's comment appears at the June field of the operator's editor; he fixes it, saves, marks it answered");
  await pilih(ketut, "ajukan");
  await ketut.waitForFunction(() => document.querySelector('#alur [data-dokumen="rencana-aksi"] .tahap').textContent === "diajukan");
    await made.goto(origin + "/?kecamatan=sawan");
  await made.waitForSelector("#pratinjau[data-versi]");
  await pilih(made, "setujui");
  await made.waitForFunction(() => document.querySelector('#alur [data-dokumen="rencana-aksi"] .tahap').textContent === "disetujui");
  if (shots) await made.screenshot({ path: join(shots, "server-tinjau.png") });
  const unduhan = made.waitForEvent("download");
  await made.click('#alur [data-dokumen="rencana-aksi"] a');
  const pdf = join(tmp, "final.pdf");
  await (await unduhan).saveAs(pdf);
  const disetujui = git("log", "-2", "--format=%H").split("\n")[1];
  const bukti = execFileSync(binary, ["verify", pdf, join(repo, "sawan"), "--git", disetujui], { encoding: "utf8" });
  assert.match(bukti, /SAMA/);
  assert.equal(git("tag", "--list", "renaksi/*").trim(), "renaksi/sawan/rencana-aksi/disetujui-1");
  step("returned with a note, submitted again, approved: the final PDF downloaded from the page is proved by renaksi verify against the approved commit");

  // The operator of Tejakula sees none of Sawan's review.
  const lain = await wayan.evaluate(async () => {
    const out = [];
    for (const p of ["/api/alur", "/api/komentar", "/api/arsip?dokumen=rencana-aksi", "/api/sejak-disetujui"]) {
      out.push((await fetch(p + (p.includes("?") ? "&" : "?") + "kecamatan=sawan")).status);
    }
    const d = await (await fetch("/api/dasbor")).json();
    out.push(d.baris.filter((b) => b.kecamatan === "sawan").length);
    return out;
  });
  assert.deepEqual(lain, [403, 403, 403, 403, 0]);
  step("the operator of Tejakula is refused Sawan's states, comments, final PDF and changes, and its dashboard has no Sawan row");

  // The dashboard: nine kecamatan × seven documents; Sawan's Rencana Aksi
  // approved; sorted by a click on a column.
  await made.goto(origin + "/dasbor");
  assert.equal(await made.locator("#dasbor tbody tr").count(), 63);
  assert.match(await made.textContent("#dasbor tbody tr.tahap-disetujui"), /sawan\s*Rencana Aksi\s*disetujui/);
  await made.click('#dasbor th[data-kolom="2"]');
  assert.equal(await made.getAttribute('#dasbor th[data-kolom="2"]', "aria-sort"), "ascending");
  assert.match(await made.textContent("#dasbor tbody tr"), /sawan\s*Rencana Aksi\s*disetujui/);
  if (shots) await made.screenshot({ path: join(shots, "server-dasbor.png") });
  step("the verifikator's dashboard: 63 rows, the approval shown, sortable by a click");

  // The operator of Sawan asks for Tejakula every way a page can.
  await ketut.goto(origin + "/?kecamatan=tejakula");
  await ketut.waitForSelector("#pratinjau[data-versi]");
  assert.equal(await ketut.inputValue("#kec"), "sawan");
  const asks = await ketut.evaluate(async () => {
    const h = { "Content-Type": "application/json", "X-Renaksi-Csrf": window.__renaksi.saya.csrf };
    const out = [];
    out.push((await fetch("/api/ruang?kecamatan=tejakula")).status);
    out.push((await fetch("/api/unduh?kecamatan=tejakula")).status);
    out.push((await fetch("/riwayat?kecamatan=tejakula")).status);
    out.push((await fetch("/api/periksa", { method: "POST", headers: h, body: JSON.stringify({ kecamatan: "tejakula" }) })).status);
    out.push((await fetch("/api/ubah", { method: "POST", headers: h, body: JSON.stringify({ kecamatan: "sawan", berkas: "tejakula/laporan.yaml", nilai: {}, versi: 1 }) })).status);
    return out;
  });
  assert.deepEqual(asks, [403, 403, 403, 403, 403]);
  const ketutLog = await ketut.evaluate(async () => (await (await fetch("/api/riwayat?kecamatan=sawan")).json()).commit.map((c) => c.nama));
  assert.ok(ketutLog.includes("Ketut Sawan") && ketutLog.includes("Made Verifikator") && !ketutLog.includes("Wayan Tejakula"), ketutLog.join(", "));
  step("the operator of Sawan is refused Tejakula by the server (read, download, history, preview, edit)");

  // Logging out ends the session: the next request goes to the login page.
  await ketut.click("#keluar");
  await ketut.waitForURL(/\/masuk$/);
  const after = await ketut.evaluate(async () => (await fetch("/api/saya")).status);
  assert.equal(after, 401);
  step("logout ends the session");

  // Nothing of the accounts is in the repository.
  assert.ok(!git("ls-files").includes("pengguna"));
  assert.ok(readFileSync(join(tmp, "sakip.pengguna.yaml"), "utf8").includes("$argon2id$"));
  console.log(`${checks.length} pemeriksaan server di peramban lulus`);
} finally {
  await browser.close();
  server.kill();
}

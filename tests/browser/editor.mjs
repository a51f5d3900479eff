// `renaksi serve` in a real browser: Debian's Chromium, headless, driven by
// playwright-core. Run by .ci/run after `cargo test`:
//
//   node tests/browser/editor.mjs target/debug/renaksi [SCREENSHOT_DIR]
//
// It copies the example report into a fresh git repository, opens the
// editor, changes the June target of one indicator (its finding appears,
// then goes when the target is put right), watches the preview change,
// saves, and checks the one-line `git diff` and the figure in the PDF that
// `renaksi build` makes of the saved files. Then it adds an indicator and
// removes a program, and checks that a foreign page is refused.

import { spawn, spawnSync, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const binary = resolve(process.argv[2] || join(root, "target/debug/renaksi"));
const shots = process.argv[3] ? resolve(process.argv[3]) : null;
const FILE = "lampiran/2-kegiatan.yaml";

const tmp = mkdtempSync(join(tmpdir(), "renaksi-serve-"));
const dir = join(tmp, "kubutambahan-2022");
cpSync(join(root, "content/kubutambahan-2022"), dir, { recursive: true });
const git = (...args) => execFileSync("git", args, { cwd: dir, encoding: "utf8" });
git("init", "-q");
git("-c", "user.name=uji", "-c", "user.email=uji@example.invalid", "add", ".");
git("-c", "user.name=uji", "-c", "user.email=uji@example.invalid", "commit", "-qm", "contoh");
git("tag", "murni");

const server = spawn(binary, ["serve", "kubutambahan-2022"], { cwd: tmp, stdio: ["ignore", "pipe", "pipe"] });
let stderr = "";
server.stderr.on("data", (d) => { stderr += d; });
const started = Date.now();
const url = await new Promise((ok, fail) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\?t=[0-9a-f]+/);
    if (m) ok(m[0]);
  });
  server.on("exit", (code) => fail(new Error(`renaksi serve ended (${code}): ${stderr}`)));
});
const origin = new URL(url).origin;
const token = new URL(url).searchParams.get("t");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const checks = [];
const step = (name) => { checks.push(name); console.log("ok -", name); };

try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on("pageerror", (e) => { throw e; });
  await page.goto(url);
  await page.waitForSelector('#pratinjau[data-versi]');
  step(`editor's first page with its preview in ${Date.now() - started} ms after start`);
  if (shots) await page.screenshot({ path: join(shots, "serve.png") });

  // A finding appears while typing: June 5 makes the months of "Jumlah
  // SDM yang ditingkatkan kapasitasnya" 15, not the annual 10; emptied
  // again, it goes and the file is as it was.
  await page.click(`#tab [data-tab="${FILE}"]`);
  const field = (path) => `[data-b="${FILE}"][data-j="${path}"]`;
  const sdm = "pejabat[0].sasaran[1].indikator[0]";
  const row = (path) => `.bagian-tab[data-tab="${FILE}"] [data-untuk="${path}"]`;
  assert.equal(await page.inputValue(field(`${sdm}.bulan.januari`)), "10");
  assert.equal(await page.locator(`${row(sdm)} .pesan`).count(), 0);
  assert.equal(await page.inputValue(field(`${sdm}.bulan.juni`)), "");
  await page.fill(field(`${sdm}.bulan.juni`), "5");
  await page.waitForSelector(`${row(sdm)} .pesan`);
  const message = (await page.textContent(`${row(sdm)} .pesan`)).trim();
  assert.match(message, /^rencana per bulan berjumlah 15, tidak sama dengan target tahunan 10/);
  assert.equal(await page.textContent(`[data-jumlah="${FILE}|${sdm}"]`), "15");
  step(`finding appears at the indicator while typing: ${message.split(" — ")[0]}`);
  if (shots) await page.screenshot({ path: join(shots, "serve-temuan.png") });
  await page.fill(field(`${sdm}.bulan.juni`), "");
  await page.waitForFunction((s) => !document.querySelector(s), `${row(sdm)} .pesan`);
  await idle(page);
  assert.equal(git("status", "--porcelain"), "");
  step("finding gone when the June target is emptied again");

  // "Nilai AKIP yang baik": its months make 75, not 90, and the finding
  // says so; June 25 → 40 puts it right. The preview shows that page.
  const akip = "pejabat[0].sasaran[0].indikator[0]";
  await page.focus(field(`${akip}.bulan.juni`));
  await idle(page);
  await page.waitForFunction(() => window.__renaksi.mulai === 0);
  assert.match(await page.textContent(`${row(akip)} .pesan`), /berjumlah 75, tidak sama dengan target tahunan 90/);
  const before = await page.locator("#pratinjau").screenshot();
  const v0 = Number(await page.getAttribute("#pratinjau", "data-versi"));
  await page.fill(field(`${akip}.bulan.juni`), "40");
  await page.waitForFunction((s) => !document.querySelector(s), `${row(akip)} .pesan`);
  await page.waitForFunction((v) => Number(document.querySelector("#pratinjau").dataset.versi) > v && window.__renaksi.mulai === 0, v0);
  const after = await page.locator("#pratinjau").screenshot();
  assert.notDeepEqual(after, before);
  const shown = Number(await page.getAttribute("#pratinjau", "data-halaman"));
  const pageText = await page.evaluate((n) => window.__renaksi.teksHalaman[n - 1], shown);
  assert.match(pageText, /Nilai AKIP yang baik/);
  const ukur = await page.evaluate(() => window.__renaksi.ukur);
  step(`finding gone and preview of page ${shown} changed, ${ukur[ukur.length - 1]} ms from the edit`);

  // The list of findings jumps to the field of the one clicked.
  await page.click('#tab [data-tab="temuan"]');
  const first = await page.evaluate(() => window.__renaksi.temuan[0]);
  await page.click("#daftar-temuan li >> nth=0");
  const focused = await page.evaluate(() => ({ ...document.activeElement.dataset }));
  assert.equal(focused.b, first.berkas);
  assert.ok(focused.j.startsWith(first.jalur), `${focused.j} in ${first.jalur}`);
  assert.equal(await page.getAttribute("#tab [aria-selected=true]", "data-tab"), first.berkas);
  step(`a finding in the list jumps to its field (${first.berkas} ${focused.j})`);

  // The unsaved change in report terms, then save: one line in git diff.
  await page.click('#tab [data-tab="perubahan"]');
  await page.waitForSelector("#daftar-perubahan pre");
  assert.match(await page.textContent("#daftar-perubahan"), /25 → 40/);
  if (shots) await page.screenshot({ path: join(shots, "serve-perubahan.png") });
  await page.click("#simpan");
  await page.waitForFunction(() => document.querySelector("#keadaan").textContent.startsWith("tersimpan"));
  assert.equal(git("diff", "--numstat").trim(), `1\t1\t${FILE}`);
  const diff = git("diff", "-U0", FILE);
  assert.match(diff, /^-\s+juni: 25$/m);
  assert.match(diff, /^\+\s+juni: 40$/m);
  step("saved: git diff is the one June line");

  // The PDF that `renaksi build` makes of the saved files prints it.
  const pdf = join(tmp, "out.pdf");
  execFileSync(binary, ["build", dir, "-o", pdf], { stdio: "pipe" });
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.includes("Nilai AKIP yang baik"));
  assert.ok(at >= 0, "row in PDF");
  const juni = lines.slice(at, at + 14).find((l) => /\bJuni\b/.test(l));
  assert.match(juni || "", /\bJuni\s+40\b/, lines.slice(at, at + 14).join("\n"));
  step("rebuilt PDF prints the new June target");
  git("-c", "user.name=uji", "-c", "user.email=uji@example.invalid", "commit", "-qam", "juni");

  // Realisasi: the TW III tab shows its monitoring report in the preview;
  // a September figure of the negative indicator changed moves its
  // capaian at once; saved, the quarter's file changes by that one line.
  const TW3 = "realisasi/tw3.yaml";
  const neg = "kasi-sosial-budaya/jumlah-kejadian-gangguan-ketentraman-yang-dilaporkan-desa";
  await page.click(`#tab [data-tab="${TW3}"]`);
  await page.waitForSelector(`.bagian-tab[data-tab="${TW3}"] .tabel-realisasi`);
  await idle(page);
  await page.waitForFunction(() => /TRIWULAN III TAHUN 2022/.test(window.__renaksi.teksHalaman[0] || ""));
  const cap = `[data-capaian="${neg}"]`;
  assert.match(await page.textContent(cap), /^81,82 % · Tinggi$/);
  const sept = `[data-b="${TW3}"][data-j="indikator.${neg}.bulan.september"]`;
  assert.equal(await page.inputValue(sept), "5");
  await page.focus(sept);
  await page.fill(sept, "3");
  await page.waitForFunction((s) => document.querySelector(s).textContent.startsWith("100,00 %"), cap);
  await idle(page);
  await page.waitForFunction(() => window.__renaksi.mulai === 0);
  const monitoring = await page.evaluate(() => window.__renaksi.teksHalaman.join("\n"));
  assert.match(monitoring, /Jumlah Kejadian Gangguan/);
  if (shots) await page.screenshot({ path: join(shots, "serve-realisasi.png") });
  await page.click("#simpan");
  await page.waitForFunction(() => document.querySelector("#keadaan").textContent.startsWith("tersimpan"));
  assert.equal(git("diff", "--numstat").trim(), `1\t1\t${TW3}`);
  const tw3diff = git("diff", "-U0", TW3);
  assert.match(tw3diff, /^-\s+september: 5$/m);
  assert.match(tw3diff, /^\+\s+september: 3$/m);
  step("realisasi TW III: monitoring preview, capaian 81,82 % → 100,00 % while typing, one line saved");
  git("-c", "user.name=uji", "-c", "user.email=uji@example.invalid", "commit", "-qam", "realisasi");

  // Add an indicator, remove a program.
  await page.click(`#tab [data-tab="${FILE}"]`);
  const tab = `.bagian-tab[data-tab="${FILE}"]`;
  const sasaran = `${tab} .sasaran[data-j="pejabat[0].sasaran[1]"]`;
  await page.click(`${sasaran} > button.tambah:has-text("indikator")`);
  const added = `[data-b="${FILE}"][data-j="pejabat[0].sasaran[1].indikator[1].uraian"]`;
  await page.fill(added, "Jumlah pegawai yang mengikuti bimbingan teknis");
  const program0 = `${tab} .program[data-j="pejabat[0].sasaran[0].program_kegiatan[1]"]`;
  await page.click(`${program0} button[aria-label="Hapus"]`);
  // Anggaran typed digit by digit shows its thousands separators.
  const anggaran = `${tab} [data-j="pejabat[0].sasaran[0].program_kegiatan[0].anggaran"]`;
  await page.fill(anggaran, "");
  await page.locator(anggaran).pressSequentially("125000000");
  assert.equal(await page.inputValue(anggaran), "125.000.000");
  await idle(page);
  await page.waitForFunction(() => window.__renaksi.kotor.length === 1);
  await page.click("#simpan");
  await page.waitForFunction(() => document.querySelector("#keadaan").textContent.startsWith("tersimpan"));
  // `renaksi diff` ends 1 when it found changes.
  const reported = spawnSync(binary, ["diff", "--git", "HEAD", dir], { encoding: "utf8" });
  assert.equal(reported.status, 1, reported.stderr);
  assert.match(reported.stdout, /\+ .*Jumlah pegawai yang mengikuti bimbingan teknis/);
  assert.match(reported.stdout, /- .*Pemeliharaan Barang Milik Daerah/);
  assert.match(reported.stdout, /anggaran.*111\.000\.000 → .*125\.000\.000/);
  assert.match(git("diff", FILE), /^\+\s+anggaran: 125000000$/m);
  step("indicator added, program removed, anggaran typed with separators: as renaksi diff reports them");
  git("-c", "user.name=uji", "-c", "user.email=uji@example.invalid", "commit", "-qam", "perubahan");

  // The Perubahan names its murni (the first commit) in Identitas; the
  // preview gains the Matriks Perubahan, and a reason typed beside the
  // changed budget appears in it.
  await page.click('#tab [data-tab="identitas"]');
  const versi = '[data-b="laporan.yaml"][data-j="versi_sebelumnya.git"]';
  await page.fill(versi, "murni");
  await page.click(`#tab [data-tab="${FILE}"]`);
  const alasan = `${tab} [data-j="pejabat[0].sasaran[0].program_kegiatan[0].alasan"]`;
  await page.fill(alasan, "Efisiensi belanja pemeliharaan");
  await idle(page);
  await page.waitForFunction(() => window.__renaksi.teksHalaman.some((t) => /MATRIKS PERUBAHAN/.test(t) && /Efisiensi belanja pemeliharaan/.test(t)));
  const matriks = await page.evaluate(() => window.__renaksi.teksHalaman.find((t) => /MATRIKS PERUBAHAN/.test(t)));
  assert.match(matriks.replace(/\s+/g, " "), /Rp 111\.000\.000 Rp 125\.000\.000/);
  // The reason's field focused, the preview shows the matrix's page.
  await page.focus(alasan);
  await page.waitForFunction(() => /MATRIKS PERUBAHAN/.test(window.__renaksi.teksHalaman[window.__renaksi.page - 1] || ""));
  if (shots) await page.screenshot({ path: join(shots, "serve-matriks.png") });
  await page.click("#simpan");
  await page.waitForFunction(() => document.querySelector("#keadaan").textContent.startsWith("tersimpan"));
  assert.match(git("diff", FILE), /^\+\s+alasan: Efisiensi belanja pemeliharaan$/m);
  assert.match(git("diff", "laporan.yaml"), /^\+versi_sebelumnya:\n\+  git: murni$/m);
  step("Perubahan: versi sebelumnya named, Matriks Perubahan in the preview with the reason typed, saved");

  // The signing date is typed as a person writes it (hh/bb/tttt) and said
  // in words beside it; a day that does not exist is named, not taken.
  await page.click('#tab [data-tab="identitas"]');
  const tgl = '[data-b="laporan.yaml"][data-j="penandatangan.tanggal"]';
  const kata = `${tgl} + .tanggal-kata`;
  assert.equal(await page.inputValue(tgl), "12/10/2022");
  assert.equal(await page.textContent(kata), "12 Oktober 2022");
  await page.fill(tgl, "31/02/2022");
  assert.match(await page.textContent(kata), /^tulis hh\/bb\/tttt/);
  await page.fill(tgl, "5/2/2022");
  assert.equal(await page.textContent(kata), "5 Februari 2022");
  await idle(page);
  await page.waitForFunction(() => window.__renaksi.kotor.length === 1);
  if (shots) await page.screenshot({ path: join(shots, "serve-tanggal.png") });
  await page.fill(tgl, "12/10/2022");
  await idle(page);
  await page.waitForFunction(() => window.__renaksi.kotor.length === 0);
  step("signing date typed as dd/mm/yyyy and said in words; 31/02 refused; back to the saved date, nothing to save");
  await page.click(`#tab [data-tab="${FILE}"]`);

  // Two tabs on one file: the second changes July, then the first (which
  // has not seen that) changes August. The first's edit is refused, not
  // laid over the second's; its banner offers the latest version, which
  // holds July, and the edit made again is taken. Nothing is lost.
  const page2 = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page2.on("pageerror", (e) => { throw e; });
  await page2.goto(url);
  await page2.waitForSelector('#pratinjau[data-versi]');
  await page2.click(`#tab [data-tab="${FILE}"]`);
  await page2.fill(field(`${akip}.bulan.juli`), "7");
  await idle(page2);
  await page.fill(field(`${akip}.bulan.agustus`), "8");
  await page.waitForSelector("#spanduk:not([hidden])");
  const spanduk = await page.textContent("#spanduk-teks");
  assert.match(spanduk, /lampiran\/2-kegiatan\.yaml diubah di tab lain/);
  assert.ok(await page.isVisible("#ambil"));
  assert.ok(!(await page.isVisible("#muat-ulang")));
  if (shots) await page.screenshot({ path: join(shots, "serve-tab-lain.png") });
  await page.click("#ambil");
  await page.waitForSelector("#spanduk", { state: "hidden" });
  await page.click(`#tab [data-tab="${FILE}"]`);
  assert.equal(await page.inputValue(field(`${akip}.bulan.juli`)), "7");
  await page.fill(field(`${akip}.bulan.agustus`), "8");
  await idle(page);
  assert.ok(await page.isHidden("#spanduk"));
  await page.click("#simpan");
  await page.waitForFunction(() => document.querySelector("#keadaan").textContent.startsWith("tersimpan"));
  const both = git("diff", "-U0", FILE);
  assert.match(both, /^\+\s+juli: 7$/m);
  assert.match(both, /^\+\s+agustus: 8$/m);
  step("two tabs: an edit on a version another tab changed is refused with 'Ambil versi terbaru'; both edits saved");

  // Again, merged: the second (fresh) changes October, the first November;
  // "Gabungkan suntingan saya" lays November on the latest version.
  await page2.reload();
  await page2.waitForSelector('#pratinjau[data-versi]');
  await page2.click(`#tab [data-tab="${FILE}"]`);
  await page2.fill(field(`${akip}.bulan.oktober`), "10");
  await idle(page2);
  await page.fill(field(`${akip}.bulan.november`), "11");
  await page.waitForFunction(() => document.querySelector("#keadaan").textContent.startsWith("suntingan tidak diterima"));
  await page.waitForSelector("#spanduk:not([hidden])");
  assert.ok(await page.isVisible("#gabung"));
  await page.click("#gabung");
  await page.waitForSelector("#spanduk", { state: "hidden" });
  await idle(page);
  await page.click(`#tab [data-tab="${FILE}"]`);
  assert.equal(await page.inputValue(field(`${akip}.bulan.oktober`)), "10");
  assert.equal(await page.inputValue(field(`${akip}.bulan.november`)), "11");
  assert.ok(await page.isHidden("#spanduk"));
  await page.click("#simpan");
  await page.waitForFunction(() => document.querySelector("#keadaan").textContent.startsWith("tersimpan"));
  const merged = git("diff", "-U0", FILE);
  assert.match(merged, /^\+\s+oktober: 10$/m);
  assert.match(merged, /^\+\s+november: 11$/m);

  // Both change December: nothing is merged, the place is named, and the
  // latest version is taken.
  await page2.reload();
  await page2.waitForSelector('#pratinjau[data-versi]');
  await page2.click(`#tab [data-tab="${FILE}"]`);
  await page2.fill(field(`${akip}.bulan.desember`), "30");
  await idle(page2);
  await page.fill(field(`${akip}.bulan.desember`), "31");
  await page.waitForFunction(() => document.querySelector("#keadaan").textContent.startsWith("suntingan tidak diterima"));
  await page.waitForSelector("#spanduk:not([hidden])");
  await page.click("#gabung");
  await page.waitForFunction(() => document.querySelector("#spanduk-teks").textContent.startsWith("Tidak dapat digabung"));
  assert.match(await page.textContent("#spanduk-teks"), /lampiran\/2-kegiatan\.yaml pejabat\[0\]\.sasaran\[0\]\.indikator\[0\]\.bulan\.desember/);
  // The status check every 2 s leaves the list of places on the banner.
  await page.waitForTimeout(2500);
  assert.match(await page.textContent("#spanduk-teks"), /^Tidak dapat digabung/);
  await page.click("#ambil");
  await page.waitForSelector("#spanduk", { state: "hidden" });
  await page.click(`#tab [data-tab="${FILE}"]`);
  assert.equal(await page.inputValue(field(`${akip}.bulan.desember`)), "30");
  await page2.close();
  step("two tabs: 'Gabungkan suntingan saya' lays this tab's edit on the other's, both saved; a place both changed is named, not merged");

  // A laptop's screen (1366×768): the fields are wide enough for what they
  // hold, a finding does not narrow its field, the reason of a Perubahan
  // is on the indicator's card, and the keyboard goes field to field.
  const laptop = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  laptop.on("pageerror", (e) => { throw e; });
  await laptop.goto(url);
  await laptop.waitForSelector('#pratinjau[data-versi]');
  await laptop.click(`#tab [data-tab="${FILE}"]`);
  const lebar = (sel) => laptop.$eval(sel, (e) => e.getBoundingClientRect().width);
  const uraian = field(`${sdm}.uraian`);
  assert.ok(await lebar(uraian) >= 300, `indicator text ${await lebar(uraian)} px`);
  const juniSdm = field(`${sdm}.bulan.juni`);
  await laptop.fill(juniSdm, "123456");
  assert.ok(await laptop.$eval(juniSdm, (e) => e.scrollWidth <= e.clientWidth), "six digits fit a month");
  const target = field(`${sdm}.target`);
  assert.ok(await laptop.$eval(target, (e) => { e.value = "1234567"; return e.scrollWidth <= e.clientWidth; }), "seven digits fit the annual target");
  await laptop.fill(target, "10");
  await idle(laptop);
  await laptop.waitForFunction((sel) => [...document.querySelectorAll(sel)].some((e) => e.textContent.includes("rencana per bulan")), `${row(sdm)} .pesan`);
  const sasaranUraian = field("pejabat[0].sasaran[1].uraian");
  const sebelum = await lebar(sasaranUraian);
  await laptop.fill(sasaranUraian, "");
  await laptop.waitForSelector(`.bagian-tab[data-tab="${FILE}"] [data-j="pejabat[0].sasaran[1]"] .pesan`);
  assert.equal(await lebar(sasaranUraian), sebelum, "a finding under the sasaran leaves its box as wide");
  // Enter goes on to the next month, as in a sheet.
  await laptop.focus(field(`${sdm}.bulan.juli`));
  await laptop.keyboard.press("Enter");
  assert.equal(await laptop.evaluate(() => document.activeElement.dataset.j), `${sdm}.bulan.agustus`);
  if (shots) await laptop.screenshot({ path: join(shots, "serve-1366.png") });
  await laptop.close();
  step("1366×768: indicator text ≥ 300 px, six digits fit, a finding does not narrow its field, Enter moves on");

  // A report without pegawai.yaml: its form is made from the Lampiran's
  // officials with one click, filled, and saved as a new file.
  const tanpa = join(tmp, "tanpa-pegawai");
  cpSync(join(root, "content/kubutambahan-2022"), tanpa, { recursive: true });
  rmSync(join(tanpa, "pegawai.yaml"));
  for (const f of ["renstra.yaml", "lkjip.yaml", "kinerja-lalu.yaml"]) rmSync(join(tanpa, f));
  const kedua = spawn(binary, ["serve", tanpa], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    const url2 = await new Promise((ok, fail) => {
      let out = "";
      kedua.stdout.on("data", (d) => {
        out += d;
        const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\?t=[0-9a-f]+/);
        if (m) ok(m[0]);
      });
      kedua.on("exit", (code) => fail(new Error(`renaksi serve ended (${code})`)));
    });
    const p3 = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    p3.on("pageerror", (e) => { throw e; });
    await p3.goto(url2);
    await p3.waitForSelector('#pratinjau[data-versi]');
    await p3.click('#tab [data-tab="pegawai-baru"]');
    await p3.click("#buat-pegawai");
    const nama = '[data-b="pegawai.yaml"][data-j="pegawai[2].nama"]';
    await p3.waitForSelector(nama);
    assert.equal(await p3.inputValue('[data-b="pegawai.yaml"][data-j="pegawai[2].jabatan"]'), "Sekretaris Kecamatan");
    assert.equal(await p3.inputValue('[data-b="pegawai.yaml"][data-j="pegawai[1].nama"]'), "Drs. Made Suyasa, M.Si");
    await idle(p3);
    // Its placeholders are findings at their fields until filled.
    await p3.waitForFunction((s) => document.querySelector(s).classList.contains("peringatan"), nama);
    await p3.fill(nama, "I Nyoman Sudarsana, S.Sos., M.AP");
    await idle(p3);
    await p3.waitForFunction((s) => !document.querySelector(s).classList.contains("peringatan"), nama);
    if (shots) await p3.screenshot({ path: join(shots, "serve-pegawai-baru.png") });
    await p3.click("#simpan");
    await p3.waitForFunction(() => document.querySelector("#keadaan").textContent.startsWith("tersimpan"));
    const dibuat = readFileSync(join(tanpa, "pegawai.yaml"), "utf8");
    assert.match(dibuat, /^  - jabatan: Sekretaris Kecamatan\n    nama: I Nyoman Sudarsana, S\.Sos\., M\.AP\n/m);
    assert.match(dibuat, /^    lampiran: CAMAT$/m);
    await p3.close();
    step("report without pegawai.yaml: '+ Pegawai (PK)' makes the form from the officials, a name filled, saved as a new file");

    // The Laporan Kinerja: its forms made from the Lampiran with one
    // click, the preview showing the LKjIP, a placeholder a finding at
    // its field until filled, saved as new files.
    const p4 = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    p4.on("pageerror", (e) => { throw e; });
    await p4.goto(url2);
    await p4.waitForSelector('#pratinjau[data-versi]');
    await p4.click('#tab [data-tab="lkjip-baru"]');
    await p4.click("#buat-lkjip");
    const tujuan = '[data-b="renstra.yaml"][data-j="tujuan[0].uraian"]';
    await p4.waitForSelector(tujuan);
    assert.equal(await p4.locator('[data-b="renstra.yaml"] input.kunci').count(), 3);
    assert.equal(await p4.inputValue('[data-b="renstra.yaml"][data-j="tujuan[0].sasaran[0].iku[0].indikator"]'), "camat/indeks-kepuasan-masyarakat-terhadap-pelayanan-publik");
    await idle(p4);
    await p4.waitForFunction((s) => { const c = document.querySelector(s).classList; return c.contains("galat") || c.contains("peringatan"); }, tujuan);
    // The preview is the Laporan Kinerja while its tabs are open.
    await p4.waitForFunction(() => /LAPORAN KINERJA INSTANSI PEMERINTAH/i.test((S.teksHalaman || [])[0] || ""));
    await p4.fill(tujuan, "Meningkatnya kualitas pelayanan kecamatan");
    await idle(p4);
    await p4.waitForFunction((s) => { const c = document.querySelector(s).classList; return !c.contains("galat") && !c.contains("peringatan"); }, tujuan);
    if (shots) await p4.screenshot({ path: join(shots, "serve-renstra.png") });
    await p4.click("#simpan");
    await p4.waitForFunction(() => document.querySelector("#keadaan").textContent.startsWith("tersimpan"));
    const renstra = readFileSync(join(tanpa, "renstra.yaml"), "utf8");
    assert.match(renstra, /^  - uraian: Meningkatnya kualitas pelayanan kecamatan$/m);
    assert.equal((renstra.match(/- indikator: camat\//g) || []).length, 3);
    assert.match(readFileSync(join(tanpa, "lkjip.yaml"), "utf8"), /^kesimpulan: \|$/m);
    await p4.close();
  } finally {
    kedua.kill();
  }
  step("report without Laporan Kinerja: '+ Laporan Kinerja' makes renstra.yaml and lkjip.yaml from the Lampiran, the preview is the LKjIP, saved as new files");
} catch (e) {
  console.error(stderr);
  const [open] = browser.contexts().flatMap((c) => c.pages());
  if (open) await open.screenshot({ path: join(shots || tmpdir(), "serve-gagal.png") });
  throw e;
} finally {
  await browser.close();
}

// A foreign page: the right token from another origin, and a request
// without the token, are refused.
const foreign = await fetch(`${origin}/api/simpan`, { method: "POST", headers: { "X-Renaksi-Token": token, Origin: "http://evil.example" }, body: "{}" });
assert.equal(foreign.status, 403);
const tokenless = await fetch(`${origin}/api/ruang`);
assert.equal(tokenless.status, 403);
step("foreign origin and missing token refused");

server.kill();
rmSync(tmp, { recursive: true, force: true });
console.log(`${checks.length} pemeriksaan lulus`);

// Until the page has sent every edit and shows the answer to the last.
async function idle(page) {
  await page.waitForFunction(() => !window.__renaksi.sibuk && window.__renaksi.kirim.size === 0);
  await page.waitForTimeout(100);
  await page.waitForFunction(() => !window.__renaksi.sibuk && window.__renaksi.kirim.size === 0);
}

// Speed of `renaksi serve` on the bundled example, in Debian's Chromium:
//
//   cargo build --release
//   npm ci --prefix tests/browser
//   node bench/serve.mjs target/release/renaksi
//
// 1. first page: from starting `renaksi serve` to the editor's page with
//    the first preview page drawn in the browser (5 starts, median);
// 2. edit to preview: 30 edits of one June target typed in the page, each
//    from the keystroke to the new preview image loaded (median, p90);
// 3. memory: the server's resident size (VmRSS, and its peak VmHWM) after
//    1,000 edits sent to its API, each checked and typeset.

import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "tests/browser/package.json"));
const { chromium } = require("playwright-core");
const binary = resolve(process.argv[2] || join(root, "target/release/renaksi"));
const FILE = "lampiran/2-kegiatan.yaml";
const JUNE = "pejabat[0].sasaran[0].indikator[0].bulan.juni";

const tmp = mkdtempSync(join(tmpdir(), "renaksi-bench-serve-"));
const dir = join(tmp, "kubutambahan-2022");
cpSync(join(root, "content/kubutambahan-2022"), dir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

function start() {
  const t0 = performance.now();
  const child = spawn(binary, ["serve", dir], { stdio: ["ignore", "pipe", "ignore"] });
  const url = new Promise((ok) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\?t=[0-9a-f]+/);
      if (m) ok(m[0]);
    });
  });
  return { child, url, t0 };
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p90 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.ceil(s.length * 0.9) - 1]; };

// 1. First page.
const firsts = [];
for (let i = 0; i < 5; i++) {
  const { child, url, t0 } = start();
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(await url);
  await page.waitForSelector("#pratinjau[data-versi]");
  firsts.push(performance.now() - t0);
  await page.close();
  child.kill();
}

// 2. Edit to preview, typed in the page.
const { child, url } = start();
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await page.goto(await url);
await page.waitForSelector("#pratinjau[data-versi]");
await page.click(`#tab [data-tab="${FILE}"]`);
const field = `[data-b="${FILE}"][data-j="${JUNE}"]`;
await page.focus(field);
await page.waitForFunction(() => window.__renaksi.mulai === 0);
await page.evaluate(() => { window.__renaksi.ukur.length = 0; });
for (let i = 0; i < 30; i++) {
  const before = Number(await page.getAttribute("#pratinjau", "data-versi"));
  await page.fill(field, String(26 + i));
  await page.waitForFunction((v) => Number(document.querySelector("#pratinjau").dataset.versi) > v && window.__renaksi.mulai === 0, before);
}
const edits = await page.evaluate(() => window.__renaksi.ukur);
await page.close();

// 3. Memory after 1,000 edits through the API, as the page sends them.
const { origin, searchParams } = new URL(await url);
const headers = { "X-Renaksi-Token": searchParams.get("t"), "Content-Type": "application/json" };
const ruang = await (await fetch(`${origin}/api/ruang`, { headers })).json();
const nilai = ruang.berkas[FILE].nilai;
const rss = () => {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const kib = (key) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))[1]);
  return { rss: kib("VmRSS") / 1024, hwm: kib("VmHWM") / 1024 };
};
const before = rss();
const t1 = performance.now();
for (let i = 0; i < 1000; i++) {
  nilai.pejabat[0].sasaran[0].indikator[0].bulan.juni = 100 + i;
  const r = await fetch(`${origin}/api/ubah`, { method: "POST", headers, body: JSON.stringify({ berkas: FILE, nilai }) });
  if (!r.ok) throw new Error(await r.text());
  await r.json();
}
const perEdit = (performance.now() - t1) / 1000;
const after = rss();
child.kill();
await browser.close();
rmSync(tmp, { recursive: true, force: true });

const ms = (x) => `${Math.round(x)} ms`;
console.log(`renaksi serve, contoh bawaan (${execFileSync(binary, ["--version"], { encoding: "utf8" }).trim()})`);
console.log(`halaman pertama (mulai serve → pratinjau tergambar): median ${ms(median(firsts))} dari 5 (${firsts.map(ms).join(", ")})`);
console.log(`suntingan → pratinjau, 30 suntingan: median ${ms(median(edits))}, p90 ${ms(p90(edits))}, maks ${ms(Math.max(...edits))}`);
console.log(`memori server: ${before.rss.toFixed(0)} MiB sebelum, ${after.rss.toFixed(0)} MiB sesudah 1.000 suntingan (puncak ${after.hwm.toFixed(0)} MiB); ${ms(perEdit)} per suntingan lewat API`);

// Screenshots of every tab of the editor at a laptop's size (1366×768)
// and a desktop's (1920×1080), for a person to look at:
//
//   node tests/browser/lihat.mjs target/debug/renaksi FOLDER_LAPORAN OUT_DIR
//
// The report folder is copied first; nothing is saved.

import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, basename } from "node:path";
import { chromium } from "playwright-core";

const binary = resolve(process.argv[2]);
const source = resolve(process.argv[3]);
const out = resolve(process.argv[4]);
mkdirSync(out, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), "renaksi-lihat-"));
const dir = join(tmp, basename(source));
cpSync(source, dir, { recursive: true });
const server = spawn(binary, ["serve", dir], { stdio: ["ignore", "pipe", "pipe"] });
const url = await new Promise((ok, fail) => {
  let text = "";
  server.stdout.on("data", (d) => {
    text += d;
    const m = text.match(/http:\/\/127\.0\.0\.1:\d+\/\?t=[0-9a-f]+/);
    if (m) ok(m[0]);
  });
  server.on("exit", (code) => fail(new Error(`renaksi serve ended (${code})`)));
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  for (const [w, h] of [[1366, 768], [1920, 1080]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await page.goto(url);
    await page.waitForSelector("#tab button");
    await page.waitForTimeout(1500);
    const tabs = await page.$$eval("#tab button", (bs) => bs.map((b) => b.dataset.tab));
    for (const [i, tab] of tabs.entries()) {
      await page.click(`#tab button[data-tab="${tab}"]`);
      await page.waitForTimeout(700);
      const name = `${w}-${String(i).padStart(2, "0")}-${tab.replace(/[^a-z0-9]+/gi, "_")}.png`;
      await page.screenshot({ path: join(out, name) });
      console.log(name);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}

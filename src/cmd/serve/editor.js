"use strict";
// The editor page of `renaksi serve`. It holds each YAML file as its JSON
// value, sends the whole value of a file after an edit, and shows what the
// server computed: findings at their fields, the typeset page. Nothing here
// formats YAML: the server writes the files in the canonical style.

const TOKEN = new URLSearchParams(location.search).get("t") || "";
// Under `renaksi server` the page is one user's, logged in: its requests
// carry the session's CSRF token and name the kecamatan shown.
const SERVER = document.body.dataset.mode === "server";
const BULAN = ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"];
const BULAN_LAMA = { februari: "pebruari", november: "nopember" };
const SINGKAT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
const TW = ["tw1", "tw2", "tw3", "tw4"];
const TINGKAT = { program: "Program", kegiatan: "Kegiatan", sub_kegiatan: "Sub Kegiatan", kinerja: "Kinerja" };
const PILIHAN = {
  kertas: ["a4", "f4"],
  huruf: ["arial", "times", "bookman"],
  rincian_target: ["bulanan", "triwulan"],
  ejaan_bulan: ["baku", "lama"],
  "tanda_tangan.mode": ["basah", "tte", "tanpa"],
};
const IDENTITAS = [
  ["kecamatan", "Kecamatan", "teks"],
  ["kabupaten", "Kabupaten", "teks"],
  ["tahun", "Tahun", "angka"],
  ["perubahan", "Rencana Aksi Perubahan", "centang"],
  ["kertas", "Kertas", "pilih"],
  ["huruf", "Huruf", "pilih"],
  ["rincian_target", "Rincian target", "pilih"],
  ["ejaan_bulan", "Ejaan bulan", "pilih"],
  ["logo", "Logo (berkas di folder)", "teks"],
];
const PENANDATANGAN = [
  ["penandatangan.tempat", "Tempat", "teks"],
  ["penandatangan.tanggal", "Tanggal", "tanggal"],
  ["penandatangan.jabatan", "Jabatan", "teks"],
  ["penandatangan.nama", "Nama", "teks"],
  ["penandatangan.pangkat", "Pangkat", "teks"],
  ["penandatangan.golongan", "Golongan", "teks"],
  ["penandatangan.nip", "NIP (18 angka)", "teks"],
];
const TANDA_TANGAN = [
  ["tanda_tangan.mode", "Mode", "pilih"],
  ["tanda_tangan.qr", "Isi kode QR (tte)", "teks"],
  ["tanda_tangan.jangkar", "Karakter jangkar (tte)", "teks"],
];

const VERSI_SEBELUMNYA = [
  ["versi_sebelumnya.git", "Revisi git (tag, cabang atau commit)", "teks"],
  ["versi_sebelumnya.folder", "atau folder di samping (../nama-folder)", "teks"],
];

const S = {
  ruang: null, kec: "", tab: "identitas", temuan: [], realisasi: null,
  halaman: 0, page: 1, teksHalaman: [], versi: 0, kotor: [],
  kirim: new Map(), sibuk: false, antri: false, mulai: 0, ukur: [], fokus: null,
  // Each file's value as the server last took it from this tab: what
  // this tab's own edits are told apart from, to merge them.
  dasar: {},
};
const salin = (v) => JSON.parse(JSON.stringify(v));
function terimaRuang(ruang) {
  S.gen = (S.gen || 0) + 1;
  S.ruang = ruang;
  S.dasar = Object.fromEntries(Object.entries(ruang.berkas).map(([rel, b]) => [rel, salin(b.nilai)]));
}
window.__renaksi = S;

const $ = (id) => document.getElementById(id);
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c) e.append(c);
  return e;
}

// --- API --------------------------------------------------------------
function kepala() { return SERVER ? { "X-Renaksi-Csrf": (S.saya && S.saya.csrf) || "" } : { "X-Renaksi-Token": TOKEN }; }
// Under the server every request names the kecamatan shown.
function denganKec(path) {
  if (!SERVER || !S.kec || /[?&]kecamatan=/.test(path)) return path;
  return path + (path.includes("?") ? "&" : "?") + "kecamatan=" + encodeURIComponent(S.kec);
}
async function api(path, body, method) {
  const init = { method: method || (body === undefined ? "GET" : "POST"), headers: kepala() };
  if (body !== undefined) {
    if (SERVER && body && typeof body === "object" && !body.kecamatan) body = Object.assign({}, body, { kecamatan: S.kec });
    init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body);
  }
  const r = await fetch(denganKec(path), init);
  if (SERVER && r.status === 401) { location.href = "/masuk"; throw new Error("sesi berakhir; masuk lagi"); }
  const type = r.headers.get("content-type") || "";
  const data = type.includes("json") ? await r.json() : await r.text();
  if (!r.ok) throw Object.assign(new Error((data && data.galat) || String(data)), { status: r.status, data });
  return data;
}

// --- YAML paths ---------------------------------------------------------
function segs(path) {
  const out = [];
  for (const part of path.split(".")) {
    const m = part.match(/^([^\[]*)((\[\d+\])*)$/);
    if (m[1]) out.push(m[1]);
    for (const i of (m[2].match(/\d+/g) || [])) out.push(Number(i));
  }
  return out;
}
function getAt(obj, path) {
  let v = obj;
  for (const s of segs(path)) { if (v == null) return undefined; v = v[s]; }
  return v;
}
function setAt(obj, path, value) {
  const ss = segs(path);
  let v = obj;
  for (let i = 0; i < ss.length - 1; i++) {
    if (v[ss[i]] == null || typeof v[ss[i]] !== "object") v[ss[i]] = typeof ss[i + 1] === "number" ? [] : {};
    v = v[ss[i]];
  }
  const last = ss[ss.length - 1];
  if (value === undefined) {
    if (Array.isArray(v)) v.splice(last, 1); else delete v[last];
    // An emptied mapping (a `bulan` with no month left) goes with it.
    if (ss.length > 1 && !Array.isArray(v) && Object.keys(v).length === 0) setAt(obj, ss.slice(0, -1).map(jalurSeg).join("").replace(/^\./, ""), undefined);
  } else v[last] = value;
}
const jalurSeg = (s) => (typeof s === "number" ? `[${s}]` : `.${s}`);

// --- files of the kecamatan shown ------------------------------------------
const prefix = () => (S.ruang.jenis === "batch" ? S.kec + "/" : "");
const berkas = (rel) => S.ruang.berkas[rel];
function fileLaporan() { return prefix() + "laporan.yaml"; }
function fileNarasi() {
  if (berkas(prefix() + "narasi.yaml")) return prefix() + "narasi.yaml";
  return berkas("narasi.yaml") ? "narasi.yaml" : null;
}
function filePegawai() { return berkas(prefix() + "pegawai.yaml") ? prefix() + "pegawai.yaml" : null; }
function fileLampiran() {
  return Object.keys(S.ruang.berkas).filter((r) => r.startsWith(prefix() + "lampiran/"))
    .sort((a, b) => urutTingkat(a) - urutTingkat(b));
}
function fileRealisasi() {
  return Object.keys(S.ruang.berkas).filter((r) => r.startsWith(prefix() + "realisasi/")).sort();
}
function fileLkjip(nama) { return berkas(prefix() + nama) ? prefix() + nama : null; }
const TAB_LKJIP = { renstra: "renstra.yaml", "kinerja-lalu": "kinerja-lalu.yaml", lkjip: "lkjip.yaml" };
// The preview shows the Laporan Kinerja while one of its tabs is open.
const lkjipAktif = () => S.tab in TAB_LKJIP || S.tab === "lkjip-baru";
const twDari = (rel) => Number((String(rel).match(/realisasi\/tw([1-4])\.ya?ml$/) || [])[1] || 0) || null;
// The quarter whose monitoring report the preview shows: the one of the
// realisasi tab open, else none (the Rencana Aksi).
const triwulanAktif = () => twDari(S.tab);
function urutTingkat(rel) { return Object.keys(TINGKAT).indexOf(berkas(rel).nilai.tingkat); }

// --- edits ----------------------------------------------------------------
function ubah(rel, path, value, susunUlang) {
  setAt(berkas(rel).nilai, path, value);
  S.kirim.set(rel, true);
  S.mulai = performance.now();
  if (susunUlang) tampilkan();
  else if (rel.includes("lampiran/")) jumlahUlang(rel, path);
  jadwal();
}
let timer = 0;
function jadwal() { clearTimeout(timer); timer = setTimeout(kirim, 60); }
async function kirim() {
  if (S.sibuk) { S.antri = true; return; }
  const files = [...S.kirim.keys()];
  if (!files.length) return;
  S.kirim.clear();
  S.sibuk = true;
  keadaan("memeriksa…");
  try {
    let hasil;
    for (const rel of files) {
      const nilai = salin(berkas(rel).nilai);
      hasil = await api("/api/ubah", { berkas: rel, nilai, versi: berkas(rel).versi, kecamatan: S.kec || null, triwulan: triwulanAktif(), lkjip: lkjipAktif() });
      // Only the file sent takes the server's version: another tab's
      // change to any other file is not taken over unseen.
      berkas(rel).versi = hasil.versi_berkas[rel];
      S.gen = (S.gen || 0) + 1;
      S.dasar[rel] = nilai;
    }
    terima(hasil);
  } catch (e) {
    if (e.status === 409) tabLain(e.message);
    else keadaan("galat: " + e.message);
  }
  S.sibuk = false;
  if (S.antri || S.kirim.size) { S.antri = false; kirim(); }
}
async function periksa() {
  S.mulai = performance.now();
  terima(await api("/api/periksa", { kecamatan: S.kec || null, triwulan: triwulanAktif(), lkjip: lkjipAktif() }));
}
// Review comments not yet answered, as findings at their fields.
function komentarTemuan() {
  return (S.komentar || []).filter((k) => !k.jawaban).map((k) => ({
    tingkat: "komentar", berkas: k.berkas, jalur: k.jalur, pesan: `Komentar ${k.nama}: ${k.teks}`, saran: "",
  }));
}
function terima(h) {
  S.versi = h.versi; S.temuan = h.temuan.concat(komentarTemuan()); S.kotor = h.kotor;
  const dulu = JSON.stringify(S.indikator || null);
  S.indikator = h.indikator || S.indikator || [];
  // The Renstra's IKU show their Lampiran text: drawn again when it changes.
  if (S.tab === "renstra" && dulu !== JSON.stringify(S.indikator)) tampilkan();
  const adaBaris = !!S.realisasi;
  S.realisasi = h.realisasi || null;
  // The form of a quarter is drawn once its rows arrive; after that only
  // its computed figures change, so the field being typed in keeps focus.
  if (triwulanAktif() && !adaBaris && S.realisasi) tampilkan();
  else hitungRealisasi();
  if (h.halaman) { S.halaman = h.halaman; S.teksHalaman = h.teks_halaman; }
  // A report that does not load has no pages: the last ones stay, marked.
  $("catatan-pratinjau").textContent = h.halaman ? "" :
    (S.halaman ? "Pratinjau di bawah belum memuat suntingan terakhir: " : "Pratinjau belum dapat disusun: ") +
    "laporan memuat galat (lihat Temuan).";
  if (S.page > S.halaman) S.page = Math.max(1, S.halaman);
  tandai();
  pilihHalaman();
  muatHalaman(h.ms);
  $("simpan").disabled = !S.kotor.length;
  $("simpan").textContent = S.kotor.length ? `Simpan (${S.kotor.length})` : "Simpan";
  const galat = S.temuan.filter((t) => t.tingkat === "galat").length;
  const peringatan = S.temuan.filter((t) => t.tingkat === "peringatan").length;
  keadaan(`${galat} galat, ${peringatan} peringatan · ` +
    (S.kotor.length ? `${S.kotor.length} berkas belum disimpan` : "semua tersimpan"));
  if (S.tab === "perubahan") tampilPerubahan();
}
function keadaan(t) { $("keadaan").textContent = t; }

// --- preview ------------------------------------------------------------------
let gambar = null;
async function muatHalaman(ms) {
  if (!S.halaman) return;
  const versi = S.versi, page = S.page, mulai = S.mulai;
  const r = await fetch(denganKec(`/api/halaman?n=${page}&v=${versi}`), { headers: kepala() });
  if (!r.ok || versi !== S.versi) return;
  const url = URL.createObjectURL(await r.blob());
  const img = $("pratinjau");
  img.onload = () => {
    if (gambar) URL.revokeObjectURL(gambar);
    gambar = url;
    if (mulai) {
      const total = Math.round(performance.now() - mulai);
      S.ukur.push(total);
      $("waktu").textContent = `pratinjau ${total} ms` + (ms !== undefined ? ` (susun ${ms} ms)` : "");
      S.mulai = 0;
    }
    img.dataset.versi = versi;
    img.dataset.halaman = page;
  };
  img.src = url;
  $("no-halaman").value = page;
  $("jumlah-halaman").textContent = S.halaman;
}
function keHalaman(n) {
  S.page = Math.min(Math.max(1, n), S.halaman || 1);
  S.mulai = 0;
  muatHalaman();
}
const normal = (t) => (t || "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
// The page a field is printed on: found by the text of the item it is in.
function pilihHalaman() {
  const f = S.fokus;
  if (!f || !S.teksHalaman.length) return;
  const v = berkas(f.rel).nilai;
  let jarum = [], mulai = 0;
  if (f.rel.includes("lampiran/")) {
    const m = f.path.match(/^(pejabat\[\d+\])(\.sasaran\[\d+\])?(\.(indikator|program_kegiatan)\[\d+\])?/);
    if (m) {
      jarum.push((getAt(v, m[1]) || {}).jabatan);
      if (m[3]) jarum.push((getAt(v, m[1] + m[2] + m[3]) || {}).uraian);
      else if (m[2]) jarum.push((getAt(v, m[1] + m[2]) || {}).uraian);
    }
    const kolom = normal(S.ruang.kolom[v.tingkat] || "lampiran");
    mulai = S.teksHalaman.findIndex((t) => normal(t).includes(kolom));
    // A reason is printed in the Matriks Perubahan, after the Lampiran.
    const matriks = S.teksHalaman.findIndex((t) => normal(t).includes("matriksperubahan") && normal(t).includes("alasanperubahan"));
    if (/\.alasan$/.test(f.path) && matriks >= 0) mulai = matriks;
    if (mulai < 0) mulai = 0;
  } else if (f.rel.endsWith("narasi.yaml")) {
    const m = f.path.match(/^bab\[(\d+)\](\.bagian\[\d+\])?/);
    if (!m) jarum.push("kata pengantar");
    else {
      // Chapters are looked for after the table of contents, which lists them too.
      mulai = S.teksHalaman.findIndex((t) => normal(t).includes("daftarisi")) + 1;
      const bab = v.bab[Number(m[1])] || {};
      jarum.push(bab.judul);
      if (m[2]) jarum.push((getAt(v, m[0]) || {}).judul);
    }
  } else if (twDari(f.rel) && S.realisasi) {
    const m = f.path.match(/^(indikator|anggaran)\.([^.]+)/);
    const daftar = m ? S.realisasi[m[1] === "indikator" ? "indikator" : "program"] : [];
    const row = m && daftar.find((r) => r.kunci === m[2]);
    if (row) jarum.push(row.jabatan, row.uraian); else { S.page = 1; return; }
  } else { S.page = 1; return; }
  // A title made of variables is printed with their values: not a needle.
  jarum = jarum.filter((j) => j && !j.includes("{{")).map((j) => normal(j).slice(0, 40)).filter(Boolean);
  for (let cocok = jarum.length; cocok > 0; cocok--) {
    const cari = jarum.slice(-cocok);
    for (let i = mulai; i < S.teksHalaman.length; i++) {
      const t = normal(S.teksHalaman[i]);
      if (cari.every((j) => t.includes(j))) { S.page = i + 1; return; }
    }
  }
}

// --- findings at their fields -------------------------------------------------
function tandai() {
  document.querySelectorAll(".galat, .peringatan, .komentar").forEach((e) => { if (!e.classList.contains("pesan") && !e.classList.contains("tingkat")) e.classList.remove("galat", "peringatan", "komentar"); });
  document.querySelectorAll("#isi .pesan, #isi .baris-pesan").forEach((e) => e.remove());
  for (const t of S.temuan) {
    const e = medan(t);
    if (!e) continue;
    e.classList.add(t.tingkat);
    // A field of an indicator's card has its message under the card, named
    // by the field's label, so the card's columns keep their widths.
    const dalamKartu = !e.classList.contains("indikator") && e.closest(".indikator");
    const nama = dalamKartu ? (e.getAttribute("aria-label") || "") + ": " : "";
    const pesan = el("div", { class: `pesan ${t.tingkat}`, text: nama + t.pesan + (t.saran ? ` — ${t.saran}` : "") });
    const tempat = dalamKartu || e;
    if (tempat.tagName === "TR" || tempat.classList.contains("indikator")) bawah(tempat).append(pesan);
    else if (e.closest("td")) e.closest("td").append(pesan);
    // A message never becomes an item of the row its field is in (it
    // would take the field's width): it goes under the row.
    else if (e.parentElement && e.parentElement.matches(".kepala, .program")) e.parentElement.after(pesan);
    else e.after(pesan);
  }
  hitungTemuan();
  if (S.tab === "temuan") tampilTemuan();
}
// The box of messages under an indicator's card or a table row, across
// its width: made once, then reused.
function bawah(host) {
  const baris = host.tagName === "TR";
  let box = baris ? host.nextElementSibling : host.querySelector(":scope > .baris-pesan");
  if (!box || !box.classList.contains("baris-pesan")) {
    box = baris ? el("tr", { class: "baris-pesan", "data-untuk": host.dataset.j }, el("td", { colspan: host.children.length }))
      : el("div", { class: "baris-pesan", "data-untuk": host.dataset.j });
    if (baris) host.after(box); else host.append(box);
  }
  return baris ? box.firstChild : box;
}
// The field of a finding: its path, else the nearest enclosing one.
function medan(t) {
  if (!t.berkas) return null;
  let path = t.jalur || "";
  const ada = (p) => document.querySelector(`[data-b="${CSS.escape(t.berkas)}"][data-j="${CSS.escape(p)}"]`);
  while (true) {
    const e = ada(path);
    if (e) return e;
    const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
    if (cut <= 0) return ada("") || null;
    path = path.slice(0, cut);
  }
}
function hitungTemuan() {
  const b = document.querySelector('#tab [data-tab="temuan"] .hitung');
  if (b) { b.textContent = S.temuan.length; b.classList.toggle("nol", S.temuan.length === 0); }
}

// --- rendering ------------------------------------------------------------------
function tabs() {
  const t = [["identitas", "Identitas"]];
  if (fileNarasi()) t.push(["narasi", "Narasi"]);
  for (const rel of fileLampiran()) t.push([rel, "Lampiran " + (TINGKAT[berkas(rel).nilai.tingkat] || rel)]);
  t.push(filePegawai() ? ["pegawai", "Pegawai (PK)"] : ["pegawai-baru", "+ Pegawai (PK)"]);
  for (const rel of fileRealisasi()) t.push([rel, "Realisasi TW " + ["I", "II", "III", "IV"][twDari(rel) - 1]]);
  if (fileRealisasi().length < 4) t.push(["realisasi-baru", "+ Realisasi"]);
  if (fileLkjip("renstra.yaml")) t.push(["renstra", "Renstra"]);
  if (fileLkjip("kinerja-lalu.yaml")) t.push(["kinerja-lalu", "Kinerja lalu"]);
  if (fileLkjip("lkjip.yaml")) t.push(["lkjip", "Laporan Kinerja"]);
  if (!fileLkjip("renstra.yaml") || !fileLkjip("lkjip.yaml")) t.push(["lkjip-baru", "+ Laporan Kinerja"]);
  t.push(["temuan", "Temuan"], ["perubahan", "Perubahan"]);
  return t;
}
function tampilkan() {
  const nav = $("tab"), isi = $("isi");
  const scroll = isi.scrollTop;
  nav.replaceChildren(...tabs().map(([id, label]) => el("button", {
    type: "button", role: "tab", "data-tab": id, "aria-selected": String(S.tab === id),
    onclick: () => pilihTab(id),
  }, label, id === "temuan" ? el("span", { class: "hitung" }) : null)));
  const bagian = [];
  bagian.push(el("div", { class: "bagian-tab", "data-tab": "identitas", hidden: S.tab !== "identitas" }, formIdentitas()));
  if (fileNarasi()) bagian.push(el("div", { class: "bagian-tab", "data-tab": "narasi", hidden: S.tab !== "narasi" }, formNarasi(fileNarasi())));
  for (const rel of fileLampiran()) bagian.push(el("div", { class: "bagian-tab", "data-tab": rel, hidden: S.tab !== rel }, formLampiran(rel)));
  if (filePegawai()) bagian.push(el("div", { class: "bagian-tab", "data-tab": "pegawai", hidden: S.tab !== "pegawai" }, formPegawai(filePegawai())));
  else bagian.push(el("div", { class: "bagian-tab", "data-tab": "pegawai-baru", hidden: S.tab !== "pegawai-baru" }, formPegawaiBaru()));
  for (const rel of fileRealisasi()) bagian.push(el("div", { class: "bagian-tab", "data-tab": rel, hidden: S.tab !== rel }, S.tab === rel ? formRealisasi(rel) : null));
  if (fileRealisasi().length < 4) bagian.push(el("div", { class: "bagian-tab", "data-tab": "realisasi-baru", hidden: S.tab !== "realisasi-baru" }, formRealisasiBaru()));
  for (const [tab, nama] of Object.entries(TAB_LKJIP)) {
    const rel = fileLkjip(nama);
    if (!rel) continue;
    const form = { renstra: formRenstra, "kinerja-lalu": formKinerjaLalu, lkjip: formLkjip }[tab];
    bagian.push(el("div", { class: "bagian-tab", "data-tab": tab, hidden: S.tab !== tab }, S.tab === tab ? form(rel) : null));
  }
  if (!fileLkjip("renstra.yaml") || !fileLkjip("lkjip.yaml")) bagian.push(el("div", { class: "bagian-tab", "data-tab": "lkjip-baru", hidden: S.tab !== "lkjip-baru" }, formLkjipBaru()));
  bagian.push(el("div", { class: "bagian-tab", "data-tab": "temuan", hidden: S.tab !== "temuan", id: "daftar-temuan" }));
  bagian.push(el("div", { class: "bagian-tab", "data-tab": "perubahan", hidden: S.tab !== "perubahan", id: "daftar-perubahan" }));
  isi.replaceChildren(...bagian);
  kunciBaca();
  isi.scrollTop = scroll;
  tandai();
  if (S.tab === "perubahan") tampilPerubahan();
}

// What this user may not change is shown, not editable (the server
// refuses it anyway).
function bolehUbah(rel) {
  if (!SERVER) return true;
  const i = rel.indexOf("/");
  return i < 0 ? !!S.saya.ubah_bersama : S.saya.ubah_kecamatan.includes(rel.slice(0, i));
}
function kunciBaca() {
  if (!SERVER) return;
  // A text field is read-only, not disabled: it can still be chosen, for
  // a verifikator's comment on it.
  const kunci = (x) => {
    if (x.matches("input:not([type=checkbox]), textarea")) x.readOnly = true;
    else if (x.matches("select, button, input")) x.disabled = true;
  };
  for (const e of $("isi").querySelectorAll("[data-b]")) {
    if (bolehUbah(e.dataset.b)) continue;
    kunci(e);
    for (const x of e.querySelectorAll("input, select, textarea, button")) kunci(x);
  }
  if (!S.saya.ubah_kecamatan.includes(S.kec)) {
    for (const x of $("isi").querySelectorAll('[data-tab$="-baru"] button')) x.disabled = true;
  }
}

function masukan(rel, path, jenis, opsi = {}) {
  const v = getAt(berkas(rel).nilai, path);
  const attrs = { "data-b": rel, "data-j": path, "aria-label": opsi.label || path, onfocus: () => fokus(rel, path) };
  let e;
  if (jenis === "pilih") {
    const key = PILIHAN[path] ? path : path.split(".").pop();
    e = el("select", { ...attrs, onchange: () => ubah(rel, path, e.value || undefined, path === "rincian_target") },
      opsi.wajib ? null : el("option", { value: "", text: "(bawaan)" }),
      ...(opsi.kata || PILIHAN[key]).map((p) => el("option", { value: p, text: p, selected: v === p })));
  } else if (jenis === "centang") {
    e = el("input", { ...attrs, type: "checkbox", checked: v === true, onchange: () => ubah(rel, path, e.checked) });
  } else if (jenis === "angka") {
    e = el("input", { ...attrs, type: "number", step: "any", value: v ?? "", oninput: () => ubah(rel, path, e.value === "" ? opsi.kosong : Number(e.value)) });
  } else if (jenis === "tanggal") {
    // Typed as a person writes a date (hh/bb/tttt), kept as YAML writes it
    // (tttt-bb-hh), and said in words beside it so a slip shows at once.
    const kata = el("span", { class: "tanggal-kata", "aria-live": "polite", text: tanggalKata(v) });
    const input = el("input", { ...attrs, type: "text", class: "tanggal", inputmode: "numeric", placeholder: "hh/bb/tttt", value: tanggalKetik(v), oninput: () => {
      const iso = tanggalIso(input.value);
      kata.textContent = input.value.trim() === "" ? "" : iso ? tanggalKata(iso) : "tulis hh/bb/tttt, misalnya 05/02/2024";
      kata.classList.toggle("salah", input.value.trim() !== "" && !iso);
      if (iso || input.value.trim() === "") ubah(rel, path, iso || undefined);
    } });
    e = el("span", { class: "tanggal-isian" }, input, kata);
  } else if (jenis === "rupiah") {
    e = el("input", { ...attrs, class: "anggaran", inputmode: "numeric", value: ribuan(v), oninput: () => {
      const digits = e.value.replace(/\D/g, "").replace(/^0+(?=\d)/, "");
      const dariKanan = e.value.length - e.selectionStart;
      e.value = ribuan(digits);
      const pos = Math.max(0, e.value.length - dariKanan);
      e.setSelectionRange(pos, pos);
      ubah(rel, path, digits === "" ? undefined : Number(digits));
    } });
  } else if (jenis === "markdown") {
    e = el("textarea", { ...attrs, rows: opsi.baris || 8, oninput: () => ubah(rel, path, e.value === "" && opsi.opsional ? undefined : e.value) });
    e.value = v ?? "";
  } else if (jenis === "catatan") {
    // A sentence or two, optional: a box that shows them whole.
    e = el("textarea", { ...attrs, class: "catatan", rows: 3, oninput: () => ubah(rel, path, e.value === "" ? undefined : e.value) });
    e.value = v ?? "";
  } else if (jenis === "uraian") {
    e = el("textarea", { ...attrs, class: "uraian", rows: 2, oninput: () => ubah(rel, path, e.value) });
    e.value = v ?? "";
  } else {
    e = el("input", { ...attrs, type: "text", value: v ?? "", oninput: () => ubah(rel, path, e.value === "" && !opsi.wajib ? undefined : e.value) });
  }
  return e;
}
// A date as the field shows it: 2024-02-05 → 05/02/2024.
function tanggalKetik(v) {
  const m = typeof v === "string" && v.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (v ?? "");
}
// What a person typed as YAML's date: 5/2/2024, 05-02-2024, 05.02.2024 or
// 2024-02-05 → 2024-02-05; null for anything else or a day that does not
// exist.
function tanggalIso(teks) {
  const t = teks.trim();
  let y, mo, d;
  let m = t.match(/^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})$/);
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = t.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  const tgl = new Date(Date.UTC(y, mo - 1, d));
  if (tgl.getUTCFullYear() !== y || tgl.getUTCMonth() !== mo - 1 || tgl.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
// 2024-02-05 → "5 Februari 2024".
function tanggalKata(v) {
  const m = typeof v === "string" && v.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return "";
  const bulan = BULAN[Number(m[2]) - 1];
  return bulan ? `${Number(m[3])} ${bulan[0].toUpperCase()}${bulan.slice(1)} ${m[1]}` : "";
}
function ribuan(v) {
  const s = v === undefined || v === null ? "" : String(v);
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}
function fokus(rel, path) {
  S.fokus = { rel, path };
  S.terakhir = document.activeElement;
  const sebelum = S.page;
  pilihHalaman();
  if (S.page !== sebelum) keHalaman(S.page);
}
function baris(label, e) { return el("div", { class: "baris" }, el("label", { text: label }), e); }

function formIdentitas() {
  const out = [];
  const laporan = fileLaporan();
  const bagian = (rel, judul, kunci) => el("fieldset", {}, el("legend", { text: judul }),
    ...kunci.map(([path, label, jenis]) => baris(label, masukan(rel, path, jenis, { label }))));
  const kab = S.ruang.jenis === "batch" ? "kabupaten.yaml" : null;
  out.push(bagian(laporan, `Identitas laporan (${laporan})`, kab ? IDENTITAS.filter(([k]) => k === "kecamatan" || getAt(berkas(laporan).nilai, k) !== undefined) : IDENTITAS));
  out.push(bagian(laporan, "Penandatangan", PENANDATANGAN));
  out.push(bagian(laporan, "Tanda tangan", TANDA_TANGAN));
  if (perubahan()) out.push(bagian(laporan, "Versi sebelumnya (untuk Matriks Perubahan sesudah Lampiran)", VERSI_SEBELUMNYA));
  if (kab) out.push(bagian(kab, "Bawaan kabupaten (kabupaten.yaml, berlaku untuk semua kecamatan)", IDENTITAS.filter(([k]) => k !== "kecamatan").concat(TANDA_TANGAN)));
  return out;
}

function tombol(label, judul, aksi) { return el("button", { type: "button", title: judul, "aria-label": judul, onclick: aksi, disabled: !aksi }, label); }
function aksiDaftar(rel, listPath, i, panjang) {
  const geser = (d) => () => {
    const list = getAt(berkas(rel).nilai, listPath);
    const [x] = list.splice(i, 1);
    list.splice(i + d, 0, x);
    ubah(rel, listPath, list, true);
  };
  return el("span", { class: "aksi" },
    tombol("↑", "Naikkan", i > 0 ? geser(-1) : null),
    tombol("↓", "Turunkan", i < panjang - 1 ? geser(1) : null),
    tombol("✕", "Hapus", () => {
      const list = getAt(berkas(rel).nilai, listPath);
      list.splice(i, 1);
      ubah(rel, listPath, list, true);
    }));
}
function tambah(rel, listPath, label, baru) {
  return el("button", { type: "button", class: "tambah", onclick: () => {
    const list = getAt(berkas(rel).nilai, listPath) || [];
    list.push(baru());
    ubah(rel, listPath, list, true);
  } }, "+ " + label);
}

function sisipVariabel() {
  const pilih = el("select", { "aria-label": "Sisipkan variabel", onchange: () => {
    const t = S.terakhir;
    if (pilih.value && t && t.tagName === "TEXTAREA") {
      const s = `{{ ${pilih.value} }}`;
      t.setRangeText(s, t.selectionStart, t.selectionEnd, "end");
      t.dispatchEvent(new Event("input"));
      t.focus();
    }
    pilih.value = "";
  } }, el("option", { value: "", text: "Sisipkan variabel…" }), ...S.ruang.variabel.map((n) => el("option", { value: n, text: `{{ ${n} }}` })));
  return el("div", { class: "sisip" }, pilih, el("span", { class: "petunjuk", text: "ke teks yang terakhir disunting. Markdown: *miring*, **tebal**, daftar \"1.\" dan \"-\"." }));
}
function formNarasi(rel) {
  const v = berkas(rel).nilai;
  const out = [sisipVariabel(),
    el("p", { class: "petunjuk", text: rel === "narasi.yaml" && S.ruang.jenis === "batch" ? "Narasi bersama: berlaku untuk semua kecamatan yang tidak memiliki narasi.yaml sendiri." : "" })];
  out.push(el("fieldset", { "data-b": rel, "data-j": "" }, el("legend", { text: "Kata Pengantar" }), masukan(rel, "kata_pengantar", "markdown", { baris: 10 })));
  (v.bab || []).forEach((bab, i) => {
    const p = `bab[${i}]`;
    const isi = [el("div", { class: "kepala" }, el("span", { class: "jenis", text: `BAB ${romawi(i + 1)}` }), masukan(rel, `${p}.judul`, "teks", { wajib: true, label: "Judul bab" }), aksiDaftar(rel, "bab", i, v.bab.length))];
    isi.push(baris("Teks pembuka", masukan(rel, `${p}.isi`, "markdown", { baris: 4, opsional: true })));
    (bab.bagian || []).forEach((b, j) => {
      const q = `${p}.bagian[${j}]`;
      isi.push(el("div", { class: "sasaran", "data-b": rel, "data-j": q },
        el("div", { class: "kepala" }, el("span", { class: "jenis", text: `${i + 1}.${j + 1}` }), masukan(rel, `${q}.judul`, "teks", { wajib: true, label: "Judul subbab" }), aksiDaftar(rel, `${p}.bagian`, j, bab.bagian.length)),
        masukan(rel, `${q}.isi`, "markdown")));
    });
    isi.push(tambah(rel, `${p}.bagian`, "subbab", () => ({ judul: "Subbab baru", isi: "Tulis isi subbab.\n" })));
    out.push(el("fieldset", { "data-b": rel, "data-j": p }, el("legend", { text: bab.judul || "Bab" }), ...isi));
  });
  out.push(tambah(rel, "bab", "bab", () => ({ judul: "Bab baru", isi: "Tulis isi bab.\n" })));
  return out;
}
// pegawai.yaml: who holds each office and their superior (Perjanjian Kinerja).
// --- realisasi (monitoring) ---------------------------------------------------
// Opening or leaving a quarter's tab changes what the preview typesets.
function pilihTab(id) {
  const dulu = triwulanAktif(), duluLkjip = lkjipAktif();
  S.tab = id;
  const lain = triwulanAktif() !== dulu || lkjipAktif() !== duluLkjip;
  if (lain) { S.realisasi = null; S.page = 1; }
  tampilkan();
  if (lain) periksa();
}
function formRealisasi(rel) {
  const r = S.realisasi;
  const out = [el("p", { class: "petunjuk", text: `${rel}: realisasi triwulan ini saja (bukan kumulatif), per bulan atau per triwulan; capaian s.d. triwulan ini dihitung renaksi dari target Lampiran. Pratinjau menampilkan laporan monitoring triwulan ini.` }),
    el("div", { class: "baris" }, el("label", { text: "Tanggal laporan" }), masukan(rel, "tanggal", "tanggal", { label: "Tanggal laporan" }))];
  if (!r || r.triwulan !== twDari(rel)) { out.push(el("p", { class: "petunjuk", text: "memuat baris realisasi…" })); return out; }
  let jabatan = null;
  const rows = [];
  for (const row of r.indikator) {
    if (row.jabatan !== jabatan) {
      jabatan = row.jabatan;
      rows.push(el("tr", { class: "pejabat" }, el("th", { colspan: 6, text: `${row.tingkat} — ${row.jabatan}` })));
    }
    const q = `indikator.${row.kunci}`;
    const isian = row.periode.map((p) => el("label", { class: "periode-realisasi" },
      el("span", { text: p.nama + (p.target != null ? ` (target ${String(p.target).replace(".", ",")})` : "") }),
      p.kunci ? masukan(rel, `${q}.bulan.${p.kunci}`, "angka", { label: `Realisasi ${p.nama}: ${row.uraian}` })
        : masukan(rel, `${q}.realisasi`, row.kualitatif ? "teks" : "angka", { label: `Realisasi ${p.nama}: ${row.uraian}` })));
    rows.push(el("tr", { "data-b": rel, "data-j": q },
      el("td", {}, el("div", { text: row.uraian }), el("div", { class: "petunjuk", text: `${row.satuan} · ${row.sasaran}` })),
      el("td", {}, ...isian),
      el("td", { class: "capaian", "data-capaian": row.kunci }),
      el("td", {}, masukan(rel, `${q}.kendala`, "catatan", { label: `Kendala: ${row.uraian}` })),
      el("td", {}, masukan(rel, `${q}.solusi`, "catatan", { label: `Solusi: ${row.uraian}` })),
      el("td", {}, masukan(rel, `${q}.tindak_lanjut`, "catatan", { label: `Tindak lanjut: ${row.uraian}` }))));
  }
  out.push(el("table", { class: "tabel-realisasi" },
    el("thead", {}, el("tr", {}, ...["Indikator", "Realisasi", "Capaian s.d. TW", "Kendala", "Solusi", "Tindak lanjut"].map((h) => el("th", { text: h })))),
    el("tbody", {}, ...rows)));
  out.push(el("h3", { text: "Realisasi anggaran triwulan ini" }));
  out.push(el("table", { class: "tabel-realisasi" },
    el("thead", {}, el("tr", {}, ...["Program/kegiatan", "Pagu", "Realisasi triwulan ini (Rp)", "Serapan s.d. TW"].map((h) => el("th", { text: h })))),
    el("tbody", {}, ...r.program.map((g) => el("tr", { "data-b": rel, "data-j": `anggaran.${g.kunci}` },
      el("td", {}, el("div", { text: g.uraian }), el("div", { class: "petunjuk", text: g.jabatan })),
      el("td", { class: "angka", text: g.pagu != null ? "Rp " + ribuan(g.pagu) : "-" }),
      el("td", {}, masukan(rel, `anggaran.${g.kunci}`, "rupiah", { label: `Realisasi anggaran: ${g.uraian}` })),
      el("td", { class: "capaian", "data-serapan": g.kunci }))))));
  setTimeout(hitungRealisasi);
  return out;
}
// The figures the server computed for the quarter, in their cells.
function hitungRealisasi() {
  const r = S.realisasi;
  if (!r) return;
  for (const row of r.indikator) {
    const td = document.querySelector(`[data-capaian="${CSS.escape(row.kunci)}"]`);
    if (!td) continue;
    td.textContent = row.capaian + (row.kategori ? ` · ${row.kategori.nama}` : "");
    td.style.background = row.kategori ? row.kategori.warna : "";
    td.style.color = row.kategori ? row.kategori.tulisan : "";
  }
  for (const g of r.program) {
    const td = document.querySelector(`[data-serapan="${CSS.escape(g.kunci)}"]`);
    if (td) td.textContent = g.serapan != null ? g.serapan + " %" : "-";
  }
}
function formRealisasiBaru() {
  const ada = fileRealisasi().map(twDari);
  const pilih = el("select", { "aria-label": "Triwulan baru" }, ...[1, 2, 3, 4].filter((n) => !ada.includes(n))
    .map((n) => el("option", { value: n, text: "Triwulan " + ["I", "II", "III", "IV"][n - 1] })));
  return [el("p", { class: "petunjuk", text: "Formulir realisasi triwulan baru: setiap indikator dan program Lampiran, siap diisi. Berkasnya (realisasi/twN.yaml) ditulis saat Simpan." }),
    el("div", { class: "baris" }, pilih, el("button", { type: "button", id: "buat-realisasi", onclick: async () => {
      try {
        const h = await api("/api/realisasi-baru", { kecamatan: S.kec || null, triwulan: Number(pilih.value) });
        terimaRuang(h.ruang);
        pilihTab(h.berkas);
      } catch (e) { keadaan("galat: " + e.message); }
    } }, "Buat formulir"))];
}

// pegawai.yaml made from the Lampiran's officials, or the officials it
// lacks added to it; the names, ranks and superiors are then filled here.
async function pegawaiDariLampiran() {
  const ada = !!filePegawai();
  try {
    const h = await api("/api/pegawai-baru", { kecamatan: S.kec || null });
    terimaRuang(h.ruang);
    const list = berkas(h.berkas).nilai.pegawai || [];
    list.push(...h.usulan);
    S.tab = "pegawai";
    ubah(h.berkas, "pegawai", list, true);
    keadaan(!ada ? "formulir pegawai dibuat: isi setiap [isi: …], lalu Simpan"
      : h.usulan.length ? `${h.usulan.length} pejabat ditambahkan: isi setiap [isi: …], lalu Simpan`
      : "setiap pejabat Lampiran sudah tercantum");
  } catch (e) { keadaan("galat: " + e.message); }
}
function formPegawaiBaru() {
  return [el("p", { class: "petunjuk", text: "Perjanjian Kinerja memerlukan pegawai.yaml: siapa memegang setiap jabatan Lampiran dan siapa atasannya. Formulirnya dibuat dari pejabat Lampiran (Camat dengan data penanda tangan, Bupati sebagai atasannya); nama, pangkat, golongan, NIP dan atasan diisi di sini. Berkasnya ditulis saat Simpan." }),
    el("button", { type: "button", id: "buat-pegawai", onclick: pegawaiDariLampiran }, "Buat formulir pegawai")];
}

function formPegawai(rel) {
  const v = berkas(rel).nilai;
  const orang = v.pegawai || [];
  const lampiran = [...new Set(fileLampiran().flatMap((f) => (berkas(f).nilai.pejabat || []).map((p) => p.jabatan)))];
  const out = [el("p", { class: "petunjuk", text: `${rel}: setiap pejabat Lampiran yang tercantum di sini dengan atasannya mendapat Perjanjian Kinerja (renaksi build --dokumen pk). Bupati dan pejabat politik lain tanpa pangkat dan NIP.` }),
    el("datalist", { id: "jabatan-lampiran" }, ...lampiran.map((j) => el("option", { value: j })))];
  orang.forEach((p, i) => {
    const at = `pegawai[${i}]`;
    const atasan = el("select", { "data-b": rel, "data-j": `${at}.atasan`, "aria-label": "Atasan", onfocus: () => fokus(rel, `${at}.atasan`),
      onchange: () => ubah(rel, `${at}.atasan`, atasan.value || undefined) },
      el("option", { value: "", text: "(tanpa atasan: tidak ada PK)" }),
      ...orang.filter((q) => q !== p).map((q) => el("option", { value: q.jabatan, text: q.jabatan, selected: q.jabatan === p.atasan })),
      p.atasan && !orang.some((q) => q.jabatan === p.atasan) ? el("option", { value: p.atasan, text: p.atasan + " (tidak ada)", selected: true }) : null);
    const lamp = masukan(rel, `${at}.lampiran`, "teks", { label: "Jabatan di Lampiran" });
    lamp.setAttribute("list", "jabatan-lampiran");
    out.push(el("fieldset", { "data-b": rel, "data-j": at },
      el("legend", { text: p.jabatan || "Pegawai" }),
      el("div", { class: "kepala" }, el("span", { class: "jenis", text: "Jabatan" }), masukan(rel, `${at}.jabatan`, "teks", { wajib: true, label: "Jabatan" }), aksiDaftar(rel, "pegawai", i, orang.length)),
      baris("Jabatan di Lampiran (bila lain)", lamp),
      baris("Nama", masukan(rel, `${at}.nama`, "teks", { wajib: true, label: "Nama" })),
      baris("Pangkat", masukan(rel, `${at}.pangkat`, "teks", { label: "Pangkat" })),
      baris("Golongan", masukan(rel, `${at}.golongan`, "teks", { label: "Golongan" })),
      baris("NIP (18 angka)", masukan(rel, `${at}.nip`, "teks", { label: "NIP" })),
      baris("Atasan (pihak kedua)", atasan)));
  });
  out.push(el("div", { class: "baris" }, tambah(rel, "pegawai", "pegawai", () => ({ jabatan: "Jabatan baru", nama: "Nama pegawai" })),
    el("button", { type: "button", class: "tambah", id: "lengkapi-pegawai", onclick: pegawaiDariLampiran }, "+ pejabat Lampiran yang belum tercantum")));
  out.push(el("fieldset", { "data-b": rel, "data-j": "pernyataan" }, el("legend", { text: "Teks pernyataan PK (kosong: teks baku PermenPANRB 53/2014)" }),
    sisipVariabel(),
    baris("Pembuka", masukan(rel, "pernyataan.pembuka", "markdown", { baris: 3, opsional: true })),
    baris("Janji pihak pertama", masukan(rel, "pernyataan.pihak_pertama", "markdown", { baris: 4, opsional: true })),
    baris("Janji pihak kedua", masukan(rel, "pernyataan.pihak_kedua", "markdown", { baris: 4, opsional: true }))));
  return out;
}
// --- Laporan Kinerja: renstra.yaml, kinerja-lalu.yaml, lkjip.yaml -----------
function formLkjipBaru() {
  return [el("p", { class: "petunjuk", text: "Laporan Kinerja (LKjIP) disusun dari Renstra (renstra.yaml), kinerja tahun-tahun sebelumnya (kinerja-lalu.yaml), narasinya (lkjip.yaml) dan realisasi sampai Triwulan IV. Formulirnya dibuat dari Lampiran: sasaran dan indikator kepala kantor menjadi sasaran strategis dan IKU, target tahun ini dari Lampiran. Berkasnya ditulis saat Simpan." }),
    el("button", { type: "button", id: "buat-lkjip", onclick: lkjipBaru }, "Buat formulir Laporan Kinerja")];
}
async function lkjipBaru() {
  const h = await api("/api/lkjip-baru", { kecamatan: S.kec || null });
  terimaRuang(h.ruang);
  for (const rel of h.berkas) S.kirim.set(rel, true);
  S.tab = "renstra";
  tampilkan();
  await kirim();
}
// One Lampiran indicator by its key: [kunci, uraian, satuan, target, jabatan].
const indikatorDari = (kunci) => (S.indikator || []).find((i) => i[0] === kunci);
function formRenstra(rel) {
  const v = berkas(rel).nilai;
  const mulai = Number(v.mulai) || 0, akhir = Number(v.akhir) || 0;
  const tahun = [];
  for (let y = mulai; y <= akhir && tahun.length < 20; y++) tahun.push(y);
  const out = [el("p", { class: "petunjuk", text: `${rel}: IKU adalah indikator Lampiran, ditulis dengan kuncinya; uraian, satuan dan polaritasnya dari Lampiran. Target tahun laporan sebaiknya sama dengan target tahunan Rencana Aksi.` }),
    el("datalist", { id: "kunci-indikator" }, ...(S.indikator || []).map((i) => el("option", { value: i[0], label: `${i[4]} — ${i[1]}` }))),
    el("fieldset", { "data-b": rel, "data-j": "" }, el("legend", { text: "Periode" }),
      baris("Tahun pertama", masukan(rel, "mulai", "angka", { label: "Tahun pertama" })),
      baris("Tahun terakhir", masukan(rel, "akhir", "angka", { label: "Tahun terakhir" })))];
  (v.tujuan || []).forEach((t, i) => {
    const p = `tujuan[${i}]`;
    const isi = [el("div", { class: "kepala" }, el("span", { class: "jenis", text: `Tujuan ${i + 1}` }), masukan(rel, `${p}.uraian`, "uraian", { label: "Tujuan" }), aksiDaftar(rel, "tujuan", i, v.tujuan.length))];
    (t.sasaran || []).forEach((sa, j) => {
      const q = `${p}.sasaran[${j}]`;
      const kartu = [el("div", { class: "kepala" }, el("span", { class: "jenis", text: "Sasaran" }), masukan(rel, `${q}.uraian`, "uraian", { label: "Sasaran strategis" }), aksiDaftar(rel, `${p}.sasaran`, j, t.sasaran.length))];
      (sa.iku || []).forEach((iku, k) => {
        const r = `${q}.iku[${k}]`;
        const kunci = masukan(rel, `${r}.indikator`, "teks", { wajib: true, label: "Kunci indikator" });
        kunci.setAttribute("list", "kunci-indikator");
        kunci.classList.add("kunci");
        const ind = indikatorDari(iku.indikator);
        const angka = (path, label) => { const e = masukan(rel, path, "angka", { label }); e.classList.add("angka"); return e; };
        const periode = el("div", { class: "ind-periode" }, ...tahun.map((y) => el("label", { class: "kecil" }, el("span", { text: String(y) }),
          angka(`${r}.target.${y}`, `Target ${y}`))));
        kartu.push(el("div", { class: "indikator", "data-b": rel, "data-j": r },
          el("div", { class: "iku-kepala" }, el("span", { class: "jenis", text: "IKU" }), kunci, aksiDaftar(rel, `${q}.iku`, k, sa.iku.length)),
          el("p", { class: "petunjuk", text: ind ? `${ind[1]} (${ind[2]}); target tahunan Rencana Aksi ${ind[3]}` : "kunci ini bukan indikator Lampiran: pilih dari daftar" }),
          periode,
          el("div", { class: "iku-pilihan" },
            baris("Target akhir (bila lain)", angka(`${r}.target_akhir`, "Target akhir")),
            baris("Standar nasional/provinsi", angka(`${r}.standar.nilai`, "Standar")),
            baris("Sumber standar", masukan(rel, `${r}.standar.sumber`, "teks", { label: "Sumber standar" })))));
      });
      kartu.push(tambah(rel, `${q}.iku`, "IKU", () => ({ indikator: "", target: {} })));
      isi.push(el("div", { class: "sasaran", "data-b": rel, "data-j": q }, ...kartu));
    });
    isi.push(tambah(rel, `${p}.sasaran`, "sasaran strategis", () => ({ uraian: "Sasaran strategis baru", iku: [] })));
    out.push(el("fieldset", { "data-b": rel, "data-j": p }, el("legend", { text: `Tujuan ${i + 1}` }), ...isi));
  });
  out.push(tambah(rel, "tujuan", "tujuan", () => ({ uraian: "Tujuan baru", sasaran: [] })));
  return out;
}
function formKinerjaLalu(rel) {
  const v = berkas(rel).nilai;
  const tahun = Object.keys(v.tahun || {});
  const iku = [];
  const renstra = fileLkjip("renstra.yaml");
  if (renstra) for (const t of berkas(renstra).nilai.tujuan || []) for (const s of t.sasaran || []) for (const i of s.iku || []) if (i.indikator) iku.push(i.indikator);
  const out = [el("p", { class: "petunjuk", text: `${rel}: kinerja IKU tahun-tahun sebelumnya. Tahun yang punya folder laporan renaksi dibaca dari sana (folder di samping folder ini, atau revisi git); tahun sebelum renaksi dipakai ditulis di sini. Target boleh kosong untuk tahun periode Renstra.` })];
  tahun.forEach((y) => {
    const p = `tahun.${y}`;
    const isi = [baris("Folder laporan tahun itu", masukan(rel, `${p}.folder`, "teks", { label: "Folder" })),
      baris("Revisi git", masukan(rel, `${p}.git`, "teks", { label: "Revisi git" }))];
    for (const k of iku) {
      const ind = indikatorDari(k);
      const angka = (path, label) => { const e = masukan(rel, path, "angka", { label }); e.classList.add("angka"); return e; };
      isi.push(el("div", { class: "iku-lalu", "data-b": rel, "data-j": `${p}.iku.${k}` },
        el("span", { class: "uraian-iku", text: ind ? `${ind[1]} (${ind[2]})` : k }),
        el("label", { class: "kecil" }, el("span", { text: "Target" }), angka(`${p}.iku.${k}.target`, `Target ${y}`)),
        el("label", { class: "kecil" }, el("span", { text: "Realisasi" }), angka(`${p}.iku.${k}.realisasi`, `Realisasi ${y}`))));
    }
    out.push(el("fieldset", { "data-b": rel, "data-j": p }, el("legend", { text: `Tahun ${y}` }), ...isi,
      el("button", { type: "button", class: "hapus-tahun", onclick: () => { if (confirm(`Hapus kinerja tahun ${y}?`)) ubah(rel, p, undefined, true); } }, `Hapus tahun ${y}`)));
  });
  const baru = el("input", { type: "number", id: "tahun-baru", "aria-label": "Tahun", placeholder: "tttt" });
  out.push(el("div", { class: "baris" }, el("label", { text: "Tambah tahun" }), baru,
    el("button", { type: "button", class: "tambah", onclick: () => {
      const y = Number(baru.value);
      if (!(y >= 2000 && y <= 2100) || tahun.includes(String(y))) return;
      ubah(rel, `tahun.${y}`, { iku: {} }, true);
    } }, "+ tahun")));
  return out;
}
function formLkjip(rel) {
  const v = berkas(rel).nilai;
  const iku = [];
  const renstra = fileLkjip("renstra.yaml");
  if (renstra) for (const t of berkas(renstra).nilai.tujuan || []) for (const s of t.sasaran || []) for (const i of s.iku || []) if (i.indikator) iku.push(i.indikator);
  const out = [sisipVariabel(),
    el("p", { class: "petunjuk", text: "Variabel hasil hitung: {{ renstra.periode }}, {{ tahun_lalu }}, {{ iku.jumlah }}, {{ iku.tercapai }}, {{ iku.belum_tercapai }}, {{ capaian.rata_rata }}, {{ capaian.predikat }}, {{ capaian.kategori }}, {{ anggaran.pagu }}, {{ anggaran.realisasi }}, {{ anggaran.serapan }}. Tabel BAB II dan III dihitung renaksi." }),
    el("fieldset", { "data-b": rel, "data-j": "" }, el("legend", { text: "Penandatanganan" }),
      baris("Tanggal", masukan(rel, "tanggal", "tanggal", { label: "Tanggal penandatanganan" }))),
    el("fieldset", { "data-b": rel, "data-j": "" }, el("legend", { text: "Kata Pengantar" }), masukan(rel, "kata_pengantar", "markdown", { baris: 8 })),
    el("fieldset", { "data-b": rel, "data-j": "" }, el("legend", { text: "Ikhtisar Eksekutif" }), masukan(rel, "ikhtisar", "markdown", { baris: 6 }))];
  const bab1 = [];
  (v.pendahuluan || []).forEach((b, j) => {
    const q = `pendahuluan[${j}]`;
    bab1.push(el("div", { class: "sasaran", "data-b": rel, "data-j": q },
      el("div", { class: "kepala" }, el("span", { class: "jenis", text: `1.${j + 1}` }), masukan(rel, `${q}.judul`, "teks", { wajib: true, label: "Judul subbab" }), aksiDaftar(rel, "pendahuluan", j, v.pendahuluan.length)),
      masukan(rel, `${q}.isi`, "markdown", { baris: 4 })));
  });
  bab1.push(tambah(rel, "pendahuluan", "subbab", () => ({ judul: "Subbab baru", isi: "Tulis isi subbab.\n" })));
  out.push(el("fieldset", { "data-b": rel, "data-j": "pendahuluan" }, el("legend", { text: "BAB I Pendahuluan" }), ...bab1));
  out.push(el("fieldset", { "data-b": rel, "data-j": "" }, el("legend", { text: "BAB II dan III: teks pembuka" }),
    baris("BAB II Perencanaan Kinerja", masukan(rel, "perencanaan", "markdown", { baris: 3, opsional: true })),
    baris("BAB III Akuntabilitas Kinerja", masukan(rel, "akuntabilitas", "markdown", { baris: 3, opsional: true })),
    baris("3.2 Realisasi Anggaran", masukan(rel, "anggaran", "markdown", { baris: 3, opsional: true }))));
  out.push(el("fieldset", { "data-b": rel, "data-j": "analisis" }, el("legend", { text: "3.1.5 Analisis per IKU" }),
    ...iku.map((k) => { const ind = indikatorDari(k); return baris(ind ? ind[1] : k, masukan(rel, `analisis.${k}`, "markdown", { baris: 4, opsional: true, label: `Analisis ${k}` })); })));
  out.push(el("fieldset", { "data-b": rel, "data-j": "" }, el("legend", { text: "BAB IV Penutup" }),
    baris("Kesimpulan", masukan(rel, "kesimpulan", "markdown", { baris: 5 })),
    baris("Rekomendasi", masukan(rel, "rekomendasi", "markdown", { baris: 5 }))));
  return out;
}
function romawi(n) { return ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n] || String(n); }

// Months or quarters, as laporan.yaml (or the batch's kabupaten.yaml) says.
function rincian() {
  const own = (berkas(fileLaporan()) || {}).nilai || {};
  const kab = S.ruang.jenis === "batch" ? (berkas("kabupaten.yaml") || {}).nilai || {} : {};
  return own.rincian_target || kab.rincian_target || "bulanan";
}
function periode() {
  return rincian() === "triwulan"
    ? TW.map((k, i) => ({ key: `triwulan.${k}`, label: `TW ${romawi(i + 1)}`, alias: null }))
    : BULAN.map((k, i) => ({ key: `bulan.${k}`, label: SINGKAT[i], alias: BULAN_LAMA[k] ? `bulan.${BULAN_LAMA[k]}` : null }));
}
// A Perubahan: the reasons for its changes are asked for beside each item.
function perubahan() {
  const own = (berkas(fileLaporan()) || {}).nilai || {};
  const kab = S.ruang.jenis === "batch" ? (berkas("kabupaten.yaml") || {}).nilai || {} : {};
  return (own.perubahan ?? kab.perubahan) === true;
}
// The optional keys of a Lampiran item (`pejabat`, `sasaran`, `indikator`,
// `program_kegiatan`) as the server declares them, those a reason for a
// change only in a Perubahan.
function pilihanDari(item) {
  return ((S.ruang.pilihan || {})[item] || []).filter((d) => !d.perubahan || perubahan());
}
// The field of one optional key `d` of the item at `path`.
function isian(rel, path, d) {
  if (d.kata.length) return masukan(rel, `${path}.${d.nama}`, "pilih", { label: d.judul, kata: d.kata });
  const e = masukan(rel, `${path}.${d.nama}`, "teks", { label: d.judul });
  if (d.perubahan) {
    const input = e.matches("input, textarea") ? e : e.querySelector("input, textarea");
    if (input) input.placeholder = d.judul.toLowerCase();
  }
  return e;
}
// The fields of an official's or a sasaran's optional keys, one line each.
function barisPilihan(rel, path, item) {
  const konteks = { pejabat: " (semua perubahan pejabat ini)", sasaran: " sasaran" };
  return pilihanDari(item).map((d) => baris(d.perubahan ? d.judul + konteks[item] : d.judul, isian(rel, path, d)));
}
function formLampiran(rel) {
  const v = berkas(rel).nilai;
  const out = [el("p", { class: "petunjuk", text: `${rel} · tingkat ${TINGKAT[v.tingkat] || v.tingkat}. Target per ${rincian() === "triwulan" ? "triwulan" : "bulan"}: kosongkan periode yang tidak bertarget.` })];
  (v.pejabat || []).forEach((pj, i) => {
    const p = `pejabat[${i}]`;
    const isi = [el("div", { class: "kepala" }, el("span", { class: "jenis", text: "Pejabat" }), masukan(rel, `${p}.jabatan`, "teks", { wajib: true, label: "Jabatan" }), aksiDaftar(rel, "pejabat", i, v.pejabat.length))];
    isi.push(...barisPilihan(rel, p, "pejabat"));
    (pj.sasaran || []).forEach((sa, j) => isi.push(formSasaran(rel, `${p}.sasaran[${j}]`, sa, j, pj.sasaran.length, `${p}.sasaran`)));
    isi.push(tambah(rel, `${p}.sasaran`, "sasaran", () => ({ uraian: "Sasaran baru", indikator: [{ uraian: "Indikator baru", satuan: "Dokumen", target: 1 }] })));
    out.push(el("div", { class: "pejabat", "data-b": rel, "data-j": p }, ...isi));
  });
  out.push(tambah(rel, "pejabat", "pejabat", () => ({ jabatan: "Jabatan baru", sasaran: [{ uraian: "Sasaran baru", indikator: [{ uraian: "Indikator baru", satuan: "Dokumen", target: 1 }] }] })));
  return out;
}
function formSasaran(rel, p, sa, j, n, listPath) {
  const per = periode();
  // One card per indicator: its text, unit and annual target on one line
  // wide enough for a sentence and six digits; its optional keys (the
  // reason of a Perubahan among them) right under it; then its periods,
  // as many to a line as fit, each labelled; findings below the card.
  const cards = (sa.indikator || []).map((ind, k) => {
    const q = `${p}.indikator[${k}]`;
    const kecil = (label, e) => el("label", { class: "kecil" }, el("span", { text: label }), e);
    const target = masukan(rel, `${q}.target`, "angka", { kosong: null, label: "Target tahunan" });
    target.classList.add("angka");
    return el("div", { class: "indikator", "data-b": rel, "data-j": q },
      el("div", { class: "ind-kepala" },
        kecil(`Indikator ${k + 1}`, masukan(rel, `${q}.uraian`, "uraian", { label: "Uraian indikator" })),
        kecil("Satuan", masukan(rel, `${q}.satuan`, "teks", { wajib: true, label: "Satuan" })),
        kecil("Target tahunan", target),
        aksiDaftar(rel, `${p}.indikator`, k, sa.indikator.length)),
      pilihanDari("indikator").length
        ? el("div", { class: "ind-pilihan" }, ...pilihanDari("indikator").map((d) => kecil(d.perubahan ? d.judul + " indikator" : d.judul, isian(rel, q, d))))
        : null,
      el("div", { class: "ind-periode" },
        el("label", { class: "kecil jumlah-sel" }, el("span", { text: "Σ periode" }),
          el("output", { class: `jumlah ${jumlahTeks(rel, q)[1]}`, "data-jumlah": `${rel}|${q}` }, jumlahTeks(rel, q)[0])),
        ...per.map((x) => {
          const path = getAt(berkas(rel).nilai, `${q}.${x.key}`) === undefined && x.alias && getAt(berkas(rel).nilai, `${q}.${x.alias}`) !== undefined ? `${q}.${x.alias}` : `${q}.${x.key}`;
          const e = masukan(rel, path, "angka", { label: `Target ${x.label}` });
          e.classList.add("angka");
          return kecil(x.label, e);
        })));
  });
  // Programs of one indicator only (rare): listed under the indicators.
  const khusus = (sa.indikator || []).flatMap((ind, k) => (ind.program_kegiatan || []).length
    ? [el("div", { class: "petunjuk", text: `Program/kegiatan khusus indikator "${ind.uraian}":` }),
      ...daftarProgram(rel, `${p}.indikator[${k}].program_kegiatan`, ind.program_kegiatan)]
    : []);
  const box = el("div", { class: "sasaran", "data-b": rel, "data-j": p },
    el("div", { class: "kepala" }, el("span", { class: "jenis", text: "Sasaran" }), masukan(rel, `${p}.uraian`, "uraian", { label: "Uraian sasaran" }), aksiDaftar(rel, listPath, j, n)),
    ...barisPilihan(rel, p, "sasaran"),
    ...cards,
    tambah(rel, `${p}.indikator`, "indikator", () => ({ uraian: "Indikator baru", satuan: "Dokumen", target: 1 })),
    ...khusus,
    el("div", { class: "petunjuk", text: "Program/kegiatan dan anggaran (Rp):" }),
    ...daftarProgram(rel, `${p}.program_kegiatan`, sa.program_kegiatan || []));
  return box;
}
// Programs with their anggaran, and the button that adds one.
function daftarProgram(rel, listPath, list) {
  return [...list.map((pk, k) => {
    const q = `${listPath}[${k}]`;
    return el("div", { class: "program", "data-b": rel, "data-j": q },
      masukan(rel, `${q}.uraian`, "teks", { wajib: true, label: "Program/kegiatan" }),
      masukan(rel, `${q}.anggaran`, "rupiah", { label: "Anggaran (Rp)" }),
      ...pilihanDari("program_kegiatan").map((d) => isian(rel, q, d)),
      aksiDaftar(rel, listPath, k, list.length));
  }), tambah(rel, listPath, "program/kegiatan", () => ({ uraian: "Kegiatan baru", anggaran: 0 }))];
}
// The running figure of the periods beside the annual target, by the
// indicator's `penjumlahan`.
function jumlahTeks(rel, q) {
  const ind = getAt(berkas(rel).nilai, q) || {};
  const vals = periode().map((x) => { const a = getAt(ind, x.key); return a !== undefined ? a : (x.alias ? getAt(ind, x.alias) : undefined); })
    .filter((x) => typeof x === "number");
  const cara = ind.penjumlahan || "jumlah";
  if (!vals.length || cara === "tidak") return ["–", ""];
  let hasil;
  if (cara === "jumlah") hasil = Math.round(vals.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
  else if (cara === "akhir") hasil = vals[vals.length - 1];
  else hasil = vals.every((x) => x === vals[0]) ? vals[0] : NaN;
  const cocok = hasil === ind.target;
  return [`${Number.isNaN(hasil) ? "≠" : String(hasil).replace(".", ",")}`, cocok ? "cocok" : "beda"];
}
function jumlahUlang(rel, path) {
  const m = path.match(/^(pejabat\[\d+\]\.sasaran\[\d+\]\.indikator\[\d+\])/);
  if (!m) return;
  const td = document.querySelector(`[data-jumlah="${CSS.escape(rel + "|" + m[1])}"]`);
  if (!td) return;
  const [t, c] = jumlahTeks(rel, m[1]);
  td.textContent = t;
  td.className = "jumlah " + c;
}

// --- panels -----------------------------------------------------------------------
function tampilTemuan() {
  const box = $("daftar-temuan");
  if (!box) return;
  if (!S.temuan.length) { box.replaceChildren(el("p", { text: "Tidak ada temuan: laporan siap disusun." })); return; }
  box.replaceChildren(el("ul", { class: "temuan" }, ...S.temuan.map((t) => el("li", { onclick: () => lompat(t) },
    el("span", { class: `tingkat ${t.tingkat}`, text: t.tingkat }), t.pesan,
    t.saran ? el("div", { class: "letak", text: "saran: " + t.saran }) : null,
    el("div", { class: "letak", text: [t.berkas, t.baris && `baris ${t.baris}`, t.jalur].filter(Boolean).join(" · ") })))));
}
function lompat(t) {
  const e = medan(t);
  // A quarter's form is drawn only while its tab is open.
  if (!e && twDari(t.berkas) && berkas(t.berkas) && S.tab !== t.berkas) { pilihTab(t.berkas); return; }
  if (!e) return;
  const tab = e.closest(".bagian-tab");
  if (tab && tab.dataset.tab !== S.tab) pilihTab(tab.dataset.tab);
  const again = medan(t);
  if (!again) return;
  again.scrollIntoView({ block: "center" });
  const isian = again.matches("input, select, textarea") ? again : again.querySelector("input, select, textarea");
  if (isian) isian.focus();
}
async function tampilPerubahan() {
  const box = $("daftar-perubahan");
  if (!box) return;
  try {
    const p = await api("/api/perubahan?kecamatan=" + encodeURIComponent(S.kec));
    const daftar = (xs, kosong) => el("pre", { class: "perubahan", text: xs && xs.length ? xs.join("\n") : kosong });
    box.replaceChildren(...[
      p.catatan ? el("p", { class: "petunjuk", text: p.catatan }) : null,
      el("h3", { text: "Belum disimpan" }), daftar(p.belum_disimpan, "Tidak ada perubahan yang belum disimpan."),
      el("h3", { text: "Terhadap commit terakhir (git HEAD)" }),
      p.git === null ? el("p", { class: "petunjuk", text: "Folder ini tidak berada di repositori git." }) : daftar(p.git, "Sama dengan commit terakhir.")].filter(Boolean));
    // Under the server: what changed since each document was last approved.
    if (SERVER) {
      const t = await api("/api/sejak-disetujui");
      for (const d of t.dokumen) box.append(el("h3", { text: `${d.nama}: sejak disetujui (commit ${d.commit.slice(0, 10)})` }), daftar(d.perubahan, "Tidak ada perubahan sejak disetujui."));
    }
  } catch (e) { box.replaceChildren(el("p", { text: "galat: " + e.message })); }
}

// --- saving and the files on disk ------------------------------------------------
async function simpan() {
  if (S.sibuk || S.kirim.size) { await kirim(); }
  try {
    const versi = Object.fromEntries(Object.entries(S.ruang.berkas).map(([rel, b]) => [rel, b.versi]));
    const r = await api("/api/simpan", { versi });
    S.kotor = [];
    $("simpan").disabled = true; $("simpan").textContent = "Simpan";
    keadaan(r.ditulis.length ? "tersimpan: " + r.ditulis.join(", ") : "tidak ada yang perlu disimpan");
    for (const rel of r.ditulis) berkas(rel).kotor = false;
    if (S.tab === "perubahan") tampilPerubahan();
  } catch (e) {
    if (e.status === 409 && e.data && e.data.basi) tabLain(e.message);
    else if (e.status === 409) spanduk(e.message);
    else keadaan(e.message);
  }
}
// A banner above the form; `tab` when another tab of this editor changed
// a file: then the way out is the editor's latest version, not the disk.
function spanduk(teks, tab) {
  $("spanduk-teks").textContent = teks; $("spanduk").hidden = !teks;
  // The notice of a submitted or approved document has nothing to do.
  const info = SERVER && teks && teks === S.pesanKunci;
  $("ambil").hidden = !tab; $("gabung").hidden = !tab; $("muat-ulang").hidden = !!tab || info;
}
// Another tab changed a file this tab edits. A merge's list of the places
// both changed stays on the banner until the tab takes a way out.
function tabLain(teks) {
  S.basi = true;
  if (!S.bentrok) spanduk(teks, true);
  keadaan("suntingan tidak diterima: berkas diubah di tab lain");
}
// Three values of one file: `dasar` as the server last took it from this
// tab, `saya` with this tab's edits since, `lain` as the editor holds it
// now. This tab's edits laid on `lain` where the other tab left that
// place as it was; each place both changed differently is a conflict.
const sama = (a, b) => JSON.stringify(a) === JSON.stringify(b);
function gabung3(dasar, saya, lain, jalur, bentrok) {
  if (sama(saya, dasar)) return lain;
  if (sama(lain, dasar) || sama(saya, lain)) return saya;
  const obj = (v) => v && typeof v === "object";
  if (obj(dasar) && obj(saya) && obj(lain) && Array.isArray(dasar) === Array.isArray(saya) && Array.isArray(saya) === Array.isArray(lain)) {
    if (Array.isArray(dasar)) {
      if (dasar.length !== saya.length || dasar.length !== lain.length) { bentrok.push(jalur || "(seluruh berkas)"); return lain; }
      return dasar.map((d, i) => gabung3(d, saya[i], lain[i], `${jalur}[${i}]`, bentrok));
    }
    const out = {};
    for (const k of new Set([...Object.keys(dasar), ...Object.keys(saya), ...Object.keys(lain)])) {
      const v = gabung3(dasar[k], saya[k], lain[k], jalur ? `${jalur}.${k}` : k, bentrok);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  bentrok.push(jalur || "(seluruh berkas)");
  return lain;
}
// The other tab's version with this tab's own edits laid on it, when no
// place was changed by both; else the places are named and nothing moves.
async function gabung() {
  const lain = await api("/api/ruang");
  const bentrok = [];
  const diubah = [];
  for (const [rel, b] of Object.entries(S.ruang.berkas)) {
    if (!lain.berkas[rel] || !S.dasar[rel] || sama(b.nilai, S.dasar[rel])) continue;
    const satu = [];
    const nilai = gabung3(S.dasar[rel], b.nilai, lain.berkas[rel].nilai, "", satu);
    if (satu.length) bentrok.push(...satu.map((j) => `${rel} ${j}`));
    else diubah.push([rel, nilai]);
  }
  if (bentrok.length) {
    S.bentrok = true;
    spanduk(`Tidak dapat digabung: tab lain juga mengubah ${bentrok.slice(0, 5).join(", ")}${bentrok.length > 5 ? ", …" : ""}. Ambil versi terbaru, lalu ulangi suntingan itu.`, true);
    return;
  }
  terimaRuang(lain);
  for (const [rel, nilai] of diubah) { berkas(rel).nilai = nilai; S.kirim.set(rel, true); }
  S.basi = false;
  S.bentrok = false;
  spanduk("");
  tampilkan();
  if (S.kirim.size) await kirim(); else await periksa();
}

// The other tab's version of every file, as the editor holds it now
// (its unsaved edits included); this tab's edits not yet taken are dropped.
async function ambil() {
  terimaRuang(await api("/api/ruang"));
  S.basi = false;
  S.bentrok = false;
  spanduk("");
  tampilkan();
  await periksa();
}
async function pantau() {
  try {
    // A status asked for before this page's own versions changed (a save,
    // a merge) is older than what the page holds: it says nothing.
    const gen = S.gen;
    const s = await api("/api/status");
    if (gen !== S.gen) return;
    // Edits on their way have versions the server is about to give.
    const lain = S.sibuk || S.kirim.size ? [] :
      Object.keys(s.versi).filter((rel) => !berkas(rel) || berkas(rel).versi !== s.versi[rel]);
    if (lain.length || S.basi) tabLain(`${(lain.length ? lain : ["Berkas"]).join(", ")} diubah di tab lain sejak halaman ini memuatnya. Gabungkan suntingan Anda dengan versi terbaru, atau ambil versi terbaru, sebelum menyunting lagi.`);
    else if (s.di_luar.length) spanduk(`${s.di_luar.join(", ")} diubah ${SERVER ? "oleh pengguna lain" : "di luar editor"} sejak dibuka${SERVER ? " (lihat Riwayat)" : " (oleh program lain, editor lain, atau git)"}.` + (S.kotor.length ? " Memuat ulang membuang suntingan yang belum disimpan." : ""));
    else if ($("spanduk").hidden === false && !$("spanduk-teks").textContent.startsWith("tidak disimpan")) spanduk(S.pesanKunci || "");
  } catch (e) { /* the server stopped: shown on the next edit */ }
}
async function muatUlang() {
  if (S.kotor.length && !confirm("Buang suntingan yang belum disimpan dan muat berkas dari disk?")) return;
  terimaRuang(await api("/api/muat-ulang", {}));
  S.basi = false;
  S.bentrok = false;
  spanduk("");
  tampilkan();
  await periksa();
}

// The user, the kecamatan it may open, and the way to its history and
// out, in the header.
// The user's own password, in place of the editor: asked for before
// anything when an admin set it, or from "Ganti sandi" in the header.
function gantiSandi(wajib) {
  const isian = (id, label, auto) => [el("label", { for: id, text: label }),
    el("input", { id, type: "password", autocomplete: auto, required: true, maxlength: 256 })];
  const pesan = el("p", { id: "galat-sandi", role: "alert" });
  const form = el("form", { id: "ganti-sandi" },
    el("h1", { text: "Ganti sandi" }),
    el("p", { text: wajib ? "Sandi Anda dibuat oleh admin dan hanya sementara. Pilih sandi Anda sendiri (paling sedikit 12 karakter) sebelum melanjutkan." : "Pilih sandi baru (paling sedikit 12 karakter, bukan nama pengguna)." }),
    ...isian("sandi-lama", "Sandi sekarang", "current-password"),
    ...isian("sandi-baru", "Sandi baru", "new-password"),
    ...isian("sandi-ulang", "Ulangi sandi baru", "new-password"),
    el("button", { type: "submit", text: "Simpan sandi" }),
    wajib ? null : el("a", { href: "/", text: "Batal" }),
    pesan);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    pesan.textContent = "";
    if ($("sandi-baru").value !== $("sandi-ulang").value) { pesan.textContent = "kedua sandi baru tidak sama"; return; }
    try {
      await api("/api/sandi", { lama: $("sandi-lama").value, baru: $("sandi-baru").value });
      location.href = "/";
    } catch (err) { pesan.textContent = err.message; }
  });
  document.body.replaceChildren(el("main", { id: "halaman-sandi" }, form));
}

async function mulaiServer() {
  S.saya = await api("/api/saya");
  if (S.saya.ganti_sandi || new URLSearchParams(location.search).has("ganti-sandi")) {
    gantiSandi(S.saya.ganti_sandi);
    return false;
  }
  const diminta = new URLSearchParams(location.search).get("kecamatan");
  S.kec = S.saya.kecamatan.includes(diminta) ? diminta : (S.saya.kecamatan[0] || "");
  if (!S.kec) { document.body.textContent = "Akun ini belum diberi kecamatan; hubungi admin."; return false; }
  terimaRuang(await api("/api/ruang"));
  $("nama").textContent = S.ruang.nama;
  $("pilih-kec").hidden = false;
  $("kec").replaceChildren(...S.saya.kecamatan.map((k) => el("option", { value: k, text: k })));
  $("kec").value = S.kec;
  $("kec").onchange = () => {
    if (S.kotor.length && !confirm("Suntingan yang belum disimpan di kecamatan ini tetap di server selama sesi; pindah kecamatan?")) { $("kec").value = S.kec; return; }
    location.search = "?kecamatan=" + encodeURIComponent($("kec").value);
  };
  const baca = !S.saya.ubah_kecamatan.includes(S.kec) && !S.saya.ubah_bersama;
  const akun = el("span", { id: "akun" },
    el("span", { text: `${S.saya.nama} (${S.saya.peran}${baca ? ", hanya baca" : ""})` }),
    el("a", { href: "/dasbor", id: "ke-dasbor", text: "Dasbor" }),
    el("a", { href: "/riwayat?kecamatan=" + encodeURIComponent(S.kec), text: "Riwayat" }),
    el("a", { href: "/?ganti-sandi=1", text: "Ganti sandi" }),
    el("a", { id: "unduh", href: "#", text: "Unduh PDF draf", onclick: async (e) => {
      e.preventDefault();
      const r = await fetch(denganKec("/api/unduh"), { headers: kepala() });
      if (!r.ok) { keadaan("galat: " + ((await r.json().catch(() => ({}))).galat || r.status)); return; }
      const a = el("a", { href: URL.createObjectURL(await r.blob()), download: `${S.kec}-draf.pdf` });
      document.body.append(a); a.click(); a.remove();
    } }),
    el("button", { type: "button", id: "keluar", text: "Keluar", onclick: async () => {
      if (S.kotor.length && !confirm("Ada suntingan yang belum disimpan; tetap keluar?")) return;
      await api("/api/keluar", {}).catch(() => {});
      location.href = "/masuk";
    } }));
  $("simpan").before(akun);
  if (baca) $("simpan").hidden = true;
  $("spanduk").after(el("div", { id: "alur", role: "region", "aria-label": "Pengajuan dan persetujuan" }));
  await tampilAlur();
  return true;
}

// Each document of the kecamatan with its state and the moves this user
// may make: submit (operator), return with a note or approve
// (verifikator), reopen (verifikator, admin); the approved final PDF.
const LANGKAH = { ajukan: "Ajukan", kembalikan: "Kembalikan…", setujui: "Setujui", buka: "Buka kembali…" };
async function tampilAlur() {
  const a = await api("/api/alur");
  S.alur = a;
  const ada = (kunci) => kunci === "rencana-aksi" || kunci === "pk" ||
    (kunci === "lkjip" ? !!fileLkjip("lkjip.yaml") : fileRealisasi().some((r) => r.endsWith(`tw${kunci.slice(-1)}.yaml`)));
  const baris = a.dokumen.filter((d) => ada(d.kunci) || d.tahap !== "draf").map((d) => el("span", { class: "dok", "data-dokumen": d.kunci },
    el("span", { text: d.nama }),
    el("span", { class: "tahap tahap-" + d.tahap, text: d.tahap }),
    ...d.boleh.map((l) => el("button", { type: "button", "data-langkah": l, text: LANGKAH[l], onclick: () => gerak(d, l) })),
    d.disetujui ? el("a", { href: "#", text: "PDF final", onclick: (e) => { e.preventDefault(); unduhFinal(d.kunci); } }) : null));
  // Comments: the verifikator adds one on the field last focused; the
  // operator marks each answered.
  S.komentar = (await api("/api/komentar")).komentar;
  const terbuka = S.komentar.filter((k) => !k.jawaban);
  if (S.saya.peran === "verifikator") baris.push(el("button", { type: "button", id: "komentar-baru", text: "+ Komentar pada isian terpilih", onclick: komentarBaru }));
  for (const k of terbuka) {
    baris.push(el("span", { class: "komentar-alur", "data-komentar": k.id },
      el("span", { text: `Komentar ${k.nama} (${k.berkas.split("/").slice(1).join("/")}): ${k.teks}` }),
      S.saya.ubah_kecamatan.includes(S.kec) ? el("button", { type: "button", text: "Tandai dijawab…", onclick: () => jawab(k) }) : null));
  }
  $("alur").replaceChildren(...baris);
  S.temuan = S.temuan.filter((t) => t.tingkat !== "komentar").concat(komentarTemuan());
  tandai();
  const kunci = a.dokumen.filter((d) => d.tahap === "diajukan" || d.tahap === "disetujui").map((d) => `${d.nama} ${d.tahap}`);
  S.pesanKunci = kunci.length ? `${kunci.join(", ")}: isiannya tidak dapat diubah sampai dikembalikan atau dibuka kembali.` : "";
  if (!S.basi) spanduk(S.pesanKunci);
  // What waits for this user, anywhere: on the link to the dashboard.
  const d = await api("/api/dasbor");
  const n = d.menunggu.length;
  $("ke-dasbor").textContent = n ? `Dasbor (${n} menunggu Anda)` : "Dasbor";
  $("ke-dasbor").classList.toggle("menunggu", n > 0);
}
async function gerak(d, langkah) {
  let catatan = "";
  if (langkah === "kembalikan" || langkah === "buka") {
    catatan = prompt(langkah === "kembalikan" ? `Catatan untuk operator: apa yang perlu diperbaiki di ${d.nama}?` : `Alasan membuka kembali ${d.nama} (misalnya Perubahan):`);
    if (catatan === null) return;
  } else if (!confirm(`${LANGKAH[langkah]} ${d.nama}?`)) return;
  try {
    await api("/api/alur/gerak", { dokumen: d.kunci, langkah, catatan });
    keadaan(`${d.nama}: ${langkah === "buka" ? "dibuka kembali" : langkah === "ajukan" ? "diajukan" : langkah === "setujui" ? "disetujui" : "dikembalikan"}`);
    await tampilAlur();
  } catch (e) { keadaan("galat: " + e.message); }
}
async function komentarBaru() {
  if (!S.fokus || !S.fokus.rel.startsWith(S.kec + "/")) { keadaan("pilih dulu isian yang dikomentari (klik isiannya)"); return; }
  const teks = prompt(`Komentar untuk ${S.fokus.rel} ${S.fokus.path}:`);
  if (!teks) return;
  try { await api("/api/komentar/baru", { berkas: S.fokus.rel, jalur: S.fokus.path, teks }); await tampilAlur(); keadaan("komentar disimpan"); }
  catch (e) { keadaan("galat: " + e.message); }
}
async function jawab(k) {
  const teks = prompt(`Apa yang sudah dilakukan untuk komentar "${k.teks}"?`, "sudah diperbaiki");
  if (teks === null) return;
  try { await api("/api/komentar/jawab", { id: k.id, teks }); await tampilAlur(); keadaan("komentar ditandai dijawab"); }
  catch (e) { keadaan("galat: " + e.message); }
}
async function unduhFinal(kunci) {
  const r = await fetch(denganKec("/api/arsip?dokumen=" + encodeURIComponent(kunci)), { headers: kepala() });
  if (!r.ok) { keadaan("galat: " + ((await r.json().catch(() => ({}))).galat || r.status)); return; }
  const name = (r.headers.get("content-disposition") || "").match(/filename="([^"]+)"/);
  const a = el("a", { href: URL.createObjectURL(await r.blob()), download: name ? name[1] : "final.pdf" });
  document.body.append(a); a.click(); a.remove();
}

async function mulai() {
  if (SERVER) { if (!(await mulaiServer())) return; }
  else if (!TOKEN) { document.body.textContent = "Buka alamat lengkap yang dicetak `renaksi serve` (dengan ?t=…)."; return; }
  else {
    terimaRuang(await api("/api/ruang"));
    $("nama").textContent = S.ruang.nama;
  }
  if (S.ruang.jenis === "batch" && !SERVER) {
    S.kec = S.ruang.kecamatan[0] || "";
    $("pilih-kec").hidden = false;
    $("kec").replaceChildren(...S.ruang.kecamatan.map((k) => el("option", { value: k, text: k })));
    $("kec").onchange = () => { S.kec = $("kec").value; S.tab = "identitas"; S.page = 1; tampilkan(); periksa(); };
  }
  $("simpan").onclick = simpan;
  $("muat-ulang").onclick = muatUlang;
  $("ambil").onclick = ambil;
  $("gabung").onclick = gabung;
  $("sebelum").onclick = () => keHalaman(S.page - 1);
  $("sesudah").onclick = () => keHalaman(S.page + 1);
  $("no-halaman").onchange = () => keHalaman(Number($("no-halaman").value));
  document.addEventListener("keydown", (e) => { if ((e.ctrlKey || e.metaKey) && e.key === "s") { e.preventDefault(); simpan(); } });
  // Enter in a one-line field goes on to the next field, as in a sheet
  // (Shift+Enter back); in a text box it is a new line.
  document.addEventListener("keydown", (e) => {
    const t = e.target;
    if (e.key !== "Enter" || e.ctrlKey || e.altKey || e.metaKey || !t.closest || !t.closest("#isi")) return;
    if (!t.matches("input:not([type=checkbox]), select")) return;
    const all = [...document.querySelectorAll("#isi .bagian-tab:not([hidden]) :is(input, select, textarea)")].filter((x) => !x.disabled && x.offsetParent);
    const i = all.indexOf(t);
    const next = all[i + (e.shiftKey ? -1 : 1)];
    if (next) { e.preventDefault(); next.focus(); if (next.select) next.select(); }
  });
  window.addEventListener("beforeunload", (e) => { if (S.kotor.length) { e.preventDefault(); e.returnValue = ""; } });
  tampilkan();
  await periksa();
  setInterval(pantau, 2000);
}
mulai().catch((e) => keadaan("galat: " + e.message));

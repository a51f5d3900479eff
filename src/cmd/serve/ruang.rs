//! The folder an editor works on: its YAML files as loaded from disk, the
//! edits not yet saved, and what is computed from them for one report
//! (findings, typeset pages, changes). Only the files listed when the
//! folder was opened are ever read again or written: a path sent by the
//! browser names one of them or nothing.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use serde_json::{json, Value};
use typst_layout::PagedDocument;

use renaksi::content::Dokumen;
use renaksi::content::{
    self, rapi, Berkas as File, JenisBerkas, Report, Source, Tingkat, KABUPATEN, LAMPIRAN, LAPORAN,
    NARASI, PEGAWAI,
};
use renaksi::error::{Diagnostic, Severity};
use renaksi::naskah::Naskah;
use renaksi::{Error, Problem};

/// Compilations a memoized result survives without being used, as in watch.
const CACHE_AGE: usize = 10;

/// The versions files are given, never the same twice in one server
/// (not even after the folder is read again).
static VERSI: AtomicU64 = AtomicU64::new(1);

fn versi_baru() -> u64 {
    VERSI.fetch_add(1, Ordering::Relaxed)
}

/// One editable file.
struct Berkas {
    jenis: JenisBerkas,
    /// Its bytes as read from disk (or last saved).
    disk: Vec<u8>,
    /// Its value as read from disk.
    awal: Value,
    /// Its value now.
    nilai: Value,
    /// Its text now: `disk` while unchanged, else the canonical writing of
    /// `nilai` with the comments of `disk`.
    teks: String,
    /// `teks` is the canonical writing of a well-formed `nilai`; false while
    /// the value does not fit the file's shape (a required number left
    /// empty), when `teks` is only good enough to be checked.
    utuh: bool,
    /// Changes with every change of `nilai`: an edit or a save names the
    /// version it was made on, so one made on an older value (in another
    /// tab) is refused instead of undoing what came in between.
    versi: u64,
}

impl Berkas {
    fn kotor(&self) -> bool {
        self.teks.as_bytes() != self.disk
    }
}

/// The folder being edited.
pub struct Ruang {
    /// The folder, as given on the command line.
    root: PathBuf,
    /// A batch folder (kabupaten.yaml and one folder per kecamatan).
    batch: bool,
    /// The kecamatan folders of a batch, sorted; empty for a report.
    kecamatan: Vec<String>,
    /// Every editable file by its `/`-separated path inside `root`.
    berkas: BTreeMap<String, Berkas>,
}

/// What was computed for one report after an edit.
pub struct Pratinjau {
    /// Findings and problems, as JSON for the browser.
    pub temuan: Vec<Value>,
    /// The typeset document; `None` when the report could not be loaded.
    pub dokumen: Option<Arc<PagedDocument>>,
    /// The text of each page, to find the page a field is printed on.
    pub teks_halaman: Vec<String>,
    /// Milliseconds from the edit to the typeset pages.
    pub ms: u128,
    /// With a quarter asked for: each indicator and program of that
    /// quarter's form with its figures as edited (`null` otherwise).
    pub realisasi: Value,
    /// Every Lampiran indicator by its key, text, unit and annual target:
    /// what an IKU of renstra.yaml may name.
    pub indikator: Value,
    /// The report the document was typeset for, to export it as PDF.
    pub laporan: Option<Report>,
}

impl Ruang {
    /// Reads every editable file of `root`, a report or a batch folder.
    pub fn open(root: &Path, batch: bool) -> Result<Self, Error> {
        Self::open_hanya(root, batch, None)
    }

    /// Reads the files of one kecamatan `kec` of the batch folder `root`,
    /// with the batch's shared files: the workspace of one user of
    /// `renaksi server`.
    pub fn open_kecamatan(root: &Path, kec: &str) -> Result<Self, Error> {
        Self::open_hanya(root, true, Some(kec))
    }

    fn open_hanya(root: &Path, batch: bool, hanya: Option<&str>) -> Result<Self, Error> {
        let mut names = Vec::new();
        let mut kecamatan = Vec::new();
        if batch {
            names.push(KABUPATEN.to_owned());
            names.push(NARASI.to_owned());
            for dir in renaksi::content::discover(root)? {
                let Some(name) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                    continue;
                };
                if hanya.is_some_and(|k| k != name) {
                    continue;
                }
                for file in report_files(&root.join(&name))? {
                    names.push(format!("{name}/{file}"));
                }
                kecamatan.push(name);
            }
            kecamatan.sort();
        } else {
            names.extend(report_files(root)?);
        }
        let mut berkas = BTreeMap::new();
        let mut problems = Vec::new();
        for rel in names {
            // Read the way check reads: never through a link out.
            let path = renaksi::fs::di_dalam(root, &rel)?;
            let Some(disk) = renaksi::fs::baca_jika_ada(&path, renaksi::fs::YAML)? else {
                // The shared narasi.yaml of a batch is optional.
                continue;
            };
            match value_of(&rel, &disk) {
                Ok(nilai) => {
                    let teks = String::from_utf8_lossy(&disk).into_owned();
                    berkas.insert(
                        rel.clone(),
                        Berkas {
                            jenis: JenisBerkas::of(&rel).unwrap_or(JenisBerkas::Identitas),
                            disk,
                            awal: nilai.clone(),
                            nilai,
                            teks,
                            utuh: true,
                            versi: versi_baru(),
                        },
                    );
                }
                Err(problem) => problems.push(*problem),
            }
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        if let Some(k) = hanya.filter(|k| !kecamatan.iter().any(|n| n == k)) {
            return Err(usage(&format!("kecamatan `{k}` tidak ada di folder ini")));
        }
        Ok(Ruang {
            root: root.to_path_buf(),
            batch,
            kecamatan,
            berkas,
        })
    }

    /// The folder and whether it is a batch, to open it again.
    pub fn folder(&self) -> (PathBuf, bool) {
        (self.root.clone(), self.batch)
    }

    /// Everything the browser needs to show the folder.
    pub fn to_json(&self) -> Value {
        let berkas: serde_json::Map<String, Value> = self
            .berkas
            .iter()
            .map(|(rel, b)| {
                (
                    rel.clone(),
                    json!({"jenis": b.jenis.kata(), "nilai": b.nilai, "kotor": b.kotor(), "versi": b.versi}),
                )
            })
            .collect();
        let kolom: serde_json::Map<String, Value> = [
            Tingkat::Program,
            Tingkat::Kegiatan,
            Tingkat::SubKegiatan,
            Tingkat::Kinerja,
        ]
        .into_iter()
        .map(|t| (content::tulis::tingkat(t).to_owned(), json!(t.kolom().0)))
        .collect();
        json!({
            "jenis": if self.batch { "batch" } else { "laporan" },
            "nama": super::super::folder::shown(&self.root),
            "kecamatan": self.kecamatan,
            "berkas": berkas,
            "variabel": renaksi::content::variabel::NAMA,
            // Each Lampiran item's optional keys, as declared once.
            "pilihan": renaksi::content::pilihan::untuk_editor(),
            // Each level's sasaran column as the PDF heads it, to find its pages.
            "kolom": kolom,
        })
    }

    /// The value of file `rel` as edited, with its version.
    pub fn nilai(&self, rel: &str) -> Option<(&Value, u64)> {
        self.berkas.get(rel).map(|b| (&b.nilai, b.versi))
    }

    /// The text of file `rel` as it would be saved.
    pub fn teks(&self, rel: &str) -> Option<&str> {
        self.berkas.get(rel).map(|b| b.teks.as_str())
    }

    /// Files with unsaved changes.
    pub fn kotor(&self) -> Vec<String> {
        self.berkas
            .iter()
            .filter(|(_, b)| b.kotor())
            .map(|(rel, _)| rel.clone())
            .collect()
    }

    /// The version of every file.
    pub fn versi(&self) -> BTreeMap<String, u64> {
        self.berkas
            .iter()
            .map(|(rel, b)| (rel.clone(), b.versi))
            .collect()
    }

    /// Files changed on disk since they were read: by a text editor, by
    /// `git pull`, by another editor.
    pub fn di_luar(&self) -> Vec<String> {
        self.berkas
            .keys()
            .filter(|rel| self.berubah_di_disk(rel))
            .cloned()
            .collect()
    }

    /// Whether the file `rel` on disk is not what was read (or saved).
    fn berubah_di_disk(&self, rel: &str) -> bool {
        let now = match renaksi::fs::baca_io(&self.root.join(rel), renaksi::fs::YAML) {
            Ok(bytes) => Some(bytes),
            // A file made in the editor and not yet saved.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(Vec::new()),
            Err(_) => None,
        };
        now.as_deref() != Some(&self.berkas[rel].disk)
    }

    /// Puts `nilai`, an edit of version `dasar` of the file `rel`, in
    /// place of its value; its new version. An edit of an older version
    /// is refused ([`Ubah::Basi`]): it would undo what came in between.
    pub fn ubah(&mut self, rel: &str, nilai: Value, dasar: u64) -> Result<u64, Ubah> {
        let b = self
            .berkas
            .get(rel)
            .ok_or_else(|| Ubah::Galat(unknown(rel)))?;
        if b.versi != dasar {
            return Err(Ubah::Basi(vec![rel.to_owned()]));
        }
        let jenis = b.jenis;
        // A realisasi file is written with its report's keys and texts.
        let realisasi = match jenis {
            JenisBerkas::Realisasi(_) => Some(self.tulis_realisasi(rel, &nilai)),
            _ => None,
        };
        let b = self
            .berkas
            .get_mut(rel)
            .ok_or_else(|| Ubah::Galat(unknown(rel)))?;
        let original = String::from_utf8_lossy(&b.disk).into_owned();
        if nilai == b.awal {
            b.teks = original;
            b.utuh = true;
        } else {
            let (teks, utuh) = realisasi.unwrap_or_else(|| write(b.jenis, &original, &nilai));
            b.teks = teks;
            b.utuh = utuh;
        }
        if nilai != b.nilai {
            b.versi = versi_baru();
        }
        b.nilai = nilai;
        Ok(b.versi)
    }

    /// The report folder (a kecamatan of a batch, or none) a file is in.
    fn kec_of<'a>(&self, rel: &'a str) -> Option<&'a str> {
        if self.batch {
            rel.split_once('/').map(|(k, _)| k)
        } else {
            None
        }
    }

    /// The text of the realisasi file `rel` holding `nilai`: the canonical
    /// realisasi writer over the report as edited, or plain YAML (not
    /// whole) while the value or the report does not fit.
    fn tulis_realisasi(&self, rel: &str, nilai: &Value) -> (String, bool) {
        let plain = || {
            let body = serde_yaml::to_value(nilai)
                .ok()
                .and_then(|y| serde_yaml::to_string(&y).ok())
                .unwrap_or_default();
            (body, false)
        };
        let Some(n) = renaksi::realisasi::triwulan_berkas(rel) else {
            return plain();
        };
        let isi = serde_yaml::to_value(nilai)
            .ok()
            .and_then(|y| serde_yaml::from_value::<renaksi::realisasi::BerkasRealisasi>(y).ok());
        let report = self
            .source(self.kec_of(rel), |b| b.teks.clone().into_bytes())
            .and_then(Report::load);
        let original = self
            .berkas
            .get(rel)
            .map(|b| String::from_utf8_lossy(&b.disk).into_owned())
            .unwrap_or_default();
        match (isi, report) {
            (Some(isi), Ok(report)) => (
                renaksi::init::realisasi::tulis_ulang(&report, n, Some(&isi), &original),
                true,
            ),
            _ => plain(),
        }
    }

    /// Adds the form of quarter `n` to the report of `kec` (written on
    /// the next save); its path. A quarter that has its file already is
    /// refused.
    pub fn realisasi_baru(&mut self, kec: Option<&str>, n: usize) -> Result<String, Error> {
        let prefix = kec.map(|k| format!("{k}/")).unwrap_or_default();
        let rel = format!("{prefix}{}", renaksi::realisasi::nama_berkas(n));
        if self.berkas.contains_key(&rel) || self.root.join(&rel).exists() {
            return Err(usage(&format!("{rel} sudah ada")));
        }
        let report = self
            .source(kec, |b| b.teks.clone().into_bytes())
            .and_then(Report::load)?;
        let teks = renaksi::init::realisasi::teks(&report, n);
        self.tambah_baru(&rel, JenisBerkas::Realisasi(n), teks)?;
        Ok(rel)
    }

    /// pegawai.yaml for the report of `kec`, made from its officials as
    /// edited (written on the next save): its path, and nothing more. When
    /// it is there already, the people it lacks for the officials of the
    /// Lampiran, for the page to add as any edit.
    pub fn pegawai_baru(&mut self, kec: Option<&str>) -> Result<(String, Value), Error> {
        let prefix = kec.map(|k| format!("{k}/")).unwrap_or_default();
        let rel = format!("{prefix}{PEGAWAI}");
        let report = self
            .source(kec, |b| b.teks.clone().into_bytes())
            .and_then(Report::load)?;
        let dibuat = renaksi::init::pegawai::dari_laporan(&report);
        if let Some((ada, _)) = &report.pegawai {
            let kurang: Vec<content::Pegawai> = dibuat
                .pegawai
                .into_iter()
                .filter(|p| p.atasan.is_some())
                .filter(|p| {
                    !ada.pegawai.iter().any(|q| {
                        content::jabatan_sama(q.di_lampiran(), p.di_lampiran())
                            || content::jabatan_sama(&q.jabatan, p.di_lampiran())
                    })
                })
                .collect();
            if kurang.is_empty() {
                return Ok((rel, Value::Array(Vec::new())));
            }
            // As the page holds them: the people written as pegawai.yaml
            // writes them, read back.
            let teks = content::tulis::pegawai(
                &content::BerkasPegawai {
                    pegawai: kurang,
                    pernyataan: Default::default(),
                },
                None,
                &[],
            );
            let nilai = value_of(&rel, teks.as_bytes()).map_err(|p| Error::Input(vec![*p]))?;
            return Ok((rel, nilai["pegawai"].clone()));
        }
        if self.root.join(&rel).exists() {
            return Err(usage(&format!("{rel} sudah ada")));
        }
        let teks = renaksi::init::pegawai::teks(
            &dibuat,
            if kec.is_some() {
                "../.schema/pegawai.schema.json"
            } else {
                ".schema/pegawai.schema.json"
            },
            "Dibuat dari pejabat Lampiran oleh penyunting `renaksi serve`",
        );
        self.tambah_baru(&rel, JenisBerkas::Pegawai, teks)?;
        Ok((rel, Value::Array(Vec::new())))
    }

    /// The forms of the Laporan Kinerja for the report of `kec`, made
    /// from its Lampiran as edited (written on the next save):
    /// renstra.yaml and lkjip.yaml, and an empty kinerja-lalu.yaml; each
    /// only where there is none.
    pub fn lkjip_baru(&mut self, kec: Option<&str>) -> Result<Vec<String>, Error> {
        use renaksi::lkjip::{KINERJA_LALU, LKJIP, RENSTRA};
        let prefix = kec.map(|k| format!("{k}/")).unwrap_or_default();
        let report = self
            .source(kec, |b| b.teks.clone().into_bytes())
            .and_then(Report::load)?;
        let (renstra, lkjip) = renaksi::init::lkjip::formulir(&report);
        let lalu = "# Kinerja IKU tahun-tahun sebelumnya, untuk Laporan Kinerja (lihat docs/lkjip.md).\ntahun: {}\n".to_owned();
        let mut dibuat = Vec::new();
        for (name, jenis, teks) in [
            (RENSTRA, JenisBerkas::Renstra, renstra),
            (LKJIP, JenisBerkas::Lkjip, lkjip),
            (KINERJA_LALU, JenisBerkas::KinerjaLalu, lalu),
        ] {
            let rel = format!("{prefix}{name}");
            if self.berkas.contains_key(&rel) || self.root.join(&rel).exists() {
                continue;
            }
            self.tambah_baru(&rel, jenis, teks)?;
            dibuat.push(rel);
        }
        Ok(dibuat)
    }

    /// A file that is not on disk yet, of kind `jenis` with text `teks`,
    /// added to the workspace: written on the next save.
    fn tambah_baru(&mut self, rel: &str, jenis: JenisBerkas, teks: String) -> Result<(), Error> {
        let nilai = value_of(rel, teks.as_bytes()).map_err(|p| Error::Input(vec![*p]))?;
        self.berkas.insert(
            rel.to_owned(),
            Berkas {
                jenis,
                disk: Vec::new(),
                awal: Value::Null,
                nilai,
                teks,
                utuh: true,
                versi: versi_baru(),
            },
        );
        Ok(())
    }

    /// The kecamatan a request names, one of the batch's: in a batch the
    /// first when it names none; outside a batch always none.
    pub fn kecamatan<'a>(&'a self, asked: Option<&'a str>) -> Result<Option<&'a str>, Error> {
        match asked.filter(|k| !k.is_empty()) {
            None if self.batch => self
                .kecamatan
                .first()
                .map(|k| Some(k.as_str()))
                .ok_or_else(|| usage("folder batch ini belum berisi folder kecamatan")),
            None => Ok(None),
            Some(k) if self.kecamatan.iter().any(|n| n == k) => Ok(Some(k)),
            Some(k) => Err(usage(&format!("kecamatan `{k}` tidak ada di folder ini"))),
        }
    }

    /// The report of `kec` (the report itself outside a batch) with each
    /// file's text as `text` gives it.
    fn source(
        &self,
        kec: Option<&str>,
        text: impl Fn(&Berkas) -> Vec<u8>,
    ) -> Result<Source, Error> {
        let (dir, prefix, label, batch_label) = match kec {
            Some(k) => (self.root.join(k), format!("{k}/"), k.to_owned(), "."),
            None => (self.root.clone(), String::new(), ".".to_owned(), ".."),
        };
        let mut own: Vec<File> = Vec::new();
        let mut shared: Vec<File> = Vec::new();
        for (rel, b) in &self.berkas {
            match rel.strip_prefix(&prefix) {
                Some(inner) => own.push((inner.to_owned(), text(b))),
                _ if self.batch && !rel.contains('/') => shared.push((rel.clone(), text(b))),
                _ => {}
            }
        }
        Ok(Source::from_dir(&dir)?.overlaid(&label, own, batch_label, shared))
    }

    /// Loads, checks and typesets the report of `kec` as edited: its
    /// Rencana Aksi, with `triwulan` the monitoring report of that
    /// quarter, with `lkjip` its Laporan Kinerja.
    pub fn periksa(&self, kec: Option<&str>, triwulan: Option<usize>, lkjip: bool) -> Pratinjau {
        let started = Instant::now();
        let mut temuan = Vec::new();
        let mut dokumen = None;
        let mut teks_halaman = Vec::new();
        let mut realisasi_json = Value::Null;
        let mut indikator = Value::Null;
        let mut laporan = None;
        // A Perubahan's matrix, and the check of its reasons, need the
        // previous version it names.
        let loaded = self
            .source(kec, |b| b.teks.clone().into_bytes())
            .and_then(Report::load)
            .and_then(|report| Naskah::baru(report, Dokumen::RencanaAksi, false, None));
        match loaded {
            Ok(naskah) => {
                let report = &naskah.report;
                let findings = renaksi::check::lint(report, naskah.matriks.as_ref());
                temuan.extend(findings.iter().map(|d| self.finding(d)));
                // Keys the Lampiran no longer has are galat, and the rest of
                // the quarter stays editable while they are put right.
                let realisasi = if renaksi::realisasi::ada(report) {
                    match renaksi::realisasi::baca(report) {
                        Ok((r, stale)) => {
                            temuan.extend(self.error(&Error::Input(stale)));
                            let found = renaksi::check::realisasi::periksa(report, &r);
                            temuan.extend(found.iter().map(|d| self.finding(d)));
                            Some(r)
                        }
                        Err(err) => {
                            temuan.extend(self.error(&err));
                            None
                        }
                    }
                } else {
                    None
                };
                // The LKjIP's files, when the report has a Renstra: their
                // placeholders are galat while the LKjIP is what is shown.
                indikator = Value::Array(
                    renaksi::realisasi::kunci::Kunci::dari(report)
                        .indikator
                        .iter()
                        .map(|l| {
                            json!([
                                l.kunci,
                                l.indikator.uraian,
                                l.indikator.satuan,
                                l.indikator.target.0,
                                l.pejabat.1
                            ])
                        })
                        .collect(),
                );
                let lk = if renaksi::lkjip::ada(report) {
                    match renaksi::lkjip::muat(report) {
                        Ok(data) => {
                            let found = renaksi::check::lkjip::periksa(
                                report,
                                &data,
                                realisasi.as_ref(),
                                lkjip,
                            );
                            temuan.extend(found.iter().map(|d| self.finding(d)));
                            // The files just read and checked are the
                            // preview's, not read a second time. Realisasi
                            // that did not read is a finding already; with
                            // none written yet, the preview says TW IV is
                            // missing.
                            let r = match &realisasi {
                                _ if !lkjip => None,
                                Some(r) => Some(r.clone()),
                                None if !renaksi::realisasi::ada(report) => {
                                    Some(Default::default())
                                }
                                None => None,
                            };
                            r.map(|r| Naskah::lkjip_dari(report.clone(), r, data, false))
                        }
                        Err(err) => {
                            temuan.extend(self.error(&err));
                            None
                        }
                    }
                } else {
                    None
                };
                // The document previewed is the one `build` makes: its
                // Typst from the build's own step, typeset, not written.
                let lk = match lk {
                    Some(Ok(naskah)) => Some(naskah),
                    Some(Err(err)) => {
                        temuan.extend(self.error(&err));
                        None
                    }
                    None => None,
                };
                let m = match (triwulan, realisasi) {
                    (Some(n), Some(r)) if r.tw[n - 1].is_some() => {
                        realisasi_json = baris_realisasi(report, &r, n);
                        Some(Naskah::monitoring(report.clone(), n, r, false))
                    }
                    _ => None,
                };
                let dilihat = lk.as_ref().or(m.as_ref()).unwrap_or(&naskah);
                let typeset = renaksi::build::bagian(dilihat, false).and_then(|mut bagian| {
                    let typst = bagian.swap_remove(0).typst;
                    renaksi::compile::compile(dilihat.dicetak()?, &typst)
                });
                match typeset {
                    Ok((document, warnings)) => {
                        for d in renaksi::check::typst_warnings(report, &warnings) {
                            temuan.push(self.finding(&d));
                        }
                        teks_halaman = renaksi::compile::page_texts(&document);
                        dokumen = Some(Arc::new(document));
                        laporan = dilihat.dicetak().ok().cloned();
                    }
                    Err(err) => temuan.extend(self.error(&err)),
                }
                renaksi::compile::evict(CACHE_AGE);
            }
            Err(err) => temuan.extend(self.error(&err)),
        }
        Pratinjau {
            temuan,
            dokumen,
            teks_halaman,
            ms: started.elapsed().as_millis(),
            realisasi: realisasi_json,
            indikator,
            laporan,
        }
    }

    /// An error as findings: each problem in a file is one galat.
    fn error(&self, err: &Error) -> Vec<Value> {
        match err {
            Error::Input(problems) => problems
                .iter()
                .map(|p| {
                    self.finding(&Diagnostic {
                        severity: Severity::Galat,
                        problem: p.clone(),
                    })
                })
                .collect(),
            Error::Findings(found) => found.iter().map(|d| self.finding(d)).collect(),
            other => vec![json!({"tingkat": "galat", "pesan": other.to_string()})],
        }
    }

    /// A finding as JSON, with the YAML path of its line when it was
    /// placed by line only, so the browser can show it at its field.
    fn finding(&self, d: &Diagnostic) -> Value {
        let mut value = d.to_json();
        let p = &d.problem;
        if p.path.is_none() {
            let path = p
                .line
                .zip(self.berkas.get(&p.file))
                .and_then(|(line, b)| renaksi::locate::path_at(&b.teks, line));
            value["jalur"] = json!(path);
        }
        value
    }

    /// What changed, in the report's terms: the unsaved edits, and the
    /// files now against the last commit when the folder is in git.
    pub fn perubahan(&self, kec: Option<&str>) -> Value {
        let now = self
            .source(kec, |b| b.teks.clone().into_bytes())
            .and_then(Report::load);
        let now = match now {
            Ok(report) => report,
            Err(_) => {
                return json!({
                    "catatan": "perubahan belum dapat dihitung: laporan memuat galat (lihat Temuan)",
                    "belum_disimpan": [],
                    "git": null,
                })
            }
        };
        let disk = self.source(kec, |b| b.disk.clone()).and_then(Report::load);
        let belum: Vec<String> = match disk {
            Ok(disk) => lines(renaksi::diff::reports(&disk, &now)),
            Err(_) => vec!["berkas di disk memuat galat; simpan untuk menggantinya".into()],
        };
        let dir = match kec {
            Some(k) => self.root.join(k),
            None => self.root.clone(),
        };
        let git = match renaksi::git::source(&dir, "HEAD").and_then(Report::load) {
            Ok(head) => json!(lines(renaksi::diff::reports(&head, &now))),
            Err(_) => Value::Null,
        };
        json!({"belum_disimpan": belum, "git": git})
    }

    /// Writes every changed file, each atomically, when the page that asks
    /// has seen each at its version now (`dasar`); none when one of them
    /// changed since (in another tab, or on disk: by another editor,
    /// another server, `git pull`), or cannot be written as it is. The
    /// check and the writes hold the save lock, so two servers saving one
    /// folder at once cannot both pass the check.
    pub fn simpan(&mut self, dasar: &HashMap<String, u64>) -> Result<Vec<String>, Simpan> {
        self.simpan_lalu(dasar, |_| Ok(()))
    }

    /// [`Ruang::simpan`], then `catat` with the files written while the
    /// save lock is still held (`renaksi server` commits them); when
    /// `catat` fails, each file is put back as it was and nothing is saved.
    pub fn simpan_lalu(
        &mut self,
        dasar: &HashMap<String, u64>,
        catat: impl FnOnce(&[String]) -> Result<(), Error>,
    ) -> Result<Vec<String>, Simpan> {
        let kotor = self.kotor();
        let basi: Vec<String> = kotor
            .iter()
            .filter(|rel| dasar.get(*rel) != Some(&self.berkas[*rel].versi))
            .cloned()
            .collect();
        if !basi.is_empty() {
            return Err(Simpan::Basi(basi));
        }
        let belum: Vec<String> = kotor
            .iter()
            .filter(|rel| !self.berkas[*rel].utuh)
            .cloned()
            .collect();
        if !belum.is_empty() {
            return Err(Simpan::BelumUtuh(belum));
        }
        // What renaksi would refuse is not written: a file past the size
        // renaksi reads, a text past its limit.
        let mut ditolak: Vec<String> = kotor
            .iter()
            .filter(|rel| self.berkas[*rel].teks.len() > content::MAX_FILE_BYTES)
            .map(|rel| {
                format!(
                    "{rel}: {}",
                    renaksi::fs::terlalu_besar(
                        self.berkas[rel].teks.len() as u64,
                        renaksi::fs::YAML
                    )
                )
            })
            .collect();
        let kecamatan: std::collections::BTreeSet<Option<&str>> =
            kotor.iter().map(|rel| self.kec_of(rel)).collect();
        for kec in kecamatan {
            let loaded = self
                .source(kec, |b| b.teks.clone().into_bytes())
                .and_then(Report::load);
            if let Ok(report) = loaded {
                ditolak.extend(renaksi::check::batas(&report).into_iter().map(|d| {
                    d.problem
                        .to_string()
                        .lines()
                        .next()
                        .unwrap_or("")
                        .to_owned()
                }));
            }
        }
        if !ditolak.is_empty() {
            return Err(Simpan::Ditolak(ditolak));
        }
        let _kunci = renaksi::fs::kunci_simpan().map_err(Simpan::Gagal)?;
        // Only the files to be written are read again.
        let bentrok: Vec<String> = kotor
            .iter()
            .filter(|r| self.berubah_di_disk(r))
            .cloned()
            .collect();
        if !bentrok.is_empty() {
            return Err(Simpan::Bentrok(bentrok));
        }
        let mut ditulis: Vec<&String> = Vec::new();
        let mut hasil = Ok(());
        for rel in &kotor {
            let tulis = renaksi::fs::di_dalam(&self.root, rel).and_then(|path| {
                renaksi::fs::write_atomic(&path, self.berkas[rel].teks.as_bytes())
            });
            match tulis {
                Ok(()) => ditulis.push(rel),
                Err(err) => {
                    hasil = Err(err);
                    break;
                }
            }
        }
        let hasil = hasil.and_then(|()| catat(&kotor));
        if let Err(err) = hasil {
            // Put back what was written: as read, or gone when it was new.
            for rel in ditulis {
                let path = self.root.join(rel);
                let disk = &self.berkas[rel].disk;
                let _ = if disk.is_empty() {
                    std::fs::remove_file(&path).map_err(|e| Error::io("", &path, e))
                } else {
                    renaksi::fs::write_atomic(&path, disk)
                };
            }
            return Err(Simpan::Gagal(err));
        }
        for rel in &kotor {
            let b = self.berkas.get_mut(rel).expect("listed above");
            b.disk = b.teks.clone().into_bytes();
            b.awal = b.nilai.clone();
        }
        Ok(kotor)
    }

    /// The unsaved edits of the report of `kec`, in the report's terms.
    pub fn ringkasan(&self, kec: Option<&str>) -> Vec<String> {
        let now = self
            .source(kec, |b| b.teks.clone().into_bytes())
            .and_then(Report::load);
        let disk = self.source(kec, |b| b.disk.clone()).and_then(Report::load);
        match (disk, now) {
            (Ok(disk), Ok(now)) => lines(renaksi::diff::reports(&disk, &now)),
            _ => Vec::new(),
        }
    }

    /// What changed on disk in the report of `kec` since this workspace
    /// read it, in the report's terms.
    pub fn sejak_dibaca(&self, kec: Option<&str>) -> Vec<String> {
        let dir = match kec {
            Some(k) => self.root.join(k),
            None => self.root.clone(),
        };
        let dibaca = self.source(kec, |b| b.disk.clone()).and_then(Report::load);
        let sekarang = Source::from_dir(&dir).and_then(Report::load);
        match (dibaca, sekarang) {
            (Ok(a), Ok(b)) => lines(renaksi::diff::reports(&a, &b)),
            _ => Vec::new(),
        }
    }
}

/// Why an edit was not taken.
pub enum Ubah {
    /// It was made on an older version of the file: another tab changed
    /// it since.
    Basi(Vec<String>),
    /// The file is not one of the folder's.
    Galat(Error),
}

/// Why nothing was saved.
pub enum Simpan {
    /// The page had not seen these files as they are now: another tab
    /// changed them since.
    Basi(Vec<String>),
    /// These files changed on disk since they were read.
    Bentrok(Vec<String>),
    /// These files do not have the shape of their kind yet.
    BelumUtuh(Vec<String>),
    /// What would be written renaksi would then refuse (each problem).
    Ditolak(Vec<String>),
    /// Writing failed.
    Gagal(Error),
}

/// The rows of quarter `n`'s form as the browser shows them: each
/// indicator (key, official, text, unit, the quarter's months or the
/// quarter, their targets, and the figures up to the quarter as edited)
/// and each program (key, official, text, pagu, serapan).
fn baris_realisasi(report: &Report, realisasi: &renaksi::realisasi::Realisasi, n: usize) -> Value {
    use renaksi::content::{Polaritas, Rincian};
    use renaksi::format;
    let id = &report.identitas;
    let eval = renaksi::monitoring::evaluasi::evaluasi(report, realisasi, n);
    let bulan = format::bulan(id.ejaan_bulan);
    let mut indikator = Vec::new();
    let mut program = Vec::new();
    for t in &eval.tingkat {
        for p in &t.pejabat {
            for s in &p.sasaran {
                for i in &s.indikator {
                    let ind = i.indikator;
                    let rencana = ind.rencana(id.rincian_target);
                    let periode: Vec<Value> = match (id.rincian_target, ind.polaritas) {
                        (Rincian::Bulanan, Polaritas::Positif | Polaritas::Negatif) => (3 * n - 3
                            ..3 * n)
                            .map(|m| {
                                json!({
                                    "kunci": content::tulis::BULAN[m],
                                    "nama": bulan[m],
                                    "target": rencana[m].map(|v| v.0),
                                })
                            })
                            .collect(),
                        _ => vec![json!({
                            "kunci": null,
                            "nama": format!("TW {}", format::romawi(n)),
                            "target": match id.rincian_target {
                                Rincian::Triwulan => rencana[n - 1].map(|v| v.0),
                                Rincian::Bulanan => None,
                            },
                        })],
                    };
                    let (capaian, kategori) = match i.hasil.capaian {
                        Ok(c) => (
                            format!("{} %", format::persen(c)),
                            renaksi::monitoring::hitung::kategori(&id.monitoring.skala, c).map(
                                |p| {
                                    json!({
                                        "nama": p.kategori,
                                        "warna": p.warna,
                                        "tulisan": renaksi::render::monitoring::tulisan(&p.warna),
                                    })
                                },
                            ),
                        ),
                        Err(why) => (why.teks().to_owned(), None),
                    };
                    indikator.push(json!({
                        "kunci": i.kunci,
                        "tingkat": t.tingkat.kolom().1,
                        "jabatan": p.jabatan,
                        "sasaran": s.uraian,
                        "uraian": ind.uraian,
                        "satuan": ind.satuan,
                        "kualitatif": ind.polaritas == Polaritas::Kualitatif,
                        "periode": periode,
                        "target_sd": i.hasil.target,
                        "realisasi_sd": i.hasil.realisasi,
                        "capaian": capaian,
                        "kategori": kategori,
                    }));
                }
            }
            for g in &p.program {
                program.push(json!({
                    "kunci": g.kunci,
                    "jabatan": p.jabatan,
                    "uraian": g.uraian,
                    "pagu": g.pagu,
                    "sampai": g.sampai,
                    "serapan": g.serapan.map(format::persen),
                }));
            }
        }
    }
    json!({"triwulan": n, "indikator": indikator, "program": program})
}

/// The editable files of a report folder, by their paths inside it.
fn report_files(dir: &Path) -> Result<Vec<String>, Error> {
    let mut names = vec![LAPORAN.to_owned()];
    if dir.join(NARASI).is_file() {
        names.push(NARASI.to_owned());
    }
    if dir.join(PEGAWAI).is_file() {
        names.push(PEGAWAI.to_owned());
    }
    for rel in [
        renaksi::lkjip::RENSTRA,
        renaksi::lkjip::KINERJA_LALU,
        renaksi::lkjip::LKJIP,
    ] {
        if dir.join(rel).is_file() {
            names.push(rel.to_owned());
        }
    }
    let source = Source::from_dir(dir)?;
    names.extend(source.list_yaml(LAMPIRAN)?);
    names.extend(
        source
            .list_yaml(renaksi::realisasi::REALISASI)?
            .into_iter()
            .filter(|f| renaksi::realisasi::triwulan_berkas(f).is_some()),
    );
    Ok(names)
}

/// A file's YAML as JSON for the browser, or where it cannot be read.
fn value_of(rel: &str, bytes: &[u8]) -> Result<Value, Box<Problem>> {
    // Read as check reads it: its messages, in Indonesian, at the line.
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Box::new(
            Problem::new(rel, "berkas bukan teks UTF-8")
                .hint("simpan ulang berkas dengan pengodean UTF-8"),
        )
    })?;
    let yaml: serde_yaml::Value = content::parse(rel, text).map_err(|mut problems| {
        let first = problems.remove(0);
        Box::new(first.hint(
            "perbaiki dulu berkas ini (`renaksi check` menunjukkan barisnya), lalu buka lagi editornya",
        ))
    })?;
    serde_json::to_value(&yaml).map_err(|_| {
        let p = Problem::new(rel, "isi berkas tidak dapat disunting di editor")
            .hint("kunci YAML harus berupa teks; tulis tanpa tag atau jangkar");
        Box::new(p)
    })
}

/// The text of a file of kind `jenis` holding `nilai` (as the browser
/// sent it), with the comments of `original`; false when `nilai` does not
/// have the file's shape.
fn write(jenis: JenisBerkas, original: &str, nilai: &Value) -> (String, bool) {
    use renaksi::lkjip::{tulis, BerkasKinerjaLalu, BerkasLkjip, BerkasRenstra};
    let Ok(yaml) = serde_yaml::to_value(nilai) else {
        return (original.to_owned(), false);
    };
    // The LKjIP's files by their own canonical writer, when the value
    // has their shape.
    let lines = match jenis {
        JenisBerkas::Renstra => serde_yaml::from_value::<BerkasRenstra>(yaml.clone())
            .ok()
            .map(|r| tulis::renstra_lines(&r)),
        JenisBerkas::KinerjaLalu => serde_yaml::from_value::<BerkasKinerjaLalu>(yaml.clone())
            .ok()
            .map(|r| tulis::lalu_lines(&r)),
        JenisBerkas::Lkjip => serde_yaml::from_value::<BerkasLkjip>(yaml.clone())
            .ok()
            .map(|r| tulis::lkjip_lines(&r)),
        _ => None,
    };
    match lines {
        Some(lines) => (rapi::dengan_komentar(original, &lines).text, true),
        None => rapi::nilai(jenis, original, yaml),
    }
}

fn lines(changes: Result<Vec<renaksi::diff::Perubahan>, Error>) -> Vec<String> {
    match changes {
        Ok(changes) => changes.iter().map(|c| c.to_string()).collect(),
        Err(err) => vec![err.to_string()],
    }
}

fn unknown(rel: &str) -> Error {
    usage(&format!(
        "berkas `{rel}` bukan berkas laporan yang dibuka editor ini"
    ))
}

fn usage(message: &str) -> Error {
    Error::Usage {
        message: message.to_owned(),
        hint: "muat ulang halaman editor".into(),
    }
}

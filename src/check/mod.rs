//! `renaksi check`: problems in a report's data that its types cannot show —
//! period targets that do not add up, a stale year in the narrative, a NIP
//! or pangkat that cannot be right, one month spelled two ways. Every lint
//! returns all it finds; nothing stops at the first.

mod alasan;
mod ganda;
mod huruf;
mod isian;
mod jangkar;
pub mod lkjip;
mod nip;
mod pangkat;
mod panjang;
mod pegawai;
pub mod realisasi;
mod tahun;
mod target;
mod teks;
mod variabel;

pub use isian::PENANDA;

/// Every finding about a document: its report's, a monitoring report's
/// realisasi files', an LKjIP's files'.
/// A document is held back only by the files it prints: a Perjanjian
/// Kinerja by laporan.yaml, the tables and pegawai.yaml (not narasi.yaml);
/// the Rencana Aksi and the monitoring report by all but pegawai.yaml;
/// the LKjIP by all but narasi.yaml and pegawai.yaml (it prints only the
/// names of the head of office's agreement).
pub fn naskah(naskah: &crate::naskah::Naskah) -> Vec<Diagnostic> {
    let tanpa_narasi = matches!(
        naskah.dokumen,
        crate::content::Dokumen::Pk | crate::content::Dokumen::Lkjip
    );
    let cakupan = if naskah.dokumen == crate::content::Dokumen::Pk {
        Cakupan::Pk
    } else {
        Cakupan::TanpaPegawai
    };
    let mut found = lint_dengan(&naskah.report, naskah.matriks.as_ref(), cakupan);
    if tanpa_narasi {
        let narasi = &naskah.report.narasi_file;
        found.retain(|d| d.problem.file != *narasi);
    }
    if let Some(realisasi) = &naskah.realisasi {
        found.extend(realisasi::periksa(&naskah.report, realisasi));
    }
    if let Some(lk) = &naskah.lkjip {
        found.extend(lkjip::periksa(
            &naskah.report,
            &lk.data,
            naskah.realisasi.as_ref(),
            true,
        ));
    }
    found
}

/// What no report may hold whatever its state: texts past their limits.
/// A command that writes a report's YAML (`import`) refuses to write what
/// these find; the rest of `check` (placeholders, sums) is for later.
pub fn batas(report: &Report) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    panjang::check(report, &mut found);
    found
}
pub(crate) use tahun::regulation;

use crate::content::{Indikator, LampiranFile, Report};
use crate::error::Problem;
pub use crate::error::{Diagnostic, Severity};

/// Runs every lint over a loaded report, in file order; `matriks` is a
/// Perubahan's change table, whose changes want their reasons.
pub fn lint(report: &Report, matriks: Option<&crate::matriks::Matriks>) -> Vec<Diagnostic> {
    lint_dengan(report, matriks, Cakupan::Semua)
}

/// Everything `renaksi check` finds in a loaded report: the lints, then
/// its quarters' realisasi and its Laporan Kinerja files.
pub fn semua(
    report: &Report,
    matriks: Option<&crate::matriks::Matriks>,
) -> Result<Vec<Diagnostic>, crate::error::Error> {
    let mut found = lint(report, matriks);
    let (temuan, realisasi) = realisasi::temuan(report)?;
    found.extend(temuan);
    found.extend(lkjip::temuan(report, realisasi.as_ref())?);
    Ok(found)
}

/// Which of pegawai.yaml's lints run, and how its placeholders count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cakupan {
    /// All, placeholders as peringatan (`check`, the editor).
    Semua,
    /// All, placeholders as galat (the Perjanjian Kinerja).
    Pk,
    /// None (the documents that do not print pegawai.yaml).
    TanpaPegawai,
}

/// [`lint`], with pegawai.yaml's lints as `cakupan` says.
fn lint_dengan(
    report: &Report,
    matriks: Option<&crate::matriks::Matriks>,
    cakupan: Cakupan,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    isian::check(report, &mut found);
    if cakupan != Cakupan::TanpaPegawai {
        isian::pegawai(report, &mut found, cakupan == Cakupan::Pk);
        pegawai::check(report, &mut found);
    }
    nip::check(report, &mut found);
    pangkat::check(report, &mut found);
    tahun::check(report, &mut found);
    tahun::check_month_spelling(report, &mut found);
    tahun::check_signing_date(report, &mut found);
    target::check(report, &mut found);
    ganda::check(report, &mut found);
    panjang::check(report, &mut found);
    jangkar::check(report, &mut found);
    huruf::check(report, &mut found);
    variabel::check(report, &mut found);
    alasan::check(report, matriks, &mut found);
    // In the order a reader goes through the files, whatever lint found it.
    let order = report.reading_order();
    found.sort_by_key(|d| order.key(&d.problem));
    found
}

/// Holds a document of `report` back: always while `findings` have a
/// galat; a final document (not a draft) of a report with
/// `final_tanpa_peringatan` also while they have a peringatan.
pub fn tahan(
    findings: &[Diagnostic],
    report: &Report,
    draf: bool,
) -> Result<(), crate::error::Error> {
    tahan_galat(findings)?;
    if !draf && report.identitas.final_tanpa_peringatan && !findings.is_empty() {
        return Err(crate::error::Error::Findings(findings.to_vec()));
    }
    Ok(())
}

/// Holds a document back while `findings` have a galat: the galat are the
/// error, warnings let it through.
pub fn tahan_galat(findings: &[Diagnostic]) -> Result<(), crate::error::Error> {
    let galat: Vec<Diagnostic> = findings
        .iter()
        .filter(|d| d.severity == Severity::Galat)
        .cloned()
        .collect();
    if galat.is_empty() {
        Ok(())
    } else {
        Err(crate::error::Error::Findings(galat))
    }
}

/// Typst's warnings about the generated source, as findings: each placed
/// where the value it is about stands in the report's files, else on the
/// generated source's line (which `--emit-typst` writes out).
pub fn typst_warnings(report: &Report, warnings: &[crate::error::TypstWarning]) -> Vec<Diagnostic> {
    let texts = teks::semua(report);
    let mut found = Vec::new();
    for w in warnings {
        let message = format!("Typst memperingatkan: {}", w.message);
        let at = w
            .value
            .as_deref()
            .filter(|v| !v.trim().is_empty())
            .and_then(|v| texts.iter().find(|t| t.text.contains(v)).map(|t| (t, v)));
        let problem = match at {
            Some((t, value)) => {
                let needle = value.lines().next().unwrap_or(value).trim();
                place(
                    Problem::new(&t.file, message).at_path(&t.path),
                    t.file_text,
                    needle,
                )
                .hint("periksa teks di sini; PDF tetap disusun")
            }
            None => {
                let mut problem = Problem::new("sumber Typst buatan renaksi", message).hint(
                    "ini kemungkinan cacat pada templat renaksi; jalankan dengan --emit-typst laporan.typ untuk melihat barisnya dan laporkan",
                );
                problem.line = w.line;
                problem
            }
        };
        warn(&mut found, problem);
    }
    found
}

fn warn(found: &mut Vec<Diagnostic>, problem: Problem) {
    found.push(Diagnostic {
        severity: Severity::Peringatan,
        problem,
    });
}

fn error(found: &mut Vec<Diagnostic>, problem: Problem) {
    found.push(Diagnostic {
        severity: Severity::Galat,
        problem,
    });
}

/// One indicator of a Lampiran table, as the lints see it.
struct Letak<'a> {
    /// YAML path, `pejabat[a].sasaran[b].indikator[c]`.
    path: String,
    /// Index of its official and of its sasaran under that official.
    sasaran: (usize, usize),
    indikator: &'a Indikator,
    /// The line and column of its `uraian:` in the file, when found.
    at: Option<(usize, usize)>,
}

impl Letak<'_> {
    /// Places a problem on this indicator's `uraian` line of `file_text`,
    /// else on its path.
    fn place(&self, problem: Problem, file_text: &str) -> Problem {
        match self
            .at
            .or_else(|| crate::locate::locate(file_text, &self.path))
        {
            Some((line, column)) => problem.at(file_text, line, column),
            None => problem,
        }
    }
}

/// Every indicator of a table in file order, with its path and position.
/// The positions come from one pass over the file: each indicator's
/// `uraian:` line is looked for after the previous one's, so a table of
/// thousands of indicators is placed in the time of reading it once.
fn indikator<'a>(lampiran: &'a LampiranFile) -> Vec<Letak<'a>> {
    let mut all: Vec<Letak<'a>> = Vec::new();
    let lines: Vec<&str> = lampiran.text.lines().collect();
    let mut cursor = 0;
    for (a, pejabat) in lampiran.table.pejabat.iter().enumerate() {
        for (b, sasaran) in pejabat.sasaran.iter().enumerate() {
            for (c, ind) in sasaran.indikator.iter().enumerate() {
                let needle = format!("uraian: {}", ind.uraian);
                let hit = lines[cursor.min(lines.len())..]
                    .iter()
                    .position(|l| l.find(&needle).is_some());
                let at = hit.map(|i| {
                    let n = cursor + i;
                    cursor = n + 1;
                    let col = lines[n].find(&needle).unwrap_or(0);
                    (n + 1, lines[n][..col].chars().count() + 1)
                });
                all.push(Letak {
                    path: format!("pejabat[{a}].sasaran[{b}].indikator[{c}]"),
                    sasaran: (a, b),
                    indikator: ind,
                    at,
                });
            }
        }
    }
    all
}

/// Places a problem where `needle` first stands in `file_text`.
fn place(problem: Problem, file_text: &str, needle: &str) -> Problem {
    place_nth(problem, file_text, needle, 0)
}

/// Places a problem on the line and column of the `nth` (0-based) line of
/// `file_text` containing `needle`; leaves it unplaced when there is none.
fn place_nth(problem: Problem, file_text: &str, needle: &str, nth: usize) -> Problem {
    let hit = file_text
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            line.find(needle)
                .map(|col| (i + 1, line[..col].chars().count() + 1))
        })
        .nth(nth);
    match hit {
        Some((line, column)) => problem.at(file_text, line, column),
        None => problem,
    }
}

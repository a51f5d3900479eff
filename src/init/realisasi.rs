//! `renaksi realisasi --triwulan N`: the form of one quarter's realisasi
//! file, every indicator and program of the Rencana Aksi under its key,
//! with its text and targets as comments, so nobody types a key. The same
//! writer, given values, is the canonical realisasi file that a workbook
//! import and the browser editor write.

use crate::content::tulis::{angka, scalar};
use crate::content::{Angka, Polaritas, Report, Rincian};
use crate::format;
use crate::realisasi::kunci::Kunci;
use crate::realisasi::{akhir_triwulan, BerkasRealisasi, Nilai};

/// The text of `realisasi/twN.yaml` for quarter `n`, values left empty.
pub fn teks(report: &Report, n: usize) -> String {
    tulis(report, n, None)
}

/// The text of `realisasi/twN.yaml` for quarter `n` with the values of
/// `isi` (keys of `isi` that name nothing in the report are left out; the
/// caller has refused them), or empty ones.
pub fn tulis(report: &Report, n: usize, isi: Option<&BerkasRealisasi>) -> String {
    tulis_ulang(report, n, isi, "")
}

/// As [`tulis`], keeping the header comments of `original` (the file as it
/// was: its schema line, a note such as "data contoh") in place of the
/// generated ones; the comments renaksi writes beside the keys are written
/// anew.
pub fn tulis_ulang(
    report: &Report,
    n: usize,
    isi: Option<&BerkasRealisasi>,
    original: &str,
) -> String {
    let id = &report.identitas;
    let keys = Kunci::dari(report);
    let bulan = format::bulan(id.ejaan_bulan);
    let mut out = String::new();
    let header: Vec<&str> = original
        .lines()
        .take_while(|l| l.starts_with('#') && !l.starts_with(TANGGAL))
        .collect();
    let tw = format::romawi(n);
    if !header.is_empty() {
        for line in header {
            out.push_str(line);
            out.push('\n');
        }
    } else {
        if let Some(modeline) = modeline(&report.identitas_text) {
            out.push_str(&modeline);
            out.push('\n');
        }
        out.push_str(&format!(
            "# Realisasi Triwulan {tw} {}, Kecamatan {}.\n\
         # Kunci indikator dan program dibuat renaksi dari Lampiran: jangan diubah.\n\
         # Isi realisasi triwulan ini (bukan kumulatif), kendala, solusi dan tindak lanjut;\n\
         # realisasi anggaran dalam rupiah utuh tanpa titik. Lihat docs/monitoring.md.\n",
            id.tahun, id.kecamatan
        ));
    }
    match isi {
        Some(isi) => out.push_str(&format!(
            "{TANGGAL} triwulan ini.\ntanggal: {}\n",
            isi.tanggal.0.format("%Y-%m-%d")
        )),
        None => out.push_str(&format!(
            "{TANGGAL} triwulan ini (sementara: akhir triwulan).\ntanggal: {}\n",
            akhir_triwulan(id.tahun, n).format("%Y-%m-%d")
        )),
    }
    let nilai = |key: &str| isi.and_then(|i| i.indikator.get(key));
    let isian = |v: Option<String>| v.map(|v| format!(" {v}")).unwrap_or_default();
    out.push_str("indikator:\n");
    let mut last_sasaran = None;
    for l in &keys.indikator {
        let ind = l.indikator;
        if last_sasaran != Some((l.tabel, l.pejabat.0, l.sasaran.0)) {
            last_sasaran = Some((l.tabel, l.pejabat.0, l.sasaran.0));
            out.push_str(&format!(
                "  # {} — {}\n",
                satu_baris(l.pejabat.1),
                satu_baris(l.sasaran.1)
            ));
        }
        let rencana = ind.rencana(id.rincian_target);
        let mut target = format!(
            "target {} {}",
            format::angka(ind.target.0),
            satu_baris(&ind.satuan)
        );
        let periode: Vec<String> = match id.rincian_target {
            Rincian::Bulanan => (3 * n - 3..3 * n)
                .filter_map(|m| rencana[m].map(|v| format!("{} {}", bulan[m], format::angka(v.0))))
                .collect(),
            Rincian::Triwulan => rencana[n - 1]
                .map(|v| format!("TW {tw} {}", format::angka(v.0)))
                .into_iter()
                .collect(),
        };
        if !periode.is_empty() {
            target.push_str(&format!("; {}", periode.join(", ")));
        }
        out.push_str(&format!("  {}:\n", l.kunci));
        out.push_str(&format!("    # {} ({target})\n", satu_baris(&ind.uraian)));
        let ada = nilai(&l.kunci);
        let realisasi = ada.and_then(|r| r.realisasi.as_ref()).map(|v| match v {
            Nilai::Angka(a) => angka(Angka(*a)),
            Nilai::Teks(t) => scalar(t),
        });
        match (ind.polaritas, id.rincian_target, &realisasi) {
            (Polaritas::Kualitatif, _, _) | (_, Rincian::Triwulan, _) | (_, _, Some(_)) => {
                out.push_str(&format!("    realisasi:{}\n", isian(realisasi)));
            }
            (_, Rincian::Bulanan, None) => {
                let months = ada
                    .and_then(|r| r.bulan.as_ref())
                    .map(|b| b.values())
                    .unwrap_or_default();
                out.push_str("    bulan:\n");
                for (m, name) in crate::content::tulis::BULAN
                    .iter()
                    .enumerate()
                    .skip(3 * n - 3)
                    .take(3)
                {
                    out.push_str(&format!("      {name}:{}\n", isian(months[m].map(angka))));
                }
            }
        }
        for (key, v) in [
            ("kendala", ada.and_then(|r| r.kendala.as_deref())),
            ("solusi", ada.and_then(|r| r.solusi.as_deref())),
            (
                "tindak_lanjut",
                ada.and_then(|r| r.tindak_lanjut.as_deref()),
            ),
        ] {
            out.push_str(&format!("    {key}:{}\n", isian(v.map(scalar))));
        }
    }
    out.push_str("anggaran:\n");
    for l in &keys.program {
        out.push_str(&format!(
            "  # {} — {}, pagu {}\n  {}:{}\n",
            satu_baris(l.pejabat.1),
            satu_baris(&l.program.uraian),
            l.program
                .anggaran
                .map(format::rupiah)
                .unwrap_or_else(|| "tidak ditulis".into())
                .replace('\u{a0}', " "),
            l.kunci,
            isian(
                isi.and_then(|i| i.anggaran.get(&l.kunci).copied().flatten())
                    .map(|v| v.to_string())
            )
        ));
    }
    out
}

/// The comment before `tanggal`, where the header of a file ends.
/// The 1-based lines of `text` (a realisasi file) holding comments in the
/// shape renaksi writes beside the keys — `  # JABATAN — sasaran` above a
/// group of indicators, `    # uraian (target …)` under an indicator's
/// key, `  # JABATAN — program, pagu …` above a program's — which a
/// rewrite writes anew from the plan. They go stale when a Perubahan
/// changes a target or a text, and are no person's words to keep.
pub fn komentar_renaksi(text: &str) -> std::collections::HashSet<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let key = |l: &str| {
        l.strip_prefix("  ")
            .is_some_and(|r| !r.starts_with([' ', '#']) && r.contains(':'))
    };
    let mut section = "";
    let mut own = std::collections::HashSet::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.starts_with([' ', '#']) && !line.is_empty() {
            section = line.split(':').next().unwrap_or("");
            continue;
        }
        let next_is_key = lines.get(i + 1).is_some_and(|l| key(l));
        let after_key = i > 0 && key(lines[i - 1]);
        let mine = match section {
            "indikator" => {
                (line.starts_with("  # ") && line.contains(" — ") && next_is_key)
                    || (line.starts_with("    # ") && line.ends_with(')') && after_key)
            }
            "anggaran" => {
                line.starts_with("  # ")
                    && line.contains(" — ")
                    && line.contains(", pagu ")
                    && next_is_key
            }
            _ => false,
        };
        if mine {
            own.insert(i + 1);
        }
    }
    own
}

const TANGGAL: &str = "# Tanggal penandatanganan laporan";

/// The schema modeline of a realisasi file, one folder below laporan.yaml:
/// laporan.yaml's own, pointed at realisasi.schema.json.
fn modeline(laporan: &str) -> Option<String> {
    const MODELINE: &str = "# yaml-language-server: $schema=";
    let target = laporan.lines().next()?.strip_prefix(MODELINE)?;
    let dir = target.strip_suffix("laporan.schema.json")?;
    // A relative path is one folder deeper from realisasi/.
    let naik = if target.contains("://") || std::path::Path::new(target).is_absolute() {
        ""
    } else {
        "../"
    };
    Some(format!("{MODELINE}{naik}{dir}realisasi.schema.json"))
}

/// A text on one comment line.
fn satu_baris(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example's files are in the writer's form: written again from
    /// what they hold, they are the same bytes (so an edit in the editor or
    /// a workbook changes only the lines it changes).
    #[test]
    fn the_example_s_realisasi_files_are_written_back_unchanged() {
        let report = crate::content::load(None).unwrap();
        let realisasi = crate::realisasi::muat(&report).unwrap();
        let mut seen = 0;
        for berkas in realisasi.tw.iter().flatten() {
            let again = tulis_ulang(&report, berkas.triwulan, Some(&berkas.isi), &berkas.text);
            assert!(again == berkas.text, "{}:\n{again}", berkas.file);
            seen += 1;
        }
        assert_eq!(seen, 4);
    }

    #[test]
    fn an_empty_form_reads_back_with_no_value() {
        let report = crate::content::load(None).unwrap();
        let text = teks(&report, 4);
        let isi: BerkasRealisasi = crate::content::parse("tw4.yaml", &text).unwrap();
        assert!(isi.indikator.values().all(|r| r.realisasi.is_none()
            && r.kendala.is_none()
            && r.bulan
                .as_ref()
                .is_none_or(|b| b.values().iter().all(Option::is_none))));
        assert!(isi.anggaran.values().all(Option::is_none));
        assert_eq!(isi.indikator.len(), 74);
        assert_eq!(isi.tanggal.0.to_string(), "2022-12-31");
    }
}

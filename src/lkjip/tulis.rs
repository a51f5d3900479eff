//! The LKjIP's files in the canonical style, each line with the YAML path
//! it writes, as `renaksi fmt` writes every report file: one fact per
//! line, years in the order written, texts as `|` blocks.

use crate::content::tulis::{angka, blok, scalar};

use super::{BerkasKinerjaLalu, BerkasLkjip, BerkasRenstra};

/// Collects (line, path) pairs.
#[derive(Default)]
struct Lines(Vec<(String, String)>);

impl Lines {
    fn push(&mut self, path: String, line: String) {
        self.0.push((line, path));
    }

    fn blok(&mut self, path: &str, indent: &str, key: &str, text: &str) {
        self.0.extend(blok(path, indent, key, text));
    }
}

/// renstra.yaml.
pub fn renstra_lines(r: &BerkasRenstra) -> Vec<(String, String)> {
    let mut out = Lines::default();
    out.push("mulai".into(), format!("mulai: {}", r.mulai));
    out.push("akhir".into(), format!("akhir: {}", r.akhir));
    out.push("tujuan".into(), "tujuan:".into());
    for (t, tujuan) in r.tujuan.iter().enumerate() {
        let at = format!("tujuan[{t}]");
        out.push(
            at.clone(),
            format!("  - uraian: {}", scalar(&tujuan.uraian)),
        );
        out.push(format!("{at}.sasaran"), "    sasaran:".into());
        for (s, sasaran) in tujuan.sasaran.iter().enumerate() {
            let at = format!("{at}.sasaran[{s}]");
            out.push(
                at.clone(),
                format!("      - uraian: {}", scalar(&sasaran.uraian)),
            );
            out.push(format!("{at}.iku"), "        iku:".into());
            for (i, iku) in sasaran.iku.iter().enumerate() {
                let at = format!("{at}.iku[{i}]");
                out.push(
                    at.clone(),
                    format!("          - indikator: {}", scalar(&iku.indikator)),
                );
                out.push(format!("{at}.target"), "            target:".into());
                for (y, v) in &iku.target.0 {
                    out.push(
                        format!("{at}.target.{y}"),
                        format!("              {y}: {}", angka(*v)),
                    );
                }
                if let Some(v) = iku.target_akhir {
                    out.push(
                        format!("{at}.target_akhir"),
                        format!("            target_akhir: {}", angka(v)),
                    );
                }
                if let Some(st) = &iku.standar {
                    out.push(format!("{at}.standar"), "            standar:".into());
                    out.push(
                        format!("{at}.standar.nilai"),
                        format!("              nilai: {}", angka(st.nilai)),
                    );
                    out.push(
                        format!("{at}.standar.sumber"),
                        format!("              sumber: {}", scalar(&st.sumber)),
                    );
                }
            }
        }
    }
    out.0
}

/// kinerja-lalu.yaml.
pub fn lalu_lines(k: &BerkasKinerjaLalu) -> Vec<(String, String)> {
    let mut out = Lines::default();
    out.push("tahun".into(), "tahun:".into());
    for (y, isi) in &k.tahun.0 {
        let at = format!("tahun.{y}");
        if isi.folder.is_none() && isi.git.is_none() && isi.iku.is_empty() {
            out.push(at, format!("  {y}: {{}}"));
            continue;
        }
        out.push(at.clone(), format!("  {y}:"));
        if let Some(f) = &isi.folder {
            out.push(format!("{at}.folder"), format!("    folder: {}", scalar(f)));
        }
        if let Some(g) = &isi.git {
            out.push(format!("{at}.git"), format!("    git: {}", scalar(g)));
        }
        if !isi.iku.is_empty() {
            out.push(format!("{at}.iku"), "    iku:".into());
            for (key, v) in &isi.iku {
                let at = format!("{at}.iku.{key}");
                out.push(at.clone(), format!("      {}:", scalar(key)));
                if let Some(t) = v.target {
                    out.push(
                        format!("{at}.target"),
                        format!("        target: {}", angka(t)),
                    );
                }
                out.push(
                    format!("{at}.realisasi"),
                    format!("        realisasi: {}", angka(v.realisasi)),
                );
            }
        }
    }
    out.0
}

/// lkjip.yaml.
pub fn lkjip_lines(n: &BerkasLkjip) -> Vec<(String, String)> {
    let mut out = Lines::default();
    out.push("tanggal".into(), format!("tanggal: {}", n.tanggal.0));
    out.blok("kata_pengantar", "", "kata_pengantar", &n.kata_pengantar);
    out.blok("ikhtisar", "", "ikhtisar", &n.ikhtisar);
    out.push("pendahuluan".into(), "pendahuluan:".into());
    for (i, b) in n.pendahuluan.iter().enumerate() {
        let at = format!("pendahuluan[{i}]");
        out.push(at.clone(), format!("  - judul: {}", scalar(&b.judul)));
        out.blok(&format!("{at}.isi"), "    ", "isi", &b.isi);
    }
    for (key, text) in [
        ("perencanaan", &n.perencanaan),
        ("akuntabilitas", &n.akuntabilitas),
    ] {
        if let Some(t) = text {
            out.blok(key, "", key, t);
        }
    }
    if !n.analisis.is_empty() {
        out.push("analisis".into(), "analisis:".into());
        for (key, text) in &n.analisis {
            out.blok(&format!("analisis.{key}"), "  ", key, text);
        }
    }
    if let Some(t) = &n.anggaran {
        out.blok("anggaran", "", "anggaran", t);
    }
    out.blok("kesimpulan", "", "kesimpulan", &n.kesimpulan);
    out.blok("rekomendasi", "", "rekomendasi", &n.rekomendasi);
    out.0
}

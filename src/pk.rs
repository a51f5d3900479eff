//! Perjanjian Kinerja: the agreement each official of the Lampiran signs
//! with their superior, as PermenPANRB 53/2014 lays it out. Who is who comes
//! from pegawai.yaml; the targets and budgets are the official's own rows of
//! the Lampiran tables, the same data the Rencana Aksi prints, so the two
//! documents cannot drift apart.

use serde::Serialize;

use crate::content::{jabatan_sama, Pegawai, ProgramKegiatan, Report};
use crate::error::Error;
use crate::format;

/// The template of a Perjanjian Kinerja.
pub const TEMPLATE: &str = "pk.typ";

/// One agreement: who signs it and what it holds.
#[derive(Debug, Clone)]
pub struct Perjanjian<'a> {
    /// 1-based, in the order of pegawai.yaml.
    pub nomor: usize,
    /// The official who commits to the targets.
    pub pertama: &'a Pegawai,
    /// Their superior, who supervises and evaluates.
    pub kedua: &'a Pegawai,
    /// The official's sasaran from every Lampiran table, in table order.
    pub sasaran: Vec<SasaranPk<'a>>,
    /// Their programs and activities with their budgets, in table order.
    pub program: Vec<&'a ProgramKegiatan>,
}

/// One sasaran of an agreement and its indicators.
#[derive(Debug, Clone)]
pub struct SasaranPk<'a> {
    /// The sasaran's text.
    pub uraian: &'a str,
    /// Indicator text and annual target as printed (`90 Nilai`).
    pub indikator: Vec<(&'a str, String)>,
}

/// Every agreement of the report: one per person of pegawai.yaml whose
/// official has rows in the Lampiran and who names a superior found there.
/// None without pegawai.yaml.
pub fn semua(report: &Report) -> Vec<Perjanjian<'_>> {
    let Some((berkas, _)) = &report.pegawai else {
        return Vec::new();
    };
    let orang = &berkas.pegawai;
    let mut out = Vec::new();
    for pertama in orang {
        let Some(kedua) = pertama
            .atasan
            .as_deref()
            .and_then(|a| orang.iter().find(|q| jabatan_sama(&q.jabatan, a)))
        else {
            continue;
        };
        let mut sasaran = Vec::new();
        let mut program = Vec::new();
        for l in &report.lampiran {
            for pj in l
                .table
                .pejabat
                .iter()
                .filter(|p| jabatan_sama(&p.jabatan, pertama.di_lampiran()))
            {
                for s in &pj.sasaran {
                    sasaran.push(SasaranPk {
                        uraian: &s.uraian,
                        indikator: s
                            .indikator
                            .iter()
                            .map(|i| {
                                (
                                    i.uraian.as_str(),
                                    format!("{} {}", format::angka(i.target.0), i.satuan),
                                )
                            })
                            .collect(),
                    });
                    program.extend(s.program_semua());
                }
            }
        }
        if sasaran.is_empty() {
            continue;
        }
        out.push(Perjanjian {
            nomor: out.len() + 1,
            pertama,
            kedua,
            sasaran,
            program,
        });
    }
    out
}

/// The file name of an agreement's PDF: `kubutambahan-2022-pk-03-kasi-pemerintahan.pdf`;
/// the jabatan's part is cut at [`NAMA_JABATAN`] bytes, so that any
/// jabatan gives a name every file system takes.
pub fn nama_berkas(report: &Report, pk: &Perjanjian) -> String {
    let mut jabatan = format::slug(&pk.pertama.jabatan, NAMA_JABATAN);
    while jabatan.len() > NAMA_JABATAN {
        jabatan.pop();
    }
    format!(
        "{}-pk-{:02}-{}.pdf",
        report.source.name,
        pk.nomor,
        jabatan.trim_end_matches('-')
    )
}

/// The longest jabatan part of an agreement's file name, in bytes.
pub const NAMA_JABATAN: usize = 80;

#[derive(Serialize)]
struct View {
    judul: String,
    #[serde(flatten)]
    kepala: crate::render::Kepala,
    tempat_tanggal: String,
    ttd: crate::render::Cara,
    /// The statement's three texts as Typst markup.
    pembuka: minijinja::Value,
    janji_pertama: minijinja::Value,
    janji_kedua: minijinja::Value,
    /// The document's title after `judul`: one official's jabatan, or none
    /// for all agreements in one PDF.
    untuk: Option<String>,
    daftar: Vec<PkView>,
}

#[derive(Serialize)]
struct PkView {
    pertama: Pihak,
    kedua: Pihak,
    sasaran: Vec<SasaranView>,
    program: Vec<ProgramView>,
    jumlah: String,
}

#[derive(Serialize)]
struct Pihak {
    jabatan: String,
    nama: String,
    /// `Pembina Tk. I (IV/b)`, or empty for a political office.
    pangkat: String,
    /// `NIP. 19650207 199702 1 001`, or empty.
    nip: String,
}

#[derive(Serialize)]
struct SasaranView {
    nomor: usize,
    uraian: String,
    indikator: Vec<[String; 2]>,
}

#[derive(Serialize)]
struct ProgramView {
    nomor: usize,
    uraian: String,
    anggaran: String,
}

fn view(pk: &Perjanjian) -> PkView {
    let total: u64 = pk.program.iter().filter_map(|g| g.anggaran).sum();
    PkView {
        pertama: pihak(pk.pertama),
        kedua: pihak(pk.kedua),
        sasaran: pk
            .sasaran
            .iter()
            .enumerate()
            .map(|(i, s)| SasaranView {
                nomor: i + 1,
                uraian: s.uraian.to_owned(),
                indikator: s
                    .indikator
                    .iter()
                    .map(|(u, t)| [u.to_string(), t.clone()])
                    .collect(),
            })
            .collect(),
        program: pk
            .program
            .iter()
            .enumerate()
            .map(|(i, g)| ProgramView {
                nomor: i + 1,
                uraian: g.uraian.clone(),
                anggaran: g.anggaran.map(format::rupiah).unwrap_or_else(|| "-".into()),
            })
            .collect(),
        jumlah: format::rupiah(total),
    }
}

fn pihak(p: &Pegawai) -> Pihak {
    let pangkat = match (p.pangkat.as_deref(), p.golongan.as_deref()) {
        (Some(pangkat), Some(golongan)) if !pangkat.trim().is_empty() => {
            format!("{pangkat} ({golongan})")
        }
        (Some(pangkat), _) => pangkat.to_owned(),
        _ => String::new(),
    };
    Pihak {
        jabatan: p.jabatan.clone(),
        nama: p.nama.clone(),
        pangkat,
        nip: p
            .nip
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .map(|n| format!("NIP. {}", format::nip(n)))
            .unwrap_or_default(),
    }
}

/// The Typst source of the agreements `daftar` in one document (one page
/// pair each); `untuk` names the one official when there is one.
pub fn render(report: &Report, daftar: &[Perjanjian]) -> Result<String, Error> {
    let id = &report.identitas;
    let p = &id.penandatangan;
    let mut judul = format!("Perjanjian Kinerja Tahun {}", id.tahun);
    if id.perubahan {
        judul.push_str(" Perubahan");
    }
    let ttd = crate::render::cara(report).map_err(|p| Error::Input(vec![p]))?;
    let Some((berkas, text)) = &report.pegawai else {
        return Err(Error::Internal("PK tanpa pegawai.yaml".into()));
    };
    let file = report.source.display(crate::content::PEGAWAI);
    let mut teks = Vec::new();
    for (path, t) in berkas.pernyataan.texts() {
        let markup = crate::render::teks_bervariabel(report, (&file, text), path, t)
            .map_err(|p| Error::Input(vec![p]))?;
        teks.push(minijinja::Value::from_safe_string(markup));
    }
    let [pembuka, janji_pertama, janji_kedua]: [minijinja::Value; 3] = teks
        .try_into()
        .map_err(|_| Error::Internal("tiga teks pernyataan".into()))?;
    let view = View {
        pembuka,
        janji_pertama,
        janji_kedua,
        judul,
        kepala: crate::render::kepala(report),
        tempat_tanggal: format!(
            "{}, {}",
            p.tempat,
            format::tanggal(p.tanggal.0, id.ejaan_bulan)
        ),
        ttd,
        untuk: match daftar {
            [pk] => Some(pk.pertama.jabatan.clone()),
            _ => None,
        },
        daftar: daftar.iter().map(view).collect(),
    };
    crate::render::isi(TEMPLATE, view)
}

/// One PDF an agreement build wrote.
#[derive(Debug, Clone)]
pub struct Ditulis {
    /// The officials it holds: one, or all with `gabung`.
    pub pejabat: Vec<(String, String)>,
    /// Where it went.
    pub path: std::path::PathBuf,
    /// Number of pages.
    pub pages: usize,
    /// The PDF's bytes, for its size and digest.
    pub pdf: Vec<u8>,
}

/// Builds every agreement of `report` into the folder `out` (one PDF per
/// official, or with `gabung` all in `out`, a folder or a `.pdf` path),
/// after the same checks as the Rencana Aksi: the first galat, a missing
/// pegawai.yaml or no agreement to make stops it before anything is written.
/// `findings` are the report's lint results.
pub fn susun(
    report: &Report,
    findings: &[crate::error::Diagnostic],
    out: &std::path::Path,
    options: crate::pdf::Options,
    gabung: bool,
) -> Result<Vec<Ditulis>, Error> {
    crate::check::tahan(findings, report)?;
    if report.pegawai.is_none() {
        return Err(Error::Usage {
            message: format!(
                "{} tidak ada: Perjanjian Kinerja memerlukan identitas setiap pejabat dan atasannya",
                report.source.display(crate::content::PEGAWAI)
            ),
            hint: "buat pegawai.yaml (contohnya di content/kubutambahan-2022, lihat docs/format.md)".into(),
        });
    }
    let daftar = semua(report);
    if daftar.is_empty() {
        return Err(Error::Usage {
            message: "tidak ada Perjanjian Kinerja yang dapat disusun: tidak ada pejabat Lampiran \
                      yang tercantum di pegawai.yaml dengan atasan"
                .into(),
            hint: "cocokkan `jabatan` (atau `lampiran`) di pegawai.yaml dengan jabatan pejabat di tabel Lampiran, dan tulis `atasan`"
                .into(),
        });
    }
    let pihak = |pk: &Perjanjian| (pk.pertama.jabatan.clone(), pk.kedua.jabatan.clone());
    if gabung {
        let target = crate::build::pdf_path(out, &format!("{}-pk", report.source.name));
        let (pages, pdf) = tulis(report, &daftar, options, &target)?;
        return Ok(vec![Ditulis {
            pejabat: daftar.iter().map(pihak).collect(),
            path: target,
            pages,
            pdf,
        }]);
    }
    if out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        return Err(Error::Usage {
            message: format!(
                "{} Perjanjian Kinerja tidak dapat ditulis ke satu berkas {}",
                daftar.len(),
                out.display()
            ),
            hint: "sebut folder dengan -o, atau tambahkan --gabung untuk satu PDF".into(),
        });
    }
    // Every PDF is typeset before the first is written: a failure leaves
    // none half done.
    let mut typeset = Vec::new();
    for one in &daftar {
        let output =
            crate::pdf::typeset(report, render(report, std::slice::from_ref(one))?, options)?;
        typeset.push((one, output));
    }
    let mut written = Vec::new();
    for (one, output) in typeset {
        let target = out.join(nama_berkas(report, one));
        crate::pdf::write_report(report, &output, &target)?;
        written.push(Ditulis {
            pejabat: vec![pihak(one)],
            path: target,
            pages: output.pages,
            pdf: output.pdf,
        });
    }
    Ok(written)
}

/// Typesets `daftar` into one PDF at `target` (with its sidecar when
/// signed electronically).
fn tulis(
    report: &Report,
    daftar: &[Perjanjian],
    options: crate::pdf::Options,
    target: &std::path::Path,
) -> Result<(usize, Vec<u8>), Error> {
    let output = crate::pdf::typeset(report, render(report, daftar)?, options)?;
    crate::pdf::write_report(report, &output, target)?;
    Ok((output.pages, output.pdf))
}

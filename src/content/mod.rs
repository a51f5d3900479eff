//! The report as data: loading its YAML files from a [`Source`], and the
//! structural checks that must pass before anything is rendered.

mod model;
mod source;
mod yaml;

pub use model::*;
pub use source::Source;

use crate::error::{Error, Problem};

/// A report's files, parsed and checked.
#[derive(Debug, Clone)]
pub struct Report {
    /// Where it came from.
    pub source: Source,
    /// `laporan.yaml`.
    pub identitas: Identitas,
    /// The text of `laporan.yaml`, to place problems found later.
    pub identitas_text: String,
    /// `narasi.yaml`.
    pub narasi: Narasi,
    /// The text of `narasi.yaml`, to place errors found while rendering it.
    pub narasi_text: String,
    /// `lampiran/*.yaml`, one per level, in the order program → kinerja.
    pub lampiran: Vec<LampiranFile>,
    /// The logo image, if the report names one.
    pub logo: Option<Logo>,
}

/// One Lampiran table and the file it came from.
#[derive(Debug, Clone)]
pub struct LampiranFile {
    /// Its path inside the report folder.
    pub file: String,
    /// Its content.
    pub table: Lampiran,
    /// Its text, to place problems found later.
    pub text: String,
}

/// An image file from the report's folder.
#[derive(Debug, Clone)]
pub struct Logo {
    /// Its path inside the folder.
    pub path: String,
    /// File extension as Typst expects it (`png`, `jpg`, `svg`).
    pub format: &'static str,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The report's main file.
pub const IDENTITAS: &str = "laporan.yaml";
/// The narrative file.
pub const NARASI: &str = "narasi.yaml";
/// The folder of Lampiran tables.
pub const LAMPIRAN: &str = "lampiran";

impl Report {
    /// Reads and checks every file of the report.
    pub fn load(source: Source) -> Result<Self, Error> {
        let (identitas, identitas_text) = parse_file::<Identitas>(&source, IDENTITAS)?;
        let (narasi, narasi_text) = parse_file::<Narasi>(&source, NARASI)?;
        let files = source.list_yaml(LAMPIRAN)?;
        if files.is_empty() {
            return Err(
                Problem::new(source.display(LAMPIRAN), "tidak ada tabel lampiran")
                    .hint("buat lampiran/1-program.yaml dan seterusnya (lihat docs/format.md)")
                    .into(),
            );
        }
        let mut lampiran = Vec::new();
        for file in files {
            let (table, text) = parse_file::<Lampiran>(&source, &file)?;
            lampiran.push(LampiranFile { file, table, text });
        }
        lampiran.sort_by_key(|l| l.table.tingkat as u8);
        let logo = identitas
            .logo
            .as_deref()
            .map(|path| load_logo(&source, path))
            .transpose()?;
        let report = Report {
            source,
            identitas,
            identitas_text,
            narasi,
            narasi_text,
            lampiran,
            logo,
        };
        report.check()?;
        Ok(report)
    }

    /// Checks what the YAML types alone cannot: required text not empty,
    /// lists not empty, one table per level, targets matching `rincian_target`.
    fn check(&self) -> Result<(), Problem> {
        let id = &self.identitas;
        let p = &id.penandatangan;
        let file = self.source.display(IDENTITAS);
        for (path, value) in [
            ("kecamatan", &id.kecamatan),
            ("kabupaten", &id.kabupaten),
            ("penandatangan.tempat", &p.tempat),
            ("penandatangan.jabatan", &p.jabatan),
            ("penandatangan.nama", &p.nama),
            ("penandatangan.pangkat", &p.pangkat),
            ("penandatangan.golongan", &p.golongan),
            ("penandatangan.nip", &p.nip),
        ] {
            not_empty(&file, path, value)?;
        }
        let narasi = self.source.display(NARASI);
        if self.narasi.bab.is_empty() {
            return Err(Problem::new(&narasi, "daftar `bab` kosong")
                .at_path("bab")
                .hint("tulis minimal satu bab"));
        }
        for (i, bab) in self.narasi.bab.iter().enumerate() {
            not_empty(&narasi, &format!("bab[{i}].judul"), &bab.judul)?;
        }
        let mut seen: Vec<(Tingkat, &str)> = Vec::new();
        for LampiranFile { file, table, .. } in &self.lampiran {
            let display = self.source.display(file);
            if let Some((_, other)) = seen.iter().find(|(t, _)| *t == table.tingkat) {
                return Err(Problem::new(&display, format!("tingkat ini sudah dipakai oleh {other}"))
                    .at_path("tingkat")
                    .hint("satu berkas lampiran untuk setiap tingkat: program, kegiatan, sub_kegiatan, kinerja"));
            }
            seen.push((table.tingkat, file.as_str()));
            self.check_table(&display, table)?;
        }
        Ok(())
    }

    fn check_table(&self, file: &str, table: &Lampiran) -> Result<(), Problem> {
        non_empty_list(file, "pejabat", table.pejabat.len())?;
        for (a, pejabat) in table.pejabat.iter().enumerate() {
            let at = format!("pejabat[{a}]");
            not_empty(file, &format!("{at}.jabatan"), &pejabat.jabatan)?;
            non_empty_list(file, &format!("{at}.sasaran"), pejabat.sasaran.len())?;
            for (b, sasaran) in pejabat.sasaran.iter().enumerate() {
                let at = format!("{at}.sasaran[{b}]");
                not_empty(file, &format!("{at}.uraian"), &sasaran.uraian)?;
                non_empty_list(file, &format!("{at}.indikator"), sasaran.indikator.len())?;
                check_programs(file, &at, &sasaran.program_kegiatan)?;
                for (c, indikator) in sasaran.indikator.iter().enumerate() {
                    self.check_indikator(file, &format!("{at}.indikator[{c}]"), indikator)?;
                }
            }
        }
        Ok(())
    }

    fn check_indikator(&self, file: &str, at: &str, ind: &Indikator) -> Result<(), Problem> {
        not_empty(file, &format!("{at}.uraian"), &ind.uraian)?;
        not_empty(file, &format!("{at}.satuan"), &ind.satuan)?;
        check_programs(file, at, &ind.program_kegiatan)?;
        let (wrong, right) = match self.identitas.rincian_target {
            Rincian::Bulanan => (ind.triwulan.is_some().then_some("triwulan"), "bulan"),
            Rincian::Triwulan => (ind.bulan.is_some().then_some("bulan"), "triwulan"),
        };
        if let Some(wrong) = wrong {
            return Err(Problem::new(file, format!("kunci `{wrong}` tidak cocok dengan `rincian_target` laporan"))
                .at_path(format!("{at}.{wrong}"))
                .hint(format!(
                    "laporan.yaml memilih rincian_target: {}; tulis target per periode di bawah `{right}`",
                    if right == "bulan" { "bulanan" } else { "triwulan" }
                )));
        }
        Ok(())
    }
}

fn parse_file<T: serde::de::DeserializeOwned>(
    source: &Source,
    rel: &str,
) -> Result<(T, String), Error> {
    let display = source.display(rel);
    let bytes = source.read(rel)?.ok_or_else(|| {
        Problem::new(&display, "berkas tidak ditemukan").hint(format!(
            "setiap laporan memerlukan {rel} (lihat docs/format.md)"
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let column = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        let mut problem = Problem::new(&display, "berkas bukan teks UTF-8")
            .hint("simpan ulang berkas dengan pengodean UTF-8");
        problem.line = Some(line);
        problem.column = Some(column);
        problem
    })?;
    let value = yaml::parse(&display, &text)?;
    Ok((value, text))
}

fn not_empty(file: &str, path: &str, value: &str) -> Result<(), Problem> {
    if value.trim().is_empty() {
        let key = path.rsplit('.').next().unwrap_or(path);
        return Err(Problem::new(file, format!("`{key}` kosong"))
            .at_path(path)
            .hint(format!("isi `{key}` dengan teks")));
    }
    Ok(())
}

fn non_empty_list(file: &str, path: &str, len: usize) -> Result<(), Problem> {
    if len == 0 {
        let key = path.rsplit('.').next().unwrap_or(path);
        return Err(Problem::new(file, format!("daftar `{key}` kosong"))
            .at_path(path)
            .hint("tulis minimal satu butir"));
    }
    Ok(())
}

fn check_programs(file: &str, at: &str, programs: &[ProgramKegiatan]) -> Result<(), Problem> {
    for (i, program) in programs.iter().enumerate() {
        not_empty(
            file,
            &format!("{at}.program_kegiatan[{i}].uraian"),
            &program.uraian,
        )?;
    }
    Ok(())
}

fn load_logo(source: &Source, path: &str) -> Result<Logo, Error> {
    let file = source.display(IDENTITAS);
    let bytes = source.read(path)?.ok_or_else(|| {
        Problem::new(&file, format!("berkas logo `{path}` tidak ditemukan"))
            .at_path("logo")
            .hint(
                "letakkan gambar di folder laporan dan tulis jalurnya relatif terhadap folder itu",
            )
    })?;
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "jpg"
    } else if std::str::from_utf8(&bytes).is_ok_and(|t| t.contains("<svg")) {
        "svg"
    } else {
        return Err(
            Problem::new(&file, format!("`{path}` bukan gambar PNG, JPEG atau SVG"))
                .at_path("logo")
                .hint("gunakan berkas .png, .jpg atau .svg")
                .into(),
        );
    };
    if !crate::compile::decodes_as_image(format, &bytes) {
        return Err(Problem::new(
            &file,
            format!("gambar `{path}` rusak dan tidak dapat dibaca"),
        )
        .at_path("logo")
        .hint("simpan ulang gambar itu dari program pengolah gambar, atau hapus kunci `logo`")
        .into());
    }
    Ok(Logo {
        path: path.to_owned(),
        format,
        bytes,
    })
}

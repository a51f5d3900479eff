//! The report's files by their names: which kind of file a path is, and
//! the realisasi files' folder and names.

/// The folder of realisasi files.
pub const REALISASI: &str = "realisasi";

/// The quarter a file name stands for: `tw2.yaml` → 2.
pub fn triwulan_berkas(rel: &str) -> Option<usize> {
    let name = rel.rsplit('/').next()?;
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))?;
    match stem {
        "tw1" => Some(1),
        "tw2" => Some(2),
        "tw3" => Some(3),
        "tw4" => Some(4),
        _ => None,
    }
}

/// The name of the file of quarter `n`.
pub fn nama_berkas(n: usize) -> String {
    format!("{REALISASI}/tw{n}.yaml")
}

/// What kind of report file a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JenisBerkas {
    /// laporan.yaml or kabupaten.yaml.
    Identitas,
    /// narasi.yaml.
    Narasi,
    /// A Lampiran table.
    Lampiran,
    /// pegawai.yaml.
    Pegawai,
    /// realisasi/tw1.yaml … tw4.yaml: the quarter.
    Realisasi(usize),
    /// renstra.yaml.
    Renstra,
    /// kinerja-lalu.yaml.
    KinerjaLalu,
    /// lkjip.yaml.
    Lkjip,
}

impl JenisBerkas {
    /// `identitas`, `narasi`, `lampiran`, `pegawai`, `realisasi`,
    /// `renstra`, `kinerja-lalu`, `lkjip`.
    pub fn kata(self) -> &'static str {
        match self {
            JenisBerkas::Identitas => "identitas",
            JenisBerkas::Narasi => "narasi",
            JenisBerkas::Lampiran => "lampiran",
            JenisBerkas::Pegawai => "pegawai",
            JenisBerkas::Realisasi(_) => "realisasi",
            JenisBerkas::Renstra => "renstra",
            JenisBerkas::KinerjaLalu => "kinerja-lalu",
            JenisBerkas::Lkjip => "lkjip",
        }
    }

    /// The kind of the file at `path` (by its name), if it is a report file.
    pub fn of(path: &str) -> Option<Self> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        if !(name.ends_with(".yaml") || name.ends_with(".yml")) {
            return None;
        }
        let folder = path.rsplit(['/', '\\']).nth(1);
        if folder == Some(REALISASI) {
            if let Some(n) = triwulan_berkas(name) {
                return Some(JenisBerkas::Realisasi(n));
            }
        }
        Some(match name {
            super::LAPORAN | super::KABUPATEN => JenisBerkas::Identitas,
            super::NARASI => JenisBerkas::Narasi,
            super::PEGAWAI => JenisBerkas::Pegawai,
            "renstra.yaml" => JenisBerkas::Renstra,
            "kinerja-lalu.yaml" => JenisBerkas::KinerjaLalu,
            "lkjip.yaml" => JenisBerkas::Lkjip,
            _ => JenisBerkas::Lampiran,
        })
    }
}

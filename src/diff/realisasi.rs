//! Changes of one quarter's realisasi file, in report terms: an
//! indicator's realisasi per month or quarter, its notes, a program's
//! spending, and — where both versions of the report are at hand — the
//! capaian and serapan they lead to.

use std::collections::{BTreeSet, HashMap};

use super::{Catatan, JenisPerubahan, KOSONG};
use crate::content::Report;
use crate::format;
use crate::monitoring::evaluasi::evaluasi;
use crate::realisasi::kunci::Kunci;
use crate::realisasi::{BerkasRealisasi, Nilai, Realisasi};

/// What the report says of each key of one version: where an indicator or
/// program stands, and its capaian or serapan up to the quarter.
#[derive(Debug, Default)]
pub struct Konteks {
    letak: HashMap<String, Vec<String>>,
    capaian: HashMap<String, String>,
    /// Each key's place in the document: indicators, then programs, each
    /// in the order of the tables.
    urutan: HashMap<String, usize>,
}

impl Konteks {
    /// The context of quarter `n` of `report` with `realisasi`.
    pub fn dari(report: &Report, realisasi: &Realisasi, n: usize) -> Self {
        let keys = Kunci::dari(report);
        let urutan = keys
            .indikator
            .iter()
            .map(|l| l.kunci.clone())
            .chain(keys.program.iter().map(|l| l.kunci.clone()))
            .enumerate()
            .map(|(i, k)| (k, i))
            .collect();
        let mut letak = HashMap::new();
        for l in &keys.indikator {
            letak.insert(
                l.kunci.clone(),
                vec![l.pejabat.1.to_owned(), l.indikator.uraian.clone()],
            );
        }
        for l in &keys.program {
            letak.insert(
                l.kunci.clone(),
                vec![l.pejabat.1.to_owned(), l.program.uraian.clone()],
            );
        }
        let mut capaian = HashMap::new();
        let eval = evaluasi(report, realisasi, n);
        for one in eval.indikator() {
            let shown = match one.hasil.capaian {
                Ok(c) => format!("{} %", format::persen(c)),
                Err(why) => why.teks().to_owned(),
            };
            capaian.insert(one.kunci.clone(), shown);
        }
        for t in &eval.tingkat {
            for p in t.pejabat.iter().flat_map(|p| &p.program) {
                let shown = p
                    .serapan
                    .map(|s| format!("{} %", format::persen(s)))
                    .unwrap_or_else(|| KOSONG.to_owned());
                capaian.insert(p.kunci.clone(), shown);
            }
        }
        Konteks {
            letak,
            capaian,
            urutan,
        }
    }
}

fn nilai(v: &Option<Nilai>) -> String {
    match v {
        Some(Nilai::Angka(a)) => format::angka(*a),
        Some(Nilai::Teks(t)) => t.clone(),
        None => KOSONG.to_owned(),
    }
}

fn teks(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| KOSONG.to_owned())
}

/// The changes between two versions of quarter `n`'s file (`None`: the
/// file did not exist), placed with the reports' contexts when known.
pub fn compare(
    c: &mut Catatan,
    n: usize,
    a: Option<&BerkasRealisasi>,
    b: Option<&BerkasRealisasi>,
    konteks: Option<(&Konteks, &Konteks)>,
) {
    let tw = format!("TW {}", format::romawi(n));
    let sd = format!("s.d. {tw}");
    let bulan = format::bulan(crate::content::Ejaan::Baku);
    let letak = |key: &str| -> Vec<String> {
        konteks
            .and_then(|(l, b)| b.letak.get(key).or_else(|| l.letak.get(key)))
            .cloned()
            .unwrap_or_else(|| vec![key.to_owned()])
    };
    let capaian = |c: &mut Catatan, at: &[String], key: &str, apa: &str| {
        if let Some((l, b)) = konteks {
            let (x, y) = (l.capaian.get(key), b.capaian.get(key));
            if x != y {
                let show = |v: Option<&String>| v.cloned().unwrap_or_else(|| KOSONG.to_owned());
                c.push(at, apa, JenisPerubahan::Ubah, Some(show(x)), Some(show(y)));
            }
        }
    };
    match (a, b) {
        (None, Some(_)) => c.tambah(&[], format!("realisasi {tw}"), None),
        (Some(_), None) => c.hapus(&[], format!("realisasi {tw}"), None),
        _ => {}
    }
    let tanggal = |x: Option<&BerkasRealisasi>| {
        x.map(|x| x.tanggal.0.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| KOSONG.to_owned())
    };
    c.ubah(&[], "tanggal laporan", &tanggal(a), &tanggal(b), |t| {
        t.clone()
    });
    let empty = BerkasRealisasi {
        tanggal: crate::content::Tanggal(chrono::NaiveDate::MIN),
        indikator: Default::default(),
        anggaran: Default::default(),
    };
    let (a, b) = (a.unwrap_or(&empty), b.unwrap_or(&empty));
    // In the order of the document where the report is at hand (else by
    // key), as a reader goes through it.
    let tempat = |key: &String| {
        konteks
            .and_then(|(l, b)| b.urutan.get(key).or_else(|| l.urutan.get(key)))
            .copied()
            .unwrap_or(usize::MAX)
    };
    fn urut(keys: BTreeSet<&String>, tempat: impl Fn(&String) -> usize) -> Vec<&String> {
        let mut keys: Vec<&String> = keys.into_iter().collect();
        // Stable: keys the report does not know keep their order by key.
        keys.sort_by_key(|key| tempat(key));
        keys
    }
    let keys = urut(
        a.indikator.keys().chain(b.indikator.keys()).collect(),
        tempat,
    );
    for key in keys {
        let at = letak(key);
        let x = a.indikator.get(key).cloned().unwrap_or_default();
        let y = b.indikator.get(key).cloned().unwrap_or_default();
        let before = c.out.len();
        c.ubah(
            &at,
            &format!("realisasi {tw}"),
            &x.realisasi,
            &y.realisasi,
            nilai,
        );
        let (mx, my) = (
            x.bulan.map(|m| m.values()).unwrap_or_default(),
            y.bulan.map(|m| m.values()).unwrap_or_default(),
        );
        for m in 0..12 {
            let show = |v: &Option<crate::content::Angka>| {
                v.map(|v| format::angka(v.0))
                    .unwrap_or_else(|| KOSONG.to_owned())
            };
            c.ubah(
                &at,
                &format!("realisasi {}", bulan[m]),
                &mx[m],
                &my[m],
                show,
            );
        }
        if c.out.len() > before {
            capaian(c, &at, key, &format!("capaian {sd}"));
        }
        c.ubah(&at, "kendala", &x.kendala, &y.kendala, teks);
        c.ubah(&at, "solusi", &x.solusi, &y.solusi, teks);
        c.ubah(
            &at,
            "tindak lanjut",
            &x.tindak_lanjut,
            &y.tindak_lanjut,
            teks,
        );
    }
    let keys = urut(a.anggaran.keys().chain(b.anggaran.keys()).collect(), tempat);
    for key in keys {
        let at = letak(key);
        let x = a.anggaran.get(key).copied().flatten();
        let y = b.anggaran.get(key).copied().flatten();
        if x != y {
            let show = |v: Option<u64>| v.map(format::rupiah).unwrap_or_else(|| KOSONG.to_owned());
            c.push(
                &at,
                format!("realisasi anggaran {tw}"),
                JenisPerubahan::Ubah,
                Some(show(x)),
                Some(show(y)),
            );
            capaian(c, &at, key, &format!("serapan {sd}"));
        }
    }
}

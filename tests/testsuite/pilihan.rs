//! A Lampiran item's optional keys are declared once
//! (`renaksi::content::pilihan`): every key of every item, set to a value
//! other than its default, goes through the canonical writer, `diff` and
//! the flat spreadsheet (export, then import) and comes back as it was.

use renaksi::content::pilihan::{kolom, Butir, Pilihan};
use renaksi::content::{Lampiran, Report};
use renaksi::diff::JenisBerkas;

/// A value of `p` other than its default: its first other word, or a text
/// that needs quoting in YAML.
fn contoh<T>(p: &Pilihan<T>) -> String {
    p.kata
        .iter()
        .find(|k| Some(**k) != p.bawaan)
        .map(|k| (*k).to_owned())
        .unwrap_or_else(|| format!("nilai uji {}: dengan titik dua", p.nama))
}

/// Sets each declared key of the item `at` picks from the example's
/// program table, and follows it through writer, diff and spreadsheet.
fn each_key<T: Butir>(item: &str, at: fn(&mut Lampiran) -> &mut T) {
    let report = renaksi::load(None).unwrap();
    let file = &report.lampiran[0];
    assert!(T::PILIHAN.iter().all(|p| !p.nama.is_empty()), "{item}");
    for p in T::PILIHAN {
        let value = contoh(p);
        let mut table = file.table.clone();
        (p.isi)(at(&mut table), Some(value.clone()));
        let what = format!("{item}.{}", p.nama);

        // The canonical writer writes it, and it reads back.
        let text = renaksi::content::tulis::lampiran(&table, None, &[]);
        assert!(
            text.contains(&format!("{}: ", p.nama)),
            "{what} not written:\n{text}"
        );
        let mut back: Lampiran = renaksi::content::parse("1-program.yaml", &text).unwrap();
        assert_eq!(
            (p.baca)(at(&mut back)),
            Some(value.clone()),
            "{what}: writer"
        );

        // diff names it by its label, with its old and new value.
        let old = renaksi::content::tulis::lampiran(&file.table, None, &[]);
        let changes = renaksi::diff::files(
            JenisBerkas::Lampiran,
            &file.file,
            Some(("lama", &old)),
            Some(("baru", &text)),
        )
        .unwrap();
        assert_eq!(changes.len(), 1, "{what}: {changes:?}");
        assert_eq!(changes[0].apa, p.label, "{what}");
        assert_eq!(changes[0].baru.as_deref(), Some(value.as_str()), "{what}");

        // The spreadsheet carries it in its column, and import reads it.
        let mut changed: Report = report.clone();
        changed.lampiran[0].table = table;
        changed.lampiran[0].text = text;
        let bytes = renaksi::lembar::ekspor::xlsx(&changed).unwrap();
        let buku = renaksi::lembar::impor::read("uji.xlsx", &bytes)
            .unwrap_or_else(|p| panic!("{what}: {p:?}"));
        let mut read = buku.tabel[0].clone();
        assert_eq!((p.baca)(at(&mut read)), Some(value), "{what}: spreadsheet");
    }
}

#[test]
fn every_optional_key_of_every_item_round_trips_through_writer_diff_and_spreadsheet() {
    each_key::<renaksi::content::Pejabat>("pejabat", |t| &mut t.pejabat[0]);
    each_key::<renaksi::content::Sasaran>("sasaran", |t| &mut t.pejabat[0].sasaran[0]);
    each_key::<renaksi::content::Indikator>("indikator", |t| {
        &mut t.pejabat[0].sasaran[0].indikator[0]
    });
    each_key::<renaksi::content::ProgramKegiatan>("program_kegiatan", |t| {
        &mut t.pejabat[0].sasaran[0].program_kegiatan[0]
    });
}

#[test]
fn the_flat_sheet_s_columns_follow_the_declarations_in_their_first_order() {
    assert_eq!(
        renaksi::lembar::kolom(),
        [
            "tingkat",
            "jabatan",
            "nomor",
            "sasaran",
            "indikator",
            "satuan",
            "target_tahunan",
            "penjumlahan",
            "ket",
            "periode",
            "target_periode",
            "program_kegiatan",
            "anggaran",
            "polaritas",
            "alasan_jabatan",
            "alasan_sasaran",
            "alasan_indikator",
            "alasan_program",
        ]
    );
    // Every declared column once.
    for (name, _) in kolom() {
        assert_eq!(
            renaksi::lembar::kolom()
                .iter()
                .filter(|k| **k == name)
                .count(),
            1,
            "{name}"
        );
    }
}

#[test]
fn a_word_the_key_does_not_take_is_named_with_those_it_does() {
    let p = &renaksi::content::Indikator::PILIHAN[1];
    assert_eq!(
        p.periksa(Some("Naik")),
        Err((
            "polaritas `Naik` tidak dikenal".to_owned(),
            "tulis positif, negatif atau kualitatif (kosong: positif)".to_owned()
        ))
    );
    assert_eq!(p.periksa(Some(" Negatif ")), Ok(Some("negatif".to_owned())));
    assert_eq!(p.periksa(Some("")), Ok(None));
}

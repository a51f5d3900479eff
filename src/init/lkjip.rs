//! A new year's Laporan Kinerja files from last year's: renstra.yaml
//! carried as it is (a five-year plan does not move with the year), last
//! year's results written into kinerja-lalu.yaml from its TW IV
//! realisasi, and lkjip.yaml's signing date moved with the year.

use crate::content::{tulis, Angka, Berkas, Report, Source, KABUPATEN, NARASI};
use crate::lkjip::{KINERJA_LALU, RENSTRA};

/// What last year (`lama`) of the report in `folder` (`""` or `kec/`) of
/// `files` achieved for each IKU of its renstra.yaml: kinerja-lalu.yaml
/// with that year added (its text `lalu` if there was one). `Err` with
/// why when it cannot be worked out (no TW IV realisasi, files that do not
/// load); `Ok(None)` when the report has no Renstra.
pub(super) fn kinerja_lalu(
    files: &[Berkas],
    folder: &str,
    lama: i32,
    label: &str,
) -> Result<Option<String>, String> {
    if !files
        .iter()
        .any(|(n, _)| *n == format!("{folder}{RENSTRA}"))
    {
        return Ok(None);
    }
    let own: Vec<Berkas> = files
        .iter()
        .filter_map(|(n, b)| {
            n.strip_prefix(folder)
                .map(|rel| (rel.to_owned(), b.clone()))
        })
        .filter(|(rel, _)| !folder.is_empty() || !rel.contains("/../"))
        .collect();
    let mut source = Source::memory(label, label, own);
    if !folder.is_empty() {
        let shared: Vec<Berkas> = files
            .iter()
            .filter(|(n, _)| n == KABUPATEN || n == NARASI)
            .cloned()
            .collect();
        source = source.in_batch(Source::memory(label, "", shared));
    }
    let report = Report::load(source).map_err(|_| "laporannya tidak dapat dibaca".to_owned())?;
    let data = crate::lkjip::muat(&report).map_err(|_| {
        "berkas Laporan Kinerjanya tidak dapat dibaca (`renaksi check` menyebut sebabnya)"
            .to_owned()
    })?;
    let realisasi = crate::realisasi::muat(&report)
        .map_err(|_| "berkas realisasinya tidak dapat dibaca".to_owned())?;
    if realisasi.tw[3].is_none() {
        return Err(format!("realisasi Triwulan IV {lama} belum ada"));
    }
    let eval = crate::monitoring::evaluasi::evaluasi(&report, &realisasi, 4);
    let mut blok = format!(
        "  {lama}:\n    # Dihitung oleh `renaksi init` dari realisasi Triwulan IV {lama} ({label}).\n    iku:\n"
    );
    let mut ada = false;
    for (_, _, iku) in crate::lkjip::semua_iku(&data.renstra.isi) {
        let Some(e) = eval.indikator().find(|e| e.kunci == iku.indikator) else {
            continue;
        };
        let Some(r) = e.hasil.realisasi else {
            continue;
        };
        ada = true;
        blok.push_str(&format!(
            "      {}:\n        target: {}\n        realisasi: {}\n",
            iku.indikator,
            tulis::angka(e.indikator.target),
            tulis::angka(Angka(crate::monitoring::hitung::dua_desimal(r))),
        ));
    }
    if !ada {
        return Err(format!("tidak ada IKU dengan realisasi {lama}"));
    }
    let text = match &data.lalu {
        Some(lalu) if lalu.isi.tahun.get(lama).is_some() => {
            return Err(format!("{KINERJA_LALU} sudah berisi tahun {lama}"));
        }
        Some(lalu) => {
            let mut t = lalu.text.clone();
            if !t.ends_with('\n') {
                t.push('\n');
            }
            t.push_str(&blok);
            t
        }
        None => format!(
            "# yaml-language-server: $schema={}.schema/kinerja-lalu.schema.json\n# Kinerja IKU tahun-tahun sebelumnya, untuk Laporan Kinerja (lihat docs/lkjip.md).\ntahun:\n{blok}",
            if folder.is_empty() { "" } else { "../" }
        ),
    };
    Ok(Some(text))
}

/// The forms of a report's Laporan Kinerja, made from its Lampiran:
/// renstra.yaml with the head of office's sasaran as sasaran strategis
/// and their indicators as IKU (this year's target the Lampiran's), the
/// period and tujuan to be filled in; and lkjip.yaml with the chapters of
/// the document, texts that the figures fill in, and placeholders for what
/// only the office can write. Their modelines point where laporan.yaml's
/// does.
pub fn formulir(report: &Report) -> (String, String) {
    use tulis::{angka, scalar};
    let id = &report.identitas;
    let tahun = id.tahun;
    let keys = crate::realisasi::kunci::Kunci::dari(report);
    let tabel = report.tabel_kepala();
    const MODELINE: &str = "# yaml-language-server: $schema=";
    let skema = |jenis: &str| {
        report
            .identitas_text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix(MODELINE))
            .and_then(|t| t.strip_suffix("laporan.schema.json"))
            .map(|dir| format!("{MODELINE}{dir}{jenis}.schema.json\n"))
            .unwrap_or_default()
    };
    let mut renstra = format!(
        "{}\
         # Rencana Strategis: tujuan, sasaran strategis dan indikator kinerja utama (IKU)\n\
         # dengan target per tahun. Dibuat dari Lampiran oleh renaksi: isi periode, tujuan\n\
         # dan target tahun-tahun lain dari dokumen Renstra. Lihat docs/lkjip.md.\n\
         mulai: {tahun}\n\
         akhir: {}\n\
         tujuan:\n  - uraian: \"[isi: tujuan Renstra]\"\n    sasaran:\n",
        skema("renstra"),
        tahun + 4
    );
    let pejabat = report
        .lampiran
        .get(tabel)
        .and_then(|l| l.table.pejabat.first());
    for (s, sasaran) in pejabat
        .map(|p| p.sasaran.as_slice())
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        renstra.push_str(&format!(
            "      - uraian: {}\n        iku:\n",
            scalar(&sasaran.uraian)
        ));
        for ind in &sasaran.indikator {
            let Some(key) = keys.indikator.iter().find(|l| {
                l.tabel == tabel
                    && l.pejabat.0 == 0
                    && l.sasaran.0 == s
                    && std::ptr::eq(l.indikator, ind)
            }) else {
                continue;
            };
            renstra.push_str(&format!(
                "          # {} ({})\n          - indikator: {}\n            target:\n              {tahun}: {}\n",
                ind.uraian,
                ind.satuan,
                key.kunci,
                angka(ind.target)
            ));
        }
    }
    let lkjip = format!(
        "{}\
         # Narasi Laporan Kinerja (LKjIP) dalam Markdown; tabel dan angka BAB III dihitung\n\
         # renaksi. Variabel: {{{{ tahun }}}}, {{{{ kecamatan }}}}, {{{{ capaian.rata_rata }}}}, … (docs/lkjip.md).\n\
         # Ganti setiap tempat isian [isi: …] dengan isinya.\n\
         tanggal: {}-01-31\n\
         kata_pengantar: |\n  Laporan Kinerja Kantor Camat {{{{ kecamatan }}}} Tahun {{{{ tahun }}}} disusun sebagai pertanggungjawaban atas pelaksanaan tugas dan fungsi selama Tahun {{{{ tahun }}}}, sebagaimana diamanatkan Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014.\n\
         ikhtisar: |\n  Laporan Kinerja Kantor Camat {{{{ kecamatan }}}} Tahun {{{{ tahun }}}} mengukur {{{{ iku.jumlah }}}} indikator kinerja utama (IKU) Rencana Strategis {{{{ renstra.periode }}}}. {{{{ iku.tercapai }}}} IKU mencapai atau melampaui targetnya dan {{{{ iku.belum_tercapai }}}} IKU belum: {{{{ capaian.kategori }}}}. Rata-rata capaian IKU sebesar {{{{ capaian.rata_rata }}}}% dengan predikat **{{{{ capaian.predikat }}}}**. Anggaran {{{{ anggaran.pagu }}}} terealisasi {{{{ anggaran.realisasi }}}} ({{{{ anggaran.serapan }}}}%).\n\
         pendahuluan:\n\
         \x20 - judul: Latar Belakang\n    isi: |\n      [isi: latar belakang]\n\
         \x20 - judul: Struktur Organisasi\n    isi: |\n      [isi: struktur organisasi kantor camat]\n\
         \x20 - judul: Tugas dan Fungsi\n    isi: |\n      [isi: tugas dan fungsi]\n\
         \x20 - judul: Sumber Daya\n    isi: |\n      [isi: sumber daya manusia, sarana dan prasarana]\n\
         \x20 - judul: Isu Strategis\n    isi: |\n      [isi: isu strategis]\n\
         \x20 - judul: Sistematika Penyajian\n    isi: |\n      Laporan ini terdiri atas Ikhtisar Eksekutif; BAB I Pendahuluan; BAB II Perencanaan Kinerja; BAB III Akuntabilitas Kinerja, yang memuat capaian kinerja organisasi dan realisasi anggaran; BAB IV Penutup; serta Lampiran Perjanjian Kinerja.\n\
         kesimpulan: |\n  Kinerja Kantor Camat {{{{ kecamatan }}}} Tahun {{{{ tahun }}}} berpredikat **{{{{ capaian.predikat }}}}** dengan rata-rata capaian IKU {{{{ capaian.rata_rata }}}}%. [isi: kesimpulan]\n\
         rekomendasi: |\n  [isi: rekomendasi untuk tahun berikutnya]\n",
        skema("lkjip"),
        tahun + 1
    );
    (renstra, lkjip)
}

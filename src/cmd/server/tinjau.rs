//! Submitting, returning, approving and reopening a kecamatan's documents
//! under `renaksi server` (the states are in [`super::alur`]): each move
//! is one commit of `.renaksi/alur/KEC.yaml` authored by its user, made
//! under the save lock; an approval adds the final PDF of the approved
//! commit (`--final --jejak`, so `renaksi verify` can prove it) in the
//! same commit and tags it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

use renaksi::content::Dokumen;
use renaksi::Error;

use super::super::serve::{self as editor, Masukan, Tanya};
use super::alur::{self, Alur, Jejak, Langkah, Tahap};
use super::{blocking, galat, repo, Izin, Server};

/// The largest state file read.
const MAKS_ALUR: renaksi::fs::Batas = renaksi::fs::Batas {
    jenis: "berkas alur",
    bita: 1 << 20,
};

/// The state file of `kec`, inside the batch folder.
pub fn alur_rel(kec: &str) -> String {
    format!(".renaksi/alur/{kec}.yaml")
}

/// The states of `kec`'s documents as committed.
pub fn baca(root: &Path, kec: &str) -> Result<Alur, Error> {
    baca_yaml(root, &alur_rel(kec), "alur")
}

/// A file the server writes in `.renaksi/` (`apa`: what it holds, for the
/// message), read within its bound; none there is its empty value.
fn baca_yaml<T: serde::de::DeserializeOwned + Default>(
    root: &Path,
    rel: &str,
    apa: &str,
) -> Result<T, Error> {
    let Some(bytes) = renaksi::fs::baca_jika_ada(&root.join(rel), MAKS_ALUR)? else {
        return Ok(T::default());
    };
    serde_yaml::from_slice(&bytes).map_err(|e| {
        Error::from(
            renaksi::Problem::new(rel, format!("berkas {apa} tidak dapat dibaca: {e}")).hint(
                "berkas ini ditulis oleh renaksi server; pulihkan dari git (`git log` berkas itu)",
            ),
        )
    })
}

/// Writes each of `tulis` (a path inside the batch folder and its new
/// text) and commits them with `dibuat` (files this move already wrote,
/// new) as one commit by the user. When anything fails every file is as
/// it was: those written put back, the new ones removed.
fn tulis_commit(
    server: &Server,
    izin: &Izin,
    tulis: &[(String, String)],
    dibuat: &[String],
    pesan: &str,
) -> Result<String, Error> {
    let lama: Vec<(PathBuf, Option<Vec<u8>>)> = tulis
        .iter()
        .map(|(rel, _)| {
            let path = server.root.join(rel);
            let bytes = std::fs::read(&path).ok();
            (path, bytes)
        })
        .collect();
    let files: Vec<String> = tulis
        .iter()
        .map(|(rel, _)| rel.clone())
        .chain(dibuat.iter().cloned())
        .collect();
    let hasil = tulis
        .iter()
        .try_for_each(|(rel, teks)| {
            renaksi::fs::write_atomic(&server.root.join(rel), teks.as_bytes())
        })
        .and_then(|()| {
            server
                .repo
                .commit(&files, (&izin.pengguna.nama, &izin.pengguna.email), pesan)
        });
    if hasil.is_err() {
        for (path, bytes) in &lama {
            let _ = match bytes {
                Some(b) => renaksi::fs::write_atomic(path, b),
                None => std::fs::remove_file(path).map_err(|e| Error::io("", path, e)),
            };
        }
        for rel in dibuat {
            let _ = std::fs::remove_file(server.root.join(rel));
        }
    }
    hasil
}

/// Why the file `rel` of `kec` may not be changed now, by the states
/// `alur` of its documents: one it makes is submitted or approved.
pub fn terkunci(alur: &Alur, kec: &str, rel: &str) -> Option<String> {
    let inner = rel.strip_prefix(&format!("{kec}/"))?;
    alur::dokumen_berkas(inner).into_iter().find_map(|d| {
        let t = alur.tahap(d);
        t.terkunci().then(|| {
            format!(
                "{} kecamatan {kec} sedang {}: {rel} tidak dapat diubah sampai dokumen itu dikembalikan atau dibuka kembali",
                alur::nama_dokumen(d).unwrap_or(d),
                t.kata()
            )
        })
    })
}

/// Why the files `rel` of `kec` may not be changed now (the states read
/// once for all of them); a state file that does not read locks nothing,
/// as before it was written.
pub fn terkunci_semua<'a>(
    root: &Path,
    kec: &str,
    rel: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let alur = baca(root, kec).ok()?;
    rel.into_iter().find_map(|r| terkunci(&alur, kec, r))
}

/// Every document of the kecamatan the request names, its state, its
/// moves, and the moves this user may make now.
pub async fn alur_json(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    let (kec, _) = ruang!(izin);
    blocking(move || match baca(&server.root, &kec) {
        Ok(alur) => Json(keadaan_json(&alur, &izin, &kec)).into_response(),
        Err(err) => editor::salah(&err),
    })
    .await
}

fn keadaan_json(alur: &Alur, izin: &Izin, kec: &str) -> serde_json::Value {
    let dokumen: Vec<serde_json::Value> = alur::DOKUMEN
        .iter()
        .map(|(key, nama)| {
            let status = alur.dokumen.get(*key).cloned().unwrap_or_default();
            let boleh: Vec<&str> = [
                Langkah::Ajukan,
                Langkah::Kembalikan,
                Langkah::Setujui,
                Langkah::Buka,
            ]
            .into_iter()
            .filter(|l| alur::pindah(status.tahap, *l, &izin.pengguna, kec).is_ok())
            .map(langkah_kata)
            .collect();
            json!({
                "kunci": key,
                "nama": nama,
                "tahap": status.tahap.kata(),
                "disetujui": status.disetujui,
                "riwayat": status.riwayat,
                "boleh": boleh,
            })
        })
        .collect();
    json!({ "kecamatan": kec, "dokumen": dokumen })
}

fn langkah_kata(l: Langkah) -> &'static str {
    match l {
        Langkah::Ajukan => "ajukan",
        Langkah::Kembalikan => "kembalikan",
        Langkah::Setujui => "setujui",
        Langkah::Buka => "buka",
    }
}

#[derive(Deserialize)]
pub struct Gerak {
    dokumen: String,
    langkah: Langkah,
    #[serde(default)]
    catatan: String,
}

/// One move of one document: checked against its state and the user's
/// role, recorded as a commit (and an approval as a tag with its final
/// PDF).
pub async fn gerak(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<Gerak>,
) -> Response {
    let (kec, ruangan) = ruang!(izin);
    if alur::nama_dokumen(&body.dokumen).is_none() {
        return galat(StatusCode::NOT_FOUND, "dokumen itu tidak ada");
    }
    if body.catatan.len() > 4000 {
        return galat(
            StatusCode::PAYLOAD_TOO_LARGE,
            "catatan paling panjang 4.000 byte",
        );
    }
    blocking(move || {
        // What the operator submits is what is saved: unsaved edits of its
        // own workspace are saved (or dropped) first.
        if body.langkah == Langkah::Ajukan && !ruangan.lock().ruang.kotor().is_empty() {
            return galat(
                StatusCode::CONFLICT,
                "simpan dulu suntingan yang belum disimpan; yang diajukan adalah versi yang tersimpan",
            );
        }
        match jalankan(&server, &izin, &kec, &body) {
            Ok(alur) => {
                let nama = alur::nama_dokumen(&body.dokumen).unwrap_or("dokumen");
                let kepada = match body.langkah {
                    Langkah::Ajukan => Kepada::Verifikator,
                    _ => Kepada::Operator,
                };
                let catatan = if body.catatan.trim().is_empty() {
                    String::new()
                } else {
                    format!("\n\nCatatan: {}", body.catatan.trim())
                };
                beri_tahu(
                    &server,
                    &kec,
                    kepada,
                    &format!("{nama} kecamatan {kec} {}", body.langkah.kata()),
                    &format!(
                        "{nama} kecamatan {kec} {} oleh {}.{catatan}",
                        body.langkah.kata(),
                        izin.pengguna.nama
                    ),
                );
                Json(keadaan_json(&alur, &izin, &kec)).into_response()
            }
            Err(tolak) => tolak.jawab(),
        }
    })
    .await
}

enum Tolak {
    Peran(String),
    Tahap(String),
    Galat(Error),
}

impl Tolak {
    /// The answer: a role's move refused (403), a move from the wrong
    /// state (409), or what went wrong.
    fn jawab(self) -> Response {
        match self {
            Tolak::Peran(why) => galat(StatusCode::FORBIDDEN, &why),
            Tolak::Tahap(why) => galat(StatusCode::CONFLICT, &why),
            Tolak::Galat(err) => editor::salah(&err),
        }
    }
}

impl From<Error> for Tolak {
    fn from(e: Error) -> Self {
        Tolak::Galat(e)
    }
}

fn jalankan(server: &Server, izin: &Izin, kec: &str, body: &Gerak) -> Result<Alur, Tolak> {
    // The same lock as every save: the state, the files it was made on and
    // its commit move together.
    let _kunci = renaksi::fs::kunci_simpan()?;
    let mut alur = baca(&server.root, kec)?;
    let sekarang = alur.tahap(&body.dokumen);
    let baru = alur::pindah(sekarang, body.langkah, &izin.pengguna, kec).map_err(|s| match s {
        alur::Salah::Peran(why) => Tolak::Peran(why),
        alur::Salah::Tahap(why) => Tolak::Tahap(why),
    })?;
    let head = server.repo.head()?;
    let nama = alur::nama_dokumen(&body.dokumen).unwrap_or("dokumen");
    // An approval's final PDF, its manifest (and a signing sidecar), in
    // the same commit.
    let mut dibuat = Vec::new();
    if body.langkah == Langkah::Setujui {
        let rel = arsip_rel(kec, &body.dokumen, &head);
        let manifest_rel = rel.replace(".pdf", ".json");
        let pdf = server.root.join(&rel);
        bangun_final(
            server,
            kec,
            &body.dokumen,
            &pdf,
            &server.root.join(&manifest_rel),
        )?;
        let sidecar = renaksi::pdf::sidecar_path(&pdf);
        dibuat.push(rel);
        dibuat.push(manifest_rel);
        if let Ok(inner) = sidecar.strip_prefix(&server.root) {
            if sidecar.exists() {
                dibuat.push(inner.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut tulis = Vec::new();
    // A Rencana Aksi reopened is a Perubahan of the version approved: its
    // laporan.yaml names that approval's tag as its previous version, in
    // the same commit.
    if body.langkah == Langkah::Buka && body.dokumen == "rencana-aksi" {
        let n = status_disetujui(&alur, &body.dokumen);
        let tag = format!("renaksi/{kec}/rencana-aksi/disetujui-{n}");
        tulis.push(laporan_perubahan(&server.root, kec, &tag)?);
    }
    let status = alur.dokumen.entry(body.dokumen.clone()).or_default();
    status.tahap = baru;
    if baru == Tahap::Disetujui {
        status.disetujui = Some(head.clone());
    }
    status.riwayat.push(Jejak {
        tahap: baru,
        oleh: izin.login.clone(),
        nama: izin.pengguna.nama.clone(),
        waktu: repo::sekarang(),
        commit: head.clone(),
        catatan: body.catatan.trim().to_owned(),
    });
    tulis.push((
        alur_rel(kec),
        format!(
            "# Keadaan dokumen kecamatan {kec}, ditulis oleh renaksi server; setiap perubahan satu commit.\n{}",
            serde_yaml::to_string(&alur).expect("states serialize")
        ),
    ));
    let mut pesan = format!("{kec}: {nama} {}", body.langkah.kata());
    if !body.catatan.trim().is_empty() {
        pesan.push_str(&format!("\n\n{}", body.catatan.trim()));
    }
    let commit = tulis_commit(server, izin, &tulis, &dibuat, &pesan)?;
    if baru == Tahap::Disetujui {
        let n = status_disetujui(&alur, &body.dokumen);
        server.repo.tag(
            &format!("renaksi/{kec}/{}/disetujui-{n}", body.dokumen),
            &commit,
        )?;
    }
    Ok(alur)
}

/// laporan.yaml of `kec` as a Perubahan of the version tagged `tag`
/// (`perubahan: true`, `versi_sebelumnya.git: TAG`), written by the
/// editor's canonical writer with its comments kept; its path and text.
fn laporan_perubahan(root: &Path, kec: &str, tag: &str) -> Result<(String, String), Error> {
    let rel = format!("{kec}/{}", renaksi::content::LAPORAN);
    let mut ruang = super::super::serve::ruang::Ruang::open_kecamatan(root, kec)?;
    let (nilai, versi) = ruang
        .nilai(&rel)
        .map(|(n, v)| (n.clone(), v))
        .ok_or_else(|| Error::Usage {
            message: format!("{rel} tidak ada"),
            hint: "periksa folder kecamatan itu".into(),
        })?;
    let mut nilai = nilai;
    nilai["perubahan"] = json!(true);
    nilai["versi_sebelumnya"] = json!({ "git": tag });
    ruang.ubah(&rel, nilai, versi).map_err(|e| match e {
        super::super::serve::ruang::Ubah::Galat(err) => err,
        super::super::serve::ruang::Ubah::Basi(_) => Error::Internal("versi berubah".into()),
    })?;
    let teks = ruang.teks(&rel).unwrap_or_default().to_owned();
    Ok((rel, teks))
}

/// How many times the document has been approved, this one included.
fn status_disetujui(alur: &Alur, dokumen: &str) -> usize {
    alur.dokumen
        .get(dokumen)
        .map(|s| {
            s.riwayat
                .iter()
                .filter(|j| j.tahap == Tahap::Disetujui)
                .count()
        })
        .unwrap_or(0)
}

/// Where the final PDF of an approval of `dokumen` made on `commit` is kept.
pub fn arsip_rel(kec: &str, dokumen: &str, commit: &str) -> String {
    format!(
        ".renaksi/arsip/{kec}/{kec}-{dokumen}-{}.pdf",
        &commit[..commit.len().min(12)]
    )
}

/// Builds the final PDF of `dokumen` of `kec` as it is on disk (the commit
/// HEAD names: the tree is clean under the save lock) into `target`, with
/// its provenance, as `renaksi build --final --jejak` does; and its
/// manifest (the batch manifest's format, one entry) into `manifest`.
fn bangun_final(
    server: &Server,
    kec: &str,
    dokumen: &str,
    target: &Path,
    manifest: &Path,
) -> Result<(), Error> {
    let jenis = match dokumen {
        "rencana-aksi" => Dokumen::RencanaAksi,
        "pk" => Dokumen::Pk,
        "lkjip" => Dokumen::Lkjip,
        d => match d.strip_prefix("monitoring-").and_then(|n| n.parse().ok()) {
            Some(n) => Dokumen::Monitoring(n),
            None => {
                return Err(Error::Usage {
                    message: format!("dokumen `{d}` tidak dikenal"),
                    hint: "muat ulang halaman".into(),
                })
            }
        },
    };
    let dir = server.root.join(kec);
    let plan = renaksi::build::Plan {
        dokumen: jenis,
        gabung: true,
        final_: true,
        jejak: true,
        git: renaksi::jejak::git(&dir),
        ..renaksi::build::Plan::new(Some(dir), target.to_path_buf())
    };
    let started = std::time::Instant::now();
    let built = plan.run()?;
    let Some(pdf) = built.ditulis.first() else {
        return Err(Error::Internal("susunan final tidak menulis PDF".into()));
    };
    // The batch manifest's record of this one PDF.
    let entry = renaksi::batch::HasilSusun {
        folder: kec.to_owned(),
        kecamatan: Some(built.report.identitas.kecamatan.clone()),
        result: Ok(renaksi::batch::Dibuat::pdf(
            target,
            pdf.output.pages,
            &pdf.output.pdf,
        )),
        milliseconds: started.elapsed().as_millis() as u64,
    }
    .entry();
    let m = renaksi::batch::Manifest {
        versi: renaksi::fs::VERSI_JSON,
        dokumen: Some(dokumen.to_owned()),
        laporan: vec![entry],
    };
    m.write(manifest)
}

#[derive(Deserialize)]
pub struct Unduh {
    dokumen: String,
}

/// The final PDF of the last approval of a document.
pub async fn arsip(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Tanya(q): Tanya<Unduh>,
) -> Response {
    let (kec, _) = ruang!(izin);
    blocking(move || {
        let alur = match baca(&server.root, &kec) {
            Ok(a) => a,
            Err(err) => return editor::salah(&err),
        };
        let Some(commit) = alur
            .dokumen
            .get(&q.dokumen)
            .and_then(|s| s.disetujui.clone())
        else {
            return galat(StatusCode::NOT_FOUND, "dokumen ini belum pernah disetujui");
        };
        let rel = arsip_rel(&kec, &q.dokumen, &commit);
        match renaksi::fs::baca(&server.root.join(&rel), renaksi::fs::PDF) {
            Ok(pdf) => (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!(
                            "attachment; filename=\"{}\"",
                            rel.rsplit('/').next().unwrap_or("final.pdf")
                        ),
                    ),
                ],
                pdf,
            )
                .into_response(),
            Err(err) => editor::salah(&err),
        }
    })
    .await
}

/// Puts back the tag of every approval whose commit is there but whose
/// tag is not (the server stopped between the two): an approval is its
/// commit; the tag only names it. Called at start, before serving.
pub fn tag_yang_hilang(
    root: &Path,
    repo: &repo::Repo,
    kecamatan: &[String],
) -> Result<Vec<String>, Error> {
    let mut dibuat = Vec::new();
    for kec in kecamatan {
        let alur = baca(root, kec)?;
        for (dokumen, status) in &alur.dokumen {
            let approvals = status
                .riwayat
                .iter()
                .filter(|j| j.tahap == Tahap::Disetujui);
            for (i, jejak) in approvals.enumerate() {
                let name = format!("renaksi/{kec}/{dokumen}/disetujui-{}", i + 1);
                if repo.ada_tag(&name)? {
                    continue;
                }
                let rel = arsip_rel(kec, dokumen, &jejak.commit);
                if let Some(commit) = repo.yang_menambah(&rel)? {
                    repo.tag(&name, &commit)?;
                    dibuat.push(name);
                }
            }
        }
    }
    Ok(dibuat)
}

/// What changed in the report of the kecamatan since each document was
/// last approved, as `renaksi diff` says it: for the review.
pub async fn sejak_disetujui(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    let (kec, _) = ruang!(izin);
    blocking(move || {
        let alur = match baca(&server.root, &kec) {
            Ok(a) => a,
            Err(err) => return editor::salah(&err),
        };
        let dir = server.root.join(&kec);
        let sekarang =
            renaksi::content::Source::from_dir(&dir).and_then(renaksi::content::Report::load);
        let dokumen: Vec<serde_json::Value> = alur::DOKUMEN
            .iter()
            .filter_map(|(key, nama)| {
                let commit = alur.dokumen.get(*key)?.disetujui.clone()?;
                let lama =
                    renaksi::git::source(&dir, &commit).and_then(renaksi::content::Report::load);
                let baris: Vec<String> = match (&lama, &sekarang) {
                    (Ok(a), Ok(b)) => match renaksi::diff::reports(a, b) {
                        Ok(c) => c.iter().map(|c| c.to_string()).collect(),
                        Err(e) => vec![e.to_string()],
                    },
                    (Err(e), _) | (_, Err(e)) => vec![e.to_string()],
                };
                Some(json!({"kunci": key, "nama": nama, "commit": commit, "perubahan": baris}))
            })
            .collect();
        Json(json!({"kecamatan": kec, "dokumen": dokumen})).into_response()
    })
    .await
}

/// One comment of a verifikator, fixed to an item of a file (its YAML
/// path), and the operator's answer.
#[derive(Debug, Clone, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Komentar {
    pub id: u64,
    pub dokumen: String,
    pub berkas: String,
    pub jalur: String,
    pub teks: String,
    pub oleh: String,
    pub nama: String,
    pub waktu: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jawaban: Option<Jawaban>,
}

#[derive(Debug, Clone, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jawaban {
    pub teks: String,
    pub oleh: String,
    pub nama: String,
    pub waktu: String,
}

#[derive(Debug, Clone, Default, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaftarKomentar {
    #[serde(default)]
    pub komentar: Vec<Komentar>,
}

pub fn komentar_rel(kec: &str) -> String {
    format!(".renaksi/komentar/{kec}.yaml")
}

pub fn baca_komentar(root: &Path, kec: &str) -> Result<DaftarKomentar, Error> {
    baca_yaml(root, &komentar_rel(kec), "komentar")
}

/// The comments of the kecamatan the request names.
pub async fn komentar_json(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
) -> Response {
    let (kec, _) = ruang!(izin);
    blocking(move || match baca_komentar(&server.root, &kec) {
        Ok(d) => Json(json!({"kecamatan": kec, "komentar": d.komentar})).into_response(),
        Err(err) => editor::salah(&err),
    })
    .await
}

#[derive(Deserialize)]
pub struct KomentarBaru {
    berkas: String,
    #[serde(default)]
    jalur: String,
    teks: String,
}

#[derive(Deserialize)]
pub struct JawabKomentar {
    id: u64,
    #[serde(default)]
    teks: String,
}

/// A verifikator's comment on an item of a file of the kecamatan: one
/// commit of `.renaksi/komentar/KEC.yaml`.
pub async fn komentar_baru(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<KomentarBaru>,
) -> Response {
    let (kec, _) = ruang!(izin);
    let Some(inner) = body.berkas.strip_prefix(&format!("{kec}/")) else {
        return galat(
            StatusCode::FORBIDDEN,
            "komentar hanya pada berkas kecamatan ini",
        );
    };
    let teks = body.teks.trim().to_owned();
    if teks.is_empty() || teks.len() > 4000 || body.jalur.len() > 300 {
        return galat(
            StatusCode::UNPROCESSABLE_ENTITY,
            "komentar harus berisi (paling panjang 4.000 byte, jalur 300)",
        );
    }
    if inner.contains("..") || !server.root.join(&body.berkas).is_file() {
        return galat(
            StatusCode::NOT_FOUND,
            "berkas itu tidak ada di kecamatan ini",
        );
    }
    let dokumen = alur::dokumen_berkas(inner)[0].to_owned();
    blocking(move || {
        let (berkas, isi) = (body.berkas.clone(), teks.clone());
        let jawab = ubah_komentar(&server, &izin, &kec, |d| {
            let id = d.komentar.iter().map(|k| k.id).max().unwrap_or(0) + 1;
            let pesan = format!(
                "{kec}: komentar pada {} {}: {teks}",
                body.berkas, body.jalur
            );
            d.komentar.push(Komentar {
                id,
                dokumen,
                berkas: body.berkas,
                jalur: body.jalur,
                teks,
                oleh: izin.login.clone(),
                nama: izin.pengguna.nama.clone(),
                waktu: repo::sekarang(),
                jawaban: None,
            });
            Ok(pesan)
        });
        if jawab.status().is_success() {
            beri_tahu(
                &server,
                &kec,
                Kepada::Operator,
                &format!("komentar baru untuk kecamatan {kec}"),
                &format!(
                    "{} menulis komentar pada {berkas}:\n\n{isi}",
                    izin.pengguna.nama
                ),
            );
        }
        jawab
    })
    .await
}

/// The operator marks a comment answered (with what it did): one commit.
pub async fn komentar_jawab(
    State(server): State<Arc<Server>>,
    Extension(izin): Extension<Izin>,
    Masukan(body): Masukan<JawabKomentar>,
) -> Response {
    let (kec, _) = ruang!(izin);
    if body.teks.len() > 4000 {
        return galat(
            StatusCode::PAYLOAD_TOO_LARGE,
            "jawaban paling panjang 4.000 byte",
        );
    }
    blocking(move || {
        ubah_komentar(&server, &izin, &kec, |d| {
            let Some(k) = d.komentar.iter_mut().find(|k| k.id == body.id) else {
                return Err(Tolak::Tahap("komentar itu tidak ada".into()));
            };
            if k.jawaban.is_some() {
                return Err(Tolak::Tahap("komentar itu sudah dijawab".into()));
            }
            k.jawaban = Some(Jawaban {
                teks: body.teks.trim().to_owned(),
                oleh: izin.login.clone(),
                nama: izin.pengguna.nama.clone(),
                waktu: repo::sekarang(),
            });
            Ok(format!(
                "{kec}: komentar {} dijawab: {}",
                k.id,
                body.teks.trim()
            ))
        })
    })
    .await
}

/// Who a notice is for.
enum Kepada {
    /// Every verifikator.
    Verifikator,
    /// The operators of the kecamatan.
    Operator,
}

/// Tells the users concerned by e-mail, when the server has an SMTP relay
/// and they have addresses.
fn beri_tahu(server: &Server, kec: &str, kepada: Kepada, subjek: &str, isi: &str) {
    let Some(smtp) = &server.smtp else {
        return;
    };
    let daftar = server.daftar();
    let alamat: Vec<String> = daftar
        .pengguna
        .values()
        .filter(|p| match kepada {
            Kepada::Verifikator => p.peran == super::akun::Peran::Verifikator,
            Kepada::Operator => {
                p.peran == super::akun::Peran::Operator && p.kecamatan.iter().any(|k| k == kec)
            }
        })
        .map(|p| p.email.clone())
        .filter(|e| e.contains('@'))
        .collect();
    smtp.kirim(super::surel::Surel {
        kepada: alamat,
        subjek: format!("[renaksi] {subjek}"),
        isi: format!(
            "{isi}\n\nBuka: {}/?kecamatan={kec}\n\n-- \nrenaksi server {}\n",
            server.alamat_publik, server.nama
        ),
    });
}

/// Changes the comments of `kec` with `ubah` (which says the commit's
/// message) and commits them, under the save lock.
fn ubah_komentar(
    server: &Server,
    izin: &Izin,
    kec: &str,
    ubah: impl FnOnce(&mut DaftarKomentar) -> Result<String, Tolak>,
) -> Response {
    let hasil = (|| -> Result<DaftarKomentar, Tolak> {
        let _kunci = renaksi::fs::kunci_simpan()?;
        let mut d = baca_komentar(&server.root, kec)?;
        let pesan = ubah(&mut d)?;
        let teks = format!(
            "# Komentar tinjauan kecamatan {kec}, ditulis oleh renaksi server.\n{}",
            serde_yaml::to_string(&d).expect("comments serialize")
        );
        tulis_commit(server, izin, &[(komentar_rel(kec), teks)], &[], &pesan)?;
        Ok(d)
    })();
    match hasil {
        Ok(d) => Json(json!({"kecamatan": kec, "komentar": d.komentar})).into_response(),
        Err(tolak) => tolak.jawab(),
    }
}

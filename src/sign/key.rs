//! The signer's key and certificate chain from a PKCS#12 file, checked
//! before anything is signed: the password, a private key that matches the
//! certificate, a certificate valid now and allowed to sign.

use std::path::Path;

use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use sha2::Sha256;
use signature::{SignatureEncoding, Signer as _};
use x509_parser::prelude::{FromDer, X509Certificate};

use super::cms::{Algorithm, Signer};
use crate::error::Error;
use crate::format::waktu;

/// A private key of a kind renaksi signs with.
enum Key {
    Rsa(Box<rsa::pkcs1v15::SigningKey<Sha256>>),
    P256(p256::ecdsa::SigningKey),
}

/// A usable signing identity.
pub struct Identity {
    key: Key,
    certificate: Vec<u8>,
    chain: Vec<Vec<u8>>,
    issuer: Vec<u8>,
    serial: Vec<u8>,
    /// The certificate's common name, for the signature's /Name.
    pub name: String,
    /// The certificate's validity, Unix seconds: not before, not after.
    valid: (i64, i64),
}

impl Identity {
    /// Reads `path` (PKCS#12) with `password` and checks it at `now` (Unix
    /// seconds).
    pub fn load(path: &Path, password: &str, now: i64) -> Result<Self, Error> {
        let shown = path.display();
        let data = crate::fs::baca(path, crate::fs::P12)?;
        let store = KeyStore::from_pkcs12(&data, password, Pkcs12ImportPolicy::Strict).map_err(
            |e| match e {
                p12_keystore::error::Error::MacError(_) => Error::sign(
                    format!("kata sandi {shown} salah"),
                    "periksa baris pertama berkas --password-file, atau isi RENAKSI_P12_PASSWORD",
                ),
                _ => Error::sign(
                    format!("{shown} bukan berkas PKCS#12 yang dapat dibaca (strukturnya rusak, atau disandikan dengan cara yang tidak dikenal)"),
                    "ekspor ulang kunci dan sertifikat sebagai .p12/.pfx, misalnya `openssl pkcs12 -export`",
                ),
            },
        )?;
        let Some((_, chain)) = store.private_key_chain() else {
            return Err(Error::sign(
                format!("{shown} tidak berisi kunci privat beserta sertifikatnya"),
                "ekspor ulang dengan kunci privat (`openssl pkcs12 -export -inkey kunci.pem -in sertifikat.pem`)",
            ));
        };
        let certs = chain.certs();
        let Some(leaf) = certs.first() else {
            return Err(Error::sign(
                format!("{shown} tidak berisi sertifikat untuk kuncinya"),
                "ekspor ulang bersama sertifikat penandatangan",
            ));
        };
        let certificate = leaf.as_der().to_vec();
        let (_, cert) = X509Certificate::from_der(&certificate).map_err(|_| {
            Error::sign(
                format!(
                    "sertifikat di {shown} tidak dapat dibaca (bukan sertifikat X.509 yang sah)"
                ),
                "ekspor ulang sertifikat penandatangan",
            )
        })?;
        let key = decode_key(chain.key().as_der()).ok_or_else(|| {
            Error::sign(
                format!("jenis kunci di {shown} tidak didukung"),
                "pakai kunci RSA (2048 bit atau lebih) atau ECDSA P-256",
            )
        })?;
        if public_key(&key) != cert.tbs_certificate.subject_pki.raw {
            return Err(Error::sign(
                format!("kunci privat di {shown} bukan pasangan sertifikatnya"),
                "ekspor ulang kunci bersama sertifikat yang diterbitkan untuknya",
            ));
        }
        let valid = (
            cert.validity().not_before.timestamp(),
            cert.validity().not_after.timestamp(),
        );
        let name = cert
            .subject()
            .iter_common_name()
            .next()
            .and_then(|cn| cn.as_str().ok())
            .unwrap_or("")
            .to_owned();
        if now < valid.0 {
            return Err(Error::sign(
                format!("sertifikat {name} belum berlaku (mulai {})", waktu(valid.0)),
                "tunggu sampai sertifikat berlaku atau pakai sertifikat lain",
            ));
        }
        if now > valid.1 {
            return Err(Error::sign(
                format!("sertifikat {name} sudah kedaluwarsa ({})", waktu(valid.1)),
                "perpanjang sertifikat pada penerbitnya dan ekspor ulang berkas .p12",
            ));
        }
        if let Ok(Some(usage)) = cert.key_usage() {
            if !usage.value.digital_signature() && !usage.value.non_repudiation() {
                return Err(Error::sign(
                    format!("sertifikat {name} tidak boleh dipakai untuk tanda tangan (keyUsage tanpa digitalSignature)"),
                    "minta sertifikat penandatanganan dokumen (keyUsage digitalSignature atau nonRepudiation)",
                ));
            }
        }
        Ok(Identity {
            valid,
            issuer: cert.tbs_certificate.issuer.as_raw().to_vec(),
            serial: cert.tbs_certificate.raw_serial().to_vec(),
            chain: certs[1..].iter().map(|c| c.as_der().to_vec()).collect(),
            certificate,
            key,
            name,
        })
    }

    /// Refuses a signing time (Unix seconds) the certificate did not cover:
    /// a signature cannot claim to be made before its certificate was
    /// issued, or after it expired.
    pub fn covers(&self, time: i64) -> Result<(), Error> {
        let (from, to) = self.valid;
        let when = if time < from {
            "sebelum sertifikat"
        } else if time > to {
            "sesudah sertifikat"
        } else {
            return Ok(());
        };
        let state = if time < from { "terbit" } else { "kedaluwarsa" };
        let now = chrono::DateTime::from_timestamp(super::now(), 0)
            .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default();
        Err(Error::sign(
            format!(
                "waktu tanda tangan {} jatuh {when} {} {state}: sertifikat berlaku {} sampai {}",
                waktu(time),
                self.name,
                waktu(from),
                waktu(to)
            ),
            format!(
                "tanpa --signing-time dipakai tanggal laporan; beri --signing-time di dalam masa berlaku \
                 sertifikat (misalnya sekarang: --signing-time {now}), atau pakai sertifikat yang \
                 berlaku pada waktu itu"
            ),
        ))
    }

    /// What the CMS structure needs to name this signer.
    pub fn signer(&self) -> Signer<'_> {
        Signer {
            certificate: &self.certificate,
            issuer: &self.issuer,
            serial: &self.serial,
            chain: &self.chain,
            algorithm: match self.key {
                Key::Rsa(_) => Algorithm::RsaSha256,
                Key::P256(_) => Algorithm::EcdsaSha256,
            },
        }
    }

    /// Signs `message` (hashing it with SHA-256 as part of the algorithm).
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        match &self.key {
            Key::Rsa(key) => key.sign(message).to_vec(),
            Key::P256(key) => {
                let signature: p256::ecdsa::DerSignature = key.sign(message);
                signature.to_vec()
            }
        }
    }
}

fn decode_key(pkcs8: &[u8]) -> Option<Key> {
    if let Ok(key) = rsa::RsaPrivateKey::from_pkcs8_der(pkcs8) {
        return Some(Key::Rsa(Box::new(rsa::pkcs1v15::SigningKey::new(key))));
    }
    p256::ecdsa::SigningKey::from_pkcs8_der(pkcs8)
        .ok()
        .map(Key::P256)
}

/// The key's public half as SubjectPublicKeyInfo DER.
fn public_key(key: &Key) -> Vec<u8> {
    let der = match key {
        Key::Rsa(key) => rsa::RsaPublicKey::from(key.as_ref().as_ref()).to_public_key_der(),
        Key::P256(key) => key.verifying_key().to_public_key_der(),
    };
    der.map(|d| d.as_bytes().to_vec()).unwrap_or_default()
}

//! A test identity for trying `--sign` without a BSrE certificate: a
//! throwaway CA ("CA Uji renaksi — bukan BSrE") and a certificate it issues
//! to the report's signing official, both ECDSA P-256, valid over the
//! report's dates, with the signer's key in a PKCS#12 file. PDF readers
//! call such a signature untrusted until the CA is trusted by hand: it is
//! for trying, never for a document that goes out.

use chrono::{Datelike, NaiveDate};
use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
use rcgen::{
    date_time_ymd, BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, KeyPair,
    KeyUsagePurpose,
};

use crate::error::Error;

/// What the CA is called in every certificate it issues.
pub const CA: &str = "CA Uji renaksi (bukan BSrE)";

/// A test identity, ready to write.
pub struct Uji {
    /// The CA's certificate (PEM): what a PDF reader is told to trust.
    pub ca_pem: String,
    /// The signer's key and certificate chain (PKCS#12).
    pub p12: Vec<u8>,
    /// The PKCS#12 password, drawn at random.
    pub sandi: String,
}

/// A CA and a certificate it issues to `nama`, valid from 1 January of the
/// year of `dari` to 31 December of the year after `sampai` (a report's
/// fourth-quarter report is signed early the next year).
pub fn buat(nama: &str, dari: NaiveDate, sampai: NaiveDate) -> Result<Uji, Error> {
    let gagal = |e: &dyn std::fmt::Display| {
        Error::Internal(format!("sertifikat uji tidak dapat dibuat: {e}"))
    };
    let mulai = date_time_ymd(dari.year(), 1, 1);
    let akhir = date_time_ymd(sampai.year() + 1, 12, 31);
    let nama_dn = |cn: &str| {
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, cn);
        dn
    };

    let ca_key = KeyPair::generate().map_err(|e| gagal(&e))?;
    let mut ca = CertificateParams::new(Vec::<String>::new()).map_err(|e| gagal(&e))?;
    ca.distinguished_name = nama_dn(CA);
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    ca.not_before = mulai;
    ca.not_after = akhir;
    let ca_cert = ca.self_signed(&ca_key).map_err(|e| gagal(&e))?;

    let key = KeyPair::generate().map_err(|e| gagal(&e))?;
    let mut leaf = CertificateParams::new(Vec::<String>::new()).map_err(|e| gagal(&e))?;
    leaf.distinguished_name = nama_dn(nama);
    leaf.is_ca = IsCa::ExplicitNoCa;
    leaf.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::ContentCommitment,
    ];
    leaf.not_before = mulai;
    leaf.not_after = akhir;
    let leaf_cert = leaf
        .signed_by(&key, &ca_cert, &ca_key)
        .map_err(|e| gagal(&e))?;

    let sandi: String = (0..4)
        .map(|_| format!("{:08x}", p12_keystore::rand::random::<u32>()))
        .collect();
    let sertifikat = |der: &[u8]| Certificate::from_der(der).map_err(|e| gagal(&e));
    let chain = PrivateKeyChain::new(
        b"renaksi-uji".as_slice(),
        PrivateKey::from_der(&key.serialize_der()).map_err(|e| gagal(&e))?,
        [sertifikat(leaf_cert.der())?, sertifikat(ca_cert.der())?],
    );
    let mut store = KeyStore::new();
    store.add_entry("penandatangan", KeyStoreEntry::PrivateKeyChain(chain));
    let p12 = store.writer(&sandi).write().map_err(|e| gagal(&e))?;
    Ok(Uji {
        ca_pem: ca_cert.pem(),
        p12,
        sandi,
    })
}

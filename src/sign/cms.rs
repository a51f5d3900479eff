//! The CMS SignedData of a PAdES-B-B signature (ETSI EN 319 142-1): detached,
//! SHA-256, signed attributes content-type, message-digest and
//! signing-certificate-v2, the certificate chain embedded. No signing-time
//! attribute: PAdES takes the claimed time from the signature dictionary's /M.
//!
//! The structure is fixed and small, so it is written directly as DER here;
//! every length is definite and the SET OF attributes is sorted as DER asks.

use sha2::{Digest, Sha256};

/// Object identifiers used below, as dotted arcs.
mod oid {
    pub const SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
    pub const DATA: &str = "1.2.840.113549.1.7.1";
    pub const SHA256: &str = "2.16.840.1.101.3.4.2.1";
    pub const CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
    pub const MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
    pub const SIGNING_CERTIFICATE_V2: &str = "1.2.840.113549.1.9.16.2.47";
    pub const RSA_SHA256: &str = "1.2.840.113549.1.1.11";
    pub const ECDSA_SHA256: &str = "1.2.840.10045.4.3.2";
}

/// How the signer's key signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// RSA PKCS#1 v1.5 with SHA-256.
    RsaSha256,
    /// ECDSA P-256 with SHA-256.
    EcdsaSha256,
}

/// What the SignerInfo needs from the signing certificate.
pub struct Signer<'a> {
    /// The signing certificate, DER.
    pub certificate: &'a [u8],
    /// Its issuer Name, DER, exactly as in the certificate.
    pub issuer: &'a [u8],
    /// Its serial number, the INTEGER's content octets.
    pub serial: &'a [u8],
    /// The rest of the chain, DER, embedded for verifiers.
    pub chain: &'a [Vec<u8>],
    /// The key's algorithm.
    pub algorithm: Algorithm,
}

/// The DER of the signed attributes (as the SET that is signed) for a
/// document whose signed bytes hash to `digest`.
pub fn signed_attributes(signer: &Signer, digest: &[u8]) -> Vec<u8> {
    set_of(attributes(signer, digest))
}

/// The complete ContentInfo: `signature` is the key's signature over
/// [`signed_attributes`].
pub fn signed_data(signer: &Signer, digest: &[u8], signature: &[u8]) -> Vec<u8> {
    let sha256 = algorithm_identifier(oid::SHA256, true);
    let signature_algorithm = match signer.algorithm {
        Algorithm::RsaSha256 => algorithm_identifier(oid::RSA_SHA256, true),
        Algorithm::EcdsaSha256 => algorithm_identifier(oid::ECDSA_SHA256, false),
    };
    let signer_info = sequence(&[
        integer(&[1]),
        // issuerAndSerialNumber
        sequence(&[signer.issuer.to_vec(), integer(signer.serial)]),
        sha256.clone(),
        // signedAttrs [0] IMPLICIT SET OF Attribute
        tagged_implicit(0xA0, &set_of(attributes(signer, digest))),
        signature_algorithm,
        tlv(0x04, signature),
    ]);
    let mut certificates = vec![signer.certificate.to_vec()];
    certificates.extend(signer.chain.iter().cloned());
    let signed = sequence(&[
        integer(&[1]),
        set_of(vec![sha256]),
        // encapContentInfo: data, detached (no eContent)
        sequence(&[object_identifier(oid::DATA)]),
        // certificates [0] IMPLICIT
        tlv(0xA0, &certificates.concat()),
        set_of(vec![signer_info]),
    ]);
    sequence(&[object_identifier(oid::SIGNED_DATA), tlv(0xA0, &signed)])
}

fn attributes(signer: &Signer, digest: &[u8]) -> Vec<Vec<u8>> {
    // ESSCertIDv2 with the default hash algorithm (SHA-256) left out.
    let cert_hash = Sha256::digest(signer.certificate);
    let ess_cert_id = sequence(&[tlv(0x04, &cert_hash)]);
    let signing_certificate = sequence(&[sequence(&[ess_cert_id])]);
    vec![
        attribute(oid::CONTENT_TYPE, object_identifier(oid::DATA)),
        attribute(oid::MESSAGE_DIGEST, tlv(0x04, digest)),
        attribute(oid::SIGNING_CERTIFICATE_V2, signing_certificate),
    ]
}

fn attribute(oid: &str, value: Vec<u8>) -> Vec<u8> {
    sequence(&[object_identifier(oid), set_of(vec![value])])
}

fn algorithm_identifier(oid: &str, null_parameters: bool) -> Vec<u8> {
    if null_parameters {
        sequence(&[object_identifier(oid), vec![0x05, 0x00]])
    } else {
        sequence(&[object_identifier(oid)])
    }
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn sequence(items: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &items.concat())
}

/// A SET OF: DER orders the elements by their encodings.
fn set_of(mut items: Vec<Vec<u8>>) -> Vec<u8> {
    items.sort();
    tlv(0x31, &items.concat())
}

/// `encoded` (a SET) retagged as `[n] IMPLICIT`.
fn tagged_implicit(tag: u8, encoded: &[u8]) -> Vec<u8> {
    let mut out = encoded.to_vec();
    out[0] = tag;
    out
}

/// An INTEGER from big-endian magnitude octets, kept non-negative.
fn integer(magnitude: &[u8]) -> Vec<u8> {
    let trimmed: &[u8] = match magnitude.iter().position(|b| *b != 0) {
        Some(i) => &magnitude[i..],
        None => &[0],
    };
    if trimmed[0] & 0x80 != 0 {
        let mut content = vec![0];
        content.extend_from_slice(trimmed);
        tlv(0x02, &content)
    } else {
        tlv(0x02, trimmed)
    }
}

fn object_identifier(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted
        .split('.')
        .map(|a| a.parse().expect("object identifiers above are well formed"))
        .collect();
    let mut content = Vec::new();
    for arc in std::iter::once(arcs[0] * 40 + arcs[1]).chain(arcs[2..].iter().copied()) {
        let mut chunk = vec![(arc & 0x7f) as u8];
        let mut rest = arc >> 7;
        while rest > 0 {
            chunk.push(0x80 | (rest & 0x7f) as u8);
            rest >>= 7;
        }
        chunk.reverse();
        content.extend(chunk);
    }
    tlv(0x06, &content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_primitives_match_known_encodings() {
        // sha256WithRSAEncryption and id-aa-signingCertificateV2.
        assert_eq!(
            object_identifier("1.2.840.113549.1.1.11"),
            [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B]
        );
        assert_eq!(
            object_identifier("1.2.840.113549.1.9.16.2.47"),
            [0x06, 0x0B, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x02, 0x2F]
        );
        assert_eq!(integer(&[0x00, 0x80]), [0x02, 0x02, 0x00, 0x80]);
        assert_eq!(integer(&[0x00, 0x00]), [0x02, 0x01, 0x00]);
        assert_eq!(tlv(0x04, &[7; 200])[..3], [0x04, 0x81, 200]);
        assert_eq!(tlv(0x04, &[7; 300])[..4], [0x04, 0x82, 0x01, 0x2C]);
        assert_eq!(set_of(vec![vec![2, 0], vec![1, 5]]), [0x31, 4, 1, 5, 2, 0]);
    }
}

//! A throwaway certificate authority for the signing tests, made with
//! openssl for each test, and the tools that share no code with renaksi
//! which judge what it signed: poppler's pdfsig, pyHanko and qpdf.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const PASSWORD: &str = "rahasia-uji";

/// A throwaway CA in a temporary folder that issues leaf certificates.
pub struct Pki {
    pub dir: tempfile::TempDir,
}

#[derive(Clone, Copy)]
pub enum Kind {
    Rsa,
    P256,
}

impl Pki {
    pub fn new() -> Self {
        let pki = Pki {
            dir: tempfile::tempdir().unwrap(),
        };
        pki.openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "30",
            "-subj",
            "/CN=CA Uji renaksi",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
        fs::write(
            pki.path("ca.cnf"),
            "[ca]\ndefault_ca = uji\n[uji]\ndir = .\ndatabase = index.txt\nunique_subject = no\nnew_certs_dir = .\n\
             serial = serial\ndefault_md = sha256\npolicy = bebas\n[bebas]\ncommonName = supplied\n",
        )
        .unwrap();
        fs::write(pki.path("index.txt"), "").unwrap();
        fs::write(pki.path("serial"), "1000\n").unwrap();
        fs::write(pki.path("sandi"), format!("{PASSWORD}\n")).unwrap();
        pki
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn openssl(&self, args: &[&str]) {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap_or_else(|e| panic!("openssl is needed for the signing tests: {e}"));
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A PKCS#12 file `name.p12` with a leaf key and certificate issued by
    /// the CA (and the CA certificate), valid from `start` to `end`
    /// (`YYYYMMDDHHMMSSZ`, default: 2020 to 2099, so that it covers the
    /// reports' own dates as signing times).
    pub fn leaf(
        &self,
        name: &str,
        kind: Kind,
        usage: &str,
        validity: Option<(&str, &str)>,
    ) -> PathBuf {
        self.leaf_of(name, "Drs. Made Suyasa, M.Si", kind, usage, validity)
    }

    /// A leaf certificate for the person `cn`.
    pub fn leaf_of(
        &self,
        name: &str,
        cn: &str,
        kind: Kind,
        usage: &str,
        validity: Option<(&str, &str)>,
    ) -> PathBuf {
        let key = format!("{name}.key");
        match kind {
            Kind::Rsa => self.openssl(&[
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
                "-out",
                &key,
            ]),
            Kind::P256 => self.openssl(&[
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-out",
                &key,
            ]),
        }
        let csr = format!("{name}.csr");
        self.openssl(&[
            "req",
            "-new",
            "-key",
            &key,
            "-out",
            &csr,
            "-subj",
            &format!("/CN={cn}"),
        ]);
        let ext = format!("{name}.ext");
        fs::write(
            self.path(&ext),
            format!("[leaf]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,{usage}\n"),
        )
        .unwrap();
        let pem = format!("{name}.pem");
        let (start, end) = validity.unwrap_or(("", ""));
        let mut args = vec![
            "ca",
            "-batch",
            "-notext",
            "-config",
            "ca.cnf",
            "-cert",
            "ca.pem",
            "-keyfile",
            "ca.key",
            "-in",
            &csr,
            "-out",
            &pem,
            "-extfile",
            &ext,
            "-extensions",
            "leaf",
        ];
        if validity.is_some() {
            args.extend(["-startdate", start, "-enddate", end]);
        } else {
            args.extend([
                "-startdate",
                "20200101000000Z",
                "-enddate",
                "20991231000000Z",
            ]);
        }
        self.openssl(&args);
        let p12 = format!("{name}.p12");
        let pass = format!("pass:{PASSWORD}");
        self.openssl(&[
            "pkcs12",
            "-export",
            "-inkey",
            &key,
            "-in",
            &pem,
            "-certfile",
            "ca.pem",
            "-out",
            &p12,
            "-passout",
            &pass,
        ]);
        self.path(&p12)
    }

    pub fn rsa(&self) -> PathBuf {
        self.leaf("rsa", Kind::Rsa, "digitalSignature,nonRepudiation", None)
    }
}

pub fn tool(name: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for the signing tests: {e}"));
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// pdfsig exits 0 even on a digest mismatch: its words are what counts.
pub fn pdfsig(pdf: &Path) -> String {
    tool("pdfsig", &[pdf.to_str().unwrap()]).1
}

pub fn pyhanko(pdf: &Path, pki: &Pki) -> String {
    pyhanko_ca(pdf, &pki.path("ca.pem"))
}

/// pyHanko's validation of `pdf` trusting only the CA certificate `ca`.
pub fn pyhanko_ca(pdf: &Path, ca: &Path) -> String {
    tool(
        "pyhanko",
        &[
            "sign",
            "validate",
            "--trust-replace",
            "--trust",
            ca.to_str().unwrap(),
            pdf.to_str().unwrap(),
        ],
    )
    .1
}

pub fn assert_valid(pdf: &Path, pki: &Pki) {
    let sig = pdfsig(pdf);
    assert!(
        sig.contains("Signature Validation: Signature is Valid."),
        "{sig}"
    );
    assert!(sig.contains("Total document signed"), "{sig}");
    assert!(sig.contains("Signature Type: ETSI.CAdES.detached"), "{sig}");
    assert!(sig.contains("Signing Hash Algorithm: SHA-256"), "{sig}");
    let hanko = pyhanko(pdf, pki);
    assert!(hanko.contains(":INTACT:TRUSTED,UNTOUCHED"), "{hanko}");
    let (ok, check) = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(
        ok && check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
}

pub fn sign_args<'a>(p12: &'a Path, password_file: &'a Path) -> Vec<&'a str> {
    vec![
        "--final",
        "--sign",
        p12.to_str().unwrap(),
        "--password-file",
        password_file.to_str().unwrap(),
    ]
}

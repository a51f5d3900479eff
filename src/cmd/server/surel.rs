//! Notices by e-mail, when the kabupaten names an SMTP server
//! (`renaksi server --smtp HOST:PORT --smtp-dari ALAMAT`): a submission is
//! told to the verifikators, a return or a comment to the kecamatan's
//! operators. Plain SMTP to a relay the kabupaten runs (postfix,
//! nullmailer…), sent off the request's thread; a failure is logged and
//! changes nothing else.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Where notices go out.
#[derive(Clone, Debug)]
pub struct Smtp {
    pub alamat: String,
    pub dari: String,
}

/// One notice.
pub struct Surel {
    pub kepada: Vec<String>,
    pub subjek: String,
    pub isi: String,
}

impl Smtp {
    /// Sends `surel` in the background; a failure is only logged.
    pub fn kirim(&self, surel: Surel) {
        if surel.kepada.is_empty() {
            return;
        }
        let smtp = self.clone();
        std::thread::spawn(move || {
            if let Err(why) = smtp.kirim_sekarang(&surel) {
                eprintln!(
                    "surel ke {} tidak terkirim lewat {}: {why}",
                    surel.kepada.join(", "),
                    smtp.alamat
                );
            }
        });
    }

    /// One SMTP conversation: EHLO, MAIL, RCPT for each, DATA, QUIT.
    pub fn kirim_sekarang(&self, surel: &Surel) -> Result<(), String> {
        let stream = TcpStream::connect(&self.alamat).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .map_err(|e| e.to_string())?;
        let mut baca = BufReader::new(stream.try_clone().map_err(|e| e.to_string())?);
        let mut tulis = stream;
        jawab(&mut baca, 220)?;
        perintah(&mut tulis, &mut baca, "EHLO renaksi", 250)?;
        perintah(
            &mut tulis,
            &mut baca,
            &format!("MAIL FROM:<{}>", bersih(&self.dari)),
            250,
        )?;
        for k in &surel.kepada {
            perintah(
                &mut tulis,
                &mut baca,
                &format!("RCPT TO:<{}>", bersih(k)),
                250,
            )?;
        }
        perintah(&mut tulis, &mut baca, "DATA", 354)?;
        let mut pesan = format!(
            "From: renaksi <{}>\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
            bersih(&self.dari),
            surel
                .kepada
                .iter()
                .map(|k| format!("<{}>", bersih(k)))
                .collect::<Vec<_>>()
                .join(", "),
            subjek(&surel.subjek),
            tanggal(),
        );
        for line in surel.isi.lines() {
            // A line of one dot would end the message: doubled.
            if line.starts_with('.') {
                pesan.push('.');
            }
            pesan.push_str(line);
            pesan.push_str("\r\n");
        }
        pesan.push_str(".\r\n");
        tulis
            .write_all(pesan.as_bytes())
            .map_err(|e| e.to_string())?;
        jawab(&mut baca, 250)?;
        let _ = perintah(&mut tulis, &mut baca, "QUIT", 221);
        Ok(())
    }
}

fn perintah(
    tulis: &mut TcpStream,
    baca: &mut BufReader<TcpStream>,
    baris: &str,
    kode: u16,
) -> Result<(), String> {
    tulis
        .write_all(format!("{baris}\r\n").as_bytes())
        .map_err(|e| e.to_string())?;
    jawab(baca, kode)
}

/// Reads one reply (all its lines); an error unless its code is `kode`.
fn jawab(baca: &mut BufReader<TcpStream>, kode: u16) -> Result<(), String> {
    loop {
        let mut line = String::new();
        let mut take = std::io::Read::take(&mut *baca, 4096);
        take.read_line(&mut line).map_err(|e| e.to_string())?;
        if line.len() < 4 {
            return Err(format!("jawaban SMTP tidak dikenal: {line:?}"));
        }
        if !line.starts_with(&kode.to_string()) {
            return Err(format!("server SMTP menjawab: {}", line.trim_end()));
        }
        if line.as_bytes()[3] == b' ' {
            return Ok(());
        }
    }
}

/// Now, as a mail's Date header wants it.
fn tanggal() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.to_rfc2822())
        .unwrap_or_default()
}

/// An address as it may stand in a command: no line breaks, no brackets.
fn bersih(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\r' | '\n' | '<' | '>'))
        .collect()
}

/// A subject in UTF-8, encoded for the header (RFC 2047).
fn subjek(s: &str) -> String {
    use base64::Engine as _;
    let s: String = s.chars().filter(|c| !c.is_control()).collect();
    if s.is_ascii() {
        return s;
    }
    format!(
        "=?utf-8?B?{}?=",
        base64::engine::general_purpose::STANDARD.encode(s.as_bytes())
    )
}

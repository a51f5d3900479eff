//! `renaksi watch`: each save rebuilds the PDF; an edit that breaks the
//! report keeps the last good one.

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use crate::support::{pdf_text, squash, Fixture};

/// A running `renaksi watch` and the lines it prints.
pub struct Watch {
    child: Child,
    lines: Receiver<String>,
}

impl Watch {
    fn start(fixture: &Fixture) -> Self {
        Self::start_with(fixture, &[])
    }

    /// `renaksi watch kubutambahan-2022 -o out` with `extra` arguments.
    pub fn start_with(fixture: &Fixture, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_renaksi"))
            .args(["watch", "kubutambahan-2022", "-o", "out"])
            .args(extra)
            .current_dir(fixture.tmp.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watch { child, lines }
    }

    /// Everything printed until a line starting with `end`, which is
    /// included; fails the test after a minute.
    pub fn until(&self, end: &str) -> String {
        let mut seen = String::new();
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("no {end:?} within 60 s; printed:\n{seen}"));
            seen.push_str(&line);
            seen.push('\n');
            if line.starts_with(end) {
                return seen;
            }
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn rebuilds_on_save_and_keeps_the_last_good_pdf() {
    let fixture = Fixture::example();
    let pdf = fixture.path("out/kubutambahan-2022.pdf");
    let watch = Watch::start(&fixture);
    let first = watch.until("PDF diperbarui: out/kubutambahan-2022.pdf (30 halaman, ");
    assert!(
        first.starts_with("mengawasi kubutambahan-2022; PDF: out/kubutambahan-2022.pdf"),
        "{first}"
    );
    // What check finds is shown on each rebuild, as by build.
    assert!(
        first.contains(
            "\n36 peringatan (3 yang pertama di atas); lihat semuanya dengan `renaksi check kubutambahan-2022`\n"
        ),
        "{first}"
    );
    let before = fs::read(&pdf).unwrap();

    // One number: the PDF follows.
    fixture.edit("lampiran/1-program.yaml", |t| {
        t.replacen("target: 85\n", "target: 87\n", 1)
    });
    let run = watch.until("PDF diperbarui");
    assert!(
        run.contains("berubah: kubutambahan-2022/lampiran/1-program.yaml\n"),
        "{run}"
    );
    let after = fs::read(&pdf).unwrap();
    assert_ne!(before, after);
    let text = squash(&pdf_text(&pdf));
    assert!(
        text.contains(&squash(
            "Indeks Kepuasan Masyarakat Terhadap Pelayanan Publik Nilai 87"
        )),
        "the new target is in the PDF"
    );

    // A broken file: the problem with its line, and the PDF as it was.
    fixture.edit("laporan.yaml", |t| t.replace("tahun: 2022", "tahun: [2022"));
    let run = watch.until("PDF terakhir tetap");
    assert!(
        run.contains("galat: kubutambahan-2022/laporan.yaml:5:"),
        "{run}"
    );
    assert_eq!(fs::read(&pdf).unwrap(), after);

    // A finding of check does not hold a draft back, but is shown.
    fixture.edit("laporan.yaml", |t| {
        t.replace("tahun: [2022", "tahun: 2022")
            .replace("\"196502071997021001\"", "\"1965\"")
    });
    let run = watch.until("  draf: 1 galat");
    assert!(run.contains("NIP `1965` bukan 18 angka"), "{run}");

    // Files that are not the report's are not watched.
    fs::write(fixture.dir.join("catatan.txt"), "x").unwrap();
    fixture.edit("laporan.yaml", |t| {
        t.replace("\"1965\"", "\"196502071997021001\"")
    });
    let run = watch.until("PDF diperbarui");
    assert!(!run.contains("catatan.txt"), "{run}");
    assert!(!run.contains("draf"), "{run}");
}

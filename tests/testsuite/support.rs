//! Helpers: copy a fixture to a temporary folder, run the binary, read PDFs.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A fixture copied into a fresh temporary folder.
pub struct Fixture {
    pub tmp: tempfile::TempDir,
    pub dir: PathBuf,
}

impl Fixture {
    /// Copies `tests/testsuite/<group>/<name>` to `<tmp>/<name>`.
    pub fn new(group: &str, name: &str) -> Self {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/testsuite")
            .join(group)
            .join(name);
        Self::copy_of(&src, name)
    }

    /// Copies the bundled example report.
    pub fn example() -> Self {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/kubutambahan-2022");
        Self::copy_of(&src, "kubutambahan-2022")
    }

    fn copy_of(src: &Path, name: &str) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(name);
        copy_dir(src, &dir);
        Fixture { tmp, dir }
    }

    /// Replaces (or creates) a file of the report.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.dir.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// Rewrites a file of the report with `edit`.
    /// An edit that changes nothing fails the test: the text it meant to
    /// replace is not in the fixture (any more).
    pub fn edit(&self, rel: &str, edit: impl FnOnce(String) -> String) -> &Self {
        let path = self.dir.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        let edited = edit(text.clone());
        assert_ne!(
            edited, text,
            "the edit of {rel} changed nothing: the text it replaces is not there"
        );
        fs::write(path, edited).unwrap();
        self
    }

    /// A path inside the temporary folder, beside the report.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    /// Runs `renaksi build DIR -o OUT` and returns the run and the PDF path.
    pub fn build(&self, extra: &[&str]) -> (Run, PathBuf) {
        let out = self.path("out/laporan.pdf");
        let mut args = vec![
            "build",
            self.dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        (renaksi(&args, self.tmp.path()), out)
    }
}

/// Copies the folder `src` and everything in it to `dst`.
pub fn copy_dir(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).unwrap();
    for entry in fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let to = dst.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            fs::copy(entry.path(), to).unwrap();
        }
    }
}

/// Runs the binary with `args` in `cwd`. A run that has not ended after a
/// minute is killed and fails the test: no input may make renaksi hang.
pub fn renaksi(args: &[&str], cwd: &Path) -> Run {
    renaksi_within(args, cwd, 60)
}

/// Runs the binary as [`renaksi`] does, killed after `seconds`: for input
/// that must be refused quickly, never worked through.
pub fn renaksi_within(args: &[&str], cwd: &Path, seconds: u64) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_renaksi"));
    command.args(args);
    run(command, cwd, args, seconds)
}

/// Runs the binary on a pseudo-terminal (util-linux `script`), as a person
/// at a terminal would; everything it printed comes back in `stdout`.
pub fn renaksi_on_terminal(args: &[&str], cwd: &Path) -> Run {
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_renaksi"))
        .chain(args.iter().copied())
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect();
    let mut command = Command::new("script");
    command.args(["-qec", &quoted.join(" "), "/dev/null"]);
    run(command, cwd, args, 60)
}

fn run(mut command: Command, cwd: &Path, args: &[&str], seconds: u64) -> Run {
    let mut child = command
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    // Drain the pipes on threads so a long output cannot block the child.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || read_all(&mut stdout));
    let err = std::thread::spawn(move || read_all(&mut stderr));
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(seconds) {
            child.kill().unwrap();
            panic!("renaksi {args:?} did not finish within {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let output = std::process::Output {
        status: child.wait().unwrap(),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    };
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs a poppler-utils tool and returns what it printed.
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed for the tests: {e}"));
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text of a PDF in content order, so a table cell stays together.
pub fn pdf_text(pdf: &Path) -> String {
    poppler("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"])
}

/// The text of a PDF with its layout kept, so table rows stay on one line.
pub fn pdf_layout_text(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])
}

/// The text of one page of a PDF.
pub fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    poppler(
        "pdftotext",
        &["-layout", "-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"],
    )
}

/// The text of one page of a PDF in content order.
pub fn page_raw_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    poppler(
        "pdftotext",
        &["-raw", "-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"],
    )
}

/// Where pdftotext finds a word: its page (from 1) and box, in points from
/// the page's top left.
#[derive(Debug, Clone, Copy)]
pub struct WordBox {
    pub page: usize,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
}

/// Every place of the whole word `word` in the PDF, in reading order.
pub fn words(pdf: &Path, word: &str) -> Vec<WordBox> {
    let html = poppler("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let attr = |line: &str, name: &str| -> f64 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let len = line[start..].find('"').unwrap();
        line[start..start + len].parse().unwrap()
    };
    let mut page = 0;
    let mut found = Vec::new();
    for line in html.lines() {
        page += usize::from(line.contains("<page "));
        if line.contains(&format!(">{word}</word>")) {
            found.push(WordBox {
                page,
                x_min: attr(line, "xMin"),
                y_min: attr(line, "yMin"),
                x_max: attr(line, "xMax"),
                y_max: attr(line, "yMax"),
            });
        }
    }
    found
}

/// Width and height in points of every page.
pub fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    poppler(
        "pdfinfo",
        &["-f", "1", "-l", "100000", pdf.to_str().unwrap()],
    )
    .lines()
    .filter(|l| l.starts_with("Page") && l.contains(" size: "))
    .map(|l| {
        let size = l.split(" size: ").nth(1).unwrap();
        let mut parts = size.split_whitespace();
        let w = parts.next().unwrap().parse().unwrap();
        parts.next();
        let h = parts.next().unwrap().parse().unwrap();
        (w, h)
    })
    .collect()
}

/// The `pdffonts` table, one line per font.
pub fn fonts(pdf: &Path) -> Vec<String> {
    poppler("pdffonts", &[pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .map(str::to_owned)
        .collect()
}

/// The PDF's metadata as `pdfinfo` prints it.
pub fn info(pdf: &Path) -> String {
    poppler("pdfinfo", &[pdf.to_str().unwrap()])
}

/// The text of each page without whitespace (see `squash`), up to the last
/// page that holds any.
pub fn squashed_pages(pdf: &Path) -> Vec<String> {
    let mut pages: Vec<String> = pdf_text(pdf).split('\u{c}').map(squash).collect();
    while pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

/// Gives the last indicator of the minimal fixture's last table `count`
/// programs of about three lines each: a tall row group.
pub fn add_programs(fixture: &Fixture, count: usize) {
    fixture.edit("lampiran/4-kinerja.yaml", |t| {
        let programs: String = (0..count)
            .map(|i| format!("              - {{uraian: Program panjang nomor {i} dengan uraian yang cukup panjang agar tiga baris, anggaran: 1000}}\n"))
            .collect();
        format!("{}\n            program_kegiatan:\n{programs}", t.trim_end())
    });
}

/// Text without any whitespace (nor zero-width break marks), to compare
/// table cells whose lines wrap.
pub fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200b}')
        .collect()
}

fn read_all(pipe: &mut impl Read) -> Vec<u8> {
    let mut bytes = Vec::new();
    pipe.read_to_end(&mut bytes).unwrap();
    bytes
}

/// Runs git with a test identity in `dir`; what it printed, trimmed.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=uji",
            "-c",
            "user.email=uji@example.invalid",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git is needed for these tests");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Makes `dir` a git repository with everything in it committed.
pub fn commit_all(dir: &Path) {
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "awal"]);
}

/// `pdf` with an incremental update appended that gives page 1 other
/// content (a blank page), every byte before it untouched: what a forger
/// does to a PDF whose first bytes are checked.
pub fn ganti_halaman_satu(pdf: &[u8]) -> Vec<u8> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let size = doc.trailer.get(b"Size").unwrap().as_i64().unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let prev = {
        let at = pdf.windows(9).rposition(|w| w == b"startxref").unwrap() + 9;
        String::from_utf8_lossy(&pdf[at..])
            .split_whitespace()
            .next()
            .unwrap()
            .to_owned()
    };
    // The page object as written, with its /Contents pointing elsewhere.
    let head = format!("\n{} {} obj", page.0, page.1);
    let start = pdf
        .windows(head.len())
        .rposition(|w| w == head.as_bytes())
        .unwrap()
        + 1;
    let end = start
        + pdf[start..]
            .windows(6)
            .position(|w| w == b"endobj")
            .unwrap()
        + 6;
    let text = String::from_utf8_lossy(&pdf[start..end]).into_owned();
    let at = text.find("/Contents").unwrap() + "/Contents".len();
    let rest = &text[at..];
    let refend = rest.find('R').unwrap() + 1;
    let page_text = format!("{}/Contents {size} 0 R{}", &text[..at - 9], &rest[refend..]);

    let mut out = pdf.to_vec();
    let content = "q 1 1 1 rg 0 0 2000 2000 re f Q";
    let content_at = out.len();
    out.extend_from_slice(
        format!(
            "{size} 0 obj\n<</Length {}>>\nstream\n{content}\nendstream\nendobj\n",
            content.len()
        )
        .as_bytes(),
    );
    let page_at = out.len();
    out.extend_from_slice(page_text.as_bytes());
    out.push(b'\n');
    let xref_at = out.len();
    out.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f\r\n{} 1\n{page_at:010} 00000 n\r\n{size} 1\n{content_at:010} 00000 n\r\ntrailer\n<</Size {}/Root {} {} R/Info {} {} R/Prev {prev}>>\nstartxref\n{xref_at}\n%%EOF\n",
            page.0,
            size + 1,
            root.0,
            root.1,
            info.0,
            info.1
        )
        .as_bytes(),
    );
    out
}

/// One HTTP/1.1 request on its own connection.
pub fn http(
    port: u16,
    method: &str,
    path: &str,
    host: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let _ = stream.write_all(body);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {answer:?}"));
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    (status, head.to_ascii_lowercase(), body.to_owned())
}

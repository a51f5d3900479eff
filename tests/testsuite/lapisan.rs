//! The layers of `src/`, bottom to top, as CONTRIBUTING.md names them: a
//! module may use its own layer and those below, never one above, and no
//! two top-level modules use each other in a loop. Read from every
//! `crate::` path of the code (a file's `#[cfg(test)]` part is left out:
//! tests may build with the whole crate).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each layer and the files of `src/` it holds: a path ending in `/` holds
/// a folder, any other one file.
const LAPISAN: &[(&str, &[&str])] = &[
    (
        "dasar",
        &[
            "error.rs",
            "format.rs",
            "fs.rs",
            "embedded.rs",
            "fonts.rs",
            "locate.rs",
        ],
    ),
    ("isi", &["content/", "realisasi/", "lkjip/", "git.rs"]),
    (
        "analisis",
        &[
            "diff/",
            "matriks/",
            "jejak.rs",
            "monitoring/",
            "kinerja/",
            "pk.rs",
            "naskah.rs",
        ],
    ),
    ("periksa", &["check/"]),
    ("render", &["render/"]),
    ("cetak", &["compile/", "pdf.rs", "sign/", "teks_pdf.rs"]),
    ("dokumen", &["build.rs", "batch.rs", "verify.rs"]),
    ("alat", &["lembar/", "init/", "schema.rs"]),
    ("aplikasi", &["lib.rs", "main.rs", "cli.rs", "cmd/"]),
];

/// The layer of a file of `src/` (a path relative to it), by the longest
/// entry of [`LAPISAN`] that holds it.
fn lapisan(file: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, (_, entries)) in LAPISAN.iter().enumerate() {
        for e in entries.iter() {
            let holds = if e.ends_with('/') {
                file.starts_with(e)
            } else {
                file == *e
            };
            if holds && best.is_none_or(|(len, _)| e.len() > len) {
                best = Some((e.len(), i));
            }
        }
    }
    best.map(|(_, i)| i)
}

/// The code of a file without comments and without its tests.
fn kode(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            // A `//` inside a string (a URL) is rare; a comment is not.
            Some(at) if !l[..at].contains('"') => &l[..at],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path that follows `crate::` in `code`, a group `crate::{a, b::c}`
/// taken apart, each with the line it is on.
fn jalur(code: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = code;
    let mut offset = 0;
    while let Some(at) = rest.find("crate::") {
        let start = offset + at + "crate::".len();
        let line = code[..start].matches('\n').count() + 1;
        let tail = &code[start..];
        if let Some(group) = tail.strip_prefix('{') {
            let mut depth = 1;
            let mut end = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = i;
                    break;
                }
            }
            let mut depth = 0;
            let mut item = String::new();
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push((line, segmen(&item)));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
        } else {
            out.push((line, segmen(tail)));
        }
        offset = start;
        rest = &code[start..];
    }
    out.retain(|(_, s)| !s.is_empty());
    out
}

/// The leading path segments of `text`: `a::b::{c}` is `[a, b]`.
fn segmen(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.trim_start().split("::") {
        let name: String = part
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() || name == "self" {
            break;
        }
        let whole = name.len() == part.len();
        out.push(name);
        if !whole {
            break;
        }
    }
    out
}

/// The file of `src/` a path `crate::a::b::…` names: the deepest module
/// file that exists (an item of `lib.rs` when none does).
fn berkas(src: &Path, segments: &[String]) -> String {
    for n in (1..=segments.len()).rev() {
        let base = segments[..n].join("/");
        for file in [format!("{base}.rs"), format!("{base}/mod.rs")] {
            if src.join(&file).is_file() {
                return file;
            }
        }
    }
    "lib.rs".into()
}

/// The top-level module of a file of `src/`: `content` for
/// `content/yaml.rs`.
fn modul(file: &str) -> String {
    file.split('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".rs")
        .to_owned()
}

fn semua_berkas(dir: &Path, src: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let path = e.path();
        if path.is_dir() {
            semua_berkas(&path, src, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            let rel = path.strip_prefix(src).unwrap().to_string_lossy();
            out.push(rel.replace('\\', "/"));
        }
    }
}

#[test]
fn no_module_imports_from_a_layer_above_its_own_or_in_a_loop() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    semua_berkas(&src, &src, &mut files);
    let mut wrong = Vec::new();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(own) = lapisan(file) else {
            wrong.push(format!("src/{file}: tidak tercantum di lapisan mana pun"));
            continue;
        };
        let text = std::fs::read_to_string(src.join(file)).unwrap();
        // main.rs, cli.rs and cmd/ are the binary: its `crate` is main.rs.
        let binary = file == "main.rs" || file == "cli.rs" || file.starts_with("cmd/");
        for (line, segments) in jalur(&kode(&text)) {
            let target = if binary {
                match berkas(&src, &segments) {
                    f if f == "lib.rs" => "main.rs".to_owned(),
                    f => f,
                }
            } else {
                berkas(&src, &segments)
            };
            let Some(theirs) = lapisan(&target) else {
                continue;
            };
            if theirs > own {
                wrong.push(format!(
                    "src/{file}:{line}: crate::{} ada di lapisan {} ({}), di atas lapisan {} ({})",
                    segments.join("::"),
                    LAPISAN[theirs].0,
                    target,
                    LAPISAN[own].0,
                    file
                ));
            }
            let (from, to) = (modul(file), modul(&target));
            if from != to {
                edges.entry(from).or_default().insert(to);
            }
        }
    }
    // A loop between top-level modules: those that reach each other.
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(m) = todo.pop() {
            for next in edges.get(&m).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> =
        edges.keys().map(|m| (m, reach(m))).collect();
    for (m, seen) in &reached {
        if seen.contains(*m) {
            let circle: Vec<&str> = seen
                .iter()
                .filter(|o| reached.get(o).is_some_and(|r| r.contains(*m)))
                .map(String::as_str)
                .collect();
            wrong.push(format!("lingkaran impor: {}", circle.join(", ")));
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "{} impor melanggar lapisan (lihat CONTRIBUTING.md, \"Lapisan\"):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_reader_sees_groups_and_nesting() {
    let code = "use crate::{a::{B, C}, d};\nfn f() { crate::e::f::g(); }";
    assert_eq!(
        jalur(code),
        vec![
            (1, vec!["a".to_owned()]),
            (1, vec!["d".to_owned()]),
            (2, vec!["e".into(), "f".into(), "g".into()]),
        ]
    );
    assert_eq!(lapisan("content/yaml.rs"), Some(1));
    assert_eq!(lapisan("cmd/serve/mod.rs"), Some(8));
    assert_eq!(lapisan("nowhere.rs"), None);
}

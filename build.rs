//! Embeds the built-in templates, the bundled fonts and the example report.
//!
//! Each folder is enumerated here so that adding a file needs no code change:
//! `templates/*.typ`, `fonts/**/*.{ttf,otf}` and `content/kubutambahan-2022/**` and the scaffold of `renaksi init`,
//! `content/kerangka/**`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let mut out = String::new();
    table(
        &mut out,
        "TEMPLATES",
        "str",
        "include_str",
        &root,
        "templates",
        &["typ"],
    );
    table(
        &mut out,
        "FONTS",
        "[u8]",
        "include_bytes",
        &root,
        "fonts",
        &["ttf", "otf"],
    );
    table(
        &mut out,
        "EXAMPLE",
        "[u8]",
        "include_bytes",
        &root,
        "content/kubutambahan-2022",
        &[],
    );
    table(
        &mut out,
        "SCAFFOLD",
        "[u8]",
        "include_bytes",
        &root,
        "content/kerangka",
        &[],
    );
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(dest, out).unwrap();
}

/// Writes `pub static NAME: &[(&str, &TYPE)]` with every matching file below `dir`,
/// keyed by its `/`-separated path relative to `dir`, in sorted order.
fn table(out: &mut String, name: &str, ty: &str, mac: &str, root: &Path, dir: &str, exts: &[&str]) {
    let base = root.join(dir);
    println!("cargo:rerun-if-changed={}", base.display());
    let mut files = Vec::new();
    collect(&base, &mut files);
    files.retain(|p| {
        exts.is_empty()
            || p.extension()
                .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
    });
    files.sort();
    writeln!(out, "pub static {name}: &[(&str, &{ty})] = &[").unwrap();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let key = path
            .strip_prefix(&base)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            out,
            "    ({key:?}, {mac}!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if !entry.file_name().to_string_lossy().starts_with('.') {
            files.push(path);
        }
    }
}

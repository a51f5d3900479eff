//! From a loaded [`Report`] to Typst source: the narrative's variables are
//! filled in, its Markdown becomes Typst markup, and the built-in templates
//! are rendered with minijinja. Every YAML value is escaped on the way in.

pub(crate) mod escape;
mod lampiran;
pub mod markdown;
mod qr;
pub use qr::svg as qr_svg;
pub mod variabel;
mod view;
pub use view::{cara, kepala, ttd, Cara, Kepala, Ttd};

use std::sync::OnceLock;

use escape::string_literal;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use crate::content::Report;
use crate::error::{Error, Problem};

/// Name of the main template.
pub const MAIN: &str = "laporan.typ";

/// Renders the report to the Typst source of its PDF.
pub fn render(report: &Report) -> Result<String, Error> {
    let view = view::build(report)?;
    let template = environment().get_template(MAIN).map_err(internal)?;
    template.render(view).map_err(internal)
}

/// The minijinja environment with the built-in templates and Typst
/// escaping, made once per process and shared by every report it renders.
pub fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(new_environment)
}

fn new_environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".typ") {
            AutoEscape::Custom("typst")
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        if state.auto_escape() != AutoEscape::Custom("typst") || value.is_safe() {
            return minijinja::escape_formatter(out, state, value);
        }
        let text = match value.as_str() {
            Some(text) => string_literal(text),
            None if value.is_none() || value.is_undefined() => "none".into(),
            None if value.kind() == minijinja::value::ValueKind::Bool => {
                value.is_true().to_string()
            }
            None if value.is_number() => value.to_string(),
            None => string_literal(&value.to_string()),
        };
        out.write_str(&text).map_err(minijinja::Error::from)
    });
    // Templates take their escaping mode when added, so add them last.
    for (name, source) in crate::embedded::TEMPLATES {
        env.add_template(name, source)
            .expect("built-in templates parse");
    }
    env
}

/// Fills the built-in template `name` with `view`: every document's way
/// from its view to Typst source.
pub fn isi<S: serde::Serialize>(name: &str, view: S) -> Result<String, Error> {
    environment()
        .get_template(name)
        .map_err(internal)?
        .render(view)
        .map_err(internal)
}

fn internal(err: minijinja::Error) -> Error {
    Error::Internal(format!("templat: {err:#}"))
}

/// Every narrative text whose variables cannot be filled in, all at once
/// (rendering stops at the first).
pub fn variable_problems(report: &Report) -> Vec<Problem> {
    let nilai = view::variables(report);
    report
        .narasi
        .texts()
        .into_iter()
        .flat_map(|(path, text)| match variabel::isi(text, &nilai) {
            Ok(_) => variabel::terlalu_dalam(text)
                .map(|s| {
                    narrative_problem((&report.narasi_file, &report.narasi_text), &path, text, &s)
                })
                .into_iter()
                .collect::<Vec<_>>(),
            Err(salah) => salah
                .iter()
                .map(|s| {
                    narrative_problem((&report.narasi_file, &report.narasi_text), &path, text, s)
                })
                .collect(),
        })
        .collect()
}

/// Fills `{{ tahun }}`-style variables into one narrative text and converts
/// its Markdown with `convert` (`markdown::to_typst`, or `to_typst_closing`
/// for the text a signature block follows); `path` is the YAML path used in
/// error messages.
fn narrative(
    report: &Report,
    nilai: &variabel::Nilai,
    path: &str,
    text: &str,
    convert: fn(&str) -> String,
) -> Result<Value, Problem> {
    let filled = plain(report, nilai, path, text)?;
    Ok(Value::from_safe_string(convert(&filled)))
}

/// Fills variables into a text, as written (no Markdown), e.g. a title.
fn plain(
    report: &Report,
    nilai: &variabel::Nilai,
    path: &str,
    text: &str,
) -> Result<String, Problem> {
    variabel::isi(text, nilai).map_err(|salah| {
        narrative_problem(
            (&report.narasi_file, &report.narasi_text),
            path,
            text,
            &salah[0],
        )
    })
}

/// A text of another file than narasi.yaml (`file` as messages name it,
/// and its text) with the narrative's variables filled in and its Markdown
/// as Typst markup; a variable that cannot be filled in is a problem placed
/// in that file.
pub fn teks_bervariabel(
    report: &Report,
    file: (&str, &str),
    path: &str,
    text: &str,
) -> Result<String, Problem> {
    let nilai = view::variables(report);
    let filled = variabel::isi(text, &nilai)
        .map_err(|salah| narrative_problem(file, path, text, &salah[0]))?;
    if let Some(salah) = variabel::terlalu_dalam(text) {
        return Err(narrative_problem(file, path, text, &salah));
    }
    Ok(markdown::to_typst(&filled))
}

/// The problem of `salah`, placed on its line and column of its file (name
/// and text; narasi.yaml for the narrative): the text's line holding it is
/// looked for from where `path` is written.
fn narrative_problem(
    (name, file): (&str, &str),
    path: &str,
    text: &str,
    salah: &variabel::Salah,
) -> Problem {
    let problem = Problem::new(name, salah.message.clone())
        .at_path(path)
        .hint(salah.hint.clone());
    let line_start = text[..salah.offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[salah.offset..]
        .find('\n')
        .map_or(text.len(), |i| salah.offset + i);
    let wanted = &text[line_start..line_end];
    let written = crate::locate::nearest(file, path);
    let from = written.map_or(0, |(line, _)| line - 1);
    let found = file.lines().enumerate().skip(from).find_map(|(i, l)| {
        let column = l.find(wanted)?;
        let chars = l[..column].chars().count() + text[line_start..salah.offset].chars().count();
        Some((i + 1, chars + 1))
    });
    match found.or(written) {
        Some((line, column)) => problem.at(file, line, column),
        None => problem,
    }
}

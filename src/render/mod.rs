//! From a loaded [`Report`] to Typst source: the narrative's variables are
//! filled in, its Markdown becomes Typst markup, and the built-in templates
//! are rendered with minijinja. Every YAML value is escaped on the way in.

mod escape;
pub mod format;
pub mod markdown;
mod qr;
mod view;

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

fn internal(err: minijinja::Error) -> Error {
    Error::Internal(format!("templat: {err:#}"))
}

/// Every narrative text whose variables cannot be filled in, all at once
/// (rendering stops at the first).
pub fn variable_problems(report: &Report) -> Vec<Problem> {
    let vars = view::variables(report);
    report
        .narasi
        .texts()
        .into_iter()
        .filter_map(|(path, text)| plain(report, &vars, &path, text).err())
        .collect()
}

/// Fills `{{ tahun }}`-style variables into one narrative text and converts
/// its Markdown with `convert` (`markdown::to_typst`, or `to_typst_closing`
/// for the text a signature block follows); `path` is the YAML path used in
/// error messages.
fn narrative(
    report: &Report,
    vars: &Value,
    path: &str,
    text: &str,
    convert: fn(&str) -> String,
) -> Result<Value, Problem> {
    let filled = plain(report, vars, path, text)?;
    Ok(Value::from_safe_string(convert(&filled)))
}

/// Fills variables into a text, as written (no Markdown), e.g. a title.
fn plain(report: &Report, vars: &Value, path: &str, text: &str) -> Result<String, Problem> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.render_str(text, vars)
        .map_err(|err| narrative_problem(report, path, text, &err))
}

fn narrative_problem(report: &Report, path: &str, text: &str, err: &minijinja::Error) -> Problem {
    use minijinja::ErrorKind;
    let file = report.narasi_file.clone();
    let names = "tahun, kecamatan, kabupaten, judul, penandatangan.nama, penandatangan.jabatan, \
                 penandatangan.pangkat, penandatangan.golongan, penandatangan.nip, penandatangan.tempat, \
                 penandatangan.tanggal";
    let (message, hint) = match err.kind() {
        ErrorKind::UndefinedError => (
            "variabel tidak dikenal".to_string(),
            format!("variabel yang tersedia: {names}"),
        ),
        ErrorKind::SyntaxError => (
            format!("penulisan variabel salah: {}", err.detail().unwrap_or("")),
            "tulis variabel sebagai {{ tahun }}; untuk tanda {{ apa adanya tulis {{ \"{{\" }}"
                .to_string(),
        ),
        _ => (
            format!("variabel tidak dapat diisi: {}", err.detail().unwrap_or("")),
            format!("variabel yang tersedia: {names}"),
        ),
    };
    let problem = Problem::new(file, message).at_path(path).hint(hint);
    // Place the error on the line of narasi.yaml that holds the faulty line.
    // A syntax error is found where the parser gave up, often lines after
    // the brace left open: point at the last `{{` or `{%` up to there.
    let upto = err.line().unwrap_or(1).max(1);
    let lines: Vec<&str> = text.lines().take(upto).collect();
    let opener = |l: &&&str| l.contains("{{") || l.contains("{%");
    let line = match err.kind() {
        ErrorKind::SyntaxError => lines.iter().rev().find(opener).or(lines.last()),
        _ => lines.last(),
    };
    let wanted = line.map(|l| l.trim());
    let found = wanted.filter(|w| !w.is_empty()).and_then(|wanted| {
        report.narasi_text.lines().enumerate().find_map(|(i, l)| {
            let column = l.find(wanted)?;
            let offset = wanted.find("{{").or_else(|| wanted.find("{%")).unwrap_or(0);
            Some((i + 1, l[..column + offset].chars().count() + 1))
        })
    });
    match found {
        Some((line, column)) => problem.at(&report.narasi_text, line, column),
        None => problem,
    }
}

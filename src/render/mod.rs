//! From a loaded [`Report`] to Typst source: the narrative's variables are
//! filled in, its Markdown becomes Typst markup, and the built-in templates
//! are rendered with minijinja. Every YAML value is escaped on the way in.

pub(crate) mod escape;
mod lampiran;
pub mod lkjip;
pub mod markdown;
pub mod monitoring;
pub mod pk;
mod qr;
pub use qr::svg as qr_svg;
mod view;
pub use view::{cara, kepala, ttd, Cara, Kepala, Ttd};

use std::sync::OnceLock;

use escape::string_literal;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use crate::content::variabel::{self, narrative_problem};
use crate::content::Report;
use crate::error::{Error, Problem};
use crate::naskah::Naskah;

/// Name of the main template.
pub const MAIN: &str = "laporan.typ";

/// The Typst source of the Rencana Aksi `naskah`.
pub fn render(naskah: &Naskah) -> Result<String, Error> {
    let view = view::build(naskah)?;
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
    let filled = variabel::isi_di(report, file, path, text)?;
    Ok(markdown::to_typst(&filled))
}

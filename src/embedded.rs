//! Files compiled into the binary by `build.rs`: templates, fonts and the
//! example report. Nothing is read from the system at run time.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The built-in template with the given name.
pub fn template(name: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

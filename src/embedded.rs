//! Files compiled into the binary by `build.rs`: templates, fonts, the
//! example report and the scaffold of a new report. Nothing is read from
//! the system at run time.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

//! Files compiled into the binary by `build.rs`: templates, fonts and the
//! example report. Nothing is read from the system at run time.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

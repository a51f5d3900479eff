//! Narrative variables that cannot be filled in (`{{ kabupatn }}`, a brace
//! left open): found here, so what `check` accepts also renders.

use super::{error, Diagnostic};
use crate::content::Report;

pub(super) fn check(report: &Report, found: &mut Vec<Diagnostic>) {
    for problem in crate::content::variabel::masalah(report) {
        error(found, problem);
    }
}

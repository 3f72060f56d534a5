//! The fast YAML reader held against serde-saphyr on one text, for the differential tests, the
//! fuzz target and the benchmarks: where the fast reader does not give up, it must read the
//! model serde-saphyr reads, with every position the same.

use crate::model::Model;

pub use super::fast::GiveUp;
use super::yaml;

/// How the two readers did on a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Agreement {
    /// The fast reader gave up, for this reason: serde-saphyr reads the text.
    Fallback(GiveUp),
    /// Both read the same model, positions included.
    Same,
    /// The fast reader read something else than serde-saphyr: what each read (a model's debug
    /// text, which shows every position, or serde-saphyr's error).
    Differ { fast: String, full: String },
}

/// The model the fast reader reads from `text`, or why it gives up.
pub fn fast(text: &str) -> Result<Model, GiveUp> {
    yaml::read_fast(text)
}

/// The model serde-saphyr reads from `text`, or its error's message.
pub fn full(text: &str) -> Result<Model, String> {
    yaml::read_full(text).map_err(|e| e.to_string())
}

/// Reads `text` with both readers and compares what they read: the model's JSON (what it says)
/// and its debug text (which shows every value's position as well).
pub fn compare(text: &str) -> Agreement {
    let fast = match fast(text) {
        Ok(model) => model,
        Err(why) => return Agreement::Fallback(why),
    };
    match full(text) {
        Ok(full) => same_model(&fast, &full),
        Err(message) => Agreement::Differ {
            fast: format!("{fast:#?}"),
            full: message,
        },
    }
}

/// Whether two models are the same: the same JSON (what they say) and the same debug text
/// (which shows every value's position as well, and the capacity of no list).
fn same_model(fast: &Model, full: &Model) -> Agreement {
    let fast_debug = format!("{fast:#?}");
    let full_debug = format!("{full:#?}");
    let same_json = match (serde_json::to_string(fast), serde_json::to_string(full)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same_json && fast_debug == full_debug {
        Agreement::Same
    } else {
        Agreement::Differ {
            fast: fast_debug,
            full: full_debug,
        }
    }
}

pub use super::parallel::{Plan, Route, Serial};

/// The model the serial read (`yaml::read`: the fast reader, or serde-saphyr where it gives
/// up) reads from `text`, or its error's message with its position.
pub fn serial(text: &str) -> Result<Model, String> {
    yaml::read(text, 0).map_err(|e| describe(&e))
}

/// The model the parallel read reads from `text` under `plan`, or its error's message with its
/// position; and how it read it.
pub fn parallel(text: &str, plan: Plan) -> (Result<Model, String>, Route) {
    let (read, route) = super::parallel::read_telling(text, plan);
    (read.map_err(|e| describe(&e)), route)
}

/// Reads `text` serially and in parallel under `plan`, and compares what they read as
/// [`compare`] does, their errors too (message and position); and how the parallel read went.
pub fn compare_parallel(text: &str, plan: Plan) -> (Agreement, Route) {
    let (parallel, route) = parallel(text, plan);
    let agreement = match (parallel, serial(text)) {
        (Ok(a), Ok(b)) => same_model(&a, &b),
        (Err(a), Err(b)) if a == b => Agreement::Same,
        (a, b) => Agreement::Differ {
            fast: format!("{a:#?}"),
            full: format!("{b:#?}"),
        },
    };
    (agreement, route)
}

/// An error's message and where the YAML library says it is.
fn describe(err: &serde_saphyr::Error) -> String {
    let diagnostic = yaml::problem(err, 0);
    format!("{}: {} ({err})", diagnostic.pos, diagnostic.message)
}

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
    let fast_debug = format!("{fast:#?}");
    let full = match full(text) {
        Ok(model) => model,
        Err(message) => {
            return Agreement::Differ {
                fast: fast_debug,
                full: message,
            };
        }
    };
    let full_debug = format!("{full:#?}");
    let same_json = match (serde_json::to_string(&fast), serde_json::to_string(&full)) {
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

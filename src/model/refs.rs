//! Lists of references, read to their exact length.
//!
//! Nearly every fact cites one source, and there are millions of facts in a large model. A list
//! that grows as it is read keeps room for four references (128 bytes) to hold one (32 bytes):
//! at a million entities, about a hundred megabytes of nothing. Read here, a list holds exactly
//! what it was given, in one allocation when it has one item.

use std::fmt;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};

use super::Ref;

/// A list of references whose capacity is its length.
pub(super) struct Exact(pub Vec<Ref>);

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(ExactVisitor)
    }
}

struct ExactVisitor;

impl<'de> Visitor<'de> for ExactVisitor {
    type Value = Exact;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of ids")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Exact, A::Error> {
        // A hint is trusted only as far as a small first allocation; the list grows past it.
        let mut refs = Vec::with_capacity(seq.size_hint().unwrap_or(1).clamp(1, 64));
        while let Some(r) = seq.next_element()? {
            refs.push(r);
        }
        if refs.len() < refs.capacity() {
            refs.shrink_to_fit();
        }
        Ok(Exact(refs))
    }
}

/// `deserialize_with` for a list of references.
pub(super) fn exact<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Ref>, D::Error> {
    Exact::deserialize(deserializer).map(|e| e.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_references_holds_no_spare_room() {
        for (text, len) in [(r#"["s1"]"#, 1), (r#"["s1", "s2", "s3"]"#, 3), ("[]", 0)] {
            let refs = exact(&mut serde_json::Deserializer::from_str(text)).unwrap();
            assert_eq!(refs.len(), len, "{text}");
            assert_eq!(refs.capacity(), len, "{text}");
        }
    }
}

//! An id as written in a model file: short text, kept inline.
//!
//! A model of a million entities holds several million ids and references (each entity's own
//! id, its parent's, the sources it cites, each role's person and entity). Nearly all of them are
//! a few bytes long, so each is stored in place, without an allocation of its own, up to 24 bytes
//! ([`compact_str`]); longer ones go to the heap as a `String` would.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use compact_str::CompactString;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An id: compared, hashed and ordered as the text it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(transparent)]
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Id(CompactString);

impl Id {
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Self {
        Id(CompactString::from(s))
    }
}

impl From<String> for Id {
    fn from(s: String) -> Self {
        Id(CompactString::from(s))
    }
}

impl From<&String> for Id {
    fn from(s: &String) -> Self {
        Id(CompactString::from(s.as_str()))
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_str()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

/// In the schema, an id is a string.
impl JsonSchema for Id {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_ids_keep_their_text() {
        let short = Id::from("e12345");
        let long = Id::from("an-id-much-longer-than-twenty-four-bytes".to_owned());
        assert_eq!(short.as_str(), "e12345");
        assert_eq!(&*long, "an-id-much-longer-than-twenty-four-bytes");
        assert!(short == "e12345");
        assert_eq!(short.to_string(), "e12345");
    }

    #[test]
    fn an_id_reads_and_writes_as_a_plain_string() {
        let id: Id = serde_json::from_str(r#""caisse-des-depots""#).unwrap();
        assert_eq!(id, "caisse-des-depots");
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            r#""caisse-des-depots""#
        );
        // Escapes are read, not kept.
        let id: Id = serde_json::from_str(r#""a\u00e9b""#).unwrap();
        assert_eq!(id.as_str(), "aéb");
    }
}

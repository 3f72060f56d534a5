//! The open vocabularies of the model: kinds of entities, relations and events. Each has known
//! words that orgtree understands, and accepts any other word as written. These are the model's
//! words (`business_unit`); what people read (`business unit`) is in `crate::words`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
            /// A word outside the known vocabulary, kept as written.
            Other(String),
        }

        impl $name {
            /// Every known word, in the order the documentation lists them.
            pub const KNOWN: &[&str] = &[$($word),+];

            pub fn from_word(word: &str) -> Self {
                match word {
                    $($word => $name::$variant,)+
                    other => $name::Other(other.to_owned()),
                }
            }

            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $word,)+
                    $name::Other(word) => word,
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let word = String::deserialize(deserializer)?;
                Ok($name::from_word(&word))
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "description": "One of the known words, or any other word (kept as written).",
                    "anyOf": [{ "enum": $name::KNOWN }, { "type": "string" }]
                })
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// What an entity is.
    EntityKind {
        Group = "group",
        Company = "company",
        Subsidiary = "subsidiary",
        Division = "division",
        BusinessUnit = "business_unit",
        JointVenture = "joint_venture",
        Project = "project",
        PublicBody = "public_body",
        State = "state",
        Datacenter = "datacenter",
        Team = "team",
    }
}

vocabulary! {
    /// How two entities are related, read as "from <kind> to".
    RelationKind {
        Hosts = "hosts",
        MergedInto = "merged_into",
        Successor = "successor",
        Competitor = "competitor",
        Partner = "partner",
        Supplier = "supplier",
        ClientOf = "client_of",
        MemberOf = "member_of",
    }
}

vocabulary! {
    /// What kind of thing happened.
    EventKind {
        Founding = "founding",
        Acquisition = "acquisition",
        CapitalChange = "capital_change",
        LeadershipChange = "leadership_change",
        Launch = "launch",
        Merger = "merger",
        Withdrawal = "withdrawal",
        Shutdown = "shutdown",
        Reorganisation = "reorganisation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_words_round_trip() {
        for word in EntityKind::KNOWN {
            let kind = EntityKind::from_word(word);
            assert!(!matches!(kind, EntityKind::Other(_)), "{word}");
            assert_eq!(kind.as_str(), *word);
        }
    }

    #[test]
    fn other_words_are_kept_as_written() {
        assert_eq!(
            EntityKind::from_word("cooperative"),
            EntityKind::Other("cooperative".into())
        );
        assert_eq!(EntityKind::from_word("cooperative").as_str(), "cooperative");
    }
}

//! A BODS 0.4 statement as serde reads it: the fields of `statement.json`, and the record
//! details of `entity-record.json`, `person-record.json` and `relationship-record.json` in one
//! struct (a statement's `recordType` may come after its `recordDetails`). Text borrows from the
//! line where it can. Fields the import does not use are skipped; fields the standard does not
//! have are ignored, as BODS allows them.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// Text as written: borrowed from the input unless it holds an escape. (serde borrows a bare
/// `Cow<str>` field only, not one in an `Option` or a `Vec`: hence a type of its own.)
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text<'_> {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

/// A list that may be written `null`: an empty list.
fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RecordType {
    Entity,
    Person,
    Relationship,
}

impl RecordType {
    /// The word with its article: `an entity`.
    pub fn with_article(self) -> &'static str {
        match self {
            RecordType::Entity => "an entity",
            RecordType::Person => "a person",
            RecordType::Relationship => "a relationship",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RecordStatus {
    New,
    Updated,
    Closed,
}

/// One statement: a claim about an entity, a person or a relationship at a date.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Statement<'a> {
    /// Required, as the standard has it, but not kept: a record's statements are told apart
    /// by their dates and their order.
    #[allow(dead_code)] // reason: read only to require it
    #[serde(borrow)]
    pub statement_id: Text<'a>,
    #[serde(borrow)]
    pub statement_date: Text<'a>,
    #[serde(borrow, default, deserialize_with = "list")]
    pub annotations: Vec<Annotation<'a>>,
    #[serde(borrow, default)]
    pub publication_details: Option<PublicationDetails<'a>>,
    #[serde(borrow, default)]
    pub source: Option<Source<'a>>,
    #[serde(borrow)]
    pub record_id: Text<'a>,
    pub record_type: RecordType,
    #[serde(default)]
    pub record_status: Option<RecordStatus>,
    #[serde(borrow)]
    pub record_details: Details<'a>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Annotation<'a> {
    #[serde(borrow, default)]
    pub statement_pointer_target: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub creation_date: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub created_by: Option<Agent<'a>>,
    #[serde(borrow, default)]
    pub motivation: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub description: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub transformed_content: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub url: Option<Text<'a>>,
}

/// A name and a link: an annotation's author, a source's asserter, a publisher.
#[derive(Debug, Deserialize, Hash, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Agent<'a> {
    #[serde(borrow, default)]
    pub name: Option<Text<'a>>,
    #[serde(borrow, default, alias = "url")]
    pub uri: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicationDetails<'a> {
    #[serde(borrow, default)]
    pub publication_date: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub bods_version: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub license: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub publisher: Option<Agent<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source<'a> {
    #[serde(borrow, default, rename = "type", deserialize_with = "list")]
    pub types: Vec<Text<'a>>,
    #[serde(borrow, default)]
    pub description: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub url: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub retrieved_at: Option<Text<'a>>,
    #[serde(borrow, default, deserialize_with = "list")]
    pub asserted_by: Vec<Agent<'a>>,
}

/// `recordDetails`, whatever the record's type: what an entity, a person or a relationship
/// record may hold.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Details<'a> {
    // Entities.
    #[serde(borrow, default)]
    pub entity_type: Option<EntityType<'a>>,
    #[serde(borrow, default)]
    pub unspecified_entity_details: Option<Unspecified<'a>>,
    #[serde(borrow, default)]
    pub name: Option<Text<'a>>,
    #[serde(borrow, default, deserialize_with = "list")]
    pub alternate_names: Vec<Text<'a>>,
    #[serde(borrow, default)]
    pub jurisdiction: Option<Country<'a>>,
    #[serde(borrow, default)]
    pub founding_date: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub dissolution_date: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub uri: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub public_listing: Option<PublicListing<'a>>,
    #[serde(borrow, default)]
    pub formed_by_statute: Option<Statute<'a>>,
    // Entities and people.
    #[serde(borrow, default, deserialize_with = "list")]
    pub identifiers: Vec<Identifier<'a>>,
    #[serde(borrow, default, deserialize_with = "list")]
    pub addresses: Vec<Address<'a>>,
    // People.
    #[serde(borrow, default)]
    pub person_type: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub unspecified_person_details: Option<Unspecified<'a>>,
    #[serde(borrow, default, deserialize_with = "list")]
    pub names: Vec<Name<'a>>,
    #[serde(borrow, default, deserialize_with = "list")]
    pub nationalities: Vec<Country<'a>>,
    #[serde(borrow, default)]
    pub place_of_birth: Option<Address<'a>>,
    #[serde(borrow, default)]
    pub birth_date: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub death_date: Option<Text<'a>>,
    #[serde(borrow, default, deserialize_with = "list")]
    pub tax_residencies: Vec<Country<'a>>,
    #[serde(borrow, default)]
    pub political_exposure: Option<PoliticalExposure<'a>>,
    // Relationships.
    #[serde(borrow, default, deserialize_with = "list")]
    pub component_records: Vec<Text<'a>>,
    #[serde(borrow, default)]
    pub subject: Option<Party<'a>>,
    #[serde(borrow, default)]
    pub interested_party: Option<Party<'a>>,
    #[serde(borrow, default, deserialize_with = "list")]
    pub interests: Vec<Interest<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntityType<'a> {
    #[serde(borrow, rename = "type")]
    pub kind: Text<'a>,
    #[serde(borrow, default)]
    pub subtype: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub details: Option<Text<'a>>,
}

/// Why a person, an entity or a party is not given: `reason` from the unspecifiedReason
/// codelist, and what the source said.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Unspecified<'a> {
    #[serde(borrow, default)]
    pub reason: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub description: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Country<'a> {
    #[serde(borrow, default)]
    pub name: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub code: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identifier<'a> {
    #[serde(borrow, default)]
    pub id: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub scheme: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub scheme_name: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub uri: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address<'a> {
    #[serde(borrow, default, rename = "type")]
    pub kind: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub address: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub post_code: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub country: Option<Country<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicListing<'a> {
    #[serde(default)]
    pub has_public_listing: Option<bool>,
    #[serde(
        borrow,
        default,
        rename = "companyFilingsURLs",
        deserialize_with = "list"
    )]
    pub company_filings_urls: Vec<Text<'a>>,
    #[serde(borrow, default, deserialize_with = "list")]
    pub securities_listings: Vec<SecuritiesListing<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecuritiesListing<'a> {
    #[serde(borrow, default)]
    pub market_identifier_code: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub stock_exchange_name: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub stock_exchange_jurisdiction: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub security: Option<Security<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Security<'a> {
    #[serde(borrow, default)]
    pub id_scheme: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub id: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub ticker: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Statute<'a> {
    #[serde(borrow, default)]
    pub name: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub date: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Name<'a> {
    #[serde(borrow, default, rename = "type")]
    pub kind: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub full_name: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub family_name: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub given_name: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub patronymic_name: Option<Text<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PoliticalExposure<'a> {
    #[serde(borrow, default)]
    pub status: Option<Text<'a>>,
    #[serde(borrow, default, deserialize_with = "list")]
    pub details: Vec<PepDetails<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PepDetails<'a> {
    #[serde(borrow, default)]
    pub reason: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub missing_info_reason: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub jurisdiction: Option<Country<'a>>,
    #[serde(borrow, default)]
    pub start_date: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub end_date: Option<Text<'a>>,
}

/// One interest of a relationship.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Interest<'a> {
    #[serde(borrow, default, rename = "type")]
    pub kind: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub direct_or_indirect: Option<Text<'a>>,
    #[serde(default)]
    pub beneficial_ownership_or_control: Option<bool>,
    #[serde(borrow, default)]
    pub details: Option<Text<'a>>,
    #[serde(default)]
    pub share: Option<ShareFigures>,
    #[serde(borrow, default)]
    pub start_date: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub end_date: Option<Text<'a>>,
}

/// A share as BODS gives it: percentages, exact or bounded.
#[derive(Debug, Default, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareFigures {
    #[serde(default)]
    pub exact: Option<f64>,
    #[serde(default)]
    pub minimum: Option<f64>,
    #[serde(default)]
    pub maximum: Option<f64>,
    #[serde(default)]
    pub exclusive_minimum: Option<f64>,
    #[serde(default)]
    pub exclusive_maximum: Option<f64>,
}

/// A relationship's subject or interested party: a record id, or why it is not given.
#[derive(Debug, Clone)]
pub enum Party<'a> {
    Record(Text<'a>),
    Unspecified(Unspecified<'a>),
}

impl<'de: 'a, 'a> Deserialize<'de> for Party<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PartyVisitor;

        impl<'de> Visitor<'de> for PartyVisitor {
            type Value = Party<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a record id, or an object with the `reason` it is not given")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Party<'de>, E> {
                Ok(Party::Record(Text(Cow::Borrowed(v))))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Party<'de>, E> {
                Ok(Party::Record(Text(Cow::Owned(v.to_owned()))))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Party<'de>, E> {
                Ok(Party::Record(Text(Cow::Owned(v))))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Party<'de>, A::Error> {
                let mut reason = None;
                let mut description = None;
                while let Some(key) = map.next_key::<Text<'de>>()? {
                    match key.as_ref() {
                        "reason" => reason = map.next_value::<Option<Text<'de>>>()?,
                        "description" => description = map.next_value::<Option<Text<'de>>>()?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Party::Unspecified(Unspecified {
                    reason,
                    description,
                }))
            }
        }

        deserializer.deserialize_any(PartyVisitor)
    }
}

/// What the neighbourhood of a record needs of a statement (`around`): its record, the
/// identifiers it gives, and the two ends of a relationship; the rest is skipped unread.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Links<'a> {
    #[serde(borrow)]
    pub record_id: Text<'a>,
    pub record_type: RecordType,
    #[serde(borrow, default)]
    pub record_details: LinkDetails<'a>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkDetails<'a> {
    #[serde(borrow, default, deserialize_with = "list")]
    pub identifiers: Vec<Identifier<'a>>,
    #[serde(borrow, default)]
    pub subject: Option<Party<'a>>,
    #[serde(borrow, default)]
    pub interested_party: Option<Party<'a>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_borrows_from_the_line_unless_escaped() {
        let line = r#"{"statementId": "s1", "statementDate": "2020-01-02", "recordId": "r\u0031",
            "recordType": "relationship", "recordDetails": {"isComponent": false,
            "subject": "e1", "interestedParty": {"reason": "unknown", "description": "d"},
            "interests": [{"type": "shareholding", "share": {"exact": 60}}]}}"#;
        let s: Statement = serde_json::from_str(line).unwrap();
        assert!(matches!(s.statement_id.0, Cow::Borrowed("s1")));
        assert!(matches!(s.record_id.0, Cow::Owned(ref r) if r == "r1"));
        assert_eq!(s.record_type, RecordType::Relationship);
        assert!(matches!(
            s.record_details.subject,
            Some(Party::Record(Text(Cow::Borrowed("e1"))))
        ));
        assert!(matches!(s.statement_date.0, Cow::Borrowed(_)));
        let Some(Party::Unspecified(u)) = &s.record_details.interested_party else {
            panic!("{:?}", s.record_details.interested_party)
        };
        assert_eq!(u.reason.as_deref(), Some("unknown"));
        assert_eq!(
            s.record_details.interests[0].share.unwrap().exact,
            Some(60.0)
        );
    }

    #[test]
    fn null_lists_are_empty_and_unknown_fields_are_ignored() {
        let line = r#"{"statementId": "s", "statementDate": "2020", "recordId": "r",
            "recordType": "person", "recordDetails": {"names": null, "extra": [1, {"a": 2}]},
            "annotations": null, "x-custom": true}"#;
        let s: Statement = serde_json::from_str(line).unwrap();
        assert!(s.record_details.names.is_empty() && s.annotations.is_empty());
    }

    #[test]
    fn a_wrong_record_type_is_an_error() {
        let line = r#"{"statementId": "s", "statementDate": "2020", "recordId": "r",
            "recordType": "company", "recordDetails": {}}"#;
        let e = serde_json::from_str::<Statement>(line).unwrap_err();
        assert!(e.to_string().contains("unknown variant `company`"), "{e}");
    }
}

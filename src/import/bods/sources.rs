//! Where statements come from, as the model's sources: a statement's `publicationDetails` and
//! its `source` make one [`Source`]; statements that say the same about both cite the same one.

use std::collections::HashMap;

use crate::model::{At, Id, PartialDate, Pos, Ref, Source};

use super::codes::capitalised;
use super::statement::{Agent, PublicationDetails, Source as Provenance};

/// The sources met so far, each once.
#[derive(Debug, Default)]
pub struct Sources {
    /// Each source by what it says, for statements that say the same.
    seen: HashMap<String, usize>,
    pub list: Vec<Source>,
}

impl Sources {
    /// The source of a statement, added unless an identical one was; `None` when the statement
    /// says nothing of where it comes from. `date` is the publication date, already read.
    pub fn cite(
        &mut self,
        publication: Option<&PublicationDetails<'_>>,
        provenance: Option<&Provenance<'_>>,
        date: Option<At<PartialDate>>,
        pos: Pos,
    ) -> Option<Ref> {
        if publication.is_none() && provenance.is_none() {
            return None;
        }
        let publisher = publication.and_then(|p| p.publisher.as_ref());
        let title = provenance
            .and_then(|s| s.description.as_deref())
            .map(str::to_owned)
            .or_else(|| {
                let types: Vec<&str> = provenance
                    .map(|s| s.types.iter().map(|t| source_type(t)).collect())
                    .unwrap_or_default();
                (!types.is_empty()).then(|| capitalised(&types.join(", ")))
            })
            .unwrap_or_else(|| "BODS 0.4 statements".to_owned());
        let mut url = provenance.and_then(|s| s.url.as_deref()).map(str::to_owned);
        let mut note = Vec::new();
        if let Some(s) = provenance {
            if s.description.is_some() && !s.types.is_empty() {
                let types: Vec<&str> = s.types.iter().map(|t| source_type(t)).collect();
                note.push(format!("source type: {}", types.join(", ")));
            }
            let asserted: Vec<String> = s.asserted_by.iter().filter_map(agent).collect();
            if !asserted.is_empty() {
                note.push(format!("asserted by {}", asserted.join(", ")));
            }
            if let Some(at) = &s.retrieved_at {
                note.push(format!("retrieved {at}"));
            }
        }
        if let Some(p) = publication {
            if let Some(link) = publisher.and_then(|p| p.uri.as_deref()) {
                if url.is_none() {
                    url = Some(link.to_owned());
                } else {
                    note.push(format!("publisher: {link}"));
                }
            }
            if let Some(license) = &p.license {
                note.push(format!("licence: {license}"));
            }
            if let Some(version) = &p.bods_version {
                note.push(format!("BODS {version}"));
            }
        }
        let publisher = publisher
            .and_then(|p| p.name.as_deref().or(p.uri.as_deref()))
            .unwrap_or("Unknown publisher")
            .to_owned();
        let note = (!note.is_empty()).then(|| note.join("; "));
        let key = format!(
            "{publisher}\u{1f}{title}\u{1f}{}\u{1f}{}\u{1f}{}",
            date.as_ref()
                .map(|d| d.value.to_string())
                .unwrap_or_default(),
            url.as_deref().unwrap_or_default(),
            note.as_deref().unwrap_or_default()
        );
        let next = self.list.len();
        let index = *self.seen.entry(key).or_insert(next);
        if index == next {
            self.list.push(Source {
                id: At::new(Id::from(format!("bods-source-{}", next + 1)), pos),
                publisher,
                title,
                date,
                url,
                note,
            });
        }
        Some(self.list[index].id.clone())
    }
}

/// A name and a link, as one text: `Company A (https://…)`.
fn agent(a: &Agent<'_>) -> Option<String> {
    match (a.name.as_deref(), a.uri.as_deref()) {
        (Some(n), Some(u)) => Some(format!("{n} ({u})")),
        (Some(n), None) => Some(n.to_owned()),
        (None, Some(u)) => Some(u.to_owned()),
        (None, None) => None,
    }
}

/// A code of the sourceType codelist as its title, in lower case.
fn source_type(code: &str) -> &str {
    match code {
        "selfDeclaration" => "self declaration",
        "officialRegister" => "official register",
        "thirdParty" => "third party",
        "primaryResearch" => "primary research",
        "verified" => "verified",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::bods::statement::Statement;

    fn statement(extra: &str) -> String {
        format!(
            r#"{{"statementId": "s", "statementDate": "2020-01-01", "recordId": "r",
            "recordType": "person", "recordDetails": {{}}{extra}}}"#
        )
    }

    #[test]
    fn identical_provenance_is_one_source() {
        let a = statement(
            r#", "publicationDetails": {"publicationDate": "2020-02-01", "bodsVersion": "0.4",
            "publisher": {"name": "Register"}}, "source": {"type": ["officialRegister"],
            "assertedBy": [{"name": "Company A"}]}"#,
        );
        let b = a.replace("Company A", "Company B");
        let mut sources = Sources::default();
        let date = Some(At::new("2020-02-01".parse().unwrap(), Pos::UNKNOWN));
        let mut cite = |text: &str| {
            let s: Statement = serde_json::from_str(text).unwrap();
            sources.cite(
                s.publication_details.as_ref(),
                s.source.as_ref(),
                date.clone(),
                Pos::UNKNOWN,
            )
        };
        let first = cite(&a).unwrap();
        assert_eq!(cite(&a).unwrap().value, first.value);
        assert_ne!(cite(&b).unwrap().value, first.value);
        assert!(cite(&statement("")).is_none());
        let s = &sources.list[0];
        assert_eq!(
            (s.publisher.as_str(), s.title.as_str()),
            ("Register", "Official register")
        );
        assert_eq!(s.note.as_deref(), Some("asserted by Company A; BODS 0.4"));
        assert_eq!(sources.list.len(), 2);
    }
}

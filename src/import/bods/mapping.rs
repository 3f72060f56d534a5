//! One statement's record details as the model's items: an entity record as an
//! [`Entity`], a person record as a [`Person`], a relationship record as a [`Relationship`]
//! (its interests, which become stakes once every record is known). Each value carries the
//! statement's position; a value that cannot be read is reported where it is written.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::model::{
    At, Dated, Entity, EntityFields, EntityKind, Id, Identifier, Interest, Note, PartialDate,
    Person, Pos, Ref, Share,
};

use super::codes::{self, capitalised};
use super::locate::{Step, locate};
use super::statement::{self as st, Details, Party, ShareFigures};
use super::stream::Chunk;

/// What one statement says about its record.
#[derive(Debug, Clone)]
pub enum Body {
    Entity(Entity),
    Person(Person),
    Relationship(Relationship),
}

/// A relationship record: who holds what in what.
#[derive(Debug, Clone)]
pub struct Relationship {
    pub subject: End,
    pub party: End,
    pub interests: Vec<Held>,
    /// The records behind its indirect interests (`componentRecords`).
    pub components: Vec<Id>,
    pub notes: Vec<Note>,
    pub pos: Pos,
}

/// A relationship's subject or interested party.
#[derive(Debug, Clone)]
pub enum End {
    Record(Ref),
    /// Not given: the reason's code and what the source said of it.
    Unspecified {
        reason: Option<String>,
        description: Option<String>,
    },
    /// The statement does not say.
    Missing,
}

/// One interest of a relationship.
#[derive(Debug, Clone)]
pub struct Held {
    /// `None` when the statement gives no type.
    pub interest: Option<Interest>,
    pub share: Option<At<Share>>,
    pub indirect: bool,
    pub start: Option<At<PartialDate>>,
    pub end: Option<At<PartialDate>>,
    /// Remarks on it, from the statement: its details, its kind of control…
    pub notes: Vec<String>,
}

/// What mapping one statement needs: where it is, what it cites, where problems go.
pub struct Cx<'c, 't> {
    pub chunk: &'c Chunk<'t>,
    pub source: Option<Ref>,
    pub diagnostics: &'c mut Vec<Diagnostic>,
}

impl Cx<'_, '_> {
    pub fn pos(&self) -> Pos {
        self.chunk.start
    }

    /// The position of the value at `path` under `recordDetails`, or the statement's.
    pub fn at(&self, path: &[Step<'_>]) -> Pos {
        let mut full = vec![Step::Key("recordDetails")];
        full.extend_from_slice(path);
        locate(self.chunk.text, self.chunk.base, &full).unwrap_or(self.pos())
    }

    fn sources(&self) -> Vec<Ref> {
        self.source.iter().cloned().collect()
    }

    fn note(&self, text: String) -> Note {
        Note {
            text,
            sources: self.sources(),
        }
    }

    /// A date under `recordDetails` at `path`: its day part (a date-time's time is dropped).
    pub fn date(&mut self, text: Option<&str>, path: &[Step<'_>]) -> Option<At<PartialDate>> {
        let text = text?;
        match date(text) {
            Ok(d) => Some(At::new(d, self.pos())),
            Err(e) => {
                let pos = self.at(path);
                self.diagnostics.push(Diagnostic::error(pos, e));
                None
            }
        }
    }
}

/// A BODS date, date-time or (for a birth date) year or year and month, as a partial date.
pub fn date(text: &str) -> Result<PartialDate, String> {
    let day = text.split_once('T').map_or(text, |(day, _)| day);
    day.parse::<PartialDate>().map_err(|e| e.to_string())
}

/// An entity record.
pub fn entity(cx: &mut Cx<'_, '_>, id: &str, d: &Details<'_>, notes: Vec<Note>) -> Entity {
    let pos = cx.pos();
    let (type_code, subtype) = d
        .entity_type
        .as_ref()
        .map_or(("", None), |t| (t.kind.as_ref(), t.subtype.as_deref()));
    let kind = match codes::entity_kind(type_code, subtype) {
        Some(kind) => kind,
        None => {
            let at = cx.at(&[Step::Key("entityType")]);
            cx.diagnostics.push(
                Diagnostic::warning(
                    at,
                    match d.entity_type {
                        Some(_) => format!("`{type_code}` is not an entity type of BODS 0.4; kept as written"),
                        None => "this entity record has no `entityType`".to_owned(),
                    },
                )
                .with_help("BODS 0.4's entity types: registeredEntity, legalEntity, arrangement, anonymousEntity, unknownEntity, state, stateBody"),
            );
            EntityKind::from_word(if type_code.is_empty() {
                "entity"
            } else {
                type_code
            })
        }
    };
    let name = d.name.as_deref().map_or_else(
        || match type_code {
            "anonymousEntity" => "Anonymous entity".to_owned(),
            "unknownEntity" => "Unknown entity".to_owned(),
            _ => "Unnamed entity".to_owned(),
        },
        str::to_owned,
    );
    let description = d
        .unspecified_entity_details
        .as_ref()
        .and_then(|u| codes::unspecified(u.reason.as_deref(), u.description.as_deref()));
    let mut attributes = BTreeMap::new();
    let mut put = |key: String, value: String| {
        let mut key = key;
        let mut n = 1;
        while attributes.contains_key(&key) {
            n += 1;
            key = format!("{} {n}", key.trim_end_matches(char::is_numeric).trim_end());
        }
        attributes.insert(key, value);
    };
    if let Some(t) = &d.entity_type {
        if let Some(s) = &t.subtype {
            put("subtype".into(), s.to_string());
        }
        if let Some(details) = &t.details {
            put("type details".into(), details.to_string());
        }
    }
    if let Some(j) = d.jurisdiction.as_ref().and_then(country) {
        put("jurisdiction".into(), j);
    }
    for a in &d.addresses {
        if let Some(text) = address(a) {
            put(address_key(a.kind.as_deref()), text);
        }
    }
    if let Some(uri) = &d.uri {
        put("uri".into(), uri.to_string());
    }
    if let Some(listing) = &d.public_listing {
        if let Some(listed) = listing.has_public_listing {
            put(
                "public listing".into(),
                if listed { "yes" } else { "no" }.into(),
            );
        }
        if !listing.company_filings_urls.is_empty() {
            put(
                "company filings".into(),
                listing.company_filings_urls.join(", "),
            );
        }
        for s in &listing.securities_listings {
            put("securities listing".into(), securities(s));
        }
    }
    if let Some(statute) = &d.formed_by_statute {
        let text = match (statute.name.as_deref(), statute.date.as_deref()) {
            (Some(n), Some(d)) => format!("{n} ({d})"),
            (Some(x), None) | (None, Some(x)) => x.to_owned(),
            (None, None) => String::new(),
        };
        if !text.is_empty() {
            put("formed by statute".into(), text);
        }
    }
    let founded = cx.date(d.founding_date.as_deref(), &[Step::Key("foundingDate")]);
    let dissolved = cx.date(
        d.dissolution_date.as_deref(),
        &[Step::Key("dissolutionDate")],
    );
    Entity::from(EntityFields {
        id: At::new(Id::from(id), pos),
        name: Dated::Always(At::new(name, pos)),
        kind: Dated::Always(At::new(kind, pos)),
        description,
        other_names: d.alternate_names.iter().map(|n| n.to_string()).collect(),
        identifiers: identifiers(&d.identifiers),
        parent: None,
        founded,
        dissolved,
        attributes,
        notes,
        sources: cx.sources(),
        competing: Vec::new(),
    })
}

/// A person record.
pub fn person(cx: &mut Cx<'_, '_>, id: &str, d: &Details<'_>, mut notes: Vec<Note>) -> Person {
    let pos = cx.pos();
    let full = |n: &st::Name<'_>| -> Option<String> {
        n.full_name.as_deref().map(str::to_owned).or_else(|| {
            let parts: Vec<&str> = [&n.given_name, &n.patronymic_name, &n.family_name]
                .into_iter()
                .filter_map(|p| p.as_deref())
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        })
    };
    let main = d
        .names
        .iter()
        .position(|n| matches!(n.kind.as_deref(), Some("legal" | "individual")))
        .unwrap_or(0);
    let name = d.names.get(main).and_then(full).unwrap_or_else(|| {
        match d.person_type.as_deref() {
            Some("anonymousPerson") => "Anonymous person",
            Some("unknownPerson") => "Unknown person",
            _ => "Unnamed person",
        }
        .to_owned()
    });
    let other_names = d
        .names
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != main)
        .filter_map(|(_, n)| full(n))
        .filter(|n| *n != name)
        .collect();
    let mut about = Vec::new();
    if let Some(u) = &d.unspecified_person_details
        && let Some(why) = codes::unspecified(u.reason.as_deref(), u.description.as_deref())
    {
        about.push(why);
    }
    if let Some(born) = &d.birth_date {
        if let Err(e) = date(born) {
            let at = cx.at(&[Step::Key("birthDate")]);
            cx.diagnostics.push(Diagnostic::error(at, e));
        }
        about.push(format!("born {born}"));
    }
    if let Some(died) = &d.death_date {
        if let Err(e) = date(died) {
            let at = cx.at(&[Step::Key("deathDate")]);
            cx.diagnostics.push(Diagnostic::error(at, e));
        }
        about.push(format!("died {died}"));
    }
    let nationalities: Vec<String> = d.nationalities.iter().filter_map(country).collect();
    if !nationalities.is_empty() {
        about.push(format!("nationality {}", nationalities.join(", ")));
    }
    for a in &d.addresses {
        if let Some(text) = address(a) {
            notes.push(cx.note(format!(
                "{}: {text}",
                capitalised(&address_key(a.kind.as_deref()))
            )));
        }
    }
    if let Some(text) = d.place_of_birth.as_ref().and_then(address) {
        notes.push(cx.note(format!("Place of birth: {text}")));
    }
    let residencies: Vec<String> = d.tax_residencies.iter().filter_map(country).collect();
    if !residencies.is_empty() {
        notes.push(cx.note(format!("Tax residency: {}", residencies.join(", "))));
    }
    if let Some(pep) = &d.political_exposure {
        let status = match pep.status.as_deref() {
            Some("isPep") => "A politically exposed person",
            Some("isNotPep") => "Not a politically exposed person",
            _ => "Whether a politically exposed person is not known",
        };
        let details: Vec<String> = pep
            .details
            .iter()
            .filter_map(|p| {
                let text: Vec<String> = [
                    p.reason.as_deref().map(str::to_owned),
                    p.missing_info_reason.as_deref().map(str::to_owned),
                    p.jurisdiction.as_ref().and_then(country),
                    p.start_date.as_deref().map(|d| format!("from {d}")),
                    p.end_date.as_deref().map(|d| format!("until {d}")),
                ]
                .into_iter()
                .flatten()
                .collect();
                (!text.is_empty()).then(|| text.join(", "))
            })
            .collect();
        let text = if details.is_empty() {
            status.to_owned()
        } else {
            format!("{status}: {}", details.join("; "))
        };
        notes.push(cx.note(text));
    }
    Person {
        id: At::new(Id::from(id), pos),
        name,
        description: (!about.is_empty()).then(|| capitalised(&about.join("; "))),
        other_names,
        identifiers: identifiers(&d.identifiers),
        sources: cx.sources(),
        notes,
    }
}

/// A relationship record.
pub fn relationship(cx: &mut Cx<'_, '_>, d: &Details<'_>, notes: Vec<Note>) -> Relationship {
    let pos = cx.pos();
    let end = |party: &Option<Party<'_>>| match party {
        Some(Party::Record(id)) => End::Record(At::new(Id::from(id.as_ref()), pos)),
        Some(Party::Unspecified(u)) => End::Unspecified {
            reason: u.reason.as_deref().map(str::to_owned),
            description: u.description.as_deref().map(str::to_owned),
        },
        None => End::Missing,
    };
    let (subject, party) = (end(&d.subject), end(&d.interested_party));
    for (which, key, end) in [
        ("subject", "subject", &subject),
        ("interested party", "interestedParty", &party),
    ] {
        if matches!(end, End::Missing) {
            cx.diagnostics.push(Diagnostic::error(
                pos,
                format!("this relationship has no {which} (`recordDetails.{key}`)"),
            ));
        }
    }
    let interests = d
        .interests
        .iter()
        .enumerate()
        .map(|(i, interest)| held(cx, i, interest))
        .collect();
    Relationship {
        subject,
        party,
        interests,
        components: d
            .component_records
            .iter()
            .map(|c| Id::from(c.as_ref()))
            .collect(),
        notes,
        pos,
    }
}

/// Interest `i` of a relationship.
fn held(cx: &mut Cx<'_, '_>, i: usize, h: &st::Interest<'_>) -> Held {
    let path = |key| [Step::Key("interests"), Step::Index(i), Step::Key(key)];
    let mut notes = Vec::new();
    let interest = h.kind.as_deref().map(|code| {
        codes::interest(code).unwrap_or_else(|| {
            let at = cx.at(&path("type"));
            cx.diagnostics.push(
                Diagnostic::warning(
                    at,
                    format!("`{code}` is not an interest type of BODS 0.4; kept as written"),
                )
                .with_help(format!("did you mean one of: {}?", suggest_interest(code))),
            );
            Interest::from_word(code)
        })
    });
    let mut share = h.share.as_ref().and_then(|figures| match share(figures) {
        Ok(share) => share.map(|s| At::new(s, cx.pos())),
        Err(e) => {
            let at = cx.at(&path("share"));
            cx.diagnostics.push(Diagnostic::error(at, e));
            None
        }
    });
    if let (Some(s), Some(interest)) = (&share, &interest)
        && !interest.takes_share()
    {
        let at = cx.at(&path("share"));
        cx.diagnostics.push(
            Diagnostic::warning(
                at,
                format!(
                    "a share on a `{}` interest, which carries none: kept as a note",
                    h.kind.as_deref().unwrap_or_default()
                ),
            )
            .with_help("orgtree reads a position (a trustee, a board seat) as held or not"),
        );
        notes.push(format!(
            "The statement gives it a share of {}",
            s.source_text()
        ));
        share = None;
    }
    let indirect = match h.direct_or_indirect.as_deref() {
        Some("indirect") => true,
        Some("direct") => false,
        Some(_) | None => {
            notes.push("Whether it is held directly or indirectly is not given".to_owned());
            false
        }
    };
    if h.beneficial_ownership_or_control == Some(true) {
        notes.push("Beneficial ownership or control".to_owned());
    }
    if let Some(details) = &h.details {
        notes.push(details.to_string());
    }
    let start = cx.date(h.start_date.as_deref(), &path("startDate"));
    let end = cx.date(h.end_date.as_deref(), &path("endDate"));
    Held {
        interest,
        share,
        indirect,
        start,
        end,
        notes,
    }
}

/// The known interest types nearest to `code`, for a hint.
fn suggest_interest(code: &str) -> String {
    const CODES: &[&str] = &[
        "shareholding",
        "votingRights",
        "appointmentOfBoard",
        "otherInfluenceOrControl",
        "beneficiaryOfLegalArrangement",
        "unknownInterest",
    ];
    crate::suggest::did_you_mean(code, CODES.iter().copied())
        .map_or_else(|| CODES.join(", "), str::to_owned)
}

/// A BODS share (percentages) as the model's: exact, or a range whose ends may be exclusive; an
/// empty share is none.
pub fn share(f: &ShareFigures) -> Result<Option<Share>, String> {
    if let Some(exact) = f.exact {
        return percent(exact).map(|p| format!("{p}%").parse::<Share>().ok());
    }
    // Of an inclusive and an exclusive bound on one side, the tighter one holds.
    let low = match (f.minimum, f.exclusive_minimum) {
        (Some(m), Some(x)) if m > x => Some((m, false)),
        (_, Some(x)) => Some((x, true)),
        (m, None) => m.map(|m| (m, false)),
    };
    let high = match (f.maximum, f.exclusive_maximum) {
        (Some(m), Some(x)) if m < x => Some((m, false)),
        (_, Some(x)) => Some((x, true)),
        (m, None) => m.map(|m| (m, false)),
    };
    if low.is_none() && high.is_none() {
        return Ok(None);
    }
    let (low, low_open) = low.unwrap_or((0.0, false));
    let (high, high_open) = high.unwrap_or((100.0, false));
    let text = format!(
        "{}{}%..{}{}%",
        if low_open { ">" } else { "" },
        percent(low)?,
        if high_open { "<" } else { "" },
        percent(high)?
    );
    text.parse::<Share>().map(Some).map_err(|_| {
        let low = if low_open { "more than" } else { "at least" };
        let high = if high_open { "less than" } else { "at most" };
        format!(
            "this share cannot be: {low} {}% and {high} {}%",
            f_text(f, true),
            f_text(f, false)
        )
    })
}

/// The bound a share's message names.
fn f_text(f: &ShareFigures, low: bool) -> String {
    let value = if low {
        f.exclusive_minimum.or(f.minimum).unwrap_or(0.0)
    } else {
        f.exclusive_maximum.or(f.maximum).unwrap_or(100.0)
    };
    value.to_string()
}

/// A percentage between 0 and 100 as the decimal text a share is read from (`33.33`), with at
/// most 12 decimals.
fn percent(value: f64) -> Result<String, String> {
    if !value.is_finite() || !(0.0..=100.0).contains(&value) {
        return Err(format!(
            "a share of {value} %: a share is a percentage from 0 to 100"
        ));
    }
    let text = value.to_string();
    let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
    if decimals <= 12 {
        return Ok(text);
    }
    let rounded = format!("{value:.12}");
    Ok(rounded
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_owned())
}

/// A country or jurisdiction: `United Kingdom (GB)`.
fn country(c: &st::Country<'_>) -> Option<String> {
    match (c.name.as_deref(), c.code.as_deref()) {
        (Some(n), Some(code)) => Some(format!("{n} ({code})")),
        (Some(x), None) | (None, Some(x)) => Some(x.to_owned()),
        (None, None) => None,
    }
}

/// An address on one line: the address, its post code unless already in it, its country.
fn address(a: &st::Address<'_>) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(text) = &a.address {
        parts.push(text.to_string());
    }
    if let Some(code) = &a.post_code
        && !a
            .address
            .as_deref()
            .is_some_and(|t| t.contains(code.as_ref()))
    {
        parts.push(code.to_string());
    }
    if let Some(c) = a
        .country
        .as_ref()
        .and_then(|c| c.name.as_deref().or(c.code.as_deref()))
    {
        parts.push(c.to_owned());
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `registered address`, `service address`…, or `address` when its type is not given.
fn address_key(kind: Option<&str>) -> String {
    match kind {
        Some("placeOfBirth") => "place of birth".to_owned(),
        Some(kind) => format!("{kind} address"),
        None => "address".to_owned(),
    }
}

/// A securities listing on one line: `London Stock Exchange (GB): ABC, isin GB0001`.
fn securities(s: &st::SecuritiesListing<'_>) -> String {
    let mut text = s
        .stock_exchange_name
        .as_deref()
        .or(s.market_identifier_code.as_deref())
        .unwrap_or("")
        .to_owned();
    if let Some(j) = &s.stock_exchange_jurisdiction {
        text.push_str(&format!(" ({j})"));
    }
    if let Some(security) = &s.security {
        if let Some(ticker) = &security.ticker {
            text.push_str(&format!(": {ticker}"));
        }
        if let Some(id) = &security.id {
            let scheme = security.id_scheme.as_deref().unwrap_or("id");
            text.push_str(&format!(", {scheme} {id}"));
        }
    }
    text.trim().to_owned()
}

/// Identifiers as `{scheme, id}`: the scheme's code, or its name when it has no code; the id,
/// or the URI when there is no id.
fn identifiers(list: &[st::Identifier<'_>]) -> Vec<Identifier> {
    list.iter()
        .filter_map(|i| {
            let id = i.id.as_deref().or(i.uri.as_deref())?;
            let scheme = i
                .scheme
                .as_deref()
                .or(i.scheme_name.as_deref())
                .unwrap_or(if i.id.is_some() { "unknown" } else { "uri" });
            Some(Identifier {
                scheme: scheme.to_owned(),
                id: id.to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(text: &str) -> ShareFigures {
        serde_json::from_str(text).unwrap()
    }

    fn share_text(text: &str) -> Option<String> {
        share(&figures(text)).unwrap().map(|s| s.source_text())
    }

    #[test]
    fn shares_are_exact_percentages() {
        assert_eq!(share_text(r#"{"exact": 60}"#).as_deref(), Some("60%"));
        assert_eq!(share_text(r#"{"exact": 33.33}"#).as_deref(), Some("33.33%"));
        assert_eq!(
            share_text(r#"{"exact": 0.5, "minimum": 1}"#).as_deref(),
            Some("0.5%")
        );
        assert_eq!(share_text("{}"), None);
        let third = share(&figures(r#"{"exact": 33.333333333333336}"#))
            .unwrap()
            .unwrap();
        assert_eq!(
            third.low(),
            crate::model::Fraction::new(33_333_333_333_333, 100_000_000_000_000)
        );
    }

    #[test]
    fn bounds_keep_whether_they_are_exclusive() {
        let cases = [
            (r#"{"minimum": 25, "maximum": 50}"#, "25%..50%"),
            (r#"{"exclusiveMinimum": 25, "maximum": 50}"#, ">25%..50%"),
            (
                r#"{"exclusiveMinimum": 50, "exclusiveMaximum": 75}"#,
                ">50%..<75%",
            ),
            (r#"{"minimum": 75}"#, "75%..100%"),
            (r#"{"exclusiveMaximum": 25}"#, "0%..<25%"),
            // Of two bounds on one side, the tighter one.
            (r#"{"minimum": 30, "exclusiveMinimum": 25}"#, "30%..100%"),
            (r#"{"minimum": 25, "exclusiveMinimum": 25}"#, ">25%..100%"),
            (r#"{"maximum": 50, "exclusiveMaximum": 50}"#, "0%..<50%"),
        ];
        for (figures, want) in cases {
            assert_eq!(share_text(figures).as_deref(), Some(want), "{figures}");
        }
    }

    #[test]
    fn impossible_shares_are_refused() {
        for bad in [
            r#"{"exact": 150}"#,
            r#"{"exact": -1}"#,
            r#"{"minimum": 60, "maximum": 40}"#,
            r#"{"exclusiveMinimum": 100}"#,
            r#"{"exclusiveMinimum": 50, "exclusiveMaximum": 50}"#,
        ] {
            assert!(share(&figures(bad)).is_err(), "{bad}");
        }
        let e = share(&figures(r#"{"exclusiveMinimum": 50, "maximum": 40}"#)).unwrap_err();
        assert_eq!(e, "this share cannot be: more than 50% and at most 40%");
    }

    #[test]
    fn dates_drop_their_time() {
        assert_eq!(
            date("2018-12-17T10:20:00Z").unwrap().to_string(),
            "2018-12-17"
        );
        assert_eq!(date("1965-11").unwrap().to_string(), "1965-11");
        assert!(date("17/12/2018").is_err());
    }
}

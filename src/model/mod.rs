//! The organisation model as written in a model file: entities in a tree, and around them stakes,
//! people and roles, relations, events and the sources they rest on. See `docs/model.md`.
//!
//! These types hold exactly what the file says, with positions for error messages. References
//! between items are ids; [`crate::org::Org`] resolves them once the model is valid.

pub mod date;
pub mod dated;
pub mod id;
pub mod kind;
pub mod pos;
mod refs;
pub mod share;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use date::{Day, PartialDate, Period};
pub use dated::{Dated, Facet, KindFacet, NameFacet, ParentFacet, Span};
pub use id::Id;
pub use kind::{EntityKind, EventKind, Interest, RelationKind};
pub use pos::{At, Pos};
pub use share::{Fraction, Share};

/// An id as written in the file, with its position.
pub type Ref = At<Id>;

/// A whole model file.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Model {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The date the model describes; what is shown unless another date is asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<At<PartialDate>>,
    #[serde(
        default,
        deserialize_with = "list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub sources: Vec<Source>,
    #[serde(
        default,
        deserialize_with = "list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub entities: Vec<Entity>,
    #[serde(
        default,
        deserialize_with = "list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub people: Vec<Person>,
    #[serde(
        default,
        deserialize_with = "list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub stakes: Vec<Stake>,
    #[serde(
        default,
        deserialize_with = "list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub roles: Vec<Role>,
    #[serde(
        default,
        deserialize_with = "list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub relations: Vec<Relation>,
    #[serde(
        default,
        deserialize_with = "list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub events: Vec<Event>,
}

/// A top-level list, where `entities:` with nothing after it means an empty list.
fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// Where facts come from.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Source {
    pub id: Ref,
    pub publisher: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<At<PartialDate>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A remark on a fact, with the sources it rests on.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Note {
    pub text: String,
    #[serde(
        default,
        deserialize_with = "refs::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub sources: Vec<Ref>,
}

/// Another value for one field of a fact, given by other sources.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Competing {
    /// The field of the same item this value competes with (`share`, `start`, …).
    pub field: At<String>,
    pub value: At<String>,
    #[serde(
        default,
        deserialize_with = "refs::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub sources: Vec<Ref>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An id an entity or a person has elsewhere: in a register (`GB-COH`), as an `LEI`, on
/// Wikidata; the id may be a URL.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Identifier {
    /// Where the id is given: `LEI`, `GB-COH`, `wikidata`, `opencorporates`, …
    pub scheme: String,
    pub id: String,
}

/// An organisation, unit, project, site…: a node of the tree.
///
/// Read and written as [`EntityFields`], the form a model file has; held with what few entities
/// have kept apart, in [`EntityMore`] (a million entities are most of a large model's memory).
#[derive(Debug, Clone, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Entity {
    pub id: Ref,
    pub name: Dated<NameFacet>,
    pub kind: Dated<KindFacet>,
    pub description: Option<String>,
    pub parent: Option<Dated<ParentFacet>>,
    pub founded: Option<At<PartialDate>>,
    pub dissolved: Option<At<PartialDate>>,
    pub sources: Vec<Ref>,
    /// `None` when it has none of them.
    more: Option<Box<EntityMore>>,
}

/// What an entity without any of [`EntityMore`]'s facts has of them.
static NO_MORE: EntityMore = EntityMore::NONE;

/// The facts an entity seldom has.
#[derive(Debug, Clone, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct EntityMore {
    pub other_names: Vec<String>,
    pub identifiers: Vec<Identifier>,
    pub attributes: BTreeMap<String, String>,
    pub notes: Vec<Note>,
    pub competing: Vec<Competing>,
}

impl EntityMore {
    const NONE: EntityMore = EntityMore {
        other_names: Vec::new(),
        identifiers: Vec::new(),
        attributes: BTreeMap::new(),
        notes: Vec::new(),
        competing: Vec::new(),
    };

    fn is_empty(&self) -> bool {
        self.other_names.is_empty()
            && self.identifiers.is_empty()
            && self.attributes.is_empty()
            && self.notes.is_empty()
            && self.competing.is_empty()
    }
}

/// An entity as a model file writes it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Entity",
    description = "An organisation, unit, project, site…: a node of the tree."
)]
pub struct EntityFields {
    pub id: Ref,
    /// Its name, or its names over time; earlier names stay searchable.
    pub name: Dated<NameFacet>,
    /// What it is, or what it was when (a business unit that became a subsidiary).
    pub kind: Dated<KindFacet>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    /// The entity it is part of, or its parents over time; outside every period it has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Dated<ParentFacet>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founded: Option<At<PartialDate>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissolved: Option<At<PartialDate>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    #[serde(
        default,
        deserialize_with = "refs::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub sources: Vec<Ref>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competing: Vec<Competing>,
}

impl From<EntityFields> for Entity {
    fn from(f: EntityFields) -> Entity {
        let more = EntityMore {
            other_names: f.other_names,
            identifiers: f.identifiers,
            attributes: f.attributes,
            notes: f.notes,
            competing: f.competing,
        };
        Entity {
            id: f.id,
            name: f.name,
            kind: f.kind,
            description: f.description,
            parent: f.parent,
            founded: f.founded,
            dissolved: f.dissolved,
            sources: f.sources,
            more: (!more.is_empty()).then(|| Box::new(more)),
        }
    }
}

impl<'de> Deserialize<'de> for Entity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        EntityFields::deserialize(deserializer).map(Entity::from)
    }
}

/// Written field by field in the file's order, borrowed rather than copied into
/// [`EntityFields`]: a dump of a large model writes every entity.
impl Serialize for Entity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let more = self.more();
        let mut out = serializer.serialize_struct("Entity", 13)?;
        out.serialize_field("id", &self.id)?;
        out.serialize_field("name", &self.name)?;
        out.serialize_field("kind", &self.kind)?;
        field(&mut out, "description", &self.description, Option::is_none)?;
        field(&mut out, "other_names", &more.other_names, Vec::is_empty)?;
        field(&mut out, "identifiers", &more.identifiers, Vec::is_empty)?;
        field(&mut out, "parent", &self.parent, Option::is_none)?;
        field(&mut out, "founded", &self.founded, Option::is_none)?;
        field(&mut out, "dissolved", &self.dissolved, Option::is_none)?;
        field(&mut out, "attributes", &more.attributes, BTreeMap::is_empty)?;
        field(&mut out, "notes", &more.notes, Vec::is_empty)?;
        field(&mut out, "sources", &self.sources, Vec::is_empty)?;
        field(&mut out, "competing", &more.competing, Vec::is_empty)?;
        out.end()
    }
}

/// Writes `value` as `key`, or skips the field when `absent` says it has nothing.
fn field<S: serde::ser::SerializeStruct, T: Serialize>(
    out: &mut S,
    key: &'static str,
    value: &T,
    absent: impl Fn(&T) -> bool,
) -> Result<(), S::Error> {
    if absent(value) {
        out.skip_field(key)
    } else {
        out.serialize_field(key, value)
    }
}

/// In the schema, an entity is the form a model file writes.
impl JsonSchema for Entity {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        EntityFields::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        EntityFields::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        EntityFields::json_schema(generator)
    }
}

impl Entity {
    /// What it seldom has: other names, identifiers, attributes, notes, competing values.
    pub fn more(&self) -> &EntityMore {
        self.more.as_deref().unwrap_or(&NO_MORE)
    }

    /// The same, to change; kept apart from then on, even if emptied.
    pub fn more_mut(&mut self) -> &mut EntityMore {
        self.more.get_or_insert_default()
    }

    /// The name it goes by today: its latest one.
    pub fn latest_name(&self) -> &str {
        self.name.latest().map_or("", |n| n.value.as_str())
    }

    /// What it is today: its latest kind.
    pub fn latest_kind(&self) -> &EntityKind {
        self.kind.latest().map_or(&EntityKind::Group, |k| &k.value)
    }

    /// Each period of its parent, name and kind, where they are written as periods, with the
    /// sources it rests on.
    pub fn dated_periods(&self) -> impl Iterator<Item = (Period, &[Ref])> + '_ {
        let parent = self.parent.iter().flat_map(|p| p.periods());
        parent
            .map(|s| (s.period(), s.sources.as_slice()))
            .chain(
                self.name
                    .periods()
                    .iter()
                    .map(|s| (s.period(), s.sources.as_slice())),
            )
            .chain(
                self.kind
                    .periods()
                    .iter()
                    .map(|s| (s.period(), s.sources.as_slice())),
            )
    }

    /// The entity's lifetime, from its founding to its dissolution.
    pub fn lifetime(&self) -> Period {
        Period::new(
            self.founded.as_ref().map(|d| d.value),
            self.dissolved.as_ref().map(|d| d.value),
        )
    }
}

/// A holding of an entity or a person in an entity.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Stake {
    /// The entity or the person that holds the stake.
    pub owner: Ref,
    pub owned: Ref,
    /// `None` when the share is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<At<Share>>,
    /// What the owner has: shares unless it says otherwise.
    #[serde(default, skip_serializing_if = "Interest::is_shares")]
    pub interest: Interest,
    /// A declared indirect interest (held through others the model may also list): shown, but
    /// never counted in look-through or in the sums of shares.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub indirect: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The entity or person the owner holds the stake for (a public bank holding for the State).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<Ref>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<At<PartialDate>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<At<PartialDate>>,
    #[serde(
        default,
        deserialize_with = "refs::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub sources: Vec<Ref>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competing: Vec<Competing>,
}

/// A person, who holds roles and stakes.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Person {
    pub id: Ref,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    #[serde(
        default,
        deserialize_with = "refs::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub sources: Vec<Ref>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// A post in an entity, held by a person or vacant.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Role {
    /// Who holds the post; `None` when it is vacant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Ref>,
    pub entity: Ref,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<At<PartialDate>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<At<PartialDate>>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub interim: bool,
    #[serde(
        default,
        deserialize_with = "refs::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub sources: Vec<Ref>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competing: Vec<Competing>,
}

/// A typed link between two entities, read "from <kind> to".
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Relation {
    pub kind: At<RelationKind>,
    pub from: Ref,
    pub to: Ref,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<At<PartialDate>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<At<PartialDate>>,
    #[serde(
        default,
        deserialize_with = "refs::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub sources: Vec<Ref>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competing: Vec<Competing>,
}

/// Something that happened on a date.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Event {
    pub date: At<PartialDate>,
    pub kind: At<EventKind>,
    pub description: String,
    #[serde(
        default,
        deserialize_with = "refs::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub entities: Vec<Ref>,
    #[serde(
        default,
        deserialize_with = "refs::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub people: Vec<Ref>,
    #[serde(
        default,
        deserialize_with = "refs::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub sources: Vec<Ref>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competing: Vec<Competing>,
}

/// The period of a dated fact (stake, role, relation).
pub fn period(start: &Option<At<PartialDate>>, end: &Option<At<PartialDate>>) -> Period {
    Period::new(
        start.as_ref().map(|d| d.value),
        end.as_ref().map(|d| d.value),
    )
}

impl Stake {
    pub fn period(&self) -> Period {
        period(&self.start, &self.end)
    }
}

impl Role {
    pub fn period(&self) -> Period {
        period(&self.start, &self.end)
    }
}

impl Relation {
    pub fn period(&self) -> Period {
        period(&self.start, &self.end)
    }
}

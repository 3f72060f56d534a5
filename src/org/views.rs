//! Stakes, roles and relations as the org hands them out: each with its id and the entities and
//! people it names, resolved once when the org was built, so that no caller looks a string up
//! again. Also when each of them holds.

use crate::model::{Day, Relation, Role, Stake};

use super::{Adjacency, EntityId, Org, PersonId, RelationId, RoleId, StakeId};

/// Who holds a stake, or has it held for them: an entity, or a natural person.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub enum Holder {
    Entity(EntityId),
    Person(PersonId),
}

impl Holder {
    /// The entity, when the holder is one.
    pub fn entity(self) -> Option<EntityId> {
        match self {
            Holder::Entity(e) => Some(e),
            Holder::Person(_) => None,
        }
    }

    /// The person, when the holder is one.
    pub fn person(self) -> Option<PersonId> {
        match self {
            Holder::Person(p) => Some(p),
            Holder::Entity(_) => None,
        }
    }
}

/// What a stake names, resolved (`None`: the model names no such entity or person).
#[derive(Debug, Clone, Copy, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub(super) struct StakeEnds {
    pub(super) owner: Option<Holder>,
    pub(super) owned: Option<EntityId>,
    pub(super) on_behalf_of: Option<Holder>,
}

/// What a role names, resolved.
#[derive(Debug, Clone, Copy, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub(super) struct RoleEnds {
    pub(super) entity: Option<EntityId>,
    pub(super) person: Option<PersonId>,
}

/// What a relation joins, resolved.
#[derive(Debug, Clone, Copy, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub(super) struct RelationEnds {
    pub(super) from: Option<EntityId>,
    pub(super) to: Option<EntityId>,
}

/// A stake and the entities and people it names. An end is `None` only when the model names
/// an entity or person that does not exist, which a valid org never does; the stake keeps the
/// id as written.
#[derive(Debug, Clone, Copy)]
pub struct StakeView<'a> {
    pub id: StakeId,
    pub stake: &'a Stake,
    /// The entity or person holding the stake.
    pub owner: Option<Holder>,
    pub owned: Option<EntityId>,
    /// The entity or person the stake is held for, when the stake names one.
    pub on_behalf_of: Option<Holder>,
}

impl StakeView<'_> {
    /// The holder the stake's interest passes to: its beneficiary when it is held on behalf of
    /// one, else its owner.
    pub fn holder(&self) -> Option<Holder> {
        self.on_behalf_of.or(self.owner)
    }

    /// The owner, when it holds the stake for another (a nominee).
    pub fn nominee(&self) -> Option<Holder> {
        self.stake.on_behalf_of.as_ref().and(self.owner)
    }

    /// The owner when it is an entity (the tree, the chart and the graphs join entities).
    pub fn owner_entity(&self) -> Option<EntityId> {
        self.owner.and_then(Holder::entity)
    }

    /// Whether the stake counts in look-through and in the sums of its interest: it is not a
    /// declared indirect interest.
    pub fn counts(&self) -> bool {
        !self.stake.indirect
    }
}

/// A role and the entity and person it names.
#[derive(Debug, Clone, Copy)]
pub struct RoleView<'a> {
    pub id: RoleId,
    pub role: &'a Role,
    pub entity: Option<EntityId>,
    pub person: Option<PersonId>,
}

/// A relation and the entities it joins.
#[derive(Debug, Clone, Copy)]
pub struct RelationView<'a> {
    pub id: RelationId,
    pub relation: &'a Relation,
    pub from: Option<EntityId>,
    pub to: Option<EntityId>,
}

impl Org {
    /// The stake `id`, with its ends.
    pub fn stake(&self, id: StakeId) -> StakeView<'_> {
        let ends = self.stake_ends.get(id.index()).copied().unwrap_or_default();
        StakeView {
            id,
            stake: &self.model.stakes[id.index()],
            owner: ends.owner,
            owned: ends.owned,
            on_behalf_of: ends.on_behalf_of,
        }
    }

    /// The role `id`, with its ends.
    pub fn role(&self, id: RoleId) -> RoleView<'_> {
        let ends = self.role_ends.get(id.index()).copied().unwrap_or_default();
        RoleView {
            id,
            role: &self.model.roles[id.index()],
            entity: ends.entity,
            person: ends.person,
        }
    }

    /// The relation `id`, with its ends.
    pub fn relation(&self, id: RelationId) -> RelationView<'_> {
        let ends = self
            .relation_ends
            .get(id.index())
            .copied()
            .unwrap_or_default();
        RelationView {
            id,
            relation: &self.model.relations[id.index()],
            from: ends.from,
            to: ends.to,
        }
    }

    /// Every stake, in file order.
    pub fn stakes(&self) -> impl ExactSizeIterator<Item = StakeView<'_>> + '_ {
        (0..self.model.stakes.len()).map(|n| self.stake(StakeId::from_index(n)))
    }

    /// Every role, in file order.
    pub fn roles(&self) -> impl ExactSizeIterator<Item = RoleView<'_>> + '_ {
        (0..self.model.roles.len()).map(|n| self.role(RoleId::from_index(n)))
    }

    /// Every relation, in file order.
    pub fn relations(&self) -> impl ExactSizeIterator<Item = RelationView<'_>> + '_ {
        (0..self.model.relations.len()).map(|n| self.relation(RelationId::from_index(n)))
    }

    /// The stakes `index` lists under `key`, in file order.
    fn listed_stakes<'a>(
        &'a self,
        index: &'a Adjacency,
        key: u32,
    ) -> impl Iterator<Item = StakeView<'a>> + 'a {
        index.get(key).iter().map(|&n| self.stake(StakeId(n)))
    }

    /// The roles `index` lists under `key`, in file order.
    fn listed_roles<'a>(
        &'a self,
        index: &'a Adjacency,
        key: u32,
    ) -> impl Iterator<Item = RoleView<'a>> + 'a {
        index.get(key).iter().map(|&n| self.role(RoleId(n)))
    }

    /// Every stake held in `id` (its owners), in file order.
    pub fn stakes_in(&self, id: EntityId) -> impl Iterator<Item = StakeView<'_>> + '_ {
        self.listed_stakes(&self.stakes_in, id.0)
    }

    /// Every stake `id` holds in others, in file order.
    pub fn stakes_held(&self, id: EntityId) -> impl Iterator<Item = StakeView<'_>> + '_ {
        self.listed_stakes(&self.stakes_held, id.0)
    }

    /// Every stake others hold on behalf of `id`, in file order.
    pub fn stakes_held_for(&self, id: EntityId) -> impl Iterator<Item = StakeView<'_>> + '_ {
        self.listed_stakes(&self.stakes_for, id.0)
    }

    /// Every stake person `id` holds, or has held for them, in file order.
    pub fn stakes_of_person(&self, id: PersonId) -> impl Iterator<Item = StakeView<'_>> + '_ {
        self.listed_stakes(&self.stakes_of_person, id.0)
    }

    /// The stakes in `id` in force on `day`.
    pub fn owners_at(&self, id: EntityId, day: Day) -> impl Iterator<Item = StakeView<'_>> + '_ {
        self.stakes_in(id)
            .filter(move |s| self.stake_in_force(s, day))
    }

    /// The roles in entity `id`, in file order.
    pub fn roles_in(&self, id: EntityId) -> impl Iterator<Item = RoleView<'_>> + '_ {
        self.listed_roles(&self.roles_in, id.0)
    }

    /// The roles a person has held, in file order.
    pub fn roles_of(&self, id: PersonId) -> impl Iterator<Item = RoleView<'_>> + '_ {
        self.listed_roles(&self.roles_of, id.0)
    }

    /// Relations with `id` at either end, in file order.
    pub fn relations_of(&self, id: EntityId) -> impl Iterator<Item = RelationView<'_>> + '_ {
        self.relations_of
            .get(id.0)
            .iter()
            .map(|&n| self.relation(RelationId(n)))
    }

    /// Whether a stake holds on `day`: within its period, while both its owner and what it owns
    /// exist.
    pub fn stake_in_force(&self, stake: &StakeView<'_>, day: Day) -> bool {
        stake.stake.period().contains(day)
            && self.ends_exist(stake.owner_entity(), stake.owned, day)
    }

    /// Whether a role holds on `day`: within its period, while its entity exists.
    pub fn role_in_force(&self, role: &RoleView<'_>, day: Day) -> bool {
        role.role.period().contains(day) && role.entity.is_none_or(|e| self.exists_at(e, day))
    }

    /// Whether a relation holds on `day`: within its period, while both ends exist.
    pub fn relation_in_force(&self, relation: &RelationView<'_>, day: Day) -> bool {
        relation.relation.period().contains(day) && self.ends_exist(relation.from, relation.to, day)
    }

    /// Whether both ends of a stake or relation exist on `day` (an unknown end does not count).
    fn ends_exist(&self, a: Option<EntityId>, b: Option<EntityId>, day: Day) -> bool {
        let exists = |e: Option<EntityId>| e.is_none_or(|e| self.exists_at(e, day));
        exists(a) && exists(b)
    }

    /// The name of the entity `end`, or `written` (the id the model gives) when it names no
    /// entity; safe to show.
    pub fn entity_name_or(&self, end: Option<EntityId>, written: &str, day: Day) -> String {
        let name = end.map_or(written, |id| self.name_on(id, day));
        crate::sanitize::sanitize(name).into_owned()
    }

    /// The shortest of a holder's names, for tight places: `CDC` for the Caisse des Dépôts
    /// (names of one character are passed over); raw model text.
    pub fn shortest_name(&self, holder: Holder) -> &str {
        let (name, others) = match holder {
            Holder::Entity(e) => (self.name(e), &self.entity(e).more().other_names),
            Holder::Person(p) => (self.person(p).name.as_str(), &self.person(p).other_names),
        };
        std::iter::once(name)
            .chain(others.iter().map(String::as_str))
            .filter(|n| n.chars().count() >= 2)
            .min_by_key(|n| unicode_width::UnicodeWidthStr::width(*n))
            .unwrap_or(name)
    }

    /// The name of the entity or person `end`, or `written` when it names neither; safe to
    /// show.
    /// An entity goes by the name it had on `day`.
    pub fn holder_name_or(&self, end: Option<Holder>, written: &str, day: Day) -> String {
        match end {
            Some(Holder::Person(p)) => crate::sanitize::sanitize(&self.person(p).name).into_owned(),
            Some(Holder::Entity(e)) => self.entity_name_or(Some(e), written, day),
            None => self.entity_name_or(None, written, day),
        }
    }

    /// The name of the person who holds `role`, the id the role gives when no person has it,
    /// or `vacant`; safe to show.
    pub fn holder_name(&self, role: &RoleView<'_>) -> String {
        let name = match (role.person, &role.role.person) {
            (Some(p), _) => self.person(p).name.as_str(),
            (None, Some(written)) => written.value.as_str(),
            (None, None) => crate::words::VACANT,
        };
        crate::sanitize::sanitize(name).into_owned()
    }
}

//! What an entity is called and what it is, at a date. Names and kinds may change over time
//! (`name:` and `kind:` as periods); at a day no period covers, the nearest one in time holds,
//! so an entity always has a name. Without a date, an entity goes by its latest name.

use crate::model::{Day, EntityKind};

use super::{EntityId, Org};

impl Org {
    /// The name `id` goes by today: its latest one.
    pub fn name(&self, id: EntityId) -> &str {
        self.entity(id).latest_name()
    }

    /// The name `id` had on `day`.
    pub fn name_on(&self, id: EntityId, day: Day) -> &str {
        self.entity(id)
            .name
            .nearest(day)
            .map_or("", |n| n.value.as_str())
    }

    /// What `id` is today: its latest kind.
    pub fn kind(&self, id: EntityId) -> &EntityKind {
        self.entity(id).latest_kind()
    }

    /// What `id` was on `day`.
    pub fn kind_on(&self, id: EntityId, day: Day) -> &EntityKind {
        self.entity(id)
            .kind
            .nearest(day)
            .map_or(&EntityKind::Group, |k| &k.value)
    }

    /// Every name `id` has had, latest first, each once: what a search matches.
    pub fn names_over_time(&self, id: EntityId) -> impl Iterator<Item = &str> + '_ {
        let latest = self.name(id);
        std::iter::once(latest).chain(
            self.entity(id)
                .name
                .periods()
                .iter()
                .map(|s| s.value.value.as_str())
                .filter(move |n| *n != latest),
        )
    }
}

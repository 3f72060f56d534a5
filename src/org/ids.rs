//! The ids of an org's items: each is the item's number in its list in the model, given once
//! when the org is built, so that a view, a set or a link names an item without its text.

/// Defines an id type: the number of an item in one of the model's lists.
macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
        pub struct $name(pub u32);

        impl $name {
            /// The item's position in its list in the model, and in the org's tables.
            pub(super) fn index(self) -> usize {
                self.0 as usize
            }

            /// The item at position `n`. Positions fit in a u32: models are bounded well below
            /// 4 billion items by the file-size limit, as when the ids were given (see
            /// `build`).
            #[allow(dead_code, reason = "not every kind of item is listed by number")]
            pub(super) fn from_index(n: usize) -> $name {
                $name(u32::try_from(n).unwrap_or(u32::MAX))
            }
        }
    };
}

id! {
    /// An entity's number in [`Model::entities`](crate::model::Model::entities).
    EntityId
}

id! {
    /// A person's number in [`Model::people`](crate::model::Model::people).
    PersonId
}

id! {
    /// A source's number in [`Model::sources`](crate::model::Model::sources).
    SourceId
}

id! {
    /// A stake's number in [`Model::stakes`](crate::model::Model::stakes).
    StakeId
}

id! {
    /// A role's number in [`Model::roles`](crate::model::Model::roles).
    RoleId
}

id! {
    /// A relation's number in [`Model::relations`](crate::model::Model::relations).
    RelationId
}

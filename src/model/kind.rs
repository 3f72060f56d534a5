//! The open vocabularies of the model: kinds of entities, relations, events and interests. Each has known
//! words that orgtree understands, and accepts any other word as written. These are the model's
//! words (`business_unit`); what people read (`business unit`) is in `crate::words`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
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
    /// What an entity is. `position` is a post held by a person (what a row of an HR table
    /// is); `unit`, a unit of an organisation whose table does not say what kind. The last
    /// five are BODS 0.4's: a legal arrangement (a trust, a nomination, another), and an
    /// entity a register names without saying which (anonymous, or unknown to it).
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
        Position = "position",
        Unit = "unit",
        Trust = "trust",
        Nomination = "nomination",
        Arrangement = "arrangement",
        AnonymousEntity = "anonymous_entity",
        UnknownEntity = "unknown_entity",
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

vocabulary! {
    /// What a stake's holder has in the owned entity: BODS 0.4's interest types, one word each
    /// (`shareholding` is `shares`, `votingRights` is `votes`, `beneficiaryOfLegalArrangement`
    /// is `beneficiary_of_trust`; the others are BODS's codes in snake case).
    Interest {
        Shares = "shares",
        Votes = "votes",
        AppointBoard = "appoint_board",
        OtherInfluenceOrControl = "other_influence_or_control",
        SeniorManagingOfficial = "senior_managing_official",
        Settlor = "settlor",
        Trustee = "trustee",
        Protector = "protector",
        BeneficiaryOfTrust = "beneficiary_of_trust",
        RightsToSurplusAssetsOnDissolution = "rights_to_surplus_assets_on_dissolution",
        RightsToProfitOrIncome = "rights_to_profit_or_income",
        RightsGrantedByContract = "rights_granted_by_contract",
        ConditionalRightsGrantedByContract = "conditional_rights_granted_by_contract",
        ControlViaCompanyRulesOrArticles = "control_via_company_rules_or_articles",
        ControlByLegalFramework = "control_by_legal_framework",
        BoardMember = "board_member",
        BoardChair = "board_chair",
        UnknownInterest = "unknown_interest",
        UnpublishedInterest = "unpublished_interest",
        EnjoymentAndUseOfAssets = "enjoyment_and_use_of_assets",
        RightToProfitOrIncomeFromAssets = "right_to_profit_or_income_from_assets",
        Nominee = "nominee",
        Nominator = "nominator",
    }
}

impl Default for Interest {
    /// A stake is a shareholding unless it says otherwise.
    fn default() -> Self {
        Interest::Shares
    }
}

impl Interest {
    /// Whether this is the default interest, `shares` (not written back).
    pub fn is_shares(&self) -> bool {
        *self == Interest::Shares
    }

    /// Whether a share means something for this interest. A position (a trustee, a board
    /// member, the right to appoint the board) is held or not, and carries no share; shares,
    /// votes, rights to profits or assets, and any word of the model's own, may.
    pub fn takes_share(&self) -> bool {
        !matches!(
            self,
            Interest::AppointBoard
                | Interest::SeniorManagingOfficial
                | Interest::Settlor
                | Interest::Trustee
                | Interest::Protector
                | Interest::ControlViaCompanyRulesOrArticles
                | Interest::ControlByLegalFramework
                | Interest::BoardMember
                | Interest::BoardChair
                | Interest::Nominee
                | Interest::Nominator
        )
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
    fn every_bods_interest_type_has_a_word() {
        // BODS 0.4's interestType codelist, in its order (the BODS 0.4 schema's codelists).
        let bods = [
            "shareholding",
            "votingRights",
            "appointmentOfBoard",
            "otherInfluenceOrControl",
            "seniorManagingOfficial",
            "settlor",
            "trustee",
            "protector",
            "beneficiaryOfLegalArrangement",
            "rightsToSurplusAssetsOnDissolution",
            "rightsToProfitOrIncome",
            "rightsGrantedByContract",
            "conditionalRightsGrantedByContract",
            "controlViaCompanyRulesOrArticles",
            "controlByLegalFramework",
            "boardMember",
            "boardChair",
            "unknownInterest",
            "unpublishedInterest",
            "enjoymentAndUseOfAssets",
            "rightToProfitOrIncomeFromAssets",
            "nominee",
            "nominator",
        ];
        assert_eq!(Interest::KNOWN.len(), bods.len());
        for word in Interest::KNOWN {
            assert!(
                !matches!(Interest::from_word(word), Interest::Other(_)),
                "{word}"
            );
        }
        assert_eq!(Interest::default(), Interest::Shares);
        assert!(Interest::Votes.takes_share() && !Interest::Trustee.takes_share());
        assert!(Interest::from_word("class_b_rights").takes_share());
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

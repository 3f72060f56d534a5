//! BODS 0.4's codelists as the model's words and as people read them: interest types, entity
//! types, the reasons a party is not given.

use crate::model::{EntityKind, Interest};

/// The model's interest for a code of the interestType codelist; `None` for a code outside it.
pub fn interest(code: &str) -> Option<Interest> {
    Some(match code {
        "shareholding" => Interest::Shares,
        "votingRights" => Interest::Votes,
        "appointmentOfBoard" => Interest::AppointBoard,
        "otherInfluenceOrControl" => Interest::OtherInfluenceOrControl,
        "seniorManagingOfficial" => Interest::SeniorManagingOfficial,
        "settlor" => Interest::Settlor,
        "trustee" => Interest::Trustee,
        "protector" => Interest::Protector,
        "beneficiaryOfLegalArrangement" => Interest::BeneficiaryOfTrust,
        "rightsToSurplusAssetsOnDissolution" => Interest::RightsToSurplusAssetsOnDissolution,
        "rightsToProfitOrIncome" => Interest::RightsToProfitOrIncome,
        "rightsGrantedByContract" => Interest::RightsGrantedByContract,
        "conditionalRightsGrantedByContract" => Interest::ConditionalRightsGrantedByContract,
        "controlViaCompanyRulesOrArticles" => Interest::ControlViaCompanyRulesOrArticles,
        "controlByLegalFramework" => Interest::ControlByLegalFramework,
        "boardMember" => Interest::BoardMember,
        "boardChair" => Interest::BoardChair,
        "unknownInterest" => Interest::UnknownInterest,
        "unpublishedInterest" => Interest::UnpublishedInterest,
        "enjoymentAndUseOfAssets" => Interest::EnjoymentAndUseOfAssets,
        "rightToProfitOrIncomeFromAssets" => Interest::RightToProfitOrIncomeFromAssets,
        "nominee" => Interest::Nominee,
        "nominator" => Interest::Nominator,
        _ => return None,
    })
}

/// The model's kind for an entity type and subtype; `None` for a type outside the codelist.
pub fn entity_kind(kind: &str, subtype: Option<&str>) -> Option<EntityKind> {
    let word = match (kind, subtype) {
        ("arrangement" | "legalEntity", Some("trust")) => "trust",
        ("arrangement", Some("nomination")) => "nomination",
        ("registeredEntity" | "legalEntity", _) => "company",
        ("stateBody", _) => "public_body",
        ("state", _) => "state",
        ("arrangement", _) => "arrangement",
        ("anonymousEntity", _) => "anonymous_entity",
        ("unknownEntity", _) => "unknown_entity",
        _ => return None,
    };
    Some(EntityKind::from_word(word))
}

/// The title of a code of the unspecifiedReason codelist, in lower case.
pub fn reason(code: &str) -> &str {
    match code {
        "noBeneficialOwners" => "no beneficial owners",
        "subjectUnableToConfirmOrIdentifyBeneficialOwner" => {
            "subject unable to confirm or identify beneficial owner"
        }
        "interestedPartyHasNotProvidedInformation" => {
            "interested party has not provided information"
        }
        "subjectExemptFromDisclosure" => "subject exempt from disclosure",
        "interestedPartyExemptFromDisclosure" => "interested party exempt from disclosure",
        "unknown" => "unknown reason",
        "informationUnknownToPublisher" => "information unknown to the publisher",
        other => other,
    }
}

/// Why a party is not given, as one text: the reason's title, then what the source said.
pub fn unspecified(reason_code: Option<&str>, description: Option<&str>) -> Option<String> {
    match (reason_code.map(reason), description) {
        (Some(r), Some(d)) => Some(format!("{}: {d}", capitalised(r))),
        (Some(r), None) => Some(capitalised(r)),
        (None, Some(d)) => Some(d.to_owned()),
        (None, None) => None,
    }
}

/// `text` with its first letter in upper case.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code column of a codelist of the standard, as published.
    fn codelist(name: &str) -> Vec<String> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/bods-0.4/schema/codelists/"
        );
        let text = std::fs::read_to_string(format!("{path}{name}")).unwrap();
        text.lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn every_code_of_the_standard_has_a_word() {
        let interests = codelist("interestType.csv");
        assert_eq!(interests.len(), Interest::KNOWN.len());
        for code in &interests {
            let word = interest(code).unwrap_or_else(|| panic!("{code}"));
            assert!(!matches!(word, Interest::Other(_)), "{code}");
        }
        for code in codelist("entityType.csv") {
            assert!(entity_kind(&code, None).is_some(), "{code}");
        }
        for code in codelist("unspecifiedReason.csv") {
            assert_ne!(reason(&code), code, "{code}");
        }
        assert_eq!(interest("shareholdings"), None);
        assert_eq!(entity_kind("company", None), None);
    }

    #[test]
    fn kinds_follow_type_then_subtype() {
        let kind = |t, s| entity_kind(t, s).unwrap().as_str().to_owned();
        assert_eq!(kind("registeredEntity", None), "company");
        assert_eq!(kind("stateBody", Some("stateAgency")), "public_body");
        assert_eq!(kind("arrangement", Some("trust")), "trust");
        assert_eq!(kind("arrangement", Some("other")), "arrangement");
        assert_eq!(kind("unknownEntity", None), "unknown_entity");
    }
}

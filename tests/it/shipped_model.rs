//! The shipped Orange model carries the checked facts, exactly and with their sources.

use orgtree::load::load_embedded;
use orgtree::model::{Day, Fraction};
use orgtree::org::Org;

fn org() -> Org {
    load_embedded().map_err(|e| e.render()).unwrap().org
}

fn day(text: &str) -> Day {
    text.parse::<orgtree::model::PartialDate>()
        .unwrap()
        .first_day()
}

/// `(owner id, share as written, on behalf of)` of the stakes in `id` on `date`.
fn cap_table(org: &Org, id: &str, date: &str) -> Vec<(String, String, Option<String>)> {
    let id = org.find_entity(id).unwrap();
    org.owners_at(id, day(date))
        .map(|s| s.stake)
        .map(|s| {
            (
                s.owner.value.to_string(),
                s.share
                    .as_ref()
                    .map(|s| s.value.source_text())
                    .unwrap_or_default(),
                s.on_behalf_of.as_ref().map(|b| b.value.to_string()),
            )
        })
        .collect()
}

#[test]
fn every_fact_cites_a_source() {
    let org = org();
    let m = &org.model;
    let unsourced: Vec<String> = m
        .entities
        .iter()
        .filter(|e| e.sources.is_empty())
        .map(|e| format!("entity {}", e.id.value))
        .chain(
            m.people
                .iter()
                .filter(|p| p.sources.is_empty())
                .map(|p| format!("person {}", p.id.value)),
        )
        .chain(
            m.stakes
                .iter()
                .filter(|s| s.sources.is_empty())
                .map(|s| format!("stake {}→{}", s.owner.value, s.owned.value)),
        )
        .chain(
            m.roles
                .iter()
                .filter(|r| r.sources.is_empty())
                .map(|r| format!("role {:?}", r.person.as_ref().map(|p| &p.value))),
        )
        .chain(
            m.relations
                .iter()
                .filter(|r| r.sources.is_empty())
                .map(|r| format!("relation {}→{}", r.from.value, r.to.value)),
        )
        .chain(
            m.events
                .iter()
                .filter(|e| e.sources.is_empty())
                .map(|e| format!("event {}", e.date.value)),
        )
        .collect();
    assert!(unsourced.is_empty(), "{unsourced:?}");
}

#[test]
fn cloudwatt_was_shared_in_exact_ninths_then_wholly_orange() {
    let org = org();
    assert_eq!(
        cap_table(&org, "cloudwatt", "2015-01-12"),
        [
            ("orange".into(), "4/9".into(), None),
            (
                "caisse-des-depots".into(),
                "1/3".into(),
                Some("french-state".into())
            ),
            ("thales".into(), "2/9".into(), None),
        ]
    );
    let cloudwatt = org.find_entity("cloudwatt").unwrap();
    let total: Fraction = org
        .owners_at(cloudwatt, day("2015-01-12"))
        .map(|s| s.stake.share.as_ref().unwrap().low())
        .sum();
    assert_eq!(total, Fraction::from_integer(1));
    assert_eq!(
        cap_table(&org, "cloudwatt", "2015-03-16"),
        [("orange".into(), "100%".into(), None)]
    );
}

#[test]
fn numergy_keeps_both_reported_shares_for_sfr() {
    let org = org();
    let numergy = org.find_entity("numergy").unwrap();
    let sfr = org
        .stakes_in(numergy)
        .find(|s| s.stake.owner.value == "sfr")
        .unwrap()
        .stake;
    assert_eq!(sfr.share.as_ref().unwrap().source_text(), "47%");
    let competing: Vec<&str> = sfr
        .competing
        .iter()
        .filter(|c| c.field.value == "share")
        .map(|c| c.value.value.as_str())
        .collect();
    assert_eq!(competing, ["46%"]);
}

#[test]
fn cloudwatt_ceos_follow_each_other() {
    let org = org();
    let cloudwatt = org.find_entity("cloudwatt").unwrap();
    let ceos: Vec<(String, String)> = org
        .roles_in(cloudwatt)
        .map(|r| {
            let person = r.role.person.as_ref().map(|p| p.value.to_string());
            (person.unwrap_or_default(), r.role.period().to_string())
        })
        .collect();
    assert_eq!(
        ceos,
        [
            ("patrick-starck".into(), "2012-09 → 2014-03".into()),
            ("didier-renard".into(), "since 2014-04-28".into()),
        ]
    );
}

#[test]
fn the_timeline_runs_from_2009_to_2020() {
    let org = org();
    let years: Vec<i32> = org.model.events.iter().map(|e| e.date.value.year).collect();
    assert_eq!(years.iter().min(), Some(&2009));
    assert_eq!(years.iter().max(), Some(&2020));
}

#[test]
fn the_article_slips_are_recorded_as_notes() {
    let org = org();
    let notes = |id: &str| -> String {
        let e = org.entity(org.find_entity(id).unwrap());
        e.more()
            .notes
            .iter()
            .map(|n| n.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(notes("val-de-reuil-datacenter").contains("Val de Rueil"));
    assert!(notes("orange-cyberdefense").contains("défense"));
    assert!(notes("outscale").contains("2010"));
    assert!(notes("numergy").contains("commercial results"));
}

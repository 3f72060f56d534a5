//! Hostile shapes (`orgtree::synthetic::hostile`) that once froze or crashed orgtree: deep
//! chains, a wide level, dense cross-holdings, fractions that grow without end. These tests
//! assert what must hold — no crash, answers marked for what they are, sizes bounded, sums
//! exact — never how long it takes: `benches/hostile.rs` measures that.

use crate::common;

use std::sync::OnceLock;

use num_bigint::BigInt;
use num_rational::BigRational;
use orgtree::app::{App, Options};
use orgtree::dump::Format;
use orgtree::load::{ModelText, load_text};
use orgtree::org::{EntityId, Org};
use orgtree::ownership::{self, MAX_BITS};
use orgtree::synthetic::hostile::{self, Shape};
use ratatui::layout::Rect;

fn load(shape: Shape, n: usize) -> Org {
    load_text(ModelText {
        name: "hostile.json".into(),
        text: hostile::text(shape, n),
    })
    .map_err(|e| e.render())
    .unwrap()
    .org
}

/// A parent chain 100,000 deep, loaded once for the tests that share it.
fn deep_chain() -> &'static Org {
    static ORG: OnceLock<Org> = OnceLock::new();
    ORG.get_or_init(|| load(Shape::Chain, 100_000))
}

fn entity(org: &Org, id: &str) -> EntityId {
    org.find_entity(id).unwrap()
}

const SCREEN: Rect = Rect::new(0, 0, 120, 40);

#[test]
fn the_deepest_of_a_100k_chain_shows_its_breadcrumb_and_row() {
    let org = deep_chain().clone();
    let deepest = entity(&org, "e99999");
    let app = App::new(
        org,
        Options {
            root: Some(deepest),
            ..Options::new("chain.json", SCREEN)
        },
    );
    let frame = orgtree::headless::frame(&app);
    let title = frame.lines().next().unwrap();
    assert!(
        title.contains(" … › ") && title.contains("Entity 99998 › Entity 99999  as of"),
        "the breadcrumb keeps the lowest levels: {title}"
    );
    assert!(frame.contains("company · id e99999 · part of Entity 99998"));
    // Under --root it is the tree's one root; in the whole tree (`W`) its row is still on
    // screen, selected, its name cut to the pane (the indentation is capped).
    let root_row = frame.lines().find(|l| l.contains('▶')).unwrap();
    assert!(root_row.contains("▶   Entity 99999 company"), "{frame}");
    let mut app = app;
    orgtree::headless::press(&mut app, "W").unwrap();
    let frame = orgtree::headless::frame(&app);
    let row = frame.lines().find(|l| l.contains('▶')).unwrap();
    assert!(row.contains("Entity 99…"), "{frame}");
}

#[test]
fn a_100k_chain_dumps_in_every_format() {
    let org = deep_chain();
    for format in [
        Format::Tree,
        Format::Json,
        Format::Yaml,
        Format::Dot,
        Format::Mermaid,
        Format::Markdown,
        Format::Chart,
        Format::Csv,
    ] {
        let text = common::dump(org, format);
        assert!(text.contains("Entity 99999"), "{format:?}");
        // No line grows with the depth: a 100,000-deep tree is 100,000 short lines, not a
        // triangle of rails.
        let longest = text.lines().map(str::len).max().unwrap_or(0);
        assert!(longest < 1_000, "{format:?}: a line of {longest} bytes");
    }
}

#[test]
fn json_gives_each_entity_its_depth_not_its_path() {
    let org = load(Shape::Chain, 20_000);
    let json = common::dump(&org, Format::Json);
    // Linear in the model: a few hundred bytes an entity (its headcount object among them), at
    // any depth.
    assert!(json.len() < 20_000 * 700, "{} bytes", json.len());
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["version"], 2);
    let deepest = &value["entities"][19_999];
    assert_eq!(deepest["id"], "e19999");
    assert_eq!(deepest["depth"], 19_999);
    assert_eq!(deepest["parent"], "e19998");
    assert!(deepest.get("path").is_none());
}

#[test]
fn the_chart_of_a_deep_chain_is_drawn_in_the_explorer() {
    let org = load(Shape::Chain, 20_000);
    let mut app = App::new(org, Options::new("chain.json", SCREEN));
    // `c`, then one level more, 10,000 times.
    let keys = format!("c{}", "+".repeat(10_000));
    orgtree::headless::press(&mut app, &keys).unwrap();
    let frame = orgtree::headless::frame(&app);
    assert!(frame.contains("10002 levels below"), "{frame}");
    assert!(frame.contains("Entity 0"), "{frame}");
}

#[test]
fn ten_thousand_units_stack_under_their_parent() {
    let org = load(Shape::Wide, 10_000);
    let chart = common::dump(&org, Format::Chart);
    // Each unit is a box in one column under the root, not a row 240,000 columns wide.
    assert_eq!(chart.matches("Entity ").count(), 10_001);
    assert!(chart.lines().map(str::len).max().unwrap_or(0) < 400);
}

/// `numer / denom` of the exact look-through product of the fraction chain from `e0` up to
/// `e{n-1}`: products of integers, no gcd, so it takes no time.
fn exact_chain_product(org: &Org, n: usize) -> (BigInt, BigInt) {
    let (mut numer, mut denom) = (BigInt::from(1), BigInt::from(1));
    for i in 0..n - 1 {
        let stake = org
            .stakes_in(entity(org, &format!("e{i}")))
            .next()
            .unwrap()
            .stake;
        let share = stake.share.as_ref().unwrap().value.low();
        numer *= BigInt::from(*share.numer());
        denom *= BigInt::from(*share.denom());
    }
    (numer, denom)
}

fn at_most(a: &BigRational, numer: &BigInt, denom: &BigInt) -> bool {
    a.numer() * denom <= numer * a.denom()
}

fn at_least(a: &BigRational, numer: &BigInt, denom: &BigInt) -> bool {
    a.numer() * denom >= numer * a.denom()
}

#[test]
fn a_long_chain_of_exact_fractions_is_rounded_outward_and_says_so() {
    let n = 3_000;
    let org = load(Shape::FractionChain, n);
    let bottom = entity(&org, "e0");
    let day = org.model.as_of.as_ref().unwrap().last_day();
    // Steps and time enough to follow the whole chain, however slow the machine.
    let budget = ownership::Budget::new(ownership::MAX_STEPS, std::time::Duration::from_secs(600));
    let e = ownership::effective_owners_within(&org, bottom, day, budget);
    assert_eq!(e.stopped, None);
    assert!(e.approximate, "the exact product has some 90,000 bits");
    assert_eq!(e.owners.len(), 1);
    let top = &e.owners[0];
    let top_entity = top.id.entity().expect("an entity owns the chain");
    assert_eq!(org.entity(top_entity).id.value, format!("e{}", n - 1));
    let bits = |q: &BigRational| q.numer().bits().max(q.denom().bits());
    assert!(bits(&top.interest.low) <= MAX_BITS && bits(&top.interest.high) <= MAX_BITS);
    let (numer, denom) = exact_chain_product(&org, n);
    assert!(
        at_most(&top.interest.low, &numer, &denom),
        "low is a lower bound"
    );
    assert!(
        at_least(&top.interest.high, &numer, &denom),
        "high is an upper bound"
    );
    assert!(orgtree::words::interest(&top.interest.low, &top.interest.high).starts_with('≈'));
    // The control chain is long; it is cut, and says so.
    let control = ownership::control_chain(&org, bottom, day);
    assert!(control.cut && control.chain.len() == ownership::MAX_CONTROL_CHAIN);
}

#[test]
fn dense_cross_holdings_stop_with_true_bounds() {
    let org = load(Shape::Dense, 60);
    let day = org.model.as_of.as_ref().unwrap().last_day();
    let cache = ownership::Cache::new();
    let e = cache.effective(&org, entity(&org, "e1"), day);
    assert!(e.stopped.is_some(), "interest circles for ever");
    // The parts bound the whole: what the owners surely have, the unrecorded part at least,
    // and at most all of it with what was still on its way.
    let lows: BigRational = e.owners.iter().map(|o| o.interest.low.clone()).sum();
    let highs: BigRational = e.owners.iter().map(|o| o.interest.high.clone()).sum();
    let one = BigRational::from_integer(1.into());
    assert!(&lows + &e.unrecorded.low <= one);
    assert!(&highs + &e.unrecorded.high + &e.circling.high >= one);
    // Asked again, the same answer, not a new computation.
    assert!(std::rc::Rc::ptr_eq(
        &e,
        &cache.effective(&org, entity(&org, "e1"), day)
    ));
}

#[test]
fn dense_and_random_holdings_dump_with_every_answer_marked() {
    for (shape, n) in [(Shape::Dense, 60), (Shape::Random, 300)] {
        let org = load(shape, n);
        let value: serde_json::Value =
            serde_json::from_str(&common::dump(&org, Format::Json)).unwrap();
        for e in value["entities"].as_array().unwrap() {
            let owners = &e["effective_owners"];
            if owners.is_null() {
                continue;
            }
            let stopped = &owners["stopped"];
            let circling = owners["circling"]["high_percent"].as_f64().unwrap();
            assert!(
                stopped.is_null() == (circling == 0.0),
                "{shape:?} {}: stopped {stopped} with {circling} % unresolved",
                e["id"]
            );
        }
    }
}

#[test]
fn a_cap_table_of_large_denominators_adds_up_exactly() {
    // 49 % and 49 %, with denominators whose sum needs more than 64 bits.
    let yaml = "title: t\nentities:\n  - {id: a, name: A, kind: company}\n  - {id: b, name: B, kind: company}\n  - {id: t, name: T, kind: company}\nstakes:\n  - {owner: a, owned: t, share: 490000000000000001/1000000000000000000}\n  - {owner: b, owned: t, share: 489999999999999999/999999999999999997}\n";
    let org = load_text(ModelText {
        name: "t.yaml".into(),
        text: yaml.into(),
    })
    .map_err(|e| e.render())
    .unwrap()
    .org;
    let t = entity(&org, "t");
    let app = App::new(
        org,
        Options {
            root: Some(t),
            ..Options::new("t.yaml", SCREEN)
        },
    );
    let frame = orgtree::headless::frame(&app);
    assert!(frame.contains("total 98 %"), "{frame}");
}

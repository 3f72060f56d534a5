//! Property: whatever keys are pressed, whatever the terminal size (down to 0×0), and however
//! the model file changes under it, the explorer never panics, the selection stays on a row
//! that is shown, and the detail pane describes the selected entity.

use orgtree::app::{Action, App, Options, Target};
use orgtree::headless::draw;
use orgtree::load::{ModelText, load_embedded, load_text};
use orgtree::org::Org;
use proptest::prelude::*;
use ratatui::layout::Rect;

/// A random forest: entity `i`'s parent is one of the entities before it, or none.
fn forest(parents: &[Option<usize>]) -> Org {
    let mut yaml = String::from("title: random\nentities:\n");
    for (i, parent) in parents.iter().enumerate() {
        yaml.push_str(&format!(
            "  - {{id: e{i}, name: \"Entity {i} 名前\", kind: team"
        ));
        if let Some(p) = parent
            && i > 0
        {
            yaml.push_str(&format!(", parent: e{}", p % i));
        }
        yaml.push_str("}\n");
    }
    load_text(ModelText {
        name: "random.yaml".into(),
        text: yaml,
    })
    .map_err(|e| e.render())
    .unwrap()
    .org
}

/// The kind of an action, numbered: this match has no catch-all, so a variant added to
/// `Action` does not compile here until it is numbered, and `every_kind_is_generated` then fails
/// until [`of_kind`] generates it.
fn kind(action: &Action) -> usize {
    match action {
        Action::Up => 0,
        Action::Down => 1,
        Action::PageUp => 2,
        Action::PageDown => 3,
        Action::HalfPageUp => 4,
        Action::HalfPageDown => 5,
        Action::First => 6,
        Action::Last => 7,
        Action::CollapseOrParent => 8,
        Action::ExpandOrChild => 9,
        Action::Toggle => 10,
        Action::Activate => 11,
        Action::NextSibling => 12,
        Action::PrevSibling => 13,
        Action::ExpandSubtree => 14,
        Action::CollapseAll => 15,
        Action::ExpandToDepth(_) => 16,
        Action::SwitchFocus => 17,
        Action::Owners => 18,
        Action::Back => 19,
        Action::Forward => 20,
        Action::Search => 21,
        Action::SearchInput(_) => 22,
        Action::SearchBackspace => 23,
        Action::SearchClear => 24,
        Action::NextMatch => 25,
        Action::PrevMatch => 26,
        Action::Timeline => 27,
        Action::PrevDate => 28,
        Action::NextDate => 29,
        Action::ModelDate => 30,
        Action::ToggleOutside => 31,
        Action::ToggleChart => 32,
        Action::ChartDeeper => 33,
        Action::ChartShallower => 34,
        Action::CopyId => 35,
        Action::CopyPath => 36,
        Action::Edit => 37,
        Action::ToggleHelp => 38,
        Action::Escape => 39,
        Action::Quit => 40,
        Action::Interrupt => 41,
        Action::Suspend => 42,
        Action::Click { .. } => 43,
        Action::ScrollUp { .. } => 44,
        Action::ScrollDown { .. } => 45,
        Action::Resize { .. } => 46,
        Action::WholeTree => 47,
        Action::CycleSort => 48,
        Action::PanLeft => 49,
        Action::PanRight => 50,
        Action::ToggleRelations => 51,
        Action::OwnersGraph => 52,
        Action::Command => 53,
        Action::CommandInput(_) => 54,
        Action::Complete => 55,
        Action::Zoom => 56,
        Action::NarrowerTree => 57,
        Action::WiderTree => 58,
        Action::NextSection => 59,
        Action::PrevSection => 60,
        Action::CopyUrl => 61,
        Action::OpenUrl => 62,
    }
}

const KINDS: usize = 63;

/// Actions of one kind.
fn of_kind(kind: usize) -> BoxedStrategy<Action> {
    let cell = || (0u16..140, 0u16..50);
    let plain = [
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::HalfPageUp,
        Action::HalfPageDown,
        Action::First,
        Action::Last,
        Action::CollapseOrParent,
        Action::ExpandOrChild,
        Action::Toggle,
        Action::Activate,
        Action::NextSibling,
        Action::PrevSibling,
        Action::ExpandSubtree,
        Action::CollapseAll,
    ];
    match kind {
        k if k < plain.len() => Just(plain[k]).boxed(),
        16 => (1u8..=9).prop_map(Action::ExpandToDepth).boxed(),
        17 => Just(Action::SwitchFocus).boxed(),
        18 => Just(Action::Owners).boxed(),
        19 => Just(Action::Back).boxed(),
        20 => Just(Action::Forward).boxed(),
        21 => Just(Action::Search).boxed(),
        22 => prop::sample::select(vec!['o', 'r', 'a', 'n', 'g', 'e', 'c', 'l', 'x', ' ', '名'])
            .prop_map(Action::SearchInput)
            .boxed(),
        23 => Just(Action::SearchBackspace).boxed(),
        24 => Just(Action::SearchClear).boxed(),
        25 => Just(Action::NextMatch).boxed(),
        26 => Just(Action::PrevMatch).boxed(),
        27 => Just(Action::Timeline).boxed(),
        28 => Just(Action::PrevDate).boxed(),
        29 => Just(Action::NextDate).boxed(),
        30 => Just(Action::ModelDate).boxed(),
        31 => Just(Action::ToggleOutside).boxed(),
        32 => Just(Action::ToggleChart).boxed(),
        33 => Just(Action::ChartDeeper).boxed(),
        34 => Just(Action::ChartShallower).boxed(),
        35 => Just(Action::CopyId).boxed(),
        36 => Just(Action::CopyPath).boxed(),
        37 => Just(Action::Edit).boxed(),
        38 => Just(Action::ToggleHelp).boxed(),
        39 => Just(Action::Escape).boxed(),
        40 => Just(Action::Quit).boxed(),
        41 => Just(Action::Interrupt).boxed(),
        42 => Just(Action::Suspend).boxed(),
        43 => cell()
            .prop_map(|(column, row)| Action::Click { column, row })
            .boxed(),
        44 => cell()
            .prop_map(|(column, row)| Action::ScrollUp { column, row })
            .boxed(),
        45 => cell()
            .prop_map(|(column, row)| Action::ScrollDown { column, row })
            .boxed(),
        46 => cell()
            .prop_map(|(width, height)| Action::Resize { width, height })
            .boxed(),
        47 => Just(Action::WholeTree).boxed(),
        48 => Just(Action::CycleSort).boxed(),
        49 => Just(Action::PanLeft).boxed(),
        50 => Just(Action::PanRight).boxed(),
        51 => Just(Action::ToggleRelations).boxed(),
        52 => Just(Action::OwnersGraph).boxed(),
        53 => Just(Action::Command).boxed(),
        54 => prop::sample::select(vec![
            'g', 'o', 't', ' ', 'c', 'l', 'a', 's', '-', '2', '0', '1',
        ])
        .prop_map(Action::CommandInput)
        .boxed(),
        55 => Just(Action::Complete).boxed(),
        56 => Just(Action::Zoom).boxed(),
        57 => Just(Action::NarrowerTree).boxed(),
        58 => Just(Action::WiderTree).boxed(),
        59 => Just(Action::NextSection).boxed(),
        60 => Just(Action::PrevSection).boxed(),
        61 => Just(Action::CopyUrl).boxed(),
        _ => Just(Action::OpenUrl).boxed(),
    }
}

fn action() -> impl Strategy<Value = Action> {
    (0..KINDS).prop_flat_map(of_kind)
}

/// One step of a session: an action, or the model file reloaded with another model (smaller,
/// larger, or the same).
#[derive(Debug, Clone)]
enum Step {
    Act(Action),
    Reload(Vec<Option<usize>>),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => action().prop_map(Step::Act),
        1 => prop::collection::vec(prop::option::weighted(0.8, 0usize..1000), 0..30)
            .prop_map(Step::Reload),
    ]
}

#[test]
fn every_kind_is_generated() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    for k in 0..KINDS {
        let action = of_kind(k).new_tree(&mut runner).unwrap().current();
        assert_eq!(kind(&action), k, "{action:?}");
    }
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        (0u16..=2, 0u16..=2),
        (0u16..=140, 0u16..=50),
        (38u16..=42, 6u16..=10),
    ]
}

/// Runs `steps` on an explorer of `org`, limited to the subtree of the entity numbered `root`
/// (`--root`) when there is one.
fn check(
    org: Org,
    (width, height): (u16, u16),
    root: Option<u32>,
    steps: &[Step],
) -> Result<(), TestCaseError> {
    let mut options = Options::new("m.yaml", Rect::new(0, 0, width, height));
    options.root = root
        .filter(|&r| (r as usize) < org.entity_count())
        .map(orgtree::org::EntityId);
    let mut app = App::new(org, options);
    for step in steps {
        let action = match step {
            Step::Act(action) => {
                app.perform(*action);
                *action
            }
            Step::Reload(parents) => {
                app.reloaded(forest(parents));
                Action::Resize {
                    width: app.screen().width,
                    height: app.screen().height,
                }
            }
        };
        let terminal = draw(&app);
        drop(terminal);
        if let Some(selected) = app.selected() {
            if let Target::Entity(shown) = app.subject() {
                prop_assert_eq!(
                    shown,
                    selected,
                    "the detail pane describes another row after {:?}",
                    action
                );
            }
            prop_assert!(
                app.tree().is_visible(app.structure(), selected),
                "selection hidden after {action:?}"
            );
            if orgtree::geometry::Panes::of(app.screen()).is_some() {
                let rows = app.tree().rows(app.structure(), app.tree_height());
                prop_assert!(
                    rows.iter().any(|r| r.id == selected),
                    "selection off screen after {action:?}"
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_shipped_model_survives_any_keys(
        size in size(),
        root in prop::option::weighted(0.3, 0u32..19),
        steps in prop::collection::vec(step(), 0..60),
    ) {
        let org = load_embedded().map_err(|e| e.render()).unwrap().org;
        check(org, size, root, &steps)?;
    }

    #[test]
    fn random_trees_survive_any_keys(
        parents in prop::collection::vec(prop::option::weighted(0.8, 0usize..1000), 0..80),
        size in size(),
        steps in prop::collection::vec(step(), 0..60),
    ) {
        check(forest(&parents), size, None, &steps)?;
    }
}

//! Property: whatever keys are pressed and whatever the terminal size (down to 0×0), the explorer
//! never panics and the selection stays on a row that is shown.

use orgtree::app::{Action, App};
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

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Up),
        Just(Action::Down),
        Just(Action::PageUp),
        Just(Action::PageDown),
        Just(Action::HalfPageUp),
        Just(Action::HalfPageDown),
        Just(Action::First),
        Just(Action::Last),
        Just(Action::CollapseOrParent),
        Just(Action::ExpandOrChild),
        Just(Action::Toggle),
        Just(Action::NextSibling),
        Just(Action::PrevSibling),
        Just(Action::ExpandSubtree),
        Just(Action::CollapseAll),
        (1u8..=9).prop_map(Action::ExpandToDepth),
        Just(Action::SwitchFocus),
        Just(Action::ToggleHelp),
        Just(Action::Activate),
        Just(Action::Escape),
        Just(Action::Owners),
        Just(Action::Back),
        Just(Action::Forward),
        Just(Action::Search),
        prop::sample::select(vec!['o', 'r', 'a', 'n', 'g', 'e', 'c', 'l', 'x', ' ', '名'])
            .prop_map(Action::SearchInput),
        Just(Action::SearchBackspace),
        Just(Action::NextMatch),
        Just(Action::PrevMatch),
        Just(Action::Timeline),
        Just(Action::PrevDate),
        Just(Action::NextDate),
        Just(Action::ModelDate),
        Just(Action::ToggleOutside),
        (0u16..140, 0u16..50).prop_map(|(column, row)| Action::Click { column, row }),
        (0u16..140, 0u16..50).prop_map(|(column, row)| Action::ScrollUp { column, row }),
        (0u16..140, 0u16..50).prop_map(|(column, row)| Action::ScrollDown { column, row }),
        (0u16..140, 0u16..50).prop_map(|(width, height)| Action::Resize { width, height }),
    ]
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        (0u16..=2, 0u16..=2),
        (0u16..=140, 0u16..=50),
        (38u16..=42, 6u16..=10),
    ]
}

fn check(org: Org, (width, height): (u16, u16), actions: &[Action]) -> Result<(), TestCaseError> {
    let mut app = App::new(org, "m.yaml".into(), Rect::new(0, 0, width, height));
    for &action in actions {
        app.perform(action);
        let terminal = draw(&app);
        drop(terminal);
        if let Some(selected) = app.selected() {
            prop_assert!(
                app.tree.is_visible(&app.org, selected),
                "selection hidden after {action:?}"
            );
            if orgtree::ui::layout(app.area).is_some() {
                let rows = app.tree.rows(&app.org, app.tree_height());
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
    fn the_shipped_model_survives_any_keys(size in size(), actions in prop::collection::vec(action(), 0..60)) {
        let org = load_embedded().map_err(|e| e.render()).unwrap().org;
        check(org, size, &actions)?;
    }

    #[test]
    fn random_trees_survive_any_keys(
        parents in prop::collection::vec(prop::option::weighted(0.8, 0usize..1000), 0..80),
        size in size(),
        actions in prop::collection::vec(action(), 0..60),
    ) {
        check(forest(&parents), size, &actions)?;
    }
}

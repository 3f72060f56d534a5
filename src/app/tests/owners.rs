//! The ownership graph in the detail pane (`O`): it follows the selection, Enter climbs to a
//! holder's own graph, `[` comes back, the date changes what it draws, and `O` again gives the
//! entity's page.

use ratatui::layout::Rect;

use crate::app::{Action, App, Focus, Options, Target};
use crate::load::{ModelText, load_text};

/// `t` is held by `a` and `b`; `a` by `x` and by `t` itself (a circle); `b` by `a` too, and,
/// from 2020, by Ada alone.
const MODEL: &str = "title: t
as_of: 2019-06-01
entities:
  - {id: g, name: G, kind: group}
  - {id: t, name: T, kind: company, parent: g}
  - {id: a, name: A, kind: company, parent: g}
  - {id: b, name: B, kind: company, parent: g}
  - {id: x, name: X, kind: company}
people:
  - {id: ada, name: Ada}
stakes:
  - {owner: a, owned: t, share: 1/2}
  - {owner: b, owned: t, share: 1/2}
  - {owner: x, owned: a, share: 9/10}
  - {owner: t, owned: a, share: 1/10}
  - {owner: a, owned: b, share: 1, end: 2019-12-31}
  - {owner: ada, owned: b, share: 1, start: 2020-01-01}
events:
  - {date: 2020-01-01, kind: acquisition, description: Ada buys B}
";

fn app() -> App {
    let loaded = load_text(ModelText {
        name: "t.yaml".into(),
        text: MODEL.into(),
    })
    .map_err(|e| e.render())
    .unwrap();
    App::new(loaded.org, Options::new("t.yaml", Rect::new(0, 0, 100, 30)))
}

fn id(app: &App, id: &str) -> crate::org::EntityId {
    app.org().find_entity(id).unwrap()
}

/// The detail document as text, one string per line.
fn page(app: &App) -> Vec<String> {
    app.document()
        .lines
        .iter()
        .map(|l| l.pieces.iter().map(|p| p.text.as_str()).collect::<String>())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// Moves the cursor with `j` to the link that leads to `target`.
pub(super) fn cursor_to(app: &mut App, target: Target) {
    for _ in 0..50 {
        if app
            .cursor()
            .is_some_and(|c| app.document().links[c].target == target)
        {
            return;
        }
        app.perform(Action::Down);
    }
    panic!("no link to {target:?}");
}

#[test]
fn o_draws_the_graph_and_enter_climbs_it() {
    let mut app = app();
    app.perform(Action::Down); // T
    let t = id(&app, "t");
    assert_eq!(app.selected(), Some(t));
    app.perform(Action::OwnersGraph);
    assert_eq!(app.subject(), Target::Owners(t));
    assert_eq!(app.focus(), Focus::Detail);
    let lines = page(&app);
    let graph: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_end())
        .skip_while(|l| !l.ends_with("owned by"))
        .take(6)
        .collect();
    assert_eq!(
        graph,
        [
            "T, owned by",
            "├── A 50 %",
            "│   ├── X 90 %",
            "│   └── T 10 %  ↻ a circle of holdings: shown above",
            "└── B 50 %",
            "    └── A 100 %  (its owners are shown above)",
        ]
    );
    // Enter on A climbs to A's graph, and selects A in the tree.
    let a = id(&app, "a");
    cursor_to(&mut app, Target::Owners(a));
    app.perform(Action::Activate);
    assert_eq!(app.subject(), Target::Owners(a));
    assert_eq!(app.selected(), Some(a));
    assert!(page(&app).iter().any(|l| l.trim_end() == "A, owned by"));
    // `[` comes back to T's graph.
    app.perform(Action::Back);
    assert_eq!(app.subject(), Target::Owners(t));
    assert_eq!(app.selected(), Some(t));
    // `O` again: T's page.
    app.perform(Action::OwnersGraph);
    assert_eq!(app.subject(), Target::Entity(t));
}

#[test]
fn the_graph_follows_the_selection_and_the_date() {
    let mut app = app();
    app.perform(Action::Down);
    app.perform(Action::OwnersGraph);
    app.perform(Action::SwitchFocus);
    assert_eq!(app.focus(), Focus::Tree);
    // Down the tree to B: the pane shows B's graph, not its page.
    app.perform(Action::Down);
    app.perform(Action::Down);
    let b = id(&app, "b");
    assert_eq!(app.subject(), Target::Owners(b));
    assert!(page(&app).iter().any(|l| l.starts_with("└── A 100 %")));
    // At the next event, Ada holds B.
    app.perform(Action::NextDate);
    assert_eq!(app.subject(), Target::Owners(b));
    let lines = page(&app);
    assert!(
        lines.iter().any(|l| l.starts_with("└── Ada 100 %")),
        "{lines:#?}"
    );
    assert!(!lines.iter().any(|l| l.starts_with("└── A ")), "{lines:#?}");
}

#[test]
fn an_entity_nobody_holds_says_so() {
    let mut app = app();
    app.perform(Action::OwnersGraph); // G
    assert!(
        page(&app)
            .iter()
            .any(|l| l.contains("nobody is recorded as holding it"))
    );
}

#[test]
fn o_from_the_chart_goes_back_to_the_panes() {
    let mut app = app();
    app.perform(Action::ToggleChart);
    assert!(app.chart().is_some());
    app.perform(Action::OwnersGraph);
    assert!(app.chart().is_none());
    assert_eq!(app.subject(), Target::Owners(id(&app, "g")));
}

#[test]
fn a_deep_chain_keeps_each_holder_on_its_line() {
    // 200 companies, each held wholly by the next: the rails are cut to the pane's width
    // (`[+N]` counts the levels left out), so no line wraps and every holder is on its own.
    let mut yaml = String::from("title: chain\nentities:\n");
    for i in 0..=200 {
        yaml.push_str(&format!("  - {{id: e{i}, name: E{i}, kind: company}}\n"));
    }
    yaml.push_str("stakes:\n");
    for i in 0..200 {
        yaml.push_str(&format!(
            "  - {{owner: e{}, owned: e{i}, share: 1}}\n",
            i + 1
        ));
    }
    let loaded = load_text(ModelText {
        name: "chain.yaml".into(),
        text: yaml,
    })
    .map_err(|e| e.render())
    .unwrap();
    let mut app = App::new(
        loaded.org,
        Options::new("chain.yaml", Rect::new(0, 0, 100, 30)),
    );
    app.perform(Action::OwnersGraph);
    let lines = page(&app);
    let holders: Vec<&String> = lines.iter().filter(|l| l.contains("└── ")).collect();
    assert_eq!(holders.len(), 200, "{lines:#?}");
    for (i, line) in holders.iter().enumerate() {
        assert!(line.ends_with(&format!("E{} 100 %", i + 1)), "{line}");
    }
    assert!(holders[199].starts_with("[+"), "{}", holders[199]);
}

#[test]
fn a_reload_keeps_the_graph_of_the_same_entity_or_forgets_it() {
    let mut app = app();
    app.perform(Action::Down);
    app.perform(Action::OwnersGraph);
    // The model edited: B sells its half of T to New, and every index moves (New first).
    let edited = MODEL
        .replace(
            "entities:\n",
            "entities:\n  - {id: new, name: New, kind: company}\n",
        )
        .replace(
            "{owner: b, owned: t, share: 1/2}",
            "{owner: new, owned: t, share: 1/2}",
        );
    let org = load_text(ModelText {
        name: "t.yaml".into(),
        text: edited,
    })
    .map_err(|e| e.render())
    .unwrap()
    .org;
    app.replace_org(org);
    let t = id(&app, "t");
    assert_eq!(app.subject(), Target::Owners(t));
    assert!(page(&app).iter().any(|l| l.starts_with("└── New 50 %")));
    // A model without T: the graph goes, and nothing points past the smaller model.
    let org = load_text(ModelText {
        name: "t.yaml".into(),
        text: "title: t\nentities:\n  - {id: g, name: G, kind: group}\n".into(),
    })
    .map_err(|e| e.render())
    .unwrap()
    .org;
    app.replace_org(org);
    assert!(
        !matches!(app.subject(), Target::Owners(_)),
        "{:?}",
        app.subject()
    );
    let _ = crate::headless::frame(&app);
}

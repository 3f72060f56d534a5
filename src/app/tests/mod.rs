//! The explorer's state, driven by actions alone: tables of action sequences and the selection,
//! expansion, focus or scroll they must lead to. No terminal involved.

use ratatui::layout::Rect;

use super::{Action, App, Effect, Exit, Focus, Options};
use crate::load::{ModelText, load_text};

/// ```text
/// a
/// ├─ b
/// │  ├─ d
/// │  └─ e
/// └─ c
///    └─ g
/// f
/// ```
const MODEL: &str = "title: t
entities:
  - {id: a, name: A, kind: group}
  - {id: b, name: B, kind: company, parent: a}
  - {id: c, name: C, kind: company, parent: a}
  - {id: d, name: D, kind: team, parent: b}
  - {id: e, name: E, kind: team, parent: b}
  - {id: f, name: F, kind: group}
  - {id: g, name: G, kind: team, parent: c}
";

fn app(height: u16) -> App {
    let loaded = load_text(ModelText {
        name: "t.yaml".into(),
        text: MODEL.into(),
    })
    .map_err(|e| e.render())
    .unwrap();
    App::new(
        loaded.org,
        Options::new("t.yaml", Rect::new(0, 0, 80, height)),
    )
}

fn selected_id(app: &App) -> String {
    let id = app.selected().unwrap();
    app.org().entity(id).id.value.to_string()
}

use Action::*;

#[test]
fn navigation_table() {
    // (keys, the entity selected after them)
    let table: &[(&[Action], &str)] = &[
        (&[], "a"),
        (&[Down], "b"),
        (&[Down, Down], "c"),
        (&[Down, Down, Down], "f"), // b and c are collapsed
        (&[Down, Down, Down, Down], "f"),
        (&[Up], "a"),
        (&[Down, ExpandOrChild, Down], "d"),
        (&[Down, ExpandOrChild, ExpandOrChild], "d"),
        (&[Down, ExpandOrChild, ExpandOrChild, CollapseOrParent], "b"),
        (
            &[
                Down,
                ExpandOrChild,
                ExpandOrChild,
                CollapseOrParent,
                CollapseOrParent,
            ],
            "b",
        ),
        (
            &[
                Down,
                ExpandOrChild,
                ExpandOrChild,
                CollapseOrParent,
                CollapseOrParent,
                CollapseOrParent,
            ],
            "a",
        ),
        (&[Last], "f"),
        (&[Last, First], "a"),
        (&[Down, NextSibling], "c"),
        (&[Down, NextSibling, NextSibling], "c"),
        (&[Down, NextSibling, PrevSibling], "b"),
        (&[NextSibling], "f"),
        (&[ExpandSubtree, Last], "f"),
        (&[ExpandSubtree, Last, Up], "g"),
        (&[ExpandSubtree, Down, Down, Down, Down], "c"),
        (&[ExpandSubtree, Down, Down, Down, CollapseAll], "a"),
        (&[ExpandToDepth(3), Last, Up], "g"),
        (&[ExpandToDepth(3), Down, Down, ExpandToDepth(1)], "a"),
        (&[ExpandToDepth(1), Down], "f"),
        (&[Down, Toggle, Down], "d"),
        (&[Down, Toggle, Down, Up, Toggle, Down], "c"),
        (&[PageDown], "f"),
        (&[ExpandSubtree, PageDown, PageUp], "a"),
    ];
    for (actions, expected) in table {
        let mut app = app(24);
        for &action in *actions {
            app.perform(action);
        }
        assert_eq!(selected_id(&app), *expected, "after {actions:?}");
        assert!(
            app.tree
                .is_visible(app.structure(), app.selected().unwrap()),
            "after {actions:?}"
        );
    }
}

#[test]
fn collapsing_an_ancestor_moves_the_selection_up_to_it() {
    let mut app = app(24);
    for action in [ExpandSubtree, Down, Down, Down] {
        app.perform(action);
    }
    assert_eq!(selected_id(&app), "e");
    app.perform(Up); // d
    app.perform(Up); // b
    app.perform(Up); // a
    app.perform(Toggle);
    assert_eq!(selected_id(&app), "a");
    assert!(!app.tree.is_expanded(app.selected().unwrap()));
}

#[test]
fn the_selection_stays_on_screen_when_the_tree_is_taller() {
    // 8 rows leave 4 for the tree between its borders, the title and the status bar.
    let mut app = app(8);
    assert_eq!(app.tree_height(), 4);
    app.perform(ExpandSubtree);
    for _ in 0..5 {
        app.perform(Down);
    }
    assert_eq!(selected_id(&app), "g");
    let rows: Vec<String> = app
        .tree
        .rows(app.structure(), app.tree_height())
        .iter()
        .map(|r| app.org().entity(r.id).id.value.to_string())
        .collect();
    // Scrolled as little as possible: the selection is on the bottom row.
    assert_eq!(rows, ["d", "e", "c", "g"]);
    app.perform(First);
    let top = app.tree.rows(app.structure(), 4)[0].id;
    assert_eq!(app.org().entity(top).id.value, "a");
}

#[test]
fn focus_moves_the_keys_to_the_detail_pane() {
    let mut app = app(10);
    app.perform(SwitchFocus);
    assert_eq!(app.focus, Focus::Detail);
    app.perform(Down);
    assert_eq!(
        selected_id(&app),
        "a",
        "j scrolls the detail pane, not the tree"
    );
    app.perform(SwitchFocus);
    app.perform(Down);
    assert_eq!(selected_id(&app), "b");
}

#[test]
fn the_detail_scroll_is_bounded_and_resets_on_a_new_selection() {
    let mut app = app(10);
    app.perform(SwitchFocus);
    for _ in 0..1000 {
        app.perform(Down);
    }
    let bottom = app.detail_scroll();
    assert!(bottom < 1000);
    app.perform(Down);
    assert_eq!(app.detail_scroll(), bottom);
    app.perform(SwitchFocus);
    app.perform(Down);
    assert_eq!(app.detail_scroll(), 0);
}

#[test]
fn escape_closes_the_help_and_never_quits() {
    let mut app = app(24);
    app.perform(ToggleHelp);
    assert!(app.overlay.is_some());
    app.perform(Down);
    assert_eq!(
        selected_id(&app),
        "a",
        "keys do not reach the tree under the help"
    );
    assert_eq!(app.perform(Escape), None);
    assert!(app.overlay.is_none());
    assert_eq!(app.perform(Escape), None, "Esc at the top does nothing");
    assert_eq!(app.perform(Quit), Some(Effect::Exit(Exit::Quit)));
}

#[test]
fn esc_after_a_kept_search_clears_it_and_stays() {
    // `/d<Enter><Esc><Esc>`, as a new user typed it: the search is cleared, the explorer stays,
    // in every mode Esc can reach.
    let mut app = app(24);
    app.perform(Search);
    app.perform(SearchInput('d'));
    app.perform(Activate);
    assert!(app.search().is_some());
    assert_eq!(app.perform(Escape), None);
    assert!(app.search().is_none());
    for _ in 0..3 {
        assert_eq!(app.perform(Escape), None);
    }
    for open in [ToggleChart, Timeline, SwitchFocus, ToggleHelp] {
        app.perform(open);
        for _ in 0..3 {
            assert_eq!(app.perform(Escape), None, "after {open:?}");
        }
    }
}

#[test]
fn clicks_select_rows_and_toggle_on_the_marker() {
    let mut app = app(24);
    // Row 0 of the tree is at screen row 2 (title bar, top border); B is the second row.
    app.perform(Click { column: 10, row: 3 });
    assert_eq!(selected_id(&app), "b");
    assert!(!app.tree.is_expanded(app.selected().unwrap()));
    // B's marker: border, selection marker (2), one level of indentation (2).
    app.perform(Click { column: 5, row: 3 });
    assert!(app.tree.is_expanded(app.selected().unwrap()));
    // A click below the last row selects nothing new.
    app.perform(Click {
        column: 10,
        row: 20,
    });
    assert_eq!(selected_id(&app), "b");
}

#[test]
fn ctrl_c_interrupts_even_under_the_help() {
    let mut app = app(24);
    app.perform(ToggleHelp);
    assert_eq!(
        app.perform(Interrupt),
        Some(Effect::Exit(Exit::Interrupted))
    );
}

#[test]
fn the_tree_scrolls_back_when_there_is_room_again() {
    // Selecting the last row on a short screen scrolls; a taller screen shows the whole tree.
    let mut tall = app(8);
    tall.perform(ExpandSubtree);
    tall.perform(Last);
    tall.perform(Resize {
        width: 80,
        height: 40,
    });
    let top = tall.tree.rows(&tall.structure, 40)[0].id;
    assert_eq!(tall.org.entity(top).id.value, "a");
    // Collapsing everything leaves no empty rows above.
    let mut short = app(8);
    short.perform(ExpandSubtree);
    short.perform(Last);
    short.perform(CollapseAll);
    let top = short.tree.rows(&short.structure, 4)[0].id;
    assert_eq!(short.org.entity(top).id.value, "a");
}

#[test]
fn a_copied_id_carries_no_control_characters() {
    let loaded = load_text(ModelText {
        name: "t.yaml".into(),
        text: "title: t\nentities:\n  - {id: \"a\\e[31m\\nrm\", name: A, kind: company}\n".into(),
    })
    .map_err(|e| e.render())
    .unwrap();
    let mut app = App::new(loaded.org, Options::new("t.yaml", Rect::new(0, 0, 80, 24)));
    let Some(Effect::Copy(text)) = app.perform(CopyId) else {
        panic!("nothing copied")
    };
    assert!(!text.chars().any(char::is_control), "{text:?}");
    assert!(text.starts_with('a'), "{text:?}");
}

#[test]
fn copy_and_edit_ask_the_event_loop() {
    let mut app = app(24);
    app.perform(Down);
    assert_eq!(app.perform(CopyId), Some(Effect::Copy("b".into())));
    assert_eq!(app.perform(CopyPath), Some(Effect::Copy("a/b".into())));
    // Without a file (the embedded model, or text), there is nothing to edit: say so.
    assert_eq!(app.perform(Edit), None);
    assert!(app.status().unwrap_or_default().contains("no file to edit"));
    app.setup.path = Some("m.yaml".into());
    // B's id is on line 4 of the model text.
    assert_eq!(
        app.perform(Edit),
        Some(Effect::Edit {
            path: "m.yaml".into(),
            line: 4
        })
    );
}

#[test]
fn the_detail_pane_describes_the_selected_row_at_any_date() {
    // The root did not exist yet in 2014: the tree shows its unit that did, and so must the
    // detail pane.
    let org = org_of(
        "title: t
entities:
  - {id: a, name: Alpha, kind: group, founded: 2015}
  - {id: b, name: Beta, kind: company}
",
    );
    let mut app = App::new(org, Options::new("t.yaml", Rect::new(0, 0, 80, 30)));
    app.set_date(
        "2014-06"
            .parse::<crate::model::PartialDate>()
            .unwrap()
            .first_day(),
    );
    app.perform(Resize {
        width: 80,
        height: 30,
    });
    assert_eq!(selected_id(&app), "b");
    let frame = crate::headless::frame(&app);
    let detail: String = frame
        .lines()
        .map(|l| l.chars().skip(34).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(detail.contains("Beta"), "{frame}");
    assert!(!detail.contains("Alpha"), "{frame}");
}

#[test]
fn a_search_that_matches_nothing_leaves_no_stale_details() {
    let mut app = app(30);
    app.perform(Search);
    app.type_text("zzzzqqq");
    assert_eq!(app.selected(), None);
    let frame = crate::headless::frame(&app);
    assert!(frame.contains("No entity is selected"), "{frame}");
    assert!(!frame.contains("group"), "{frame}");
}

#[test]
fn the_detail_document_is_built_once_per_change_and_never_for_a_frame() {
    let loaded = crate::load::load_embedded().unwrap();
    let mut app = App::new(loaded.org, Options::new("m.yaml", Rect::new(0, 0, 100, 30)));
    let built = |app: &App| app.document_builds();
    let start = built(&app);
    // Another entity: one new document.
    app.perform(Down);
    assert_eq!(built(&app), start + 1);
    // Focus and the cursor move over the same document.
    app.perform(SwitchFocus);
    app.perform(Down);
    app.perform(Down);
    app.perform(Up);
    assert_eq!(built(&app), start + 1);
    for _ in 0..3 {
        let _ = crate::headless::frame(&app);
    }
    assert_eq!(built(&app), start + 1, "frames build nothing");
    // A new date, and a new width: one each.
    app.perform(PrevDate);
    assert_eq!(built(&app), start + 2);
    app.perform(Resize {
        width: 120,
        height: 30,
    });
    assert_eq!(built(&app), start + 3);
    // Following a link shows another page: once.
    app.perform(Activate);
    assert!(built(&app) <= start + 4);
}

/// The org of a model text.
fn org_of(text: &str) -> crate::org::Org {
    load_text(ModelText {
        name: "t.yaml".into(),
        text: text.into(),
    })
    .map_err(|e| e.render())
    .unwrap()
    .org
}

mod chart;
mod command;
mod owners;
mod reload;
mod sources;

/// With a search thread: a key is answered at once (the prompt shows it), the outcome comes
/// later, and an outcome for a query typed over since is never shown.
#[test]
fn a_search_off_thread_shows_only_the_newest_outcome() {
    let mut app = app(20);
    let (sent, outcomes) = std::sync::mpsc::channel();
    app.search_off_thread(std::sync::Arc::new(move |o| sent.send(o).unwrap()));
    app.perform(Action::Search);
    app.perform(Action::SearchInput('b'));
    assert!(app.search_pending());
    assert_eq!(app.search().unwrap().query, "b");
    let stale = outcomes.recv().unwrap();
    app.perform(Action::SearchBackspace);
    app.perform(Action::SearchInput('d'));
    // The outcome for `b` comes after `d` was typed: dropped.
    app.searched(stale);
    assert!(app.search_pending());
    assert!(app.search().unwrap().visible.is_empty());
    let fresh = outcomes.recv().unwrap();
    app.searched(fresh);
    assert!(!app.search_pending());
    let s = app.search().unwrap();
    assert_eq!(s.found_for, "d");
    let names: Vec<&str> = s.visible.iter().map(|&id| app.org().name(id)).collect();
    assert_eq!(names, ["D"]);
    assert_eq!(app.selected().map(|id| app.org().name(id)), Some("D"));
}

/// The first matches of a search are shown as they come, the counter saying more are to come
/// and the search still pending; a query typed over them searches every entity again, not
/// only those first matches.
#[test]
fn first_matches_are_shown_but_not_narrowed_from() {
    let mut app = app(20);
    let (sent, outcomes) = std::sync::mpsc::channel();
    app.search_off_thread(std::sync::Arc::new(move |o| sent.send(o).unwrap()));
    app.perform(Action::Search);
    // The kinds are searched with `i:`.
    app.type_text("i:tea");
    let whole = outcomes.recv().unwrap();
    assert!(whole.complete);
    let order = crate::search::TreeOrder::new(&whole.tree);
    let scope = crate::search::Scope {
        org: app.org(),
        tree: &whole.tree,
        order: &order,
        haystacks: None,
    };
    let first = crate::search::first_matches(scope, "i:tea", None, 1, 4).unwrap();
    let partial = crate::search::worker::Outcome {
        shown: crate::visibility::filtered_matches(
            app.org(),
            &whole.tree,
            whole.when,
            &first.matches,
        ),
        found: first,
        complete: false,
        ..whole.clone()
    };
    app.searched(partial);
    assert!(app.search_pending());
    let names = |app: &App| -> Vec<String> {
        let s = app.search().unwrap();
        s.visible
            .iter()
            .map(|&id| app.org().name(id).to_owned())
            .collect()
    };
    assert_eq!(names(&app), ["D"]);
    let s = app.search().unwrap();
    assert_eq!(s.counter(app.selected()), "[1/1…]");
    app.type_text("m");
    // The whole outcome for `i:tea` comes after `m` was typed: dropped.
    app.searched(whole);
    assert_eq!(names(&app), ["D"]);
    let fresh = outcomes.recv().unwrap();
    app.searched(fresh);
    assert!(!app.search_pending());
    assert_eq!(names(&app), ["D", "E", "G"]);
    let s = app.search().unwrap();
    assert_eq!(s.counter(app.selected()), "[1/3]");
}

#[test]
fn z_zooms_the_focused_pane_and_tab_zooms_the_other() {
    use crate::geometry::Zoomed;
    let mut app = app(24);
    let whole = app.panes().unwrap().body().width;
    app.perform(Zoom);
    let panes = app.panes().unwrap();
    assert_eq!(app.split().zoom, Some(Zoomed::Tree));
    assert_eq!((panes.tree.width, panes.detail.width), (whole, 0));
    app.perform(SwitchFocus);
    let panes = app.panes().unwrap();
    assert_eq!(app.split().zoom, Some(Zoomed::Detail));
    assert_eq!((panes.tree.width, panes.detail.width), (0, whole));
    // The detail pane's text is wrapped to the whole width it now has.
    assert!(!app.document().lines.is_empty());
    app.perform(Zoom);
    assert_eq!(app.split().zoom, None);
    let _ = crate::headless::frame(&app);
}

#[test]
fn the_tree_pane_resizes_within_bounds() {
    let mut app = app(24);
    let at_first = app.panes().unwrap().tree.width;
    app.perform(WiderTree);
    let wider = app.panes().unwrap().tree.width;
    assert!(wider > at_first, "{wider} > {at_first}");
    for _ in 0..40 {
        app.perform(WiderTree);
    }
    let widest = app.panes().unwrap();
    assert!(
        widest.detail.width >= 20,
        "the detail pane keeps 20 columns"
    );
    for _ in 0..40 {
        app.perform(NarrowerTree);
    }
    assert!(app.panes().unwrap().tree.width >= 12);
    let _ = crate::headless::frame(&app);
}

/// In the prompt, ↑ and ↓ step through the matches and stop at both ends; a query typed
/// away leaves no match behind.
#[test]
fn the_prompt_steps_through_matches_and_an_empty_query_has_none() {
    let mut app = app(20);
    app.perform(Search);
    app.type_text("i:team");
    let counter = |app: &App| app.search().unwrap().counter(app.selected());
    assert_eq!(counter(&app), "[1/3]");
    app.perform(Up);
    assert_eq!(selected_id(&app), "d", "the first match stays");
    for _ in 0..5 {
        app.perform(Down);
    }
    assert_eq!(
        (selected_id(&app), counter(&app)),
        ("g".into(), "[3/3]".into())
    );
    for _ in 0.."i:team".len() {
        app.perform(SearchBackspace);
    }
    assert_eq!(counter(&app), "[0/0]");
    assert!(app.search().unwrap().visible.is_empty());
    app.type_text("i:te");
    app.perform(SearchClear);
    assert_eq!(counter(&app), "[0/0]");
    // With no match, the arrows move through the rows: from D, where the search left the
    // selection, to E.
    assert_eq!(selected_id(&app), "d");
    app.perform(Down);
    assert_eq!(selected_id(&app), "e");
}

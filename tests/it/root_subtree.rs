//! `--root ID` in the explorer: the tree holds only that entity's subtree, in the explorer and
//! in `--screen`; `h` stops at its root, and `W` (or a link outside it) shows the whole tree.

use orgtree::app::{App, Options, Target};
use orgtree::headless::press;
use orgtree::load::load_embedded;
use ratatui::layout::Rect;

fn explorer(root: &str, levels: Option<usize>, keys: &str) -> App {
    let org = load_embedded().map_err(|e| e.render()).unwrap().org;
    let mut options = Options::new("orange-cloud.yaml", Rect::new(0, 0, 80, 16));
    options.root = org.find_entity(root);
    options.levels = levels;
    let mut app = App::new(org, options);
    press(&mut app, keys).unwrap();
    app
}

/// The ids on the tree's rows, each indented by its depth.
fn rows(app: &App) -> Vec<String> {
    let org = app.org();
    app.tree()
        .rows(app.structure(), 100)
        .iter()
        .map(|r| format!("{}{}", "  ".repeat(r.depth), org.entity(r.id).id.value))
        .collect()
}

fn selected(app: &App) -> String {
    let org = app.org();
    org.entity(app.selected().unwrap()).id.value.to_string()
}

#[test]
fn the_tree_holds_only_the_subtree() {
    let app = explorer("orange-business-services", None, "");
    assert_eq!(
        rows(&app),
        [
            "orange-business-services",
            "  orange-cloud-for-business",
            "  orange-applications-for-business",
        ]
    );
    assert_eq!(selected(&app), "orange-business-services");
    // The last row and the rows around are the subtree's: nothing before or after it.
    assert_eq!(
        selected(&explorer("orange-business-services", None, "G")),
        "orange-applications-for-business"
    );
    assert_eq!(
        selected(&explorer("orange-business-services", None, "kkK")),
        "orange-business-services"
    );
    assert_eq!(
        selected(&explorer("orange-business-services", None, "jjjj")),
        "orange-applications-for-business"
    );
}

#[test]
fn depth_counts_from_the_root() {
    let app = explorer("orange", Some(2), "");
    let shown = rows(&app);
    assert_eq!(shown[0], "orange");
    assert!(shown.contains(&"  cloudwatt".to_owned()), "{shown:?}");
    assert!(!shown.iter().any(|r| r.contains("atheos")), "{shown:?}");
    assert!(!shown.iter().any(|r| r.contains("outscale")), "{shown:?}");
}

#[test]
fn going_to_the_parent_stops_at_the_root() {
    let app = explorer("orange-business-services", None, "jhhh");
    assert_eq!(selected(&app), "orange-business-services");
    assert_eq!(rows(&app), ["orange-business-services"], "folded, not left");
    let status = app.status().unwrap_or_default();
    assert!(status.contains("W shows the whole tree"), "{status}");
}

#[test]
fn w_shows_the_whole_tree_and_keeps_the_selection() {
    let app = explorer("orange-business-services", None, "jW");
    assert_eq!(selected(&app), "orange-cloud-for-business");
    let shown = rows(&app);
    assert!(shown.contains(&"orange".to_owned()), "{shown:?}");
    assert!(shown.contains(&"outscale".to_owned()), "{shown:?}");
    let app = explorer("orange-business-services", None, "jWh");
    assert_eq!(selected(&app), "orange-business-services");
    let app = explorer("orange-business-services", None, "jWhhh");
    assert_eq!(selected(&app), "orange", "the parent is reachable again");
}

#[test]
fn a_search_finds_only_inside_the_subtree() {
    let app = explorer("orange-business-services", None, "/cloud");
    let search = app.search().unwrap();
    let org = app.org();
    let found: Vec<&str> = search
        .visible
        .iter()
        .map(|&id| org.entity(id).id.value.as_str())
        .collect();
    assert_eq!(found, ["orange-cloud-for-business"]);
}

#[test]
fn a_link_outside_the_subtree_shows_the_whole_tree() {
    let mut app = explorer("orange-business-services", None, "<Tab>");
    let orange = Target::Entity(app.org().find_entity("orange").unwrap());
    // The cursor onto the detail pane's "part of Orange", then follow it.
    let on_orange = |app: &App| {
        app.cursor()
            .is_some_and(|c| app.document().links[c].target == orange)
    };
    for _ in 0..50 {
        if on_orange(&app) {
            break;
        }
        press(&mut app, "j").unwrap();
    }
    assert!(on_orange(&app), "a link to Orange");
    press(&mut app, "<Enter>").unwrap();
    assert_eq!(selected(&app), "orange");
    assert!(rows(&app).contains(&"outscale".to_owned()));
}

#[test]
fn screen_draws_only_the_subtree() {
    let out = crate::common::orgtree()
        .args([
            "--screen",
            "80x12",
            "--root",
            "orange-business-services",
            "--keys",
            "j",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let screen = String::from_utf8(out.stdout).unwrap();
    assert!(!screen.contains("Outscale"), "{screen}");
    assert!(!screen.contains("Cloudwatt"), "{screen}");
    insta::assert_snapshot!(screen);
}

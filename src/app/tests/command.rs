//! The `:` command line driven by actions: each command changes what it says, Tab completes,
//! ↑ recalls, Esc leaves without running, and a bad command says why and changes nothing.

use super::*;
use crate::app::{Mode, Target};

/// Opens the command line and types `text` into it.
fn type_command(app: &mut App, text: &str) {
    app.perform(Command);
    for c in text.chars() {
        app.perform(CommandInput(c));
    }
}

/// Types `text` and runs it.
fn run(app: &mut App, text: &str) -> Option<Effect> {
    type_command(app, text);
    app.perform(Activate)
}

#[test]
fn goto_root_and_depth_move_the_tree() {
    let mut app = app(24);
    assert_eq!(run(&mut app, "goto g"), None);
    assert_eq!(selected_id(&app), "g", "by id, its ancestors opened");
    run(&mut app, "goto e");
    assert_eq!(selected_id(&app), "e");
    run(&mut app, "root b");
    assert_eq!(selected_id(&app), "b");
    assert_eq!(app.tree.scope(), app.org().find_entity("b"));
    run(&mut app, "root");
    assert_eq!(app.tree.scope(), None);
    run(&mut app, "depth 1");
    let b = app.org().find_entity("b").unwrap();
    assert!(!app.tree.is_expanded(b));
    run(&mut app, "depth 3");
    assert!(app.tree.is_expanded(b));
    assert!(app.command_line().is_none(), "the line closes once run");
}

#[test]
fn a_bad_command_says_why_and_changes_nothing() {
    let mut app = app(24);
    run(&mut app, "goto nowhere");
    assert_eq!(selected_id(&app), "a");
    assert!(app.status().unwrap().contains("no entity `nowhere`"));
    run(&mut app, "as-of someday");
    assert!(app.status().unwrap().contains("is not a date"));
    run(&mut app, "frobnicate");
    assert!(app.status().unwrap().contains("no command `frobnicate`"));
}

#[test]
fn esc_leaves_without_running_and_up_recalls() {
    let mut app = app(24);
    type_command(&mut app, "goto g");
    assert_eq!(app.mode(), Mode::Command);
    assert_eq!(app.perform(Escape), None);
    assert!(app.command_line().is_none());
    assert_eq!(selected_id(&app), "a", "Esc ran nothing");
    run(&mut app, "goto d");
    run(&mut app, "goto e");
    app.perform(Command);
    app.perform(Up);
    assert_eq!(app.command_line(), Some("goto e"));
    app.perform(Up);
    assert_eq!(app.command_line(), Some("goto d"));
    app.perform(Up);
    assert_eq!(app.command_line(), Some("goto d"), "the oldest stays");
    app.perform(Down);
    app.perform(Down);
    assert_eq!(
        app.command_line(),
        Some(""),
        "past the newest: an empty line"
    );
    app.perform(Up);
    app.perform(Activate);
    assert_eq!(selected_id(&app), "e");
}

#[test]
fn tab_completes_and_cycles() {
    let mut app = app(24);
    type_command(&mut app, "go");
    app.perform(Complete);
    assert_eq!(app.command_line(), Some("goto"));
    app.perform(CommandInput(' '));
    app.perform(Complete);
    // Every entity's id starts with the empty word: a, b, c… in file order.
    assert_eq!(app.command_line(), Some("goto a"));
    app.perform(Complete);
    assert_eq!(app.command_line(), Some("goto b"));
    assert!(
        app.status().unwrap().starts_with("2 of 7: b (B)"),
        "{:?}",
        app.status()
    );
    app.perform(Activate);
    assert_eq!(selected_id(&app), "b");
}

#[test]
fn export_asks_for_the_view_on_screen() {
    let mut app = app(24);
    // G is under C: the filter keeps C, and the chart opens on it.
    run(&mut app, "filter g");
    run(&mut app, "goto c");
    assert_eq!(selected_id(&app), "c");
    assert!(
        app.search().is_some(),
        "C is on the way to a match: the filter stays"
    );
    app.perform(ToggleChart);
    let Some(Effect::Export { path, options }) = run(&mut app, "export dot out/my org.dot") else {
        panic!("no export");
    };
    assert_eq!(path, std::path::PathBuf::from("out/my org.dot"));
    assert_eq!(options.format, crate::dump::Format::Dot);
    assert_eq!(options.root, app.org().find_entity("c"));
    assert_eq!(
        options.depth,
        Some(3),
        "the chart's two levels under its root"
    );
    assert_eq!(options.as_of, Some(app.as_of()));
    assert_eq!(options.filter.as_deref(), Some("g"));
}

#[test]
fn as_of_moves_the_date_and_help_and_quit_work() {
    let mut app = app(24);
    run(&mut app, "as-of 2001-02");
    assert_eq!(app.as_of().to_string(), "2001-02-01");
    run(&mut app, "date 1999");
    assert_eq!(app.as_of().to_string(), "1999-01-01");
    run(&mut app, "help");
    assert_eq!(app.mode(), Mode::Help);
    app.perform(Escape);
    assert_eq!(run(&mut app, "quit"), Some(Effect::Exit(Exit::Quit)));
    assert!(matches!(app.subject(), Target::Entity(_)));
}

#[test]
fn a_paste_goes_into_the_command_line_as_plain_text() {
    let mut app = app(24);
    app.perform(Command);
    app.paste_command("goto\tg\u{1b}[2J\n");
    assert_eq!(app.command_line(), Some("goto g[2J "));
    app.perform(SearchClear);
    app.paste_command(&"x".repeat(10_000));
    assert_eq!(app.command_line().map(|l| l.chars().count()), Some(512));
}

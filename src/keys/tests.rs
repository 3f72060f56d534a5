use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::*;

const ALL: [Mode; 7] = names::MODES;

fn action_for(event: KeyEvent, mode: Mode) -> Option<Action> {
    Keymap::default().action_for(event, mode)
}

fn hints(mode: Mode, searching: bool) -> String {
    Keymap::default().hints(mode, searching)
}

fn own_hints(mode: Mode) -> String {
    Keymap::default().own_hints(mode)
}

fn press_in(mode: Mode, code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
    action_for(KeyEvent::new(code, modifiers), mode)
}

fn press(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
    press_in(Mode::Tree, code, modifiers)
}

#[test]
fn letters_arrows_and_control_keys_map_to_actions() {
    assert_eq!(
        press(KeyCode::Char('j'), KeyModifiers::NONE),
        Some(Action::Down)
    );
    assert_eq!(press(KeyCode::Down, KeyModifiers::NONE), Some(Action::Down));
    assert_eq!(
        press(KeyCode::Char('J'), KeyModifiers::SHIFT),
        Some(Action::NextSibling)
    );
    assert_eq!(
        press(KeyCode::Char('d'), KeyModifiers::CONTROL),
        Some(Action::HalfPageDown)
    );
    assert_eq!(press(KeyCode::Char('d'), KeyModifiers::NONE), None);
    assert_eq!(
        press(KeyCode::Char('c'), KeyModifiers::CONTROL),
        Some(Action::Interrupt)
    );
    assert_eq!(
        press(KeyCode::Char('3'), KeyModifiers::NONE),
        Some(Action::ExpandToDepth(3))
    );
    assert_eq!(
        press(KeyCode::F(1), KeyModifiers::NONE),
        Some(Action::ToggleHelp)
    );
}

#[test]
fn the_same_key_means_what_its_mode_says() {
    let esc = |mode| press_in(mode, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(esc(Mode::Tree), Some(Action::Escape));
    assert_eq!(esc(Mode::Chart), Some(Action::Escape));
    let plus = |mode| press_in(mode, KeyCode::Char('+'), KeyModifiers::NONE);
    assert_eq!(plus(Mode::Chart), Some(Action::ChartDeeper));
    assert_eq!(plus(Mode::Tree), Some(Action::WiderTree));
    assert_eq!(plus(Mode::Command), Some(Action::CommandInput('+')));
    let q = |mode| press_in(mode, KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(q(Mode::Prompt), Some(Action::SearchInput('q')));
    assert_eq!(q(Mode::Help), Some(Action::Quit));
}

#[test]
fn releases_are_ignored() {
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(action_for(release, Mode::Tree), None);
}

#[test]
fn the_prompt_reads_keys_as_text() {
    let typed = |c| press_in(Mode::Prompt, KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(typed('q'), Some(Action::SearchInput('q')));
    assert_eq!(typed('j'), Some(Action::SearchInput('j')));
    assert_eq!(
        press_in(Mode::Prompt, KeyCode::Enter, KeyModifiers::NONE),
        Some(Action::Activate)
    );
    assert_eq!(
        press_in(Mode::Prompt, KeyCode::Char('c'), KeyModifiers::CONTROL),
        Some(Action::Interrupt)
    );
}

#[test]
fn no_key_is_bound_twice_in_a_mode() {
    for mode in ALL {
        let mut seen: Vec<Key> = Vec::new();
        for (k, _) in sections(mode).flat_map(|s| s.bindings).flat_map(|b| b.keys) {
            assert!(!seen.contains(k), "{k:?} bound twice in {mode:?}");
            seen.push(*k);
        }
    }
}

#[test]
fn every_row_has_keys_a_label_and_words() {
    for b in SECTIONS.iter().flat_map(|s| s.bindings) {
        assert!(!b.keys.is_empty(), "{b:?}");
        assert!(!b.label.is_empty(), "{b:?}");
        assert!(!b.help.is_empty(), "{b:?}");
    }
}

#[test]
fn hints_only_name_keys_of_their_own_modes() {
    for section in SECTIONS {
        for hint in section.bindings.iter().flat_map(|b| b.hints) {
            for mode in ALL {
                assert!(
                    !hint.modes.contains(mode) || section.modes.contains(mode),
                    "`{}` hinted in {mode:?}, where its section does not hold",
                    hint.text
                );
            }
        }
    }
}

#[test]
fn every_mode_says_how_to_leave_it() {
    for mode in ALL {
        let hints = hints(mode, false);
        assert!(
            ["quit", "close", "clear", "tree"]
                .iter()
                .any(|w| hints.contains(w)),
            "{mode:?}: {hints}"
        );
    }
    assert!(hints(Mode::Chart, false).contains("[ wider"));
    assert!(own_hints(Mode::Chart).contains("[ wider"));
    assert!(!own_hints(Mode::Chart).contains("? help"));
    assert!(hints(Mode::Tree, true).contains("n/N"));
    assert!(!hints(Mode::Tree, false).contains("n/N"));
}

#[test]
fn the_help_lists_every_section() {
    let lines = Keymap::default().help_lines();
    for s in SECTIONS {
        assert!(lines.contains(&(None, s.title)), "{}", s.title);
    }
    assert!(
        lines
            .iter()
            .any(|(label, text)| label.as_deref() == Some("[")
                && *text == "a wider chart, from the parent of its top")
    );
}

#[test]
fn scripts_mix_plain_and_named_keys() {
    let keys = parse_script("jj<Enter><C-d><F1><lt>x").unwrap();
    let codes: Vec<KeyCode> = keys.iter().map(|k| k.code).collect();
    assert_eq!(
        codes,
        [
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Enter,
            KeyCode::Char('d'),
            KeyCode::F(1),
            KeyCode::Char('<'),
            KeyCode::Char('x')
        ]
    );
    assert_eq!(keys[3].modifiers, KeyModifiers::CONTROL);
    assert!(parse_script("<Nope>").is_err());
    assert_eq!(parse_script("<esc><ENTER><c-D>").unwrap().len(), 3);
    // An unclosed `<Enter` is a mistake, not the keys `<`, `E`, `n`…
    assert!(parse_script("jj<Enter").is_err());
}

#[test]
fn every_hint_names_keys_its_modes_bind() {
    for section in SECTIONS {
        for hint in section.bindings.iter().flat_map(|b| b.hints) {
            assert!(!hint.keys.is_empty(), "`{}` names no key", hint.text);
            assert!(
                hint.text.contains(' '),
                "`{}`: keys, a space, words",
                hint.text
            );
            for mode in ALL.into_iter().filter(|&m| hint.modes.contains(m)) {
                for &key in hint.keys {
                    assert!(
                        Keymap::default().lookup(mode, key).is_some(),
                        "`{}` names {key:?}, unbound in {mode:?}",
                        hint.text
                    );
                }
            }
        }
    }
}

#[test]
fn every_action_of_the_table_has_a_name_but_ctrl_c() {
    for (key, action) in SECTIONS
        .iter()
        .flat_map(|s| s.bindings)
        .flat_map(|b| b.keys)
    {
        match action {
            Action::Interrupt => assert_eq!(key.code, KeyCode::Char('c')),
            _ => assert!(names::action_name(*action).is_some(), "{action:?}"),
        }
    }
    for (name, action) in names::ACTIONS {
        assert_eq!(names::action_named(name), Some(*action));
    }
}

fn keymap(changes: &[(&str, &str, &str)]) -> Keymap {
    let mut keymap = Keymap::default();
    for (mode, key, action) in changes {
        keymap.bind(mode, key, action).unwrap();
    }
    keymap
}

fn event(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn a_key_moved_in_one_mode_moves_there_only() {
    let keys = keymap(&[("tree", "n", "down"), ("tree", "j", "none")]);
    let press = |mode, c| keys.action_for(event(KeyCode::Char(c)), mode);
    assert_eq!(press(Mode::Tree, 'n'), Some(Action::Down));
    assert_eq!(press(Mode::Tree, 'j'), None);
    // Down still works, and the detail pane keeps its keys.
    assert_eq!(
        keys.action_for(event(KeyCode::Down), Mode::Tree),
        Some(Action::Down)
    );
    assert_eq!(press(Mode::Detail, 'j'), Some(Action::Down));
    assert_eq!(press(Mode::Detail, 'n'), Some(Action::NextMatch));
    // A key taken away in the search prompt is text again.
    let keys = keymap(&[("search", "Esc", "none"), ("all", "Q", "quit")]);
    assert_eq!(keys.action_for(event(KeyCode::Esc), Mode::Prompt), None);
    for mode in [
        Mode::Tree,
        Mode::Detail,
        Mode::Chart,
        Mode::Help,
        Mode::Timeline,
    ] {
        assert_eq!(
            keys.action_for(event(KeyCode::Char('Q')), mode),
            Some(Action::Quit),
            "{mode:?}"
        );
    }
    assert_eq!(
        keys.action_for(event(KeyCode::Char('Q')), Mode::Prompt),
        Some(Action::SearchInput('Q'))
    );
}

#[test]
fn the_later_change_of_a_key_wins() {
    let keys = keymap(&[("chart", "x", "toggle-relations"), ("chart", "x", "none")]);
    assert_eq!(
        keys.action_for(event(KeyCode::Char('x')), Mode::Chart),
        None
    );
    let keys = keymap(&[("all", "Ctrl-n", "down"), ("tree", "C-n", "up")]);
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(keys.action_for(ctrl_n, Mode::Tree), Some(Action::Up));
    assert_eq!(keys.action_for(ctrl_n, Mode::Help), Some(Action::Down));
}

#[test]
fn the_help_and_the_hints_show_the_keys_in_force() {
    let keys = keymap(&[
        ("tree", "n", "down"),
        ("tree", "j", "none"),
        ("all", "?", "none"),
        ("all", "F2", "help"),
        ("chart", "r", "none"),
        ("chart", "R", "toggle-relations"),
    ]);
    let lines = keys.help_lines();
    let label = |help: &str| {
        lines
            .iter()
            .find(|(l, text)| l.is_some() && *text == help)
            .and_then(|(l, _)| l.as_deref().map(str::to_owned))
    };
    assert_eq!(label("next row").as_deref(), Some("↓ n"));
    assert_eq!(label("this help").as_deref(), Some("F1 F2"));
    assert_eq!(
        label("relations as dotted lines, on or off").as_deref(),
        Some("R")
    );
    // Untouched rows keep the table's own label.
    assert_eq!(label("next link (or line)").as_deref(), Some("j ↓"));
    assert_eq!(label("show that many levels").as_deref(), Some("1–9"));
    let tree = keys.hints(Mode::Tree, false);
    assert!(tree.starts_with("F2 help  ↑↓ move"), "{tree}");
    let chart = keys.own_hints(Mode::Chart);
    assert!(chart.contains("R relations"), "{chart}");
    assert!(!chart.contains("r relations"), "{chart}");
    // The help is as wide as its widest label needs.
    assert!(keys.label_width() >= Keymap::default().label_width());
    // A binding left with no key says so, and its hint goes.
    let keys = keymap(&[("chart", "r", "none")]);
    assert!(keys.help_lines().iter().any(
        |(l, t)| l.as_deref() == Some("(none)") && *t == "relations as dotted lines, on or off"
    ));
    assert!(!keys.own_hints(Mode::Chart).contains("relations"));
    // A moved Down shows in the hint that named it.
    let keys = keymap(&[("timeline", "Down", "none"), ("timeline", "Ctrl-n", "down")]);
    assert!(
        keys.own_hints(Mode::Timeline).starts_with("↑/Ctrl-n move"),
        "{}",
        keys.own_hints(Mode::Timeline)
    );
}

#[test]
fn a_mistake_in_a_binding_says_what_to_write() {
    let mut keys = Keymap::default();
    let err = |keys: &mut Keymap, mode, key, action| keys.bind(mode, key, action).unwrap_err().why;
    assert_eq!(
        err(&mut keys, "tre", "n", "down"),
        "no mode `tre`: the modes are tree, detail, chart, timeline, help, search, command, and all"
    );
    assert!(err(&mut keys, "tree", "Hyper-x", "down").starts_with("`Hyper-x` is not a key"));
    assert_eq!(
        err(&mut keys, "tree", "n", "dwon"),
        "no action `dwon` (did you mean `down`?)"
    );
    assert_eq!(
        err(&mut keys, "tree", "x", "toggle-relations"),
        "`toggle-relations` is not an action of the tree keys; it is one of: chart"
    );
    assert_eq!(
        err(&mut keys, "all", "Ctrl-c", "none"),
        "Ctrl-c always quits at once and cannot be bound"
    );
    assert!(err(&mut keys, "tree", "\u{1b}", "down").contains("is not a key"));
    assert!(err(&mut keys, "tree", "\u{202e}", "down").contains("is not a key"));
    assert!(err(&mut keys, "tree", "Ctrl-\u{202e}", "down").contains("is not a key"));
    assert!(err(&mut keys, "tree", "Ctrl-\u{7}", "down").contains("is not a key"));
    assert_eq!(
        keys.bind("tree", "n", "dwon").unwrap_err().part,
        Part::Action
    );
    assert_eq!(
        keys.bind("tree", "Hyper-x", "down").unwrap_err().part,
        Part::Key
    );
    assert_eq!(keys.bind("tre", "n", "down").unwrap_err().part, Part::Mode);
    assert!(!keys.is_changed());
}

#[test]
fn thousands_of_keys_for_one_row_are_listed_in_a_few() {
    let mut keys = Keymap::default();
    for c in ('\u{4e00}'..).take(4000) {
        keys.bind("all", &c.to_string(), "down").unwrap();
    }
    let lines = keys.help_lines();
    let next_row = lines
        .iter()
        .find(|(l, t)| l.is_some() && *t == "next row")
        .and_then(|(l, _)| l.clone())
        .unwrap();
    assert_eq!(next_row, "j ↓ 一 丁 丂 七 丄 丅 …");
    // A row of two actions names each after its keys.
    let scroll = lines
        .iter()
        .find(|(l, t)| l.is_some() && *t == "scroll")
        .and_then(|(l, _)| l.clone())
        .unwrap();
    assert_eq!(scroll, "j ↓ 一 丁 丂 七 (down), k ↑ (up) …");
    // Widths are the screen's: each of those characters takes two columns. The widest row
    // is the chart's, whose eight keys of four actions leave no room for the new ones.
    assert_eq!(
        unicode_width::UnicodeWidthStr::width(&*scroll),
        scroll.chars().count() + 4
    );
    let chart = "h ← (collapse-or-parent), j ↓ (down), k ↑ (up), l → (expand-or-child) …";
    assert!(lines.iter().any(|(l, _)| l.as_deref() == Some(chart)));
    assert_eq!(keys.label_width(), chart.chars().count());
    assert_eq!(
        keys.action_for(event(KeyCode::Char('\u{4e00}')), Mode::Help),
        Some(Action::Down)
    );
}

#[test]
fn a_row_says_where_a_key_holds_and_which_of_two_actions_it_does() {
    let label = |changes: &[(&str, &str, &str)], help: &str| {
        keymap(changes)
            .help_lines()
            .into_iter()
            .find(|(l, t)| l.is_some() && *t == help)
            .and_then(|(l, _)| l)
            .unwrap()
            .into_owned()
    };
    // A key moved in the tree alone, under a row of the tree and the detail pane.
    assert_eq!(
        label(
            &[("tree", "E", "none"), ("tree", "x", "expand-subtree")],
            "expand the whole subtree"
        ),
        "E in detail x in tree"
    );
    assert_eq!(
        label(&[("detail", "Ctrl-d", "none")], "half a page down / up"),
        "Ctrl-d in tree (half-page-down), Ctrl-u (half-page-up)"
    );
    // A new key of a pair says which of the two it does.
    assert_eq!(
        label(
            &[("chart", "x", "chart-shallower")],
            "one level more / less"
        ),
        "+ (chart-deeper), - x (chart-shallower)"
    );
    assert_eq!(
        label(&[("all", "Ctrl-d", "first")], "half a page down / up"),
        "Ctrl-u (half-page-up)"
    );
}

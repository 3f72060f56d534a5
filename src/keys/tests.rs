use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::*;

const ALL: [Mode; 6] = [
    Mode::Tree,
    Mode::Detail,
    Mode::Prompt,
    Mode::Chart,
    Mode::Help,
    Mode::Timeline,
];

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
    let lines = help_lines();
    for s in SECTIONS {
        assert!(lines.contains(&(None, s.title)), "{}", s.title);
    }
    assert!(
        lines
            .iter()
            .any(|l| l == &(Some("["), "a wider chart, from the parent of its top"))
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

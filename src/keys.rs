//! Every key binding, in one table: the event loop and the headless `--screen` mode map keys to
//! actions through it, and the help overlay lists it. Also the key-script syntax of `--keys`.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::app::{Action, InputMode};

/// One key as bindings name it.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

/// Keys, what they are called in the help, and what they do.
pub struct Binding {
    pub keys: &'static [Key],
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
}

/// All bindings of the panes (and of the lists drawn over them), in the order the help lists
/// them. `1`–`9` are matched in [`action_for`]; the search prompt reads keys as text.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[key('j'), code(KeyCode::Down)],
        label: "j ↓",
        action: Action::Down,
        help: "next row; next link in the detail pane",
    },
    Binding {
        keys: &[key('k'), code(KeyCode::Up)],
        label: "k ↑",
        action: Action::Up,
        help: "previous row; previous link in the detail pane",
    },
    Binding {
        keys: &[key('h'), code(KeyCode::Left)],
        label: "h ←",
        action: Action::CollapseOrParent,
        help: "collapse, or go to the parent",
    },
    Binding {
        keys: &[key('l'), code(KeyCode::Right)],
        label: "l →",
        action: Action::ExpandOrChild,
        help: "expand, or go to the first child",
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        action: Action::Activate,
        help: "expand or collapse; follow a link in the detail pane",
    },
    Binding {
        keys: &[key(' ')],
        label: "Space",
        action: Action::Toggle,
        help: "expand or collapse",
    },
    Binding {
        keys: &[key('J')],
        label: "J",
        action: Action::NextSibling,
        help: "next sibling",
    },
    Binding {
        keys: &[key('K')],
        label: "K",
        action: Action::PrevSibling,
        help: "previous sibling",
    },
    Binding {
        keys: &[key('g'), code(KeyCode::Home)],
        label: "g Home",
        action: Action::First,
        help: "first row (top of the detail pane)",
    },
    Binding {
        keys: &[key('G'), code(KeyCode::End)],
        label: "G End",
        action: Action::Last,
        help: "last row (bottom of the detail pane)",
    },
    Binding {
        keys: &[code(KeyCode::PageDown)],
        label: "PgDn",
        action: Action::PageDown,
        help: "one page down",
    },
    Binding {
        keys: &[code(KeyCode::PageUp)],
        label: "PgUp",
        action: Action::PageUp,
        help: "one page up",
    },
    Binding {
        keys: &[ctrl('d')],
        label: "Ctrl-d",
        action: Action::HalfPageDown,
        help: "half a page down",
    },
    Binding {
        keys: &[ctrl('u')],
        label: "Ctrl-u",
        action: Action::HalfPageUp,
        help: "half a page up",
    },
    Binding {
        keys: &[key('E')],
        label: "E",
        action: Action::ExpandSubtree,
        help: "expand the whole subtree",
    },
    Binding {
        keys: &[key('C')],
        label: "C",
        action: Action::CollapseAll,
        help: "collapse everything",
    },
    Binding {
        keys: &[],
        label: "1–9",
        action: Action::ExpandToDepth(1),
        help: "show that many levels",
    },
    Binding {
        keys: &[code(KeyCode::Tab), code(KeyCode::BackTab)],
        label: "Tab",
        action: Action::SwitchFocus,
        help: "switch between tree and detail pane",
    },
    Binding {
        keys: &[key('o')],
        label: "o",
        action: Action::Owners,
        help: "to the owners, in the detail pane",
    },
    Binding {
        keys: &[key('['), ctrl('o')],
        label: "[ Ctrl-o",
        action: Action::Back,
        help: "back to where a link was followed from",
    },
    Binding {
        keys: &[key(']')],
        label: "]",
        action: Action::Forward,
        help: "forward again",
    },
    Binding {
        keys: &[key('/')],
        label: "/",
        action: Action::Search,
        help: "search (Enter keeps the filter, Esc clears it)",
    },
    Binding {
        keys: &[key('n')],
        label: "n",
        action: Action::NextMatch,
        help: "next match",
    },
    Binding {
        keys: &[key('N')],
        label: "N",
        action: Action::PrevMatch,
        help: "previous match",
    },
    Binding {
        keys: &[key('t')],
        label: "t",
        action: Action::Timeline,
        help: "timeline: pick an event to set the date",
    },
    Binding {
        keys: &[key('<')],
        label: "<",
        action: Action::PrevDate,
        help: "date of the previous event",
    },
    Binding {
        keys: &[key('>')],
        label: ">",
        action: Action::NextDate,
        help: "date of the next event",
    },
    Binding {
        keys: &[key('T')],
        label: "T",
        action: Action::ModelDate,
        help: "back to the model's own date",
    },
    Binding {
        keys: &[key('D')],
        label: "D",
        action: Action::ToggleOutside,
        help: "hide or dim entities not existing at the date",
    },
    Binding {
        keys: &[key('c')],
        label: "c",
        action: Action::ToggleChart,
        help: "box chart of the selected entity (hjkl move, Enter re-roots, + - levels)",
    },
    Binding {
        keys: &[key('+')],
        label: "+ -",
        action: Action::ChartDeeper,
        help: "one level more / less in the chart",
    },
    Binding {
        keys: &[key('-')],
        label: "",
        action: Action::ChartShallower,
        help: "",
    },
    Binding {
        keys: &[key('y')],
        label: "y",
        action: Action::CopyId,
        help: "copy the selected entity's id",
    },
    Binding {
        keys: &[key('Y')],
        label: "Y",
        action: Action::CopyPath,
        help: "copy its path of ids",
    },
    Binding {
        keys: &[key('e')],
        label: "e",
        action: Action::Edit,
        help: "edit the model file at this entity ($VISUAL, $EDITOR)",
    },
    Binding {
        keys: &[key('?'), code(KeyCode::F(1))],
        label: "? F1",
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        keys: &[ctrl('z')],
        label: "Ctrl-z",
        action: Action::Suspend,
        help: "suspend to the shell (fg to return)",
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        action: Action::Escape,
        help: "close what is open, clear the search, or quit",
    },
    Binding {
        keys: &[key('q')],
        label: "q",
        action: Action::Quit,
        help: "quit",
    },
    Binding {
        keys: &[ctrl('c')],
        label: "Ctrl-c",
        action: Action::Interrupt,
        help: "quit at once",
    },
];

/// The action a key press asks for, in the way keys are read now.
pub fn action_for(event: KeyEvent, mode: InputMode) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    if mode == InputMode::Prompt {
        return match (event.code, ctrl) {
            (KeyCode::Char('c'), true) => Some(Action::Interrupt),
            (KeyCode::Char('z'), true) => Some(Action::Suspend),
            (KeyCode::Char('u'), true) => Some(Action::SearchClear),
            (KeyCode::Char(c), false) => Some(Action::SearchInput(c)),
            (KeyCode::Backspace, _) => Some(Action::SearchBackspace),
            (KeyCode::Enter, _) => Some(Action::Activate),
            (KeyCode::Esc, _) => Some(Action::Escape),
            (KeyCode::Up, _) => Some(Action::Up),
            (KeyCode::Down, _) => Some(Action::Down),
            _ => None,
        };
    }
    if let KeyCode::Char(c @ '1'..='9') = event.code
        && !ctrl
    {
        return Some(Action::ExpandToDepth(c as u8 - b'0'));
    }
    BINDINGS
        .iter()
        .find(|b| {
            b.keys
                .iter()
                .any(|k| k.code == event.code && k.ctrl == ctrl)
        })
        .map(|b| b.action)
}

/// The action a mouse event asks for.
pub fn mouse_action(event: MouseEvent) -> Option<Action> {
    let (column, row) = (event.column, event.row);
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp { column, row }),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown { column, row }),
        _ => None,
    }
}

/// Reads a key script: plain characters are keys, and `<Enter>`, `<Esc>`, `<Tab>`, `<Up>`,
/// `<F1>`, `<C-d>`, `<lt>` (a literal `<`)… name the others, in any case.
pub fn parse_script(script: &str) -> Result<Vec<KeyEvent>, String> {
    let mut keys = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest
                .find('>')
                .ok_or_else(|| format!("unclosed `{rest}`: write <lt> for a literal <"))?;
            let name = &rest[1..end];
            keys.push(named_key(name).ok_or_else(|| format!("unknown key <{name}>"))?);
            rest = &rest[end + 1..];
        } else {
            keys.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(keys)
}

fn named_key(name: &str) -> Option<KeyEvent> {
    let plain = |code| Some(KeyEvent::new(code, KeyModifiers::NONE));
    let lower = name.to_ascii_lowercase();
    if let Some(c) = lower.strip_prefix("c-") {
        let mut chars = c.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Some(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
            _ => None,
        };
    }
    if let Some(n) = lower.strip_prefix('f')
        && let Ok(n) = n.parse::<u8>()
    {
        return (1..=12)
            .contains(&n)
            .then(|| KeyEvent::new(KeyCode::F(n), KeyModifiers::NONE));
    }
    match lower.as_str() {
        "enter" | "cr" => plain(KeyCode::Enter),
        "esc" => plain(KeyCode::Esc),
        "tab" => plain(KeyCode::Tab),
        "backtab" | "s-tab" => plain(KeyCode::BackTab),
        "space" => plain(KeyCode::Char(' ')),
        "up" => plain(KeyCode::Up),
        "down" => plain(KeyCode::Down),
        "left" => plain(KeyCode::Left),
        "right" => plain(KeyCode::Right),
        "pgup" | "pageup" => plain(KeyCode::PageUp),
        "pgdn" | "pagedown" => plain(KeyCode::PageDown),
        "home" => plain(KeyCode::Home),
        "end" => plain(KeyCode::End),
        "bs" | "backspace" => plain(KeyCode::Backspace),
        "del" | "delete" => plain(KeyCode::Delete),
        "lt" => plain(KeyCode::Char('<')),
        "gt" => plain(KeyCode::Char('>')),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        action_for(KeyEvent::new(code, modifiers), InputMode::Normal)
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
    fn releases_are_ignored() {
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(release, InputMode::Normal), None);
    }

    #[test]
    fn the_prompt_reads_keys_as_text() {
        let typed = |c| {
            action_for(
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                InputMode::Prompt,
            )
        };
        assert_eq!(typed('q'), Some(Action::SearchInput('q')));
        assert_eq!(typed('j'), Some(Action::SearchInput('j')));
        let enter = action_for(
            KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            InputMode::Prompt,
        );
        assert_eq!(enter, Some(Action::Activate));
        let ctrl_c = action_for(
            KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
            InputMode::Prompt,
        );
        assert_eq!(ctrl_c, Some(Action::Interrupt));
    }

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = Vec::new();
        for b in BINDINGS {
            for k in b.keys {
                assert!(
                    !seen
                        .iter()
                        .any(|s: &Key| s.code == k.code && s.ctrl == k.ctrl),
                    "{:?} bound twice",
                    k.code
                );
                seen.push(*k);
            }
        }
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
}

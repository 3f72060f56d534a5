//! The names a person writes in the configuration's `[keys]` tables: of modes (`tree`), of
//! keys (`j`, `Ctrl-d`, `PgDn`, `F1`) and of actions (`down`, `toggle-chart`), and the names
//! the help shows keys by.

use crossterm::event::KeyCode;

use super::{Action, Key, Mode};

/// Every mode, in the order the configuration's template lists them.
pub const MODES: [Mode; 7] = [
    Mode::Tree,
    Mode::Detail,
    Mode::Chart,
    Mode::Timeline,
    Mode::Help,
    Mode::Prompt,
    Mode::Command,
];

/// A mode's name in the configuration: `[keys.tree]`.
pub const fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Tree => "tree",
        Mode::Detail => "detail",
        Mode::Chart => "chart",
        Mode::Timeline => "timeline",
        Mode::Help => "help",
        Mode::Prompt => "search",
        Mode::Command => "command",
    }
}

/// The modes a `[keys.NAME]` table changes: one mode, or `all`, every mode whose keys are
/// not text (all but the search prompt and the command line).
pub fn modes_named(name: &str) -> Option<Vec<Mode>> {
    if name == "all" {
        return Some(
            MODES
                .into_iter()
                .filter(|m| !matches!(m, Mode::Prompt | Mode::Command))
                .collect(),
        );
    }
    MODES
        .into_iter()
        .find(|&m| mode_name(m) == name)
        .map(|m| vec![m])
}

/// The actions a key can be bound to, by name. Ctrl-c (`Action::Interrupt`) is not among
/// them: it always quits at once, whatever the configuration says.
pub const ACTIONS: &[(&str, Action)] = &[
    ("down", Action::Down),
    ("up", Action::Up),
    ("page-down", Action::PageDown),
    ("page-up", Action::PageUp),
    ("half-page-down", Action::HalfPageDown),
    ("half-page-up", Action::HalfPageUp),
    ("first", Action::First),
    ("last", Action::Last),
    ("collapse-or-parent", Action::CollapseOrParent),
    ("expand-or-child", Action::ExpandOrChild),
    ("toggle", Action::Toggle),
    ("activate", Action::Activate),
    ("next-sibling", Action::NextSibling),
    ("prev-sibling", Action::PrevSibling),
    ("expand-subtree", Action::ExpandSubtree),
    ("collapse-all", Action::CollapseAll),
    ("depth-1", Action::ExpandToDepth(1)),
    ("depth-2", Action::ExpandToDepth(2)),
    ("depth-3", Action::ExpandToDepth(3)),
    ("depth-4", Action::ExpandToDepth(4)),
    ("depth-5", Action::ExpandToDepth(5)),
    ("depth-6", Action::ExpandToDepth(6)),
    ("depth-7", Action::ExpandToDepth(7)),
    ("depth-8", Action::ExpandToDepth(8)),
    ("depth-9", Action::ExpandToDepth(9)),
    ("switch-focus", Action::SwitchFocus),
    ("zoom", Action::Zoom),
    ("narrower-tree", Action::NarrowerTree),
    ("wider-tree", Action::WiderTree),
    ("next-section", Action::NextSection),
    ("prev-section", Action::PrevSection),
    ("owners", Action::Owners),
    ("owners-graph", Action::OwnersGraph),
    ("back", Action::Back),
    ("forward", Action::Forward),
    ("command", Action::Command),
    ("complete", Action::Complete),
    ("search", Action::Search),
    ("delete-char", Action::SearchBackspace),
    ("delete-line", Action::SearchClear),
    ("next-match", Action::NextMatch),
    ("prev-match", Action::PrevMatch),
    ("timeline", Action::Timeline),
    ("prev-date", Action::PrevDate),
    ("next-date", Action::NextDate),
    ("model-date", Action::ModelDate),
    ("toggle-outside", Action::ToggleOutside),
    ("whole-tree", Action::WholeTree),
    ("cycle-sort", Action::CycleSort),
    ("toggle-chart", Action::ToggleChart),
    ("chart-deeper", Action::ChartDeeper),
    ("chart-shallower", Action::ChartShallower),
    ("pan-left", Action::PanLeft),
    ("pan-right", Action::PanRight),
    ("toggle-relations", Action::ToggleRelations),
    ("copy-id", Action::CopyId),
    ("copy-path", Action::CopyPath),
    ("copy-url", Action::CopyUrl),
    ("open-url", Action::OpenUrl),
    ("edit", Action::Edit),
    ("help", Action::ToggleHelp),
    ("escape", Action::Escape),
    ("quit", Action::Quit),
    ("suspend", Action::Suspend),
];

/// The word that takes a key away: `x = "none"`.
pub const NONE: &str = "none";

pub fn action_named(name: &str) -> Option<Action> {
    ACTIONS.iter().find(|(n, _)| *n == name).map(|&(_, a)| a)
}

pub fn action_name(action: Action) -> Option<&'static str> {
    ACTIONS.iter().find(|(_, a)| *a == action).map(|&(n, _)| n)
}

/// Reads a key as the configuration writes it: one character (`j`, `J`, `?`), or a name in
/// any case (`Enter`, `Esc`, `Tab`, `Space`, `Down`, `PgDn`, `F1`, `Ctrl-d` or `C-d`), as
/// `--keys` names them between angle brackets.
pub fn parse_key(text: &str) -> Option<Key> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // A character the screen would show escaped (a control, a bidirectional override)
        // is no key a person types.
        let shown = crate::sanitize::sanitize(text);
        return (!c.is_control() && shown == text).then_some(Key {
            code: KeyCode::Char(c),
            ctrl: false,
        });
    }
    let event = super::script::named_key(text)?;
    // `Ctrl-` and a character the screen would show escaped is no key either.
    if let KeyCode::Char(c) = event.code
        && (c.is_control() || crate::sanitize::sanitize(&c.to_string()) != c.to_string())
    {
        return None;
    }
    Some(Key {
        code: event.code,
        ctrl: event
            .modifiers
            .contains(crossterm::event::KeyModifiers::CONTROL),
    })
}

/// A key as the help and the hints show it: `j`, `↓`, `Ctrl-d`, `PgDn`, `Space`.
pub fn key_name(key: Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::Home => "Home".to_owned(),
        KeyCode::End => "End".to_owned(),
        KeyCode::Enter => "Enter".to_owned(),
        KeyCode::Esc => "Esc".to_owned(),
        KeyCode::Tab => "Tab".to_owned(),
        KeyCode::BackTab => "S-Tab".to_owned(),
        KeyCode::Backspace => "Backspace".to_owned(),
        KeyCode::Delete => "Del".to_owned(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

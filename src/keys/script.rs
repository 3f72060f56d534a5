//! The key-script syntax of `--keys`: plain characters are keys, and names in angle brackets
//! the others.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Reads a key script: plain characters are keys, and `<Enter>`, `<Esc>`, `<Tab>`, `<Up>`,
/// `<F1>`, `<C-d>` (or `<Ctrl-d>`), `<lt>` (a literal `<`)… name the others, in any case.
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

pub(super) fn named_key(name: &str) -> Option<KeyEvent> {
    let plain = |code| Some(KeyEvent::new(code, KeyModifiers::NONE));
    let lower = name.to_ascii_lowercase();
    if let Some(c) = lower
        .strip_prefix("c-")
        .or_else(|| lower.strip_prefix("ctrl-"))
    {
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

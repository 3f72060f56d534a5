//! Whether the terminal's background is dark or light, for the theme's `auto` variant: asked
//! of the terminal itself (OSC 11, through `terminal-colorsaurus`, which tells a terminal that
//! cannot answer by its reply to a second, universal query, and so seldom waits), else read
//! from `COLORFGBG`, which some terminals set. Asked once, when the explorer has the terminal
//! (so that a signal meanwhile finds it restored) and before it reads a key (so that the
//! answer is not read as keys).

use crate::theme::Background;

/// The terminal's background, when it can say.
pub fn background() -> Option<Background> {
    let asked = terminal_colorsaurus::theme_mode(terminal_colorsaurus::QueryOptions::default());
    match asked {
        Ok(terminal_colorsaurus::ThemeMode::Dark) => Some(Background::Dark),
        Ok(terminal_colorsaurus::ThemeMode::Light) => Some(Background::Light),
        Err(_) => std::env::var("COLORFGBG").ok().and_then(|v| colorfgbg(&v)),
    }
}

/// The background `COLORFGBG` names: its last field, an ANSI colour number (`15;0` is light
/// text on black). Black, the dark colours and dark grey are dark; white and the light ones are
/// light.
fn colorfgbg(value: &str) -> Option<Background> {
    let bg: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    match bg {
        0..=6 | 8 => Some(Background::Dark),
        7 | 9..=15 => Some(Background::Light),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colorfgbg_names_the_background_last() {
        assert_eq!(colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(colorfgbg("0;default;7"), Some(Background::Light));
        assert_eq!(colorfgbg("7;8"), Some(Background::Dark));
        assert_eq!(colorfgbg("15;default"), None);
        assert_eq!(colorfgbg("1;200"), None);
        assert_eq!(colorfgbg(""), None);
    }
}

//! `--screen COLSxROWS --keys KEYS`: the explorer run against an in-memory terminal. The keys go
//! through the same bindings as in a real terminal, and the final frame is printed as text.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Effect};
use crate::keys;

/// The largest frame `--screen` draws in either direction.
const MAX_SIDE: u16 = 1000;

/// Parses `COLSxROWS`.
pub fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let (cols, rows) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("`{text}` is not a size; write COLSxROWS, e.g. 80x24"))?;
    let number = |s: &str| {
        let s = s.trim();
        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
            // All digits: a number too large for a screen.
            Ok(s.parse::<u16>().unwrap_or(u16::MAX))
        } else {
            Err(format!(
                "`{text}` is not a size; write COLSxROWS, e.g. 80x24"
            ))
        }
    };
    let (cols, rows) = (number(cols)?, number(rows)?);
    if cols > MAX_SIDE || rows > MAX_SIDE {
        return Err(format!(
            "`{text}` is too large: at most {MAX_SIDE}x{MAX_SIDE}"
        ));
    }
    Ok((cols, rows))
}

/// Presses the keys of `script` in `app`, through the same bindings as a real terminal; keys
/// after one that ends the explorer are ignored.
pub fn press(app: &mut App, script: &str) -> Result<(), String> {
    for event in keys::parse_script(script)? {
        if let Some(action) = app.keymap().action_for(event, app.mode())
            && let Some(Effect::Exit(_)) = app.perform(action)
        {
            break;
        }
    }
    Ok(())
}

/// Draws `app` on an in-memory terminal of its size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    // The in-memory backend cannot fail: its error type is `Infallible`.
    let mut terminal =
        match Terminal::new(TestBackend::new(app.screen().width, app.screen().height)) {
            Ok(t) => t,
            Err(never) => match never {},
        };
    if let Err(never) = terminal.draw(|frame| frame.render_widget(app, frame.area())) {
        match never {}
    }
    terminal
}

/// The frame `app` draws, as text.
pub fn frame(app: &App) -> String {
    frame_text(draw(app).backend().buffer())
}

/// A buffer as plain text, one line per row, trailing spaces trimmed.
pub fn frame_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut covered = 0;
        for x in area.left()..area.right() {
            // The cells after a wide character are drawn by it.
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            covered = symbol.width().saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_cols_by_rows() {
        assert_eq!(parse_size("80x24"), Ok((80, 24)));
        assert_eq!(parse_size("0x0"), Ok((0, 0)));
        assert!(parse_size("80").is_err());
        assert!(parse_size("80x-1").is_err());
    }
}

//! `--screen COLSxROWS --keys KEYS`: the explorer run against an in-memory terminal. The keys go
//! through the same bindings as in a real terminal, and the final frame is printed as text.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::keys;
use crate::org::Org;

/// Parses `COLSxROWS`.
pub fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let (cols, rows) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("`{text}` is not a size; write COLSxROWS, e.g. 80x24"))?;
    let number = |s: &str| {
        s.trim()
            .parse::<u16>()
            .map_err(|_| format!("`{text}` is not a size; write COLSxROWS, e.g. 80x24"))
    };
    Ok((number(cols)?, number(rows)?))
}

/// Presses the keys of `script` in `app`, through the same bindings as a real terminal; keys
/// after one that ends the explorer are ignored.
pub fn press(app: &mut App, script: &str) -> Result<(), String> {
    for event in keys::parse_script(script)? {
        if app.exit.is_some() {
            break;
        }
        if let Some(action) = keys::action_for(event) {
            app.perform(action);
        }
    }
    Ok(())
}

/// Draws `app` on an in-memory terminal of its size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    // The in-memory backend cannot fail: its error type is `Infallible`.
    let mut terminal = match Terminal::new(TestBackend::new(app.area.width, app.area.height)) {
        Ok(t) => t,
        Err(never) => match never {},
    };
    if let Err(never) = terminal.draw(|frame| frame.render_widget(app, frame.area())) {
        match never {}
    }
    terminal
}

/// Runs the explorer on `org` at `cols`×`rows`, applies `script`, and returns the final frame.
pub fn screen(
    org: Org,
    file_name: String,
    (cols, rows): (u16, u16),
    script: &str,
) -> Result<String, String> {
    let mut app = App::new(org, file_name, Rect::new(0, 0, cols, rows));
    press(&mut app, script)?;
    Ok(frame_text(draw(&app).backend().buffer()))
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

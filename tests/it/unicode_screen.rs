//! Names made of invisible and format characters, drawn by the real binary in a pseudo-terminal:
//! the screen a terminal (vt100) shows must be the frame `--screen` prints for the same size,
//! with every pane border in the same column. A character whose width ratatui and a terminal
//! count differently would shift the rest of its row.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use unicode_width::UnicodeWidthChar;

const ROWS: u16 = 30;
const COLS: u16 = 100;

fn fixture() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile/invisible-names.yaml"
    )
    .to_owned()
}

/// The screen the explorer leaves in a terminal of ROWS×COLS once its first frame is drawn, one
/// string per row, cell by cell; the explorer is then quitted with `q`.
fn terminal_screen(file: &str) -> Vec<String> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_orgtree"));
    cmd.arg(file);
    cmd.env("TERM", "xterm-256color");
    cmd.env("NO_COLOR", "1");
    cmd.env("XDG_CACHE_HOME", crate::common::cache_home());
    cmd.env(
        "XDG_CONFIG_HOME",
        crate::common::cache_home().join("no-config"),
    );
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let output = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&output);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let screen = || {
        let mut parser = vt100::Parser::new(ROWS, COLS, 0);
        parser.process(&output.lock().unwrap());
        rows_of(parser.screen())
    };
    // The first frame is drawn when the title shows and nothing has changed for a while.
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut last = screen();
    let mut since = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let now = screen();
        if now != last {
            last = now;
            since = Instant::now();
        } else if last.iter().any(|r| r.contains("Invisible names"))
            && since.elapsed() > Duration::from_millis(500)
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no stable frame:\n{}",
            last.join("\n")
        );
    }
    let mut writer = pair.master.take_writer().unwrap();
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert_eq!(status.exit_code(), 0);
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("orgtree did not quit on q");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    last
}

/// A vt100 screen as text: each cell's contents, the column a wide character covers skipped,
/// trailing blanks trimmed.
fn rows_of(screen: &vt100::Screen) -> Vec<String> {
    (0..ROWS)
        .map(|row| {
            let mut line = String::new();
            for col in 0..COLS {
                let cell = screen.cell(row, col).unwrap();
                if cell.is_wide_continuation() {
                    continue;
                }
                match cell.contents() {
                    "" => line.push(' '),
                    text => line.push_str(text),
                }
            }
            line.trim_end().to_owned()
        })
        .collect()
}

/// The columns of `row`'s box-drawing characters, counted as a terminal counts them: each
/// character as wide as unicode-width says, one at a time.
fn border_columns(row: &str) -> Vec<usize> {
    let mut columns = Vec::new();
    let mut col = 0;
    for c in row.chars() {
        if ('\u{2500}'..='\u{257F}').contains(&c) {
            columns.push(col);
        }
        col += c.width().unwrap_or(0);
    }
    columns
}

/// How many columns a terminal gives `row`.
fn terminal_width(row: &str) -> usize {
    row.chars().map(|c| c.width().unwrap_or(0)).sum()
}

#[test]
fn the_terminal_shows_the_frame_screen_prints() {
    let file = fixture();
    let out = crate::common::orgtree()
        // Without colour, as the terminal above runs it.
        .env("NO_COLOR", "1")
        .args(["--screen", &format!("{COLS}x{ROWS}"), &file])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let printed = String::from_utf8(out.stdout).unwrap();
    let printed: Vec<&str> = printed.lines().collect();
    assert_eq!(printed.len(), usize::from(ROWS));
    let shown = terminal_screen(&file);

    let mut problems = Vec::new();
    for (y, (frame, screen)) in printed.iter().zip(&shown).enumerate() {
        if terminal_width(frame) > usize::from(COLS) {
            problems.push(format!(
                "row {y}: --screen row is {} columns wide: {frame}",
                terminal_width(frame)
            ));
        }
        if border_columns(frame) != border_columns(screen) {
            problems.push(format!(
                "row {y}: borders at {:?} in --screen, at {:?} in the terminal\n  --screen: {frame}\n  terminal: {screen}",
                border_columns(frame),
                border_columns(screen)
            ));
        } else if frame != screen {
            problems.push(format!(
                "row {y}: text differs\n  --screen: {frame:?}\n  terminal: {screen:?}"
            ));
        }
    }
    // The right border of the panes is in the last column on every row that has panes.
    for (y, row) in shown.iter().enumerate().filter(|(_, r)| r.ends_with('│')) {
        if border_columns(row).last() != Some(&(usize::from(COLS) - 1)) {
            problems.push(format!("row {y}: the right border moved: {row}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\n--screen:\n{}\n\nterminal:\n{}",
        problems.join("\n"),
        printed.join("\n"),
        shown.join("\n")
    );
}

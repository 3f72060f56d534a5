//! How `e` runs the editor: `$VISUAL` or `$EDITOR` (else `vi`), split on whitespace into a
//! program and its first arguments (no shell: quotes are not read, so `code --wait` works and a
//! path with spaces in it does not), then the file and line in the form the program reads,
//! known by its file name. A terminal editor gets the terminal until it exits; an editor with a
//! window of its own is started detached, and the explorer goes on.

use std::ffi::OsString;
use std::path::Path;

/// Whether the editor needs the explorer's terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terminal {
    /// Lent to the editor until it exits (vi, nano, helix…).
    Lend,
    /// Kept: the editor opens a window of its own (VS Code, Sublime Text, Zed).
    Detach,
}

/// The editor's command line for `path` at `line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorCommand {
    pub program: String,
    pub args: Vec<OsString>,
    pub terminal: Terminal,
}

/// How `editor` (the variable's value) is run on `path` (absolute) at `line`.
pub fn editor_command(editor: &str, path: &Path, line: u32) -> EditorCommand {
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi").to_owned();
    let mut args: Vec<OsString> = words.map(OsString::from).collect();
    let mut at = path.as_os_str().to_owned();
    at.push(format!(":{line}"));
    let terminal = match name(&program).as_str() {
        "code" | "code-insiders" | "codium" | "vscodium" => {
            args.push("--goto".into());
            args.push(at);
            Terminal::Detach
        }
        "subl" | "sublime_text" | "zed" | "zeditor" => {
            args.push(at);
            Terminal::Detach
        }
        "hx" | "helix" => {
            args.push(at);
            Terminal::Lend
        }
        // vi, vim, nvim, nano, emacs, kak, micro, and any other: the form most editors read.
        _ => {
            args.push(format!("+{line}").into());
            args.push(path.as_os_str().to_owned());
            Terminal::Lend
        }
    };
    EditorCommand {
        program,
        args,
        terminal,
    }
}

/// The program's name without its folder, nor a Windows extension: `/usr/bin/code` and
/// `code.cmd` are `code`.
fn name(program: &str) -> String {
    let path = Path::new(program);
    let windows = path.extension().is_some_and(|e| {
        ["exe", "cmd", "bat"]
            .iter()
            .any(|w| e.eq_ignore_ascii_case(w))
    });
    let name = if windows {
        path.file_stem()
    } else {
        path.file_name()
    };
    name.map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "/m/org chart.yaml";

    fn run(editor: &str) -> (String, Vec<String>, Terminal) {
        let c = editor_command(editor, Path::new(FILE), 12);
        let args = c
            .args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        (c.program, args, c.terminal)
    }

    fn words(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn terminal_editors_get_plus_line_then_the_file_and_the_terminal() {
        for editor in ["vi", "vim", "nvim", "nano", "emacs", "kak", "micro", "ed"] {
            assert_eq!(
                run(editor),
                (editor.into(), words(&["+12", FILE]), Terminal::Lend),
                "{editor}"
            );
        }
        assert_eq!(
            run("/usr/bin/nvim -u NONE"),
            (
                "/usr/bin/nvim".into(),
                words(&["-u", "NONE", "+12", FILE]),
                Terminal::Lend
            )
        );
        // Nothing set is vi.
        assert_eq!(run("  ").0, "vi");
    }

    #[test]
    fn helix_reads_file_colon_line_in_the_terminal() {
        for editor in ["hx", "helix"] {
            assert_eq!(
                run(editor),
                (
                    editor.into(),
                    words(&["/m/org chart.yaml:12"]),
                    Terminal::Lend
                )
            );
        }
    }

    #[test]
    fn window_editors_are_detached_with_their_own_form() {
        for editor in ["code", "code-insiders", "codium"] {
            assert_eq!(
                run(editor),
                (
                    editor.into(),
                    words(&["--goto", "/m/org chart.yaml:12"]),
                    Terminal::Detach
                )
            );
        }
        assert_eq!(
            run("code --wait"),
            (
                "code".into(),
                words(&["--wait", "--goto", "/m/org chart.yaml:12"]),
                Terminal::Detach
            )
        );
        // Known by the file name, Windows' extensions and case aside.
        assert_eq!(run("code.cmd").2, Terminal::Detach);
        assert_eq!(run("/opt/VSCode/Code.EXE").2, Terminal::Detach);
        for editor in ["subl", "zed", "/opt/zed/bin/zed"] {
            assert_eq!(
                run(editor),
                (
                    editor.into(),
                    words(&["/m/org chart.yaml:12"]),
                    Terminal::Detach
                )
            );
        }
    }
}

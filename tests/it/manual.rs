//! The manual page (`orgtree --man`): every key of the explorer's help, every environment
//! variable orgtree reads and every exit status it ends with are in it.

use std::path::Path;

use crate::common::orgtree;

/// The page's text as a reader sees it: the roff escapes of hyphens, backslashes and
/// apostrophes undone.
fn manual() -> String {
    let out = orgtree().arg("--man").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());
    String::from_utf8(out.stdout)
        .unwrap()
        .replace(r"\*(Aq", "'")
        .replace(r"\-", "-")
        .replace(r"\&", "")
        .replace(r"\\", r"\")
}

/// The text of the section `name` (`.SH name` up to the next `.SH`).
fn section<'a>(page: &'a str, name: &str) -> &'a str {
    let quoted = format!(".SH \"{name}\"\n");
    let plain = format!(".SH {name}\n");
    let start = page
        .find(&quoted)
        .map(|i| i + quoted.len())
        .or_else(|| page.find(&plain).map(|i| i + plain.len()))
        .unwrap_or_else(|| panic!("no section {name}:\n{page}"));
    let rest = &page[start..];
    &rest[..rest.find("\n.SH ").unwrap_or(rest.len())]
}

#[test]
fn the_manual_lists_every_key_of_the_help() {
    let page = manual();
    let keys = section(&page, "KEYS");
    let lines = orgtree::keys::Keymap::default().help_lines();
    assert!(lines.iter().filter(|(label, _)| label.is_some()).count() > 40);
    for (label, text) in lines {
        match label {
            // Each binding is its own tagged paragraph: the label, then what it does.
            Some(label) => assert!(
                keys.contains(&format!(".TP\n\\fB{label}\\fR\n{text}\n")),
                "{label} ({text}) is not in the KEYS section:\n{keys}"
            ),
            // The section titles and the headcount legend.
            None => assert!(keys.contains(text), "{text:?} is not in KEYS"),
        }
    }
}

/// The variables orgtree reads: those below, and every name the source passes to
/// `std::env::var` or `var_os` (the debug builds' test switches aside).
#[test]
fn the_manual_says_what_each_environment_variable_does() {
    let page = manual();
    let environment = section(&page, "ENVIRONMENT");
    // Those read through a helper (`set(name)`, `var(name)`) are listed by hand.
    let mut names: Vec<String> = [
        "VISUAL",
        "EDITOR",
        "NO_COLOR",
        "TERM",
        "COLUMNS",
        "XDG_CACHE_HOME",
        "XDG_CONFIG_HOME",
        "TMUX",
        "SSH_TTY",
        "SSH_CONNECTION",
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "ORGTREE_HYPERLINKS",
        "TERM_PROGRAM",
        "VTE_VERSION",
        "WT_SESSION",
        "KITTY_WINDOW_ID",
    ]
    .map(str::to_owned)
    .to_vec();
    let mut files = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for call in ["env::var(\"", "env::var_os(\""] {
            for piece in text.split(call).skip(1) {
                let name = piece.split('"').next().unwrap();
                if !name.starts_with("ORGTREE_TEST_") && !names.iter().any(|n| n == name) {
                    names.push(name.to_owned());
                }
            }
        }
    }
    for name in &names {
        let tag = format!(".TP\n\\fB{name}\\fR\n");
        let said = environment.split(&tag).nth(1);
        assert!(
            said.is_some_and(|s| s.len() > 20),
            "{name} is not described in ENVIRONMENT:\n{environment}"
        );
    }
    // Only what orgtree reads: nothing it does not.
    assert_eq!(
        environment.matches(".TP\n").count(),
        names.len(),
        "{environment}"
    );
}

#[test]
fn the_manual_gives_every_exit_status() {
    let page = manual();
    let statuses = section(&page, "EXIT STATUS");
    // 0 to 3 (cli::exit), Ctrl-c, and 128 + each ending signal's number.
    let mut codes = vec![0, 1, 2, 3, 130];
    #[cfg(unix)]
    codes.extend(
        [
            rustix::process::Signal::HUP,
            rustix::process::Signal::INT,
            rustix::process::Signal::QUIT,
            rustix::process::Signal::TERM,
            rustix::process::Signal::USR1,
            rustix::process::Signal::USR2,
            rustix::process::Signal::ALARM,
        ]
        .map(|s| 128 + s.as_raw()),
    );
    codes.sort_unstable();
    codes.dedup();
    let listed: Vec<i32> = statuses
        .split(".TP\n\\fB")
        .skip(1)
        .map(|item| item.split('\\').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(listed, codes, "{statuses}");
    #[cfg(target_os = "linux")]
    for code in [129, 130, 143] {
        assert!(listed.contains(&code), "{code}");
    }
    assert!(statuses.contains("Ctrl-c"), "{statuses}");
    // The help's one-line summary is not repeated as clap's EXTRA section.
    assert!(!page.contains(".SH EXTRA"), "{page}");
}

#[test]
fn the_manual_says_what_the_configuration_holds() {
    let page = manual();
    let config = section(&page, "CONFIGURATION");
    for table in ["[defaults]", "[keys.MODE]", "[theme]", "[theme.dark]"] {
        assert!(
            config.contains(table),
            "{table} is not in CONFIGURATION:\n{config}"
        );
    }
    assert!(config.contains("--print-config"), "{config}");
}

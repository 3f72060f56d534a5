//! Other programs the explorer starts: the browser for a source's URL (`x`), the editor when it
//! is a window of its own (`e` with `code`, `subl`, `zed`), and a clipboard program fed the
//! copied text ([`fed`], waited for). All are run directly, never through a shell, each argument
//! one word of their command line. The browser and the editor are [`detached`]: no terminal
//! (their standard streams go nowhere), a process group of their own (Ctrl-c and Ctrl-z in the
//! explorer do not reach them), reaped on a thread so none is left a zombie.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The platform, for its opener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    MacOs,
    Windows,
    /// Linux and the other Unixes: `xdg-open`.
    Unix,
}

impl Platform {
    pub fn current() -> Platform {
        if cfg!(target_os = "macos") {
            Platform::MacOs
        } else if cfg!(windows) {
            Platform::Windows
        } else {
            Platform::Unix
        }
    }
}

/// The command that opens `url`: `$BROWSER` when it is set (its first entry when it is a
/// `:`-separated list, split on whitespace, the URL in place of a `%s` word or after the
/// rest), else the platform's opener. `cmd /c start` is never used: it is a shell.
pub fn opener(browser: Option<&str>, platform: Platform, url: &str) -> (String, Vec<String>) {
    let chosen = browser
        .and_then(|b| b.split(':').map(str::trim).find(|b| !b.is_empty()))
        .map(str::split_whitespace);
    if let Some(mut words) = chosen
        && let Some(program) = words.next()
    {
        let mut args: Vec<String> = words.map(str::to_owned).collect();
        match args.iter_mut().find(|a| *a == "%s") {
            Some(slot) => *slot = url.to_owned(),
            None => args.push(url.to_owned()),
        }
        return (program.to_owned(), args);
    }
    let program = match platform {
        Platform::MacOs => "open",
        Platform::Windows => "explorer.exe",
        Platform::Unix => "xdg-open",
    };
    (program.to_owned(), vec![url.to_owned()])
}

/// Starts `program` with `args`, detached from the terminal, and does not wait for it.
pub fn detached(program: &str, args: &[OsString]) -> io::Result<()> {
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn()?;
    std::thread::Builder::new()
        .name("launched".into())
        .spawn(move || {
            // Only to reap it: what it says after starting is its own business.
            let _ = child.wait();
        })?;
    Ok(())
}

/// What the status line says after trying to open `url` with `program`.
pub fn opened(url: &str, program: &str, outcome: io::Result<()>) -> String {
    let program = crate::sanitize::sanitize(program);
    let url = crate::sanitize::sanitize(url);
    match outcome {
        Ok(()) => format!("opened {url} with {program}"),
        Err(e) => format!("cannot open {url} with {program}: {e} (set $BROWSER)"),
    }
}

/// Runs `program` with `args` (no shell), `text` on its standard input; an error unless it
/// exits with success. Its output goes nowhere: it must not draw over the explorer.
pub fn fed(program: &str, args: &[&str], text: &str) -> io::Result<()> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    if let Some(mut input) = child.stdin.take() {
        input.write_all(text.as_bytes())?;
    }
    let status = child.wait()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!("exited with {status}")))
    }
}

/// Where `program` is on `PATH`, if it is there as a file.
pub fn find_program(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| is_program(candidate))
}

fn is_program(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file() || path.with_extension("exe").is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://example.com/a%20b?x=1&y=$(id)";

    fn words(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn each_platform_has_its_opener_and_the_url_is_one_word() {
        assert_eq!(
            opener(None, Platform::Unix, URL),
            ("xdg-open".into(), words(&[URL]))
        );
        assert_eq!(
            opener(None, Platform::MacOs, URL),
            ("open".into(), words(&[URL]))
        );
        assert_eq!(
            opener(None, Platform::Windows, URL),
            ("explorer.exe".into(), words(&[URL]))
        );
        // An empty $BROWSER is no browser.
        assert_eq!(opener(Some(" "), Platform::Unix, URL).0, "xdg-open");
    }

    #[test]
    fn browser_is_split_on_words_and_its_first_entry_is_taken() {
        assert_eq!(
            opener(Some("firefox --new-tab"), Platform::MacOs, URL),
            ("firefox".into(), words(&["--new-tab", URL]))
        );
        assert_eq!(
            opener(Some("w3m:lynx"), Platform::Unix, URL),
            ("w3m".into(), words(&[URL]))
        );
        assert_eq!(
            opener(Some("chromium %s --incognito"), Platform::Unix, URL),
            ("chromium".into(), words(&[URL, "--incognito"]))
        );
    }

    #[test]
    fn a_program_that_is_not_there_is_said() {
        let outcome = detached("orgtree-no-such-browser", &[URL.into()]);
        let said = opened(URL, "orgtree-no-such-browser", outcome);
        assert!(
            said.starts_with("cannot open https://example.com/"),
            "{said}"
        );
        assert!(opened(URL, "xdg-open", Ok(())).ends_with("with xdg-open"));
    }

    #[cfg(unix)]
    #[test]
    fn a_detached_program_runs_without_the_terminal() {
        // `true` exists everywhere and ends at once; it is reaped on its thread.
        assert!(detached("true", &[]).is_ok());
    }
}

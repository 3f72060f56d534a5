//! The build script: what `--version` says of where the binary was built from. In a checkout
//! (a `.git` directory, or a worktree's `.git` file, beside the manifest) it is the commit and
//! its date, from `git` when it runs; from a crate's tarball, or without `git`, it says the
//! commit is unknown. Only a `.git` beside the manifest counts: a crate unpacked inside some
//! other repository (as `cargo package` verifies it, under `target/`) is not that commit.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let origin = if dir.join(".git").exists() {
        watch_head(&dir);
        commit(&dir)
    } else {
        // `cargo package` verifies the crate in the checkout's target directory, where this
        // script's output is shared with the checkout's own build: naming a file that only a
        // crate has makes the checkout run the script again instead of keeping "unknown".
        if dir.join("Cargo.toml.orig").exists() {
            println!("cargo::rerun-if-changed=Cargo.toml.orig");
        }
        None
    };
    let short = match &origin {
        Some((hash, date)) => format!("{version} ({hash} {date})"),
        None => format!("{version} (from a crate, commit unknown)"),
    };
    let target = std::env::var("TARGET").unwrap_or_default();
    println!("cargo::rustc-env=ORGTREE_VERSION={short}");
    println!("cargo::rustc-env=ORGTREE_TARGET={target}");
}

/// The commit checked out, as 12 hex digits, and its commit date (YYYY-MM-DD).
fn commit(dir: &Path) -> Option<(String, String)> {
    let hash = git(dir, &["rev-parse", "--short=12", "HEAD"])?;
    let date = git(dir, &["log", "-1", "--format=%cs"])?;
    // Both go into the version text as they are: only what they should look like is taken.
    let hex = hash.len() == 12 && hash.chars().all(|c| c.is_ascii_hexdigit());
    let day = date.len() == 10 && date.chars().all(|c| c.is_ascii_digit() || c == '-');
    (hex && day).then_some((hash, date))
}

/// Builds again when another commit is checked out or the branch moves: HEAD, the ref it
/// names and the packed refs, wherever this checkout keeps them (a worktree's HEAD is in its
/// own git directory, its branches in the common one; `git rev-parse --git-path` knows which).
/// Only files that exist are named: cargo runs a script again every time for a missing one.
fn watch_head(dir: &Path) {
    let mut paths = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        paths.push(branch);
    }
    for name in paths {
        if let Some(path) = git(dir, &["rev-parse", "--git-path", &name]) {
            let path = dir.join(path);
            if path.exists() {
                println!("cargo::rerun-if-changed={}", path.display());
            }
        }
    }
}

/// What `git ARGS` prints in `dir`, trimmed, when it runs and succeeds.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_owned())
}

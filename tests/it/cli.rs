//! The `orgtree` binary as scripts use it: exit codes, `--dump` into pipes, `--check`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use crate::common::{orgtree, piped};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invalid")
        .join(name)
        .display()
        .to_string()
}

fn shipped_model() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/orange-cloud.yaml")
        .display()
        .to_string()
}

#[test]
fn check_passes_on_the_shipped_model() {
    let out = orgtree()
        .args(["--check", &shipped_model()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("ok — 19 entities"), "{stdout}");
    assert!(
        out.stderr.is_empty(),
        "no warnings expected: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn check_fails_with_exit_1_and_positions() {
    let path = fixture("unknown-entity.yaml");
    let out = orgtree().args(["--check", &path]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!("{path}:13:12: error:")),
        "{stderr}"
    );
}

#[test]
fn warnings_alone_do_not_fail_check() {
    let out = orgtree()
        .args(["--check", &fixture("lifetime-warning.yaml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning:"));
}

#[test]
fn a_dump_counts_the_warnings_in_words() {
    let out = orgtree()
        .args(["--dump", &fixture("lifetime-warning.yaml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(": 2 warnings; run orgtree --check"),
        "{stderr}"
    );
    assert!(!stderr.contains("(s)"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let out = orgtree().args(["--depth", "zero"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = orgtree()
        .args(["--dump", "--root", "cloudwat"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `cloudwatt`?"));
}

/// A file that cannot be read is an I/O error (3), not a model with problems (1): a script can
/// tell a wrong path from a model to fix.
#[test]
fn a_missing_file_is_an_io_error() {
    let out = orgtree()
        .args(["--dump", "no/such/model.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no/such/model.yaml: error: cannot read the model file"),
        "{stderr}"
    );
}

#[test]
fn a_directory_is_refused() {
    let out = orgtree()
        .args(["--dump", env!("CARGO_MANIFEST_DIR")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the model path is a directory"));
}

#[test]
fn the_size_limit_is_checked_before_reading() {
    let out = orgtree()
        .args(["--dump", "--max-size", "100", &shipped_model()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("more than the limit of 100 bytes"));
}

#[test]
fn without_a_terminal_orgtree_dumps() {
    let out = orgtree().stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("Cloudwatt (company) — Orange 4/9 (44.4 %)")),
        "{stdout}"
    );
}

#[test]
fn a_closed_pipe_ends_the_dump_quietly() {
    // `orgtree --dump | head -1` on a model long enough to outlast the pipe buffer.
    let dir = std::env::temp_dir().join(format!("orgtree-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.yaml");
    let mut yaml = String::from("title: Many\nentities:\n");
    for i in 0..20_000 {
        yaml.push_str(&format!("  - {{id: e{i}, name: Entity {i}, kind: team}}\n"));
    }
    std::fs::write(&path, yaml).unwrap();

    let mut child = orgtree()
        .args(["--dump", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // Dropping the reader closes the pipe while orgtree is still writing.
    let out = child.wait_with_output().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(first.starts_with("Many — as of "), "{first}");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Output that cannot be written (a full disk) is an I/O error, reported once; only a reader
/// that went away is no failure.
#[test]
fn output_that_cannot_be_written_is_an_io_error() {
    for args in [vec!["--dump"], vec!["--check"], vec!["--schema"]] {
        let full = std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = orgtree().args(&args).stdout(full).output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr.matches("orgtree: cannot write the output:").count(),
            1,
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn ascii_root_and_depth_shape_the_tree() {
    let out = orgtree()
        .args(["--dump", "--ascii", "--root", "orange", "--depth", "2"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains(['├', '└', '│', '—']), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[1], "`-- Orange (group)");
    assert_eq!(lines[2], "    |-- Orange Business Services (division)");
    assert!(
        !stdout.contains("Atheos"),
        "depth 2 stops above Atheos: {stdout}"
    );
}

#[test]
fn the_model_file_is_never_written() {
    let path = shipped_model();
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let bytes = std::fs::read(&path).unwrap();
    for args in [
        vec!["--dump"],
        vec!["--check"],
        vec!["--dump", "--format", "json"],
    ] {
        let mut cmd = orgtree();
        cmd.args(&args).arg(&path).output().unwrap();
    }
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn the_readme_screenshot_is_what_orgtree_draws() {
    let out = orgtree()
        .args(["--screen", "100x24", "--keys", "jjj"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let frame = String::from_utf8(out.stdout).unwrap();
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("```text\n{frame}```")),
        "README's screenshot is stale; regenerate it with `orgtree --screen 100x24 --keys jjj`:\n{frame}"
    );
}

#[test]
fn screen_rejects_unknown_keys_and_bad_sizes() {
    let out = orgtree()
        .args(["--screen", "80x24", "--keys", "<Nope>"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown key <Nope>"));
    let out = orgtree().args(["--screen", "eighty"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_fifo_is_read_and_a_device_refused_before_reading() {
    let dir = std::env::temp_dir().join(format!("orgtree-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("model.yaml");
    let mode = rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR;
    rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, mode).unwrap();
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, PIPED))
    };
    let out = orgtree()
        .args(["--check", fifo.to_str().unwrap()])
        .output()
        .unwrap();
    writer.join().unwrap().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok — 2 entities"));

    // An endless device is never read.
    let out = orgtree().args(["--check", "/dev/zero"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file or a pipe"));
}

/// A small model, as piped in.
const PIPED: &str = "title: Piped\nentities:\n  - {id: a, name: Alpha, kind: group}\n  - {id: b, name: Beta, kind: team, parent: a}\n";

#[test]
fn a_model_on_standard_input_is_read_never_the_embedded_one() {
    for args in [&[][..], &["-"], &["--dump"], &["--dump", "-"]] {
        let out = piped(args, PIPED.as_bytes());
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(stdout.starts_with("Piped"), "{args:?}: {stdout}");
        assert!(stdout.contains("└── Beta (team)"), "{stdout}");
        assert!(!stdout.contains("Orange"), "{stdout}");
    }
    let out = piped(&["--check", "-"], PIPED.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("<stdin>: ok"));
    // Nothing piped is an error, not the embedded model.
    let out = piped(&[], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("<stdin>: error: the model file is empty")
    );
    // A problem says where, in the piped text.
    let out = piped(
        &["--check", "-"],
        b"title: x\nentities:\n  - {id: a, name: A, kind: group, parent: zz}\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("<stdin>:3:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn standard_input_is_capped_as_it_arrives() {
    let big = PIPED.repeat(2000);
    let out = piped(&["--max-size", "4096"], big.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("more than the limit of 4096 bytes"),
        "{stderr}"
    );
}

#[test]
fn a_gzip_model_is_read_from_a_file_and_from_a_pipe() {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(PIPED.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let out = piped(&["--dump"], &gz);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Piped"));
    let dir = std::env::temp_dir().join(format!("orgtree-gz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("model.yaml.gz");
    std::fs::write(&path, &gz).unwrap();
    let out = orgtree().arg(&path).output().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Piped"));
}

#[test]
fn the_committed_schema_is_what_orgtree_generates() {
    let out = orgtree().arg("--schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/model.schema.json"),
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        committed,
        "docs/model.schema.json is stale: regenerate it with `orgtree --schema > docs/model.schema.json`"
    );
    // The shipped model points editors at it.
    let shipped = std::fs::read_to_string(shipped_model()).unwrap();
    assert!(shipped.starts_with("# yaml-language-server: $schema=../docs/model.schema.json\n"));
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definition() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = orgtree().args(["--completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("as-of"),
            "{shell}"
        );
    }
    let out = orgtree().arg("--man").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(".TH orgtree 1"));
}

/// Runs orgtree with `args` and checks that the usage error it reports (exit 2) shows the
/// hostile value escaped, with no escape sequence, bell or C1 control reaching the terminal.
/// Colours are forced on, as in a terminal: the error printer strips escape sequences (and so
/// the user's own) only when it writes to a pipe.
fn assert_usage_error_is_escaped(args: &[&str], escaped: &str) {
    let out = orgtree()
        .args(args)
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    if let Some(c) = stderr
        .chars()
        .find(|&c| c != '\n' && (c.is_control() || ('\u{80}'..='\u{9f}').contains(&c)))
    {
        panic!("{args:?}: {c:?} reached the terminal:\n{stderr}");
    }
    assert!(
        stderr.contains(escaped),
        "{args:?}: no `{escaped}` in\n{stderr}"
    );
}

#[test]
fn usage_errors_show_hostile_values_escaped() {
    let title = "\u{1b}]0;PWNED\u{7}";
    let shown = "\\u{1b}]0;PWNED\\u{7}";
    let value = format!("80x{title}");
    assert_usage_error_is_escaped(&["--screen", &value], shown);
    let value = format!("2015{title}");
    assert_usage_error_is_escaped(&["--as-of", &value], shown);
    let value = format!("tree{title}");
    assert_usage_error_is_escaped(&["--format", &value], shown);
    let value = format!("2016{title}");
    assert_usage_error_is_escaped(&["--diff", "2015", &value], shown);
    let value = format!("--evil{title}");
    assert_usage_error_is_escaped(&[&value], shown);
    let value = format!("second{title}");
    assert_usage_error_is_escaped(&["first.yaml", &value], shown);
    // A C1 control introduces a sequence on its own.
    assert_usage_error_is_escaped(&["--screen", "80x\u{9b}2J"], "\\u{9b}2J");
}

#[test]
fn usage_errors_keep_their_lines_and_help_and_version_go_to_stdout() {
    let out = orgtree().args(["--format", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: invalid value 'nope'"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\n\nFor more information, try '--help'.\n"),
        "{stderr}"
    );
    for flag in ["--help", "-h"] {
        let out = orgtree().arg(flag).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{flag}");
        assert!(out.stderr.is_empty(), "{flag}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage: orgtree"),
            "{flag}"
        );
    }
    for flag in ["--version", "-V"] {
        let out = orgtree().arg(flag).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{flag}");
        assert!(out.stderr.is_empty(), "{flag}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.starts_with("orgtree 0.1.0 ("), "{flag}: {stdout}");
    }
}

/// `--version` names the commit and its date when built from a checkout (a `.git` beside the
/// manifest, as build.rs looks for it), and says the commit is unknown when built from a crate.
#[test]
fn version_names_the_commit_it_was_built_from() {
    let out = orgtree().arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first = stdout.lines().next().unwrap_or_default();
    assert!(first.starts_with("orgtree 0.1.0 ("), "{stdout}");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())?;
        Some(String::from_utf8(out.stdout).unwrap().trim().to_owned())
    };
    let head = git(&["rev-parse", "--short=12", "HEAD"]);
    match head.filter(|_| dir.join(".git").exists()) {
        Some(hash) => {
            assert_eq!(hash.len(), 12, "{hash}");
            assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{hash}");
            let date = git(&["log", "-1", "--format=%cs"]).unwrap();
            assert_eq!(first, format!("orgtree 0.1.0 ({hash} {date})"), "{stdout}");
        }
        None => assert_eq!(first, "orgtree 0.1.0 (from a crate, commit unknown)"),
    }
    // `--version` is the long form: it also names the target; `-V` is the first line alone.
    assert!(
        stdout
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("target: ")),
        "{stdout}"
    );
    let short = orgtree().arg("-V").output().unwrap();
    assert_eq!(
        String::from_utf8(short.stdout).unwrap(),
        format!("{first}\n")
    );
}

/// A kind of one's own used 50 times: `--check` shows its one warning with the count; a dump
/// says one line on stderr, naming the command that shows it; `--screen` says nothing on
/// stderr (the explorer's status line counts it).
#[test]
fn warnings_are_shown_by_check_and_counted_elsewhere() {
    let path = fixture("custom-kind-50.yaml");
    let check = orgtree().args(["--check", &path]).output().unwrap();
    assert_eq!(check.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(stderr.matches(": warning: ").count(), 1, "{stderr}");
    assert!(stderr.contains("(used 50 times, first here)"), "{stderr}");
    let dump = orgtree().args(["--dump", &path]).output().unwrap();
    assert_eq!(dump.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&dump.stderr),
        format!("{path}: 1 warning; run orgtree --check {path} to see them\n")
    );
    let screen = orgtree()
        .args(["--screen", "240x10", &path])
        .output()
        .unwrap();
    assert_eq!(screen.status.code(), Some(0));
    assert!(
        screen.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&screen.stderr)
    );
    assert!(String::from_utf8_lossy(&screen.stdout).contains("1 warning"));
}

/// A broken model's every problem comes out of `--check`, with exit status 1.
#[test]
fn check_reports_every_problem_of_a_broken_model() {
    let out = orgtree()
        .args(["--check", &fixture("five-mistakes.yaml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches(": error: ").count(), 6, "{stderr}");
    assert!(stderr.ends_with(": 6 errors, 0 warnings\n"), "{stderr}");
}

/// A large model is cached on its first load, in the cache directory and nowhere else; later
/// loads say the same, whether the entry is good, damaged or turned off.
#[test]
fn a_large_model_is_cached_and_reads_the_same_from_its_entry() {
    let dir = std::env::temp_dir().join(format!("orgtree-cached-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let model = dir.join("large.json");
    let mut text = Vec::new();
    orgtree::synthetic::write(6000, true, &mut text).unwrap();
    assert!(text.len() as u64 >= orgtree::load::MIN_CACHED_SIZE);
    std::fs::write(&model, text).unwrap();
    let home = dir.join("home");
    let run = |args: &[&str]| {
        let out = orgtree()
            .env("XDG_CACHE_HOME", &home)
            .args(args)
            .arg(&model)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let entries = || -> Vec<std::path::PathBuf> {
        match std::fs::read_dir(home.join("orgtree")) {
            Ok(listing) => listing.map(|e| e.unwrap().path()).collect(),
            Err(_) => Vec::new(),
        }
    };

    let uncached = run(&["--no-cache", "--dump"]);
    assert!(entries().is_empty(), "--no-cache writes nothing");
    let first = run(&["--dump"]);
    assert_eq!(first, uncached);
    let written = entries();
    assert_eq!(written.len(), 1, "{written:?}");
    let entry = std::fs::read(&written[0]).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&written[0]), 0o600);
        assert_eq!(mode(&home.join("orgtree")), 0o700);
    }
    assert_eq!(run(&["--dump"]), uncached, "read from the entry");
    assert_eq!(run(&["--check"]), run(&["--check", "--no-cache"]));

    std::fs::write(&written[0], b"not an entry").unwrap();
    assert_eq!(run(&["--dump"]), uncached, "a damaged entry is not read");
    assert_eq!(
        std::fs::read(&written[0]).unwrap(),
        entry,
        "and written again"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A configuration directory holding `text` as orgtree's config.toml.
fn config_home(name: &str, text: &str) -> std::path::PathBuf {
    let home = std::env::temp_dir().join(format!("orgtree-config-{}-{name}", std::process::id()));
    std::fs::create_dir_all(home.join("orgtree")).unwrap();
    std::fs::write(home.join("orgtree/config.toml"), text).unwrap();
    home
}

#[test]
fn the_configuration_gives_defaults_the_command_line_overrides() {
    let home = config_home(
        "defaults",
        "[defaults]\nascii = true\nas_of = \"2014-06\"\n",
    );
    let run = |args: &[&str]| {
        let out = orgtree()
            .env("XDG_CONFIG_HOME", &home)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let dump = run(&["--dump"]);
    assert!(
        dump.starts_with("Orange's cloud structures, January 2015 - as of 2014-06-01\n|-- "),
        "{dump}"
    );
    let dump = run(&["--dump", "--as-of", "2015-03-16"]);
    assert!(dump.contains("as of 2015-03-16"), "the flag wins: {dump}");
    let dump = run(&["--dump", "--no-config"]);
    assert!(dump.contains("— as of 2015-01-12\n├── "), "{dump}");
    std::fs::remove_dir_all(&home).unwrap();
}

#[test]
fn a_bad_configuration_is_placed_and_never_stops_orgtree() {
    let home = config_home("bad", "[defaults]\ndepth = 0\ncolour = \"never\"\n");
    let out = orgtree()
        .env("XDG_CONFIG_HOME", &home)
        .args(["--dump"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    // Every problem, each at its place; the rest of the file holds.
    assert!(
        err.contains("orgtree/config.toml:2:9: depth must be 1 or more; using the default"),
        "{err}"
    );
    assert!(
        err.contains("orgtree/config.toml:3:1: no setting `colour` in [defaults] (did you mean `color`?); it is ignored"),
        "{err}"
    );
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("├── Orange (group)")
    );
    // What --print-config prints is a configuration orgtree reads without a word.
    let template = orgtree().arg("--print-config").output().unwrap();
    assert_eq!(template.status.code(), Some(0));
    let home = config_home("template", std::str::from_utf8(&template.stdout).unwrap());
    let out = orgtree()
        .env("XDG_CONFIG_HOME", &home)
        .args(["--dump"])
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn keys_moved_in_the_configuration_move_in_the_explorer_and_its_help() {
    let home = config_home(
        "keys",
        "[keys.tree]\nn = \"down\"\nj = \"none\"\n[keys.all]\n\"?\" = \"none\"\nF2 = \"help\"\n[keys.tree]\n",
    );
    // Two [keys.tree] tables are a TOML mistake: said, placed, and the defaults used.
    let bad = orgtree()
        .env("XDG_CONFIG_HOME", &home)
        .args(["--screen", "100x30", "--keys", "n"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(0));
    let err = String::from_utf8(bad.stderr).unwrap();
    assert!(err.contains("config.toml:7:"), "{err}");
    let home = config_home(
        "keys",
        "[keys.tree]\nn = \"down\"\nj = \"none\"\n[keys.all]\n\"?\" = \"none\"\nF2 = \"help\"\n",
    );
    let screen = |keys: &str| {
        let out = orgtree()
            .env("XDG_CONFIG_HOME", &home)
            .args(["--screen", "100x30", "--keys", keys])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(out.stderr.is_empty(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let selected = |frame: &str| {
        frame
            .lines()
            .find(|l| l.contains('▶'))
            .map(str::to_owned)
            .unwrap_or_default()
    };
    let start = screen("");
    assert_ne!(selected(&screen("n")), selected(&start), "n moves down");
    assert_eq!(selected(&screen("j")), selected(&start), "j does nothing");
    // The status line names the keys in force.
    assert!(start.contains("F2 help"), "{start}");
    assert!(!start.contains("? help"), "{start}");
    // The help lists them; ? no longer opens it.
    let help = screen("<F2>");
    assert!(help.contains("↓ n"), "{help}");
    assert!(help.contains("F1 F2"), "{help}");
    assert!(!screen("?").contains("this help"));
    std::fs::remove_dir_all(&home).unwrap();
}

#[test]
fn what_describes_orgtree_reads_no_configuration() {
    let home = config_home("describes", "[defaults]\ndepth = 0\n");
    for args in [&["--man"][..], &["--schema"], &["--completions", "bash"]] {
        let out = orgtree()
            .env("XDG_CONFIG_HOME", &home)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A dump does read it, and says what is wrong.
    let out = orgtree()
        .env("XDG_CONFIG_HOME", &home)
        .arg("--dump")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("depth must be 1 or more"));
    std::fs::remove_dir_all(&home).unwrap();
}

//! The explorer with files around it: the model file changing and going away, the editor,
//! bursts of keys and typing.

use std::time::Duration;

use rustix::process::Signal;

use super::harness::*;

/// A model of `n` entities side by side, written to a temporary file.
fn flat_model(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let mut yaml = String::from("title: flat\nentities:\n");
    for i in 0..n {
        yaml.push_str(&format!(
            "  - {{id: e{i}, name: \"Row {i}\", kind: team}}\n"
        ));
    }
    let path = dir.join("flat.yaml");
    std::fs::write(&path, yaml).unwrap();
    path
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("orgtree-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// 5000 `j` sent at once all count, with no key after them to push the last ones through.
#[test]
fn a_burst_of_keys_is_handled_to_its_end() {
    let dir = temp_dir("burst");
    let model = flat_model(&dir, 6000);
    let program = env!("CARGO_BIN_EXE_orgtree");
    let mut run = Running::launch(program, &[model.to_str().unwrap()], &[], Start::Controlling);
    run.wait_for("Row 0");
    run.keys(&"j".repeat(5000));
    run.wait_for("Row 5000 ");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The model file, changed, deleted and written again under a running explorer.
#[test]
fn the_model_file_is_followed_through_changes_and_deletion() {
    let dir = temp_dir("watch");
    let model = flat_model(&dir, 3);
    let program = env!("CARGO_BIN_EXE_orgtree");
    let mut run = Running::launch(program, &[model.to_str().unwrap()], &[], Start::Controlling);
    run.wait_for("Row 2");
    std::fs::write(
        &model,
        "title: flat\nentities:\n  - {id: e0, name: Renamed, kind: team}\n",
    )
    .unwrap();
    run.wait_for("reloaded");
    run.wait_for("Renamed");
    // The same size, and the modification time put back: still a change.
    let when = std::fs::metadata(&model).unwrap().modified().unwrap();
    std::fs::write(
        &model,
        "title: flat\nentities:\n  - {id: e0, name: Redrawn, kind: team}\n",
    )
    .unwrap();
    std::fs::File::options()
        .write(true)
        .open(&model)
        .unwrap()
        .set_modified(when)
        .unwrap();
    run.wait_for("Redrawn");
    std::fs::remove_file(&model).unwrap();
    run.wait_for("is gone");
    assert!(run.screen().contains("Redrawn"), "the last model stays");
    std::fs::write(
        &model,
        "title: flat\nentities:\n  - {id: e0, name: Back again, kind: team}\n",
    )
    .unwrap();
    run.wait_for("Back again");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `e` on a model file whose name an editor could read as a command (`+:!cmd` runs `cmd` in
/// vi): the editor gets it as an absolute path, after the line.
#[test]
fn the_editor_gets_a_path_it_cannot_read_as_a_command() {
    let dir = temp_dir("editor");
    let flat = flat_model(&dir, 3);
    let model = dir.join("+:!touch PWNED");
    std::fs::rename(&flat, &model).unwrap();
    let editor = dir.join("editor");
    let args = dir.join("args");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", args.display()),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let program = env!("CARGO_BIN_EXE_orgtree");
    // The explorer runs in the model's folder, and the name is given as typed.
    let mut run = Running::launch(
        "sh",
        &[
            "-c",
            "cd \"$1\" && exec \"$0\" -- \"$2\"",
            program,
            dir.to_str().unwrap(),
            model.file_name().unwrap().to_str().unwrap(),
        ],
        &[("EDITOR", editor.to_str().unwrap()), ("VISUAL", "")],
        Start::Controlling,
    );
    run.wait_for("Row 0");
    run.keys("e");
    run.wait_until("the editor", |_| args.exists());
    run.pump(Duration::from_millis(300));
    let got = std::fs::read_to_string(&args).unwrap();
    let got: Vec<&str> = got.lines().collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].starts_with('+') && got[0][1..].parse::<u32>().is_ok());
    assert!(got[1].starts_with('/'), "{got:?}");
    assert!(got[1].ends_with("/+:!touch PWNED"), "{got:?}");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    assert!(!dir.join("PWNED").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// An editor that keeps cooked mode, as a script: it says when it started, waits, says when it
/// is done. Ctrl-c typed meanwhile is a SIGINT to the whole process group, explorer included.
fn slow_editor(dir: &std::path::Path) -> std::path::PathBuf {
    let editor = dir.join("editor");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\ntrap '' INT QUIT\ntouch '{0}/started'\nsleep 1\ntouch '{0}/done'\n",
            dir.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    editor
}

fn edit_with(dir: &std::path::Path) -> Running {
    let model = flat_model(dir, 3);
    let editor = slow_editor(dir);
    let mut run = Running::launch(
        env!("CARGO_BIN_EXE_orgtree"),
        &[model.to_str().unwrap()],
        &[("EDITOR", editor.to_str().unwrap()), ("VISUAL", "")],
        Start::Controlling,
    );
    run.wait_for("Row 0");
    run.keys("e");
    let started = dir.join("started");
    run.wait_until("the editor", |_| started.exists());
    run
}

/// Ctrl-c typed into the editor is the editor's: the explorer is still there after it.
#[test]
fn ctrl_c_typed_into_the_editor_belongs_to_the_editor() {
    let dir = temp_dir("editor-int");
    let mut run = edit_with(&dir);
    run.keys("\x03\x1c");
    let done = dir.join("done");
    run.wait_until("the editor's end", |_| done.exists());
    run.pump(Duration::from_millis(300));
    assert!(
        run.ended_within(Duration::ZERO).is_none(),
        "the explorer ended"
    );
    run.keys("j");
    run.wait_for("Row 1");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    run.assert_restored();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A signal sent to the explorer while the editor has the terminal ends it when the editor
/// exits, not before: the editor's own modes would stay on the terminal.
#[test]
fn a_signal_while_editing_ends_the_explorer_after_the_editor() {
    for signal in [Signal::TERM, Signal::INT, Signal::USR1] {
        let dir = temp_dir("editor-term");
        let mut run = edit_with(&dir);
        run.signal(signal);
        run.pump(Duration::from_millis(300));
        assert!(
            run.ended_within(Duration::ZERO).is_none(),
            "{signal:?}: ended while the editor ran"
        );
        let done = dir.join("done");
        run.wait_until("the editor's end", |_| done.exists());
        let status = run.ended_within(Duration::from_secs(2));
        assert_eq!(status.and_then(|s| s.code()), Some(128 + signal.as_raw()));
        run.assert_restored();
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Ctrl-z where no shell could continue the explorer (its process group is orphaned, as under
/// `sh -c` started by a program without job control): the kernel drops the stop for any
/// program, and the explorer must not stop itself for good either.
#[test]
fn ctrl_z_without_job_control_does_not_stop_for_good() {
    let program = env!("CARGO_BIN_EXE_orgtree");
    let mut run = Running::launch(
        "sh",
        &["-c", "\"$0\"; echo EXIT=$?", program],
        &[],
        Start::Controlling,
    );
    run.wait_for("Orange Business Services");
    run.keys("\x1a");
    run.pump(Duration::from_millis(500));
    run.keys("jjj");
    run.wait_for("Orange › Cloudwatt");
    run.keys("q");
    run.wait_for("EXIT=0");
}

/// Text typed at once into the search prompt is one edit and one frame, not one per character.
#[test]
fn a_burst_of_typing_is_drawn_once() {
    let mut run = Running::start();
    run.wait_for("Orange Business Services");
    let frames = |r: &Running| r.text().matches("\x1b[?25l").count();
    let before = frames(&run);
    run.keys(&format!("/{}", "x".repeat(200)));
    run.wait_for("/xxxxxxxxxx");
    run.pump(Duration::from_millis(300));
    let drawn = frames(&run) - before;
    assert!(drawn <= 10, "{drawn} frames for one burst");
    run.keys("\x1b");
    run.pump(Duration::from_millis(200));
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
}

/// `cat m.yaml | orgtree`: the piped model is explored, and the keys come from the terminal.
#[test]
fn a_piped_model_is_explored_with_keys_from_the_terminal() {
    let dir = temp_dir("piped");
    let model = flat_model(&dir, 3);
    let program = env!("CARGO_BIN_EXE_orgtree");
    let script = r#"cat "$1" | "$0""#;
    let args = ["-c", script, program, model.to_str().unwrap()];
    let mut run = Running::launch("sh", &args, &[], Start::Controlling);
    run.wait_for("Row 2");
    assert!(!run.screen().contains("Orange"), "{}", run.screen());
    run.keys("j");
    run.wait_for("e1");
    run.keys("q");
    assert_eq!(run.exit_code(), 0);
    run.assert_restored();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Ctrl-c (SIGINT) while a long load shows its progress line: the line is wiped, and orgtree
/// ends as the signal ends it, so the shell's next line starts clean.
#[test]
fn a_stop_signal_during_a_long_load_wipes_the_progress_line() {
    use std::os::unix::process::ExitStatusExt;
    let dir = temp_dir("interrupted");
    let model = dir.join("big.yaml");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&model).unwrap());
    orgtree::synthetic::write(150_000, false, &mut file).unwrap();
    drop(file);
    let program = env!("CARGO_BIN_EXE_orgtree");
    let args = ["--no-cache", "--check", model.to_str().unwrap()];
    let mut run = Running::launch(program, &args, &[], Start::Controlling);
    run.wait_until("the progress line", |r| r.text().contains("orgtree: "));
    run.signal(rustix::process::Signal::INT);
    let status = run.ended_within(Duration::from_secs(20)).expect("it ended");
    assert_eq!(status.signal(), Some(2), "{status:?}");
    let text = run.text();
    let last_line = text.rfind("orgtree: ").unwrap();
    assert!(
        text[last_line..].ends_with("\r\x1b[2K"),
        "the line is wiped: {:?}",
        &text[last_line..]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// After a load long enough to show its progress line, a signal to the explorer still finds
/// the terminal restored: the line's handling of the signals gives way to the explorer's.
#[test]
fn after_a_long_load_a_signal_to_the_explorer_restores_the_terminal() {
    let dir = temp_dir("long-then-signal");
    let model = dir.join("big.yaml");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&model).unwrap());
    orgtree::synthetic::write(150_000, false, &mut file).unwrap();
    drop(file);
    let program = env!("CARGO_BIN_EXE_orgtree");
    let args = ["--no-cache", model.to_str().unwrap()];
    let mut run = Running::launch(program, &args, &[], Start::Controlling);
    run.wait_until("the progress line", |r| r.text().contains("orgtree: "));
    run.wait_until("the explorer", |r| r.text().contains("\x1b[?1049h"));
    run.pump(Duration::from_millis(300));
    run.signal(rustix::process::Signal::TERM);
    assert_eq!(run.exit_code(), 143);
    run.assert_restored();
    let _ = std::fs::remove_dir_all(&dir);
}

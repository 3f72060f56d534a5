//! Which one thing a run does, decided once from the command line (and from whether orgtree runs
//! in a terminal), before any file is read: the rest of `cli` only carries it out.

use crate::dump::Format;
use crate::model::Day;

use super::Cli;
use super::exit::UsageError;

/// What a run of orgtree does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Print the JSON Schema of the model format; no model is read.
    Schema,
    /// Print a shell completion script; no model is read.
    Completions(clap_complete::Shell),
    /// Print the manual page; no model is read.
    Man,
    /// Validate the model and print every problem.
    Check,
    /// Print what changed from the first day `from` to the last day `to`, both included.
    Diff { from: Day, to: Day },
    /// Print the hierarchy in this format.
    Dump(Format),
    /// Press these keys in the explorer, then print its frame (at `--screen`'s size).
    Screen { keys: String },
    /// Open the explorer in the terminal.
    Explore,
}

/// The mode the command line asks for. `interactive`: standard output is a terminal, and so is
/// standard input, or the model comes on standard input and the keys can come from the
/// terminal; otherwise orgtree dumps instead of opening the explorer. Flags that cannot go together
/// were refused by clap already; those that can, and still name two modes, are ranked here:
/// `--check` over `--format`, `--screen` over a missing terminal.
pub fn mode(cli: &Cli, interactive: bool) -> Result<Mode, UsageError> {
    if cli.schema {
        return Ok(Mode::Schema);
    }
    if let Some(shell) = cli.completions {
        return Ok(Mode::Completions(shell));
    }
    if cli.man {
        return Ok(Mode::Man);
    }
    if cli.check {
        return Ok(Mode::Check);
    }
    if let Some(dates) = &cli.diff {
        let &[from, to] = dates.as_slice() else {
            return Err(UsageError("--diff: give two dates".into()));
        };
        // A partial date at either end is taken whole: `2014` from its first day, `2016` to
        // its last.
        let (from, to) = (from.first_day(), to.last_day());
        if from > to {
            return Err(UsageError(format!(
                "--diff: {from} is after {to}; give the earlier date first"
            )));
        }
        return Ok(Mode::Diff { from, to });
    }
    if cli.screen.is_some() {
        let keys = cli.keys.clone().unwrap_or_default();
        return Ok(Mode::Screen { keys });
    }
    if cli.dump || cli.format.is_some() || !interactive {
        return Ok(Mode::Dump(cli.format.unwrap_or_default()));
    }
    Ok(Mode::Explore)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn mode_of(args: &[&str], interactive: bool) -> Result<Mode, UsageError> {
        let cli =
            Cli::try_parse_from(std::iter::once("orgtree").chain(args.iter().copied())).unwrap();
        mode(&cli, interactive)
    }

    #[test]
    fn a_terminal_opens_the_explorer_and_a_pipe_gets_the_tree() {
        assert_eq!(mode_of(&[], true), Ok(Mode::Explore));
        assert_eq!(mode_of(&[], false), Ok(Mode::Dump(Format::Tree)));
        assert_eq!(mode_of(&["--dump"], true), Ok(Mode::Dump(Format::Tree)));
    }

    #[test]
    fn a_format_implies_a_dump() {
        assert_eq!(
            mode_of(&["--format", "mermaid"], true),
            Ok(Mode::Dump(Format::Mermaid))
        );
    }

    #[test]
    fn check_and_screen_win_over_what_they_can_go_with() {
        assert_eq!(
            mode_of(&["--check", "--format", "json"], true),
            Ok(Mode::Check)
        );
        assert_eq!(
            mode_of(&["--screen", "80x24", "--keys", "jj"], false),
            Ok(Mode::Screen { keys: "jj".into() })
        );
        assert_eq!(
            mode_of(&["--screen", "80x24", "--format", "json"], true),
            Ok(Mode::Screen {
                keys: String::new()
            })
        );
    }

    #[test]
    fn generated_texts_need_no_model() {
        assert_eq!(mode_of(&["--schema"], false), Ok(Mode::Schema));
        assert_eq!(mode_of(&["--man"], false), Ok(Mode::Man));
        assert_eq!(
            mode_of(&["--completions", "zsh"], false),
            Ok(Mode::Completions(clap_complete::Shell::Zsh))
        );
    }

    #[test]
    fn a_diff_takes_the_earlier_date_first() {
        let day = |text: &str| super::super::parse_date(text).unwrap();
        assert_eq!(
            mode_of(&["--diff", "2014", "2015-06"], true),
            Ok(Mode::Diff {
                from: day("2014-01-01"),
                to: day("2015-06-30")
            }),
            "a partial date is taken whole at either end"
        );
        let Err(UsageError(message)) = mode_of(&["--diff", "2015-06", "2014"], true) else {
            panic!("dates in the wrong order are a usage error");
        };
        assert_eq!(
            message,
            "--diff: 2015-06-01 is after 2014-12-31; give the earlier date first"
        );
    }
}

//! How a run ends: what went wrong, if anything, and the exit status it maps to. The errors of
//! every mode are printed here and nowhere else, once, each with its own status, so that a
//! script can tell a model with problems from a command line that is wrong and from a file that
//! cannot be read.

use std::io;
use std::process::ExitCode;

use crate::load::LoadError;
use crate::term::Ending;

use super::usage;

/// Exit status: everything went well.
pub const EXIT_OK: u8 = 0;
/// Exit status: the model has problems.
pub const EXIT_MODEL: u8 = 1;
/// Exit status: the command line is wrong.
pub const EXIT_USAGE: u8 = 2;
/// Exit status: input or output failed: the model file cannot be read (missing, not a regular
/// file, unreadable), or the output or the terminal cannot be written.
pub const EXIT_IO: u8 = 3;

/// How a run that went well ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finish {
    /// Done: 0.
    Done,
    /// The explorer ended as its status says (0 when quit, 130 after Ctrl-c).
    Explorer(Ending),
}

/// A command line that parses but asks for something that cannot be done (exit status 2): the
/// message, its quoted arguments already made safe to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

/// Why a run did not do what the command line asked.
#[derive(Debug)]
pub enum Failure {
    /// clap refused the command line, or was asked for `--help` or `--version` (exit 0).
    Parse(clap::Error),
    /// The command line asks for something that cannot be done: exit 2.
    Usage(UsageError),
    /// The model did not load: exit 1, or 3 when its file could not be read at all.
    Load(LoadError),
    /// Input or output failed (the message says which): exit 3.
    Io(String),
}

impl From<clap::Error> for Failure {
    fn from(error: clap::Error) -> Self {
        Failure::Parse(error)
    }
}

impl From<UsageError> for Failure {
    fn from(error: UsageError) -> Self {
        Failure::Usage(error)
    }
}

impl From<LoadError> for Failure {
    fn from(error: LoadError) -> Self {
        Failure::Load(error)
    }
}

impl Failure {
    /// An I/O error, with what was being done when it came.
    pub fn io(doing: &str, error: &io::Error) -> Self {
        Failure::Io(format!("{doing}: {error}"))
    }
}

/// Prints what went wrong, if anything, and returns the exit status: the one place where a
/// run's errors are reported.
pub fn exit(result: Result<Finish, Failure>) -> ExitCode {
    let status = match result {
        Ok(Finish::Done) => EXIT_OK,
        Ok(Finish::Explorer(ending)) => ending.exit_code(),
        Err(Failure::Parse(error)) => usage::report_parse_error(error),
        Err(Failure::Usage(UsageError(message))) => {
            eprintln!("orgtree: {message}");
            EXIT_USAGE
        }
        Err(Failure::Load(error)) => {
            eprint!("{}", error.render());
            if error.unreadable {
                EXIT_IO
            } else {
                EXIT_MODEL
            }
        }
        Err(Failure::Io(message)) => {
            eprintln!("orgtree: {message}");
            EXIT_IO
        }
    };
    ExitCode::from(status)
}

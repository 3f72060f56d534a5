//! How the explorer starts: everything `cli` (or a test) decides before the first frame.

use std::path::PathBuf;

use ratatui::layout::Rect;

use crate::model::Day;
use crate::org::EntityId;

/// How the explorer starts: everything `cli` (or a test) decides before the first frame.
#[derive(Debug, Clone)]
pub struct Options {
    /// How the model file is named on screen.
    pub file_name: String,
    /// The model file, when there is one (not for the embedded model): `e` opens it.
    pub path: Option<PathBuf>,
    /// Whether to draw in colour (`--color`, NO_COLOR).
    pub color: bool,
    /// The terminal's size, until the first resize says otherwise.
    pub screen: Rect,
    /// The date in force (`--as-of`); the model's own date when `None`.
    pub as_of: Option<Day>,
    /// How many levels of the tree to show (`--depth`).
    pub levels: Option<usize>,
    /// The entity to select first (`--root`).
    pub root: Option<EntityId>,
    /// A search to start on (`--filter`).
    pub filter: Option<String>,
    /// A message for the first frame's status line.
    pub status: Option<String>,
    /// The order of children under their parent (`--sort`; `s` cycles it).
    pub sort: crate::headcount::Order,
    /// The keys, as the configuration changed them.
    pub keymap: crate::keys::Keymap,
    /// The theme the configuration chose; an `auto` one draws dark until the terminal says
    /// otherwise ([`crate::app::App::background_is`]).
    pub theme: crate::theme::Choice,
}

impl Options {
    /// A model named `file_name` on a screen of `screen`, everything else as the model says.
    pub fn new(file_name: impl Into<String>, screen: Rect) -> Options {
        Options {
            file_name: file_name.into(),
            path: None,
            color: true,
            screen,
            as_of: None,
            levels: None,
            root: None,
            filter: None,
            status: None,
            sort: crate::headcount::Order::Model,
            keymap: crate::keys::Keymap::default(),
            theme: crate::theme::Choice::default(),
        }
    }
}

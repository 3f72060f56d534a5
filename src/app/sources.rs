//! The source a key means, for `u` (copy its URL) and `x` (open it): the one under the detail
//! pane's cursor, else the source whose page is shown. Its URL leaves the explorer only as
//! `sanitize::url::web` lets it.

use super::{App, Effect, Focus, Target};
use crate::org::SourceId;
use crate::sanitize::{sanitize, url};

impl App {
    /// The source under the detail pane's cursor, else the source page shown.
    fn chosen_source(&self) -> Option<SourceId> {
        if self.focus == Focus::Detail
            && let Some(Target::Source(id)) = self.detail.under_cursor()
        {
            return Some(id);
        }
        match self.detail.subject {
            Target::Source(id) => Some(id),
            _ => None,
        }
    }

    /// The chosen source's URL, checked; else the status line says why there is none.
    fn source_url(&mut self) -> Option<String> {
        let Some(id) = self.chosen_source() else {
            self.notice.status = Some(
                "no source here: put the detail pane's cursor on a source ([1]) or open its page"
                    .into(),
            );
            return None;
        };
        let source = self.org.source(id);
        let name = sanitize(&source.id.value).into_owned();
        let checked = source.url.as_deref().map(url::web);
        match checked {
            Some(Ok(url)) => Some(url),
            Some(Err(why)) => {
                self.notice.status = Some(format!("the URL of source {name} is refused: {why}"));
                None
            }
            None => {
                self.notice.status = Some(format!("source {name} has no URL"));
                None
            }
        }
    }

    /// `u`: the chosen source's URL, for the clipboard.
    pub(super) fn copy_url(&mut self) -> Option<Effect> {
        let url = self.source_url()?;
        Some(self.copied(url))
    }

    /// `x`: the chosen source's URL, for the browser.
    pub(super) fn open_url(&mut self) -> Option<Effect> {
        let url = self.source_url()?;
        Some(Effect::Open(url))
    }
}

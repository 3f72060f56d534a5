//! Drawing: `impl Widget for &App` lays the screen out — title bar with the breadcrumb, tree
//! pane, detail pane, status bar, help overlay — and each part draws from the app's state. Knows
//! nothing of terminals or events.

pub mod detail;
pub mod help;
pub mod style;
pub mod text;
pub mod tree;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout as Split, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::app::{App, Focus};
use text::{fit, safe};

/// Below this size the screen only says it is too small.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    pub title: Rect,
    pub tree: Rect,
    pub detail: Rect,
    pub status: Rect,
}

impl Layout {
    /// The tree pane inside its border.
    pub fn tree_inner(&self) -> Rect {
        self.tree.inner(Margin::new(1, 1))
    }

    /// The detail pane inside its border.
    pub fn detail_inner(&self) -> Rect {
        self.detail.inner(Margin::new(1, 1))
    }
}

/// The layout of a screen of this size, or `None` when it is too small to use.
pub fn layout(area: Rect) -> Option<Layout> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [title, body, status] = area.layout(&Split::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let tree_width = (body.width * 2 / 5).clamp(24, 60);
    let [tree, detail] = body.layout(&Split::horizontal([
        Constraint::Length(tree_width),
        Constraint::Fill(1),
    ]));
    Some(Layout {
        title,
        tree,
        detail,
        status,
    })
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(layout) = layout(area) else {
            Paragraph::new(format!(
                "Terminal too small: orgtree needs {MIN_WIDTH}×{MIN_HEIGHT}."
            ))
            .wrap(Wrap { trim: true })
            .render(area, buf);
            return;
        };
        render_title(self, layout.title, buf);
        render_tree(self, layout.tree, buf);
        render_detail(self, layout.detail, buf);
        render_status(self, layout.status, buf);
        if self.help_open {
            help::render(area, self.help_scroll, buf);
        }
    }
}

fn pane(title: &str, focused: bool) -> Block<'_> {
    let block = Block::bordered().title(Line::from(format!(" {title} ")));
    if focused {
        block.border_style(style::focused_border())
    } else {
        block
    }
}

/// `orgtree · Title   Orange › OBS › Orange Cloud for Business          as of 2015-01-12`
fn render_title(app: &App, area: Rect, buf: &mut Buffer) {
    let date = app
        .as_of
        .map_or_else(String::new, |d| format!(" as of {d} "));
    let date_width = date.chars().count() as u16;
    let mut spans = vec![
        Span::styled(" orgtree ", style::bar()),
        Span::raw(" "),
        Span::styled(safe(&app.org.model.title), style::heading()),
    ];
    if let Some(id) = app.selected() {
        let names: Vec<String> = app
            .org
            .path(id)
            .into_iter()
            .map(|e| safe(&app.org.entity(e).name))
            .collect();
        spans.push(Span::raw(format!("  {}", names.join(" › "))));
    }
    let left = area.width.saturating_sub(date_width);
    fit(spans, left.into()).render(Rect::new(area.x, area.y, left, 1), buf);
    Span::styled(date, style::bar()).render(
        Rect::new(area.x + left, area.y, date_width.min(area.width), 1),
        buf,
    );
}

fn render_tree(app: &App, area: Rect, buf: &mut Buffer) {
    let block = pane("Tree", app.focus == Focus::Tree);
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = app.tree.rows(&app.org, inner.height.into());
    tree::render(app, &rows, inner, buf);
}

fn render_detail(app: &App, area: Rect, buf: &mut Buffer) {
    let block = pane("Detail", app.focus == Focus::Detail);
    let inner = block.inner(area);
    block.render(area, buf);
    detail::render(app, inner, buf);
}

/// The keys that matter now, and the model file's name.
fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    let keys = match (app.help_open, app.focus) {
        (true, _) => "Esc close help",
        (false, Focus::Tree) => "↑↓ move  ←→ fold  Enter toggle  Tab detail  ? help  q quit",
        (false, Focus::Detail) => "↑↓ scroll  PgUp/PgDn page  Tab tree  ? help  q quit",
    };
    let file = format!(" {} ", safe(&app.file_name));
    let file_width = (file.chars().count() as u16).min(area.width / 3);
    let left = area.width - file_width;
    fit(vec![Span::raw(format!(" {keys}"))], left.into())
        .render(Rect::new(area.x, area.y, left, 1), buf);
    fit(vec![Span::styled(file, style::dim())], file_width.into())
        .render(Rect::new(area.x + left, area.y, file_width, 1), buf);
}

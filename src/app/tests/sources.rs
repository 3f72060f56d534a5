//! Copying and opening what a page is about: `y` copies the id of the person or source whose page
//! is shown, `u` and `x` copy and open the URL of the source under the cursor or shown, and a URL
//! the explorer will not hand on is said, not copied or opened.

use ratatui::layout::Rect;

use super::org_of;
use super::owners::cursor_to;
use crate::app::{Action, App, Effect, Options, Target};

const MODEL: &str = "title: t
sources:
  - {id: report, publisher: P, title: Annual report, url: 'https://example.com/annual report.pdf'}
  - {id: trap, publisher: Q, title: Trap, url: 'javascript:alert(1)'}
  - {id: paper, publisher: R, title: Paper}
entities:
  - {id: a, name: A, kind: company, sources: [report, trap, paper]}
people:
  - {id: ada, name: Ada}
roles:
  - {entity: a, person: ada, title: CEO}
";

fn app() -> App {
    App::new(
        org_of(MODEL),
        Options::new("t.yaml", Rect::new(0, 0, 120, 40)),
    )
}

fn source(app: &App, id: &str) -> Target {
    Target::Source(app.org().find_source(id).unwrap())
}

#[test]
fn y_copies_the_id_of_the_person_or_source_page_shown() {
    let mut app = app();
    assert_eq!(app.perform(Action::CopyId), Some(Effect::Copy("a".into())));
    app.perform(Action::SwitchFocus);
    let ada = Target::Person(app.org().find_person("ada").unwrap());
    cursor_to(&mut app, ada);
    // On the entity's page, `y` is still the entity's.
    assert_eq!(app.perform(Action::CopyId), Some(Effect::Copy("a".into())));
    app.perform(Action::Activate);
    assert_eq!(
        app.perform(Action::CopyId),
        Some(Effect::Copy("ada".into()))
    );
    // `Y` is the selected entity's path whatever the page.
    assert_eq!(
        app.perform(Action::CopyPath),
        Some(Effect::Copy("a".into()))
    );
    app.perform(Action::Back);
    let report = source(&app, "report");
    cursor_to(&mut app, report);
    app.perform(Action::Activate);
    assert_eq!(
        app.perform(Action::CopyId),
        Some(Effect::Copy("report".into()))
    );
}

#[test]
fn u_and_x_take_the_source_under_the_cursor_or_shown() {
    const URL: &str = "https://example.com/annual%20report.pdf";
    let mut app = app();
    // The tree has the keys, and the entity's page is no source.
    assert_eq!(app.perform(Action::CopyUrl), None);
    assert!(app.status().unwrap().contains("no source here"));
    app.perform(Action::SwitchFocus);
    let report = source(&app, "report");
    cursor_to(&mut app, report);
    assert_eq!(app.perform(Action::CopyUrl), Some(Effect::Copy(URL.into())));
    assert_eq!(app.perform(Action::OpenUrl), Some(Effect::Open(URL.into())));
    // On the source's page, from either pane.
    app.perform(Action::Activate);
    assert_eq!(app.perform(Action::OpenUrl), Some(Effect::Open(URL.into())));
    app.perform(Action::SwitchFocus);
    assert_eq!(app.perform(Action::CopyUrl), Some(Effect::Copy(URL.into())));
}

#[test]
fn a_refused_or_missing_url_is_said_and_goes_nowhere() {
    let mut app = app();
    app.perform(Action::SwitchFocus);
    let trap = source(&app, "trap");
    cursor_to(&mut app, trap);
    assert_eq!(app.perform(Action::OpenUrl), None);
    let said = app.status().unwrap();
    assert!(said.contains("source trap is refused"), "{said}");
    assert_eq!(app.perform(Action::CopyUrl), None);
    let paper = source(&app, "paper");
    cursor_to(&mut app, paper);
    assert_eq!(app.perform(Action::OpenUrl), None);
    assert!(app.status().unwrap().contains("source paper has no URL"));
}

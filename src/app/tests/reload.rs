//! A reloaded model: what the explorer keeps by id, and what it forgets.

use super::*;

#[test]
fn a_reloaded_model_keeps_selection_expansion_and_date() {
    let mut app = app(24);
    app.perform(Down);
    app.perform(ExpandOrChild);
    app.perform(Down); // d
    let date = app.as_of();
    let changed = MODEL.replace("name: D", "name: Dee");
    let org = load_text(ModelText {
        name: "t.yaml".into(),
        text: changed,
    })
    .unwrap()
    .org;
    app.replace_org(org);
    assert_eq!(selected_id(&app), "d");
    assert_eq!(app.org().name(app.selected().unwrap()), "Dee");
    assert_eq!(app.as_of(), date);
    let b = app.org().find_entity("b").unwrap();
    assert!(app.tree.is_expanded(b));
}

#[test]
fn a_reload_with_fewer_entities_under_the_chart_forgets_what_went() {
    let mut app = app(30);
    // The chart on g, the last entity: an index the smaller model does not have.
    for action in [Down, Down, ExpandOrChild, Down, ToggleChart] {
        app.perform(action);
    }
    assert_eq!(selected_id(&app), "g");
    assert!(app.chart.is_some());
    app.replace_org(org_of(
        "title: t\nentities:\n  - {id: a, name: A, kind: group}\n",
    ));
    assert!(app.chart.is_none(), "the chart's root went away");
    let _ = crate::headless::frame(&app);
    // One that kept the root keeps the chart.
    let mut app = self::app(30);
    app.perform(ToggleChart);
    app.replace_org(org_of(MODEL));
    assert_eq!(
        app.chart.map(|c| app.org().entity(c.root).id.value.clone()),
        Some("a".into())
    );
}

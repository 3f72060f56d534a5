//! `--format yaml`: the model written back as a model file. Loading it gives the same model;
//! a narrowed view (root, depth, date, filter) keeps every fact that touches an entity in view,
//! the entities it names outside the view written as stubs, so the result loads on its own
//! (see `narrowed`). Strings with invisible or format characters are written with escapes (see
//! `escaped`).

use std::io::{self, Write};

use crate::model::Model;
use crate::org::{EntityId, Org};

use super::DumpOptions;
use super::view::View;

mod escaped;
mod narrowed;

/// The entities outside the view that a narrowed YAML dump keeps as stubs, because facts it
/// keeps name them; none for the whole model.
pub fn stubs(org: &Org, options: &DumpOptions) -> Vec<EntityId> {
    let view = View::of_model(org, options);
    if view.whole {
        return Vec::new();
    }
    narrowed::narrowed(org, &view).stubs
}

pub fn write(org: &Org, options: &DumpOptions, out: &mut impl Write) -> io::Result<()> {
    let view = View::of_model(org, options);
    let model = if view.whole {
        org.model.clone()
    } else {
        narrowed::narrowed(org, &view).model
    };
    written(
        &model,
        "# An orgtree model (see docs/model.md), written by orgtree --dump --format yaml.",
        out,
    )
}

/// The whole model of `org`, imported from `origin` (a name already made safe to print), as a
/// model file.
pub fn write_imported(org: &Org, origin: &str, out: &mut impl Write) -> io::Result<()> {
    let heading = format!(
        "# An orgtree model (see docs/model.md), written by orgtree import from {}.\n\
         # Add sources, notes and dates by hand; `orgtree --check` this file after each edit.",
        origin.replace(['\n', '\r'], " ")
    );
    written(&org.model, &heading, out)
}

fn written(model: &Model, heading: &str, out: &mut impl Write) -> io::Result<()> {
    let text = escaped::to_string(model).map_err(io::Error::other)?;
    writeln!(out, "{heading}")?;
    out.write_all(text.as_bytes())
}

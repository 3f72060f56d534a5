//! Times each stage of loading a model file, next to the bare parse of the same text by the
//! same library (YAML or JSON) into nothing, which is the floor our own work is measured from:
//!
//!     cargo run --release --example timing -- FILE

use std::time::Instant;

use orgtree::load::{ModelText, Syntax, parse};
use orgtree::org::Org;
use serde::de::IgnoredAny;

// The binary's allocator, so that the stages cost here what they cost there.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: timing FILE")?;
    let t = Instant::now();
    let file = ModelText {
        name: path.clone(),
        text: std::fs::read_to_string(&path)?,
    };
    let read = t.elapsed();
    let syntax = Syntax::of(&file);
    let text = file.text;

    let t = Instant::now();
    match syntax {
        Syntax::Json => {
            serde_json::from_str::<IgnoredAny>(&text)?;
        }
        Syntax::Yaml => {
            // No budgets: the library at full speed.
            let options = serde_saphyr::options! { budget: None };
            serde_saphyr::from_str_with_options::<IgnoredAny>(&text, options)?;
        }
    }
    let bare = t.elapsed();

    let t = Instant::now();
    let model = parse(&text, syntax).map_err(|d| d.message)?;
    let parsed = t.elapsed();
    let t = Instant::now();
    let (org, _) =
        Org::new(model).map_err(|d| format!("not a valid model: {} problems", d.len()))?;
    let resolved = t.elapsed();
    let t = Instant::now();
    let options =
        orgtree::app::Options::new(path.clone(), ratatui::layout::Rect::new(0, 0, 120, 40));
    let app = orgtree::app::App::new(org, options);
    let frame = orgtree::headless::frame(&app);
    let drawn = t.elapsed();
    let org = app.org();
    assert!(!frame.is_empty());
    let ours = parsed + resolved + drawn;
    println!(
        "{syntax:?} {} bytes, {} entities: read {read:?}; bare parse {bare:?}; \
         parse {parsed:?} + resolve and validate {resolved:?} + first frame {drawn:?} \
         = {ours:?} ({:.2}x bare)",
        text.len(),
        org.entity_count(),
        ours.as_secs_f64() / bare.as_secs_f64()
    );
    Ok(())
}

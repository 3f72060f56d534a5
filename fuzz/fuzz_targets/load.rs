//! Any bytes as a model file: loading, validation, every dump and a frame of the explorer must
//! end in a model or in diagnostics, never in a panic or a hang.

#![no_main]

use libfuzzer_sys::fuzz_target;
use orgtree::dump::{self, DumpOptions, Format};
use orgtree::load::load_bytes;
use ratatui::layout::Rect;

fuzz_target!(|data: &[u8]| {
    match load_bytes("fuzz.yaml".into(), data.to_vec()) {
        Err(e) => {
            let _ = e.render();
        }
        Ok(loaded) => {
            for format in [Format::Tree, Format::Json] {
                let options = DumpOptions {
                    format,
                    ..DumpOptions::default()
                };
                let mut out = Vec::new();
                dump::write(&loaded.org, &options, &mut out).expect("writing to memory");
            }
            let first = loaded.org.model.events.first().map(|e| e.date.first_day());
            if let Some(day) = first {
                let mut out = Vec::new();
                dump::write_diff(&loaded.org, day, day, &mut out).expect("writing to memory");
            }
            let mut app = orgtree::app::App::new(loaded.org, "fuzz.yaml".into(), Rect::new(0, 0, 60, 16));
            orgtree::headless::press(&mut app, "jjE<Tab>jj<Enter>/a<Enter>t<Enter><lt><gt>D").expect("a valid script");
            let _ = orgtree::headless::frame(&app);
        }
    }
});

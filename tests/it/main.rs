//! orgtree's integration tests, as one crate: the test build links once, not once per file.
//! Each module is what a file under `tests/` used to be; `cargo test --test it MODULE` runs one.

// Test code as a whole, so that clippy.toml's allow-unwrap-in-tests covers its helpers too.
#![cfg(test)]

mod arbitrary_models;
mod bad_inputs;
mod bods;
mod chart;
mod cli;
mod common;
mod competing_shown;
mod completion;
mod dump_dates;
mod dump_snapshots;
mod every_problem;
mod examples;
mod exports;
mod fast_yaml;
mod headcount;
mod hostile;
mod hostile_exports;
mod import_tables;
mod imports;
mod json_models;
mod layers;
mod manual;
mod over_time;
mod owners;
mod owners_graph;
mod parallel_yaml;
mod properties;
mod root_subtree;
mod screens;
mod shipped_model;
mod svg;
mod terminal;
mod unicode_screen;

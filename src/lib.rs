//! orgtree: explore an organisation's structure, ownership, leaders and history.
//!
//! Data flows one way: a model file is [`load`]ed into a [`model::Model`], resolved and
//! validated into an [`org::Org`], and shown by [`dump`] (and the explorer).

pub mod app;
pub mod chart;
pub mod cli;
pub mod diagnostic;
pub mod document;
pub mod dump;
pub mod geometry;
pub mod headcount;
pub mod headless;
pub mod history;
pub mod import;
pub mod keys;
pub mod load;
pub mod model;
pub mod org;
pub mod ownership;
pub mod sanitize;
pub mod search;
pub mod suggest;
pub mod synthetic;
pub mod term;
pub mod theme;
pub mod ui;
pub mod visibility;
pub mod words;

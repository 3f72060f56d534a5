//! Helpers the integration tests share.

use orgtree::dump::{self, DumpOptions, Format};
use orgtree::org::Org;

/// The whole dump of `org` in `format`, with the default options, as text.
pub fn dump(org: &Org, format: Format) -> String {
    let mut out = Vec::new();
    let options = DumpOptions {
        format,
        ..DumpOptions::default()
    };
    dump::write(org, &options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

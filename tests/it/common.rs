//! Helpers the integration tests share.

use orgtree::dump::{self, DumpOptions, Format};
use orgtree::org::Org;

/// The model cache directory every orgtree the tests start is given (`XDG_CACHE_HOME`), so
/// that no test reads or writes the cache of whoever runs them.
pub fn cache_home() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache-home")
}

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

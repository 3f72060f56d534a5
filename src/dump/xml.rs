//! Text for the XML formats (GraphML, SVG): made safe to show, then escaped.

use crate::sanitize::sanitize;

/// Text for XML: made safe to show (no control character, which XML 1.0 cannot hold even
/// escaped), then its five special characters escaped.
pub(super) fn xml(text: &str) -> String {
    let mut out = String::new();
    for c in sanitize(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_five_are_escaped_and_controls_made_visible() {
        assert_eq!(
            super::xml("<a href=\"x\">'&'</a>\u{1b}[2J\u{202e}"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\\u{1b}[2J\\u{202e}"
        );
    }
}

//! A source's URL as it may leave the explorer: to a browser (`x`), to the clipboard (`u`), and
//! into an OSC 8 hyperlink. A model's URL is untrusted text: only `http`, `https` and `mailto`
//! are let through (never `javascript:`, `file:` or a scheme a desktop hands to some program),
//! a control or invisible character rejects it (an ESC or BEL would end the OSC 8 sequence and
//! start another), and spaces and other non-ASCII characters are percent-encoded, so that what
//! comes out is one printable ASCII word.

/// The longest URL let through, in bytes: terminals drop longer OSC 8 targets.
pub const MAX: usize = 2048;

/// The URL made safe to hand on, or why it is not.
pub fn web(raw: &str) -> Result<String, &'static str> {
    let raw = raw.trim_matches(|c: char| c == ' ' || c == '\t');
    if raw.chars().any(super::is_unsafe) {
        return Err("it holds a control or invisible character");
    }
    let Some((scheme, rest)) = raw.split_once(':') else {
        return Err("it has no scheme (http, https or mailto)");
    };
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => {
            let host = rest
                .strip_prefix("//")
                .map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
            if host.is_none_or(|h| h.is_empty() || h.starts_with('@')) {
                return Err("it names no host");
            }
        }
        "mailto" if !rest.is_empty() => {}
        "mailto" => return Err("it names no address"),
        _ => return Err("only http, https and mailto URLs are opened"),
    }
    let mut url = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_graphic() {
            url.push(c);
        } else {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                url.push_str(&format!("%{b:02X}"));
            }
        }
    }
    if url.len() > MAX {
        return Err("it is longer than 2048 bytes");
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls_and_mail_pass_with_spaces_encoded() {
        assert_eq!(
            web("https://example.com/a?b=c#d"),
            Ok("https://example.com/a?b=c#d".into())
        );
        assert_eq!(web(" HTTP://example.com "), Ok("HTTP://example.com".into()));
        assert_eq!(
            web("https://example.com/annual report.pdf"),
            Ok("https://example.com/annual%20report.pdf".into())
        );
        assert_eq!(
            web("https://exämple.com/é"),
            Ok("https://ex%C3%A4mple.com/%C3%A9".into())
        );
        assert_eq!(
            web("mailto:press@example.com"),
            Ok("mailto:press@example.com".into())
        );
    }

    #[test]
    fn other_schemes_and_hostless_urls_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>",
            "vbscript:x",
            "ssh://host",
            "example.com/page",
            "https:example.com",
            "https://",
            "https:///path",
            "mailto:",
            "",
        ] {
            assert!(web(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn control_characters_and_line_breaks_are_refused() {
        for bad in [
            "https://example.com/\x1b]8;;https://evil\x1b\\",
            "https://example.com/\x07",
            "https://example.com/a\nb",
            "https://example.com/a\rb",
            "https://example.com/\u{202e}gpj.exe",
            "https://example.com/\u{200b}",
            "https://example.com/\u{9c}",
        ] {
            assert!(web(bad).is_err(), "{bad:?}");
        }
        let long = format!("https://example.com/{}", "a".repeat(MAX));
        assert!(web(&long).is_err());
    }
}

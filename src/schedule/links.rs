//! A session's links, as the organiser's export gives them: the talk's own page, a video
//! (the recording, or the live stream) and a chat room.
//!
//! Only web addresses are kept ([`web_address`]): an address that is not `http://` or
//! `https://`, or that holds spaces, quotes or angle brackets, is left out by the reader, so
//! every writer (HTML, Markdown, iCalendar) can put a link in as it is, without a
//! `javascript:` address or a broken attribute slipping through.

use serde::{Deserialize, Serialize};

/// A session's links; each is a checked web address ([`web_address`]) or absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Links {
    /// The talk's page on the conference's site (frab/pretalx `url`, iCalendar `URL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// Its video: the recording once there is one, else the live stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<String>,
    /// Its chat room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat: Option<String>,
}

impl Links {
    /// Whether the session has no link at all.
    pub fn is_empty(&self) -> bool {
        self.page.is_none() && self.video.is_none() && self.chat.is_none()
    }

    /// The links there are, each with its label (`page`, `video`, `chat`), in that order.
    pub fn labelled(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("page", &self.page),
            ("video", &self.video),
            ("chat", &self.chat),
        ]
        .into_iter()
        .filter_map(|(label, url)| url.as_deref().map(|u| (label, u)))
    }
}

/// `text` as a web address (trimmed), or `None` when it is not one: it must start with
/// `http://` or `https://` (in any case), name a host, and hold no whitespace, control
/// character, quote, backslash or angle bracket, and be at most 2,000 characters long.
pub fn web_address(text: &str) -> Option<String> {
    web_address_in(text).map(str::to_string)
}

/// [`web_address`] as a part of `text`, without a copy.
pub fn web_address_in(text: &str) -> Option<&str> {
    let text = text.trim();
    let starts = |scheme: &str| {
        text.as_bytes()
            .get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme.as_bytes()))
    };
    let rest = if starts("https://") {
        &text[8..]
    } else if starts("http://") {
        &text[7..]
    } else {
        return None;
    };
    let host_given = rest
        .chars()
        .next()
        .is_some_and(|c| !matches!(c, '/' | '?' | '#'));
    let refused = |c: char| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
    };
    // ASCII (most addresses) byte by byte: its whitespace and control characters are the
    // bytes up to a space and DEL, looked at all without stopping early (in vector
    // instructions).
    let clean = if text.is_ascii() {
        let bad = |b: u8| {
            u8::from(b <= b' ')
                | u8::from(b == 0x7f)
                | u8::from(b == b'"')
                | u8::from(b == b'\'')
                | u8::from(b == b'<')
                | u8::from(b == b'>')
                | u8::from(b == b'\\')
                | u8::from(b == b'`')
        };
        text.bytes().fold(0u8, |seen, b| seen | bad(b)) == 0
    } else {
        !text.chars().any(refused)
    };
    (host_given && clean && text.len() <= 2000).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte-wise check of an ASCII address refuses what the character-wise rule
        /// refuses: whitespace, control characters, quotes, backslash, angle brackets.
        #[test]
        fn ascii_addresses_are_checked_as_their_characters_are(
            path in "[ -~\t\r\n\x0b\x0c\x00-\x08\x7f]{0,40}",
        ) {
            let text = format!("https://example.org/{path}x");
            let refused = |c: char| {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
            };
            let trimmed = text.trim();
            proptest::prop_assert_eq!(
                web_address_in(&text).is_some(),
                !trimmed.chars().any(refused)
            );
        }
    }

    #[test]
    fn only_clean_web_addresses_are_kept() {
        assert_eq!(
            web_address("  https://fosdem.org/2025/schedule/event/x/ "),
            Some("https://fosdem.org/2025/schedule/event/x/".to_string())
        );
        assert_eq!(
            web_address("HTTP://example.org"),
            Some("HTTP://example.org".to_string())
        );
        for bad in [
            "javascript:alert(1)",
            "ftp://example.org/",
            "https://",
            "https:///path",
            "https://example.org/a b",
            "https://example.org/\"onmouseover=\"x",
            "https://example.org/<script>",
            "data:text/html,hi",
            "",
        ] {
            assert_eq!(web_address(bad), None, "{bad}");
        }
        assert_eq!(
            web_address(&format!("https://e.org/{}", "a".repeat(2000))),
            None
        );
    }

    #[test]
    fn labelled_lists_the_links_there_are_in_order() {
        let links = Links {
            page: Some("https://a.org/".into()),
            video: None,
            chat: Some("https://c.org/".into()),
        };
        let got: Vec<_> = links.labelled().collect();
        assert_eq!(
            got,
            [("page", "https://a.org/"), ("chat", "https://c.org/")]
        );
        assert!(!links.is_empty());
        assert!(Links::default().is_empty());
    }
}

//! A session's links from an export's event: its `url` (the talk's page) and its list of
//! links, sorted into the three a session keeps ([`Links`]): the page, a video (recording or
//! live stream) and a chat room. Feedback forms, slides and the speakers' own links are left
//! to the talk's page.
//!
//! What the real exports hold: FOSDEM's Pentabarf XML lists `<link href>`s titled "Video
//! recording (AV1/WebM)", "Video recording (MP4)", "Video recording subtitle file (VTT)",
//! "Chat room(web)", "Chat room(app)", "Submit Feedback", "Slides" …; frab and pretalx list
//! `links` as `{url, title}` and may give `video_download_url`; c3voc's schedule2 types its
//! links (`MEDIA`, `FEEDBACK`, `ORIGIN`, …) and may name a video `service`; iCalendar gives
//! only `URL`.

use crate::schedule::Links;
use crate::schedule::links::{web_address, web_address_in};

/// One link of an event, as found: its address, its title and its type when the format
/// types links (schedule2's `type`, `service`; `video` for frab's `video_download_url`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawLink {
    /// The address, as written.
    pub url: String,
    /// Its title, as written ("" when none).
    pub title: String,
    /// Its type or service, as written, when given.
    pub kind: Option<String>,
}

impl RawLink {
    /// Whether this is a video of the talk (at the cleaned address `url`): typed `MEDIA`, from
    /// a video service, titled as a video recording or stream (a subtitle file is not), or an
    /// address ending in a video file's extension.
    fn is_video(&self, url: &str) -> bool {
        let title = Folded::of(&self.title);
        let url = Folded::of(url);
        let titled =
            (title.starts_with("video") || title.contains("stream") || title.contains("recording"))
                && !title.contains("subtitle");
        is_video_kind(self.kind.as_deref().unwrap_or_default())
            || titled
            || [".mp4", ".webm", ".m3u8"].iter().any(|e| url.ends_with(e))
    }

    /// Whether this is the talk's chat room (at the cleaned address `url`): titled so, or on
    /// a Matrix or chat host.
    fn is_chat(&self, url: &str) -> bool {
        let title = Folded::of(&self.title);
        let url = Folded::of(url);
        title.starts_with("chat")
            || title.contains("chat room")
            || url.contains("://matrix.to/")
            || url.contains("://chat.")
    }
}

/// Whether a link's type names a video, as its [`str::to_uppercase`] does: an ASCII type (every
/// one seen) is compared ignoring ASCII case, without a copy; any other is uppercased (`ı`
/// uppercases to `I`, so `medıa` is `MEDIA`).
fn is_video_kind(kind: &str) -> bool {
    const VIDEO: [&str; 4] = ["MEDIA", "MEDIACCCDE", "PEERTUBE", "VIDEO"];
    if kind.is_ascii() {
        VIDEO.iter().any(|v| v.eq_ignore_ascii_case(kind))
    } else {
        VIDEO.contains(&kind.to_uppercase().as_str())
    }
}

/// A text as [`str::to_lowercase`] has it, for finding lowercase ASCII words in: ASCII text
/// (most titles and addresses) is compared ignoring ASCII case where it stands, without a copy;
/// other text is lowercased.
enum Folded<'a> {
    Ascii(&'a [u8]),
    Lowered(String),
}

impl<'a> Folded<'a> {
    fn of(text: &'a str) -> Self {
        if text.is_ascii() {
            Folded::Ascii(text.as_bytes())
        } else {
            Folded::Lowered(text.to_lowercase())
        }
    }

    /// `word` is lowercase ASCII.
    fn starts_with(&self, word: &str) -> bool {
        match self {
            Folded::Ascii(text) => text
                .get(..word.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(word.as_bytes())),
            Folded::Lowered(text) => text.starts_with(word),
        }
    }

    /// `word` is lowercase ASCII.
    fn ends_with(&self, word: &str) -> bool {
        match self {
            Folded::Ascii(text) => text
                .len()
                .checked_sub(word.len())
                .is_some_and(|at| text[at..].eq_ignore_ascii_case(word.as_bytes())),
            Folded::Lowered(text) => text.ends_with(word),
        }
    }

    /// `word` is lowercase ASCII and not empty.
    fn contains(&self, word: &str) -> bool {
        match self {
            // Where the first byte stands in either case (memchr), then the rest.
            Folded::Ascii(text) => {
                let word = word.as_bytes();
                let first = word[0];
                memchr::memchr2_iter(first, first.to_ascii_uppercase(), text).any(|at| {
                    text.get(at..at + word.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(word))
                })
            }
            Folded::Lowered(text) => text.contains(word),
        }
    }
}

/// The session's links: `page` when it is a web address, else a link typed `ORIGIN`; the
/// first video (an MP4 when there is one, which every phone plays) and the first chat room
/// among `links`. Addresses that are not web addresses are left out (see [`web_address`]);
/// returns how many were.
pub fn sort_links(page: Option<&str>, links: &[RawLink]) -> (Links, usize) {
    let mut dropped = 0;
    // Each usable link with its cleaned address; nothing is copied but the three kept.
    let mut usable: Vec<(&str, &RawLink)> = Vec::with_capacity(links.len());
    for link in links {
        match web_address_in(&link.url) {
            Some(url) => usable.push((url, link)),
            None => dropped += 1,
        }
    }
    let page = match page.filter(|p| !p.trim().is_empty()) {
        Some(p) => {
            let clean = web_address(p);
            dropped += usize::from(clean.is_none());
            clean
        }
        None => None,
    };
    let page = page.or_else(|| {
        usable
            .iter()
            .find(|(_, l)| {
                l.kind
                    .as_deref()
                    .is_some_and(|k| k.eq_ignore_ascii_case("ORIGIN"))
            })
            .map(|(url, _)| url.to_string())
    });
    // Whether each is a video, told once: the chat room is the first link that is not one.
    let video_at: Vec<bool> = usable.iter().map(|(url, l)| l.is_video(url)).collect();
    let videos = || {
        usable
            .iter()
            .zip(&video_at)
            .filter(|(_, is)| **is)
            .map(|((url, _), _)| *url)
    };
    let video = videos()
        .find(|url| Folded::of(url).ends_with(".mp4"))
        .or_else(|| videos().next())
        .map(str::to_string);
    let chat = usable
        .iter()
        .zip(&video_at)
        .find(|((url, l), is)| !**is && l.is_chat(url))
        .map(|((url, _), _)| url.to_string());
    (Links { page, video, chat }, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The words the links are told by, found as in the lowercased text: ASCII ignoring
        /// case, anything else (the Kelvin sign lowercases to `k`) lowercased.
        #[test]
        fn folded_text_finds_what_the_lowercased_text_holds(
            text in "[a-zA-Z:/. ()\u{212a}\u{130}é]{0,24}",
            word in proptest::sample::select(vec!["video", "stream", "chat room", "://chat.", ".mp4", "k", "i"]),
        ) {
            let lower = text.to_lowercase();
            let folded = Folded::of(&text);
            proptest::prop_assert_eq!(folded.starts_with(word), lower.starts_with(word));
            proptest::prop_assert_eq!(folded.ends_with(word), lower.ends_with(word));
            proptest::prop_assert_eq!(folded.contains(word), lower.contains(word));
        }
    }

    proptest::proptest! {
        /// A link's type names a video as its uppercased text does, in any case and script.
        #[test]
        fn video_kinds_are_told_as_their_uppercased_text(
            kind in "[mMeEdDiIaAcCpPtTuUvVoO\u{131}\u{17f}é]{0,10}",
            named in proptest::sample::select(vec!["media", "MediaCCCde", "peertube", "Video", "ORIGIN", "med\u{131}a"]),
        ) {
            for kind in [kind.as_str(), named] {
                let upper = kind.to_uppercase();
                proptest::prop_assert_eq!(
                    is_video_kind(kind),
                    matches!(upper.as_str(), "MEDIA" | "MEDIACCCDE" | "PEERTUBE" | "VIDEO")
                );
            }
        }
    }

    fn link(url: &str, title: &str) -> RawLink {
        RawLink {
            url: url.into(),
            title: title.into(),
            kind: None,
        }
    }

    #[test]
    fn fosdem_links_give_the_mp4_recording_and_the_web_chat() {
        let links = [
            link(
                "https://video.fosdem.org/2025/janson/x.av1.webm",
                "Video recording (AV1/WebM) - 56.3 MB",
            ),
            link(
                "https://video.fosdem.org/2025/janson/x.mp4",
                "Video recording (MP4) - 357.1 MB",
            ),
            link(
                "https://video.fosdem.org/2025/janson/x.vtt",
                "Video recording subtitle file (VTT)",
            ),
            link(
                "https://chat.fosdem.org/#/room/#2025-keynote:fosdem.org",
                "Chat room(web)",
            ),
            link(
                "https://matrix.to/#/#2025-keynote:fosdem.org",
                "Chat room(app)",
            ),
            link(
                "https://submission.fosdem.org/feedback/6712.php",
                "Submit Feedback",
            ),
        ];
        let (got, dropped) = sort_links(Some("https://fosdem.org/2025/schedule/event/x/"), &links);
        assert_eq!(dropped, 0);
        assert_eq!(
            got.page.as_deref(),
            Some("https://fosdem.org/2025/schedule/event/x/")
        );
        assert_eq!(
            got.video.as_deref(),
            Some("https://video.fosdem.org/2025/janson/x.mp4")
        );
        assert_eq!(
            got.chat.as_deref(),
            Some("https://chat.fosdem.org/#/room/#2025-keynote:fosdem.org")
        );
    }

    #[test]
    fn a_typed_origin_is_the_page_when_there_is_no_url_and_feedback_is_no_link() {
        let links = [
            RawLink {
                url: "https://fahrplan.example/talk/HQ/".into(),
                title: String::new(),
                kind: Some("ORIGIN".into()),
            },
            RawLink {
                url: "https://fahrplan.example/talk/HQ/feedback/".into(),
                title: String::new(),
                kind: Some("FEEDBACK".into()),
            },
        ];
        let (got, _) = sort_links(None, &links);
        assert_eq!(
            got.page.as_deref(),
            Some("https://fahrplan.example/talk/HQ/")
        );
        assert_eq!((got.video, got.chat), (None, None));
    }

    #[test]
    fn addresses_that_are_not_web_addresses_are_left_out_and_counted() {
        let links = [link("javascript:alert(1)", "Video recording")];
        let (got, dropped) = sort_links(Some("/relative/page"), &links);
        assert!(got.is_empty());
        assert_eq!(dropped, 2);
    }
}

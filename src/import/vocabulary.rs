//! The topic vocabulary: the topics talks are tagged with, and the words that signal each.
//!
//! **Rule for imported talks** (not breaks or social events; see `docs/guide/other-conferences.md`
//! for users and `docs/design/topics.md` for how well it does):
//!
//! - **topics** (full weight): every topic one of whose words occurs in the talk's *track* name
//!   (so the eBPF devroom gives `bpf`, the Rust devroom `rust`, "Free Java" `java`) or in its
//!   *title*;
//! - a word that occurs only in the *abstract* is no topic. A like still finds it there at the
//!   lower "in the text" weight when the mention is not incidental: the word (or another word
//!   of the same topic) occurs at least twice, or in the abstract's first sentence (see
//!   `prefs::interests`).
//!
//! Words are compared as [`crate::words`] splits and folds them; a word written here with a
//! capital (`Go`) must be written with a capital in the text too, since `go` is an everyday
//! English word. Generic words that say nothing about a talk's subject (community, update,
//! project, …) are not in the vocabulary. The vocabulary is fixed, so the same file always gets
//! the same topics.

use crate::words::{Lexicon, Phrases, Tokens};

/// One topic and the words that signal it.
#[derive(Debug, Clone, Copy)]
pub struct Term {
    /// The topic added to the session.
    pub topic: &'static str,
    /// Words or phrases that signal the topic (`risc-v` is the phrase `risc v`); a capital
    /// first letter must match a capital in the text.
    pub words: &'static [&'static str],
}

const fn t(topic: &'static str, words: &'static [&'static str]) -> Term {
    Term { topic, words }
}

/// The vocabulary, in the order topics are added.
pub const TERMS: &[Term] = &[
    t("rust", &["rust", "rustlang", "cargo"]),
    t("python", &["python", "cpython", "pypi"]),
    t("go", &["Go", "golang"]),
    t("c++", &["c++", "cpp"]),
    t("java", &["java", "jvm", "openjdk"]),
    t(
        "javascript",
        &["javascript", "typescript", "node.js", "nodejs"],
    ),
    t("webassembly", &["webassembly", "wasm"]),
    t("llvm", &["llvm", "clang"]),
    t("kernel", &["kernel", "kernels"]),
    t("systemd", &["systemd"]),
    t(
        "security",
        &["security", "secure", "vulnerability", "vulnerabilities"],
    ),
    t("encryption", &["encryption", "cryptography", "crypto"]),
    t(
        "containers",
        &["container", "containers", "podman", "docker"],
    ),
    t("kubernetes", &["kubernetes", "k8s"]),
    t("bpf", &["bpf", "ebpf"]),
    t(
        "networking",
        &["network", "networking", "networks", "tcp", "ip", "dns"],
    ),
    t(
        "database",
        &[
            "database",
            "databases",
            "sql",
            "postgresql",
            "postgres",
            "mysql",
            "sqlite",
        ],
    ),
    t("boot", &["boot", "bootloader", "uefi", "firmware"]),
    t("tpm", &["tpm"]),
    t("attestation", &["attestation"]),
    t(
        "filesystems",
        &["filesystem", "filesystems", "btrfs", "ext4", "xfs"],
    ),
    t(
        "vm",
        &["virtualization", "vm", "vms", "kvm", "qemu", "hypervisor"],
    ),
    t("embedded", &["embedded", "microcontroller"]),
    t(
        "performance",
        &["performance", "latency", "benchmark", "benchmarks"],
    ),
    t("testing", &["testing", "tests", "fuzzing", "ci"]),
    t("debugging", &["debugging", "debugger", "gdb"]),
    t("tracing", &["tracing", "observability", "telemetry"]),
    t(
        "packaging",
        &["packaging", "packages", "flatpak", "nix", "rpm", "deb"],
    ),
    t(
        "distributions",
        &["distribution", "distributions", "distro", "distros"],
    ),
    t("desktop", &["desktop", "gnome", "kde", "wayland"]),
    t("ai", &["ai", "llm", "llms", "ml", "machine-learning"]),
    t(
        "legal",
        &[
            "license",
            "licensing",
            "legal",
            "gpl",
            "copyright",
            "legislation",
            "legislative",
            "regulation",
            "regulations",
        ],
    ),
    t(
        "hardware",
        &["hardware", "fpga", "cpu", "gpu", "risc-v", "riscv"],
    ),
    t("privacy", &["privacy", "surveillance"]),
];

/// The vocabulary entry a like or dislike belongs to: the one whose topic it is, else the one
/// whose word it is (`ebpf` → `bpf`, `golang` → `go`); case-insensitive.
pub fn family(term: &str) -> Option<&'static Term> {
    TERMS
        .iter()
        .find(|t| t.topic.eq_ignore_ascii_case(term))
        .or_else(|| {
            TERMS
                .iter()
                .find(|t| t.words.iter().any(|w| w.eq_ignore_ascii_case(term)))
        })
}

/// Phrases of a list of words (`risc-v`, `Go`) compiled against `lexicon`; words it does not
/// have occur nowhere and are left out.
pub fn phrases(lexicon: &Lexicon, words: &[&str]) -> Phrases {
    Phrases::new(words.iter().filter_map(|w| lexicon.phrase(w)).collect())
}

/// The vocabulary compiled against one lexicon, for matching its tokens.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    terms: Vec<(&'static str, Phrases)>,
}

impl Vocabulary {
    /// Compiles every word of [`TERMS`] against `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Self {
        let terms = TERMS
            .iter()
            .map(|t| (t.topic, phrases(lexicon, t.words)))
            .filter(|(_, phrases)| !phrases.is_empty())
            .collect();
        Vocabulary { terms }
    }

    /// The topics whose words occur in `tokens`, in vocabulary order.
    pub fn topics_in<'a>(&'a self, tokens: &'a Tokens) -> impl Iterator<Item = &'static str> + 'a {
        self.terms
            .iter()
            .filter(|(_, phrases)| phrases.occur_in(tokens))
            .map(|(topic, _)| *topic)
    }
}

/// The topics of a text on its own, with a lexicon of its own (for tests and one-off uses).
pub fn topics_in(text: &str) -> Vec<&'static str> {
    let mut lexicon = Lexicon::new();
    let tokens = lexicon.tokenise(text);
    Vocabulary::new(&lexicon).topics_in(&tokens).collect()
}

#[cfg(test)]
mod tests {
    use super::{family, topics_in};

    #[test]
    fn whole_words_only() {
        assert_eq!(
            topics_in("Writing a kernel driver in Rust"),
            vec!["rust", "kernel"]
        );
        assert!(topics_in("Trusted kernelspace").is_empty());
    }

    #[test]
    fn go_needs_its_capital() {
        assert_eq!(topics_in("Profiling Go services"), vec!["go"]);
        assert!(topics_in("where do we go from here").is_empty());
    }

    #[test]
    fn dashed_and_dotted_words() {
        assert_eq!(
            topics_in("systemd-boot and C++ on RISC-V."),
            vec!["c++", "systemd", "boot", "hardware"]
        );
    }

    #[test]
    fn generic_words_are_no_topics() {
        assert!(topics_in("An update from the community about the project").is_empty());
    }

    #[test]
    fn every_topic_is_one_of_its_own_words() {
        for term in super::TERMS {
            assert!(
                term.words
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(term.topic)),
                "{}",
                term.topic
            );
        }
    }

    #[test]
    fn aliases_lead_to_their_topic() {
        assert_eq!(family("eBPF").map(|t| t.topic), Some("bpf"));
        assert_eq!(family("golang").map(|t| t.topic), Some("go"));
        assert_eq!(family("rust").map(|t| t.topic), Some("rust"));
        assert!(family("sysext").is_none());
    }
}

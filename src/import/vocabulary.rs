//! The topic vocabulary that imported talks are tagged with, besides their track.
//!
//! **Rule.** An imported talk (not a break or social event) gets, after its track's slug, every
//! topic of [`TERMS`] one of whose words occurs as a *whole word* in its title or abstract, in
//! the order of [`TERMS`]. Words are runs of letters, digits, `+` and `#`, compared
//! case-insensitively — except the words marked case-sensitive (`Go`), which are everyday English
//! words in lower case. So a talk titled "Writing a kernel driver in Rust" gets `rust` and
//! `kernel`, and `agenda plan --likes rust` finds it in any imported schedule.
//!
//! The vocabulary holds the topics of the embedded All Systems Go! schedule plus common ones of
//! open-source conferences; it is fixed so that the same file always gets the same topics.

/// One topic and the words that signal it.
#[derive(Debug, Clone, Copy)]
pub struct Term {
    /// The topic added to the session.
    pub topic: &'static str,
    /// Words that signal the topic (lowercase unless `case_sensitive`).
    pub words: &'static [&'static str],
    /// Whether the words must match exactly, capitals included.
    pub case_sensitive: bool,
}

const fn t(topic: &'static str, words: &'static [&'static str]) -> Term {
    Term {
        topic,
        words,
        case_sensitive: false,
    }
}

/// The vocabulary, in the order topics are added.
pub const TERMS: &[Term] = &[
    t("rust", &["rust", "rustlang", "cargo"]),
    t("python", &["python", "cpython", "pypi"]),
    Term {
        topic: "go",
        words: &["Go", "Golang", "golang"],
        case_sensitive: true,
    },
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
    t(
        "embedded",
        &["embedded", "microcontroller", "riscv", "risc-v"],
    ),
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
    t("updates", &["update", "updates", "upgrade", "upgrades"]),
    t("ai", &["ai", "llm", "llms", "ml", "machine-learning"]),
    t("community", &["community", "communities"]),
    t(
        "legal",
        &["license", "licensing", "legal", "gpl", "copyright"],
    ),
    t("hardware", &["hardware", "fpga", "cpu", "gpu"]),
    t("privacy", &["privacy", "surveillance"]),
];

/// The topics of [`TERMS`] whose words occur as whole words in `text`, in vocabulary order.
pub fn topics_in(text: &str) -> Vec<&'static str> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '+' | '#' | '-' | '.')))
        .flat_map(|w| {
            // Keep "c++", "node.js" and "risc-v" whole, but also try them without trailing
            // punctuation and split at dashes ("systemd-boot" holds "boot").
            let trimmed = w.trim_matches(|c: char| c == '.' || c == '-');
            std::iter::once(trimmed).chain(trimmed.split(['-', '.']))
        })
        .filter(|w| !w.is_empty())
        .collect();
    // Sets for membership only: the result follows the vocabulary's order.
    let lower: std::collections::BTreeSet<String> =
        words.iter().map(|w| w.to_lowercase()).collect();
    let words: std::collections::BTreeSet<&str> = words.into_iter().collect();
    TERMS
        .iter()
        .filter(|term| {
            term.words.iter().any(|&want| {
                if term.case_sensitive {
                    words.contains(want)
                } else {
                    lower.contains(want)
                }
            })
        })
        .map(|term| term.topic)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::topics_in;

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
            topics_in("systemd-boot and C++."),
            vec!["c++", "systemd", "boot"]
        );
    }
}

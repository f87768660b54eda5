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
//! Words are compared as [`crate::words`] splits and folds them, each with its forms
//! ([`crate::words::forms`]: `encrypted` for `encryption`); a word written here with a capital
//! (`Go`) must be written with a capital in the text too, since `go` is an everyday English
//! word. The senses are matched as written (with a plural only), so that they can name a form
//! that means something else in the field (`distributed` beside `distribution`, `embedding`
//! beside `embedded`, `peer` beside `peering`, `authentic` beside `authentication`). Generic words that say nothing about a talk's subject (community, update,
//! project, …) are not in the vocabulary. The vocabulary is fixed, so the same file always gets
//! the same topics.

use crate::words::{Lexicon, Phrases, Tokens};

/// One topic, the words that name it, the words that signal it and the senses that do not.
#[derive(Debug, Clone, Copy)]
pub struct Term {
    /// The topic added to the session.
    pub topic: &'static str,
    /// Words or phrases that name the topic (`risc-v` is the phrase `risc v`): a like of one of
    /// them is a like of the topic. A capital first letter must match a capital in the text.
    pub words: &'static [&'static str],
    /// More words or phrases that signal the topic without naming it (`cve` and `supply chain`
    /// for `security`), comma-separated; a like of one of them is a like of that word only.
    pub related: &'static str,
    /// Phrases, comma-separated, in which a signalling word means something else (`gpu kernel`,
    /// `social network`, `shipping container`), or forms of a signal that mean something else
    /// (`distributed` for `distribution`), matched as written: a signal inside one does not
    /// count.
    pub senses: &'static str,
    /// Narrower topics a like of this one seeks too (`security` seeks `attestation`).
    pub includes: &'static [&'static str],
}

const fn t(topic: &'static str, words: &'static [&'static str]) -> Term {
    Term {
        topic,
        words,
        related: "",
        senses: "",
        includes: &[],
    }
}

impl Term {
    const fn related(mut self, related: &'static str) -> Term {
        self.related = related;
        self
    }

    const fn senses(mut self, senses: &'static str) -> Term {
        self.senses = senses;
        self
    }

    const fn includes(mut self, includes: &'static [&'static str]) -> Term {
        self.includes = includes;
        self
    }

    /// Every word or phrase that signals the topic: its names, then its related words.
    pub fn signals(&self) -> impl Iterator<Item = &'static str> {
        self.words.iter().copied().chain(list(self.related))
    }

    /// The phrases of other senses.
    pub fn other_senses(&self) -> impl Iterator<Item = &'static str> {
        list(self.senses)
    }
}

/// The items of a comma-separated list, trimmed.
fn list(items: &'static str) -> impl Iterator<Item = &'static str> {
    items.split(',').map(str::trim).filter(|w| !w.is_empty())
}

/// The vocabulary, in the order topics are added.
///
/// The related words and other senses of the eight interests measured on a labelled sample
/// (security, containers, networking, kernel, rust, database, embedded, ai: see
/// docs/guide/interests.md) come from general knowledge of each field, not from the sample: a
/// word is here because it means the field wherever it appears, not because one talk needs it.
pub const TERMS: &[Term] = &[
    t("rust", &["rust", "rustlang", "cargo"])
        .related("rustc, crates.io, rustacean, tokio, bevy, tauri")
        .senses("cargo bike, cargo cult, cargo ship, cargo train, cargo transport, rust belt"),
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
    t("kernel", &["kernel", "kernels"])
        .related(
            "microkernel, linux kernel, syscall, system call, sched_ext, io_uring, kconfig, \
             kbuild, lkml, device driver, kernel module, cgroup, landlock, sel4, genode, hurd, \
             minix",
        )
        .senses(
            "gpu kernel, cuda kernel, compute kernel, jupyter kernel, ipython kernel, \
             notebook kernel, triton kernel, opencl kernel, sycl kernel, vulkan kernel, \
             matmul kernel, gemm kernel, attention kernel, convolution kernel, fused kernel, \
             semantic kernel, kernel density, kernel method, kernel trick, math kernel, \
             unified kernel image",
        )
        .includes(&["bpf"]),
    t("systemd", &["systemd"]),
    t(
        "security",
        &["security", "secure", "vulnerability", "vulnerabilities"],
    )
    .related(
        "cybersecurity, infosec, appsec, devsecops, cve, exploit, attack, attacker, \
         threat model, threat modeling, threat modelling, malware, ransomware, backdoor, phishing, \
         ddos, xss, csrf, owasp, cryptographic, post-quantum, tls, ssl, openssl, x.509, pki, \
         certificate, sigstore, gnupg, gpg, pgp, openpgp, authentication, authenticate, \
         authorization, authorisation, oauth, openid, oidc, saml, kerberos, passkey, webauthn, \
         fido2, mfa, 2fa, password, credential, identity management, access management, \
         access control, identity provider, digital identity, federated identity, \
         self-sovereign identity, IAM, rbac, keycloak, freeipa, sssd, zero trust, sandbox, \
         sandboxing, sandboxed, seccomp, selinux, apparmor, landlock, hardening, \
         privilege escalation, privilege separation, least privilege, supply chain, sbom, \
         bill of materials, slsa, in-toto, confidential computing, trusted execution, TEE, \
         enclave, sgx, tdx, trustzone, measured boot, firewall, intrusion detection, \
         penetration testing, pentest, pentesting, memory safety, memory-safe, \
         Cyber Resilience Act, CRA, secrets management, transparency log",
    )
    .senses(
        "social security, food security, job security, energy security, security of supply, \
         secure funding, heart attack, authentic",
    )
    .includes(&["encryption", "attestation", "tpm"]),
    t("encryption", &["encryption", "cryptography", "crypto"]),
    t(
        "containers",
        &["container", "containers", "podman", "docker"],
    )
    .related(
        "containerized, containerised, containerization, containerisation, containerd, \
         dockerfile, OCI, lxc, lxd, incus, cgroup, runc, crun, buildah, skopeo, cri-o, bootc, \
         distroless, toolbx, distrobox, apptainer, user namespaces, linux namespaces",
    )
    .senses(
        "shipping container, container ship, container terminal, intermodal container, \
         container format, stl container, container class, container type, generic container",
    )
    .includes(&["kubernetes"]),
    t("kubernetes", &["kubernetes", "k8s"])
        .related("kubectl, helm, openshift, k3s, k0s, kubevirt, kubeflow, etcd, istio, knative")
        .senses("at the helm"),
    t("bpf", &["bpf", "ebpf"]),
    t(
        "networking",
        &["network", "networking", "networks", "tcp", "ip", "dns"],
    )
    .related(
        "ipv4, ipv6, udp, quic, http/2, http/3, bgp, ospf, dhcp, dnssec, DoH, vpn, \
         wireguard, openvpn, ipsec, firewall, nftables, iptables, netfilter, xdp, dpdk, sdn, \
         nfv, ethernet, wifi, wi-fi, wlan, 5g, packet, routing protocol, load balancer, \
         load balancing, NAT, mptcp, sctp, rdma, infiniband, wireshark, pcap, tcpdump, sflow, \
         netflow, ipfix, snmp, openwrt, ISP, peering, internet exchange, congestion control, \
         vlan, vxlan",
    )
    .senses(
        "neural network, social network, social networking, network effect, bayesian network, \
         professional network, convolutional network, adversarial network, deep network, \
         networking event, networking session, networking opportunity, \
         networking opportunities, transport network, road network, rail network, \
         railway network, power network, electricity network, heat network, ip core, ip block, \
         peer",
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
    )
    .related(
        "nosql, mariadb, duckdb, clickhouse, mongodb, cassandra, redis, valkey, tidb, \
         yugabytedb, cockroachdb, vitess, percona, citus, galera, innodb, rocksdb, questdb, \
         timescaledb, neo4j, couchdb, dbms, rdbms, oltp, olap, query planner, query optimizer, \
         query optimiser, query engine, key-value store, sharding",
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
    t("embedded", &["embedded", "microcontroller"])
        .related(
            "mcu, firmware, rtos, zephyr, freertos, nuttx, arduino, raspberry pi, esp32, stm32, \
             rp2040, micro:bit, yocto, buildroot, openembedded, openwrt, u-boot, device tree, \
             devicetree, bare metal, IoT, internet of things, i2c, gpio, uart, SoC, tinygo, \
             micropython, circuitpython, automotive",
        )
        .senses(
            "embedded in, embedded into, embedded within, embedded inside, embedded as, \
             embedded content, embedded font, embedded link, embedded analytics, \
             embedded database, embed, embedding",
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
    )
    .senses("distributed, distributing"),
    t("desktop", &["desktop", "gnome", "kde", "wayland"]),
    t("ai", &["ai", "llm", "llms", "ml", "machine-learning"])
        .related(
            "machine learning, artificial intelligence, deep learning, neural network, \
             large language model, language model, generative model, foundation model, genai, \
             gpt, chatgpt, openai, pytorch, tensorflow, onnx, llama, ggml, hugging face, \
             huggingface, RAG, embeddings, agentic, npu, computer vision, speech recognition, \
             stable diffusion, mlops, copilot, chatbot, open weights, fine-tuning, vllm, ollama",
        )
        .senses("standard ml"),
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

/// The signals of `terms` compiled against `lexicon`, each signal inside one of their other
/// senses (matched as written, with a plural: see [`Lexicon::exact_phrase`]) left uncounted;
/// with the words of the compiled phrases, in the same order (words the lexicon does not have
/// occur nowhere and are left out of both).
pub fn signals(lexicon: &Lexicon, terms: &[&Term]) -> (Phrases, Vec<&'static str>) {
    let (list, words): (Vec<_>, Vec<_>) = terms
        .iter()
        .flat_map(|t| t.signals())
        .filter_map(|w| lexicon.phrase(w).map(|p| (p, w)))
        .unzip();
    let senses = terms
        .iter()
        .flat_map(|t| t.other_senses())
        .filter_map(|w| lexicon.exact_phrase(w))
        .collect();
    (Phrases::new(list).except(senses), words)
}

/// The vocabulary compiled against one lexicon, for matching its tokens.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    terms: Vec<(&'static str, Phrases)>,
    /// By word id: the terms (their positions in `terms`) a phrase of which may start with
    /// that word. Most words start none, so a text is read once, not once per term.
    starting: Vec<Vec<u32>>,
}

impl Vocabulary {
    /// Compiles every signal of [`TERMS`] against `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Self {
        let terms: Vec<(&'static str, Phrases)> = TERMS
            .iter()
            .map(|t| (t.topic, signals(lexicon, &[t]).0))
            .filter(|(_, phrases)| !phrases.is_empty())
            .collect();
        let mut starting: Vec<Vec<u32>> = Vec::new();
        for (k, (_, phrases)) in terms.iter().enumerate() {
            for word in phrases.start_words() {
                let word = word as usize;
                if starting.len() <= word {
                    starting.resize_with(word + 1, Vec::new);
                }
                starting[word].push(k as u32);
            }
        }
        Vocabulary { terms, starting }
    }

    /// The topics whose signals occur in `tokens`, in vocabulary order.
    pub fn topics_in<'a>(&'a self, tokens: &'a Tokens) -> impl Iterator<Item = &'static str> + 'a {
        let mut found = vec![false; self.terms.len()];
        for (at, token) in tokens.words.iter().enumerate() {
            let Some(terms) = self.starting.get(token.id() as usize) else {
                continue;
            };
            for &k in terms {
                let k = k as usize;
                found[k] = found[k] || self.terms[k].1.at(tokens, at).is_some();
            }
        }
        self.terms
            .iter()
            .zip(found)
            .filter(|(_, found)| *found)
            .map(|((topic, _), _)| *topic)
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
    use super::{TERMS, Vocabulary, family, topics_in};
    use crate::words::Lexicon;
    use proptest::prelude::*;

    proptest! {
        /// Reading a text once for every term's first words finds the topics that looking for
        /// each term's phrases in turn finds, in the same order: texts made of the
        /// vocabulary's own words (signals and other senses, plurals, capitals) and others.
        #[test]
        fn topics_found_in_one_reading_are_those_found_term_by_term(
            picks in prop::collection::vec((0usize..10_000, 0u8..4), 0..16),
        ) {
            let words: Vec<&str> = TERMS
                .iter()
                .flat_map(|t| t.signals().chain(t.other_senses()))
                .chain(["the", "and", "GPU", "kernel", "Go", "go"])
                .collect();
            let text: Vec<String> = picks
                .iter()
                .map(|&(i, form)| {
                    let w = words[i % words.len()];
                    match form {
                        0 => w.to_string(),
                        1 => format!("{w}s"),
                        2 => w.to_uppercase(),
                        _ => format!("{w}."),
                    }
                })
                .collect();
            let mut lexicon = Lexicon::new();
            let tokens = lexicon.tokenise(&text.join(" "));
            let vocabulary = Vocabulary::new(&lexicon);
            let one_reading: Vec<&str> = vocabulary.topics_in(&tokens).collect();
            let term_by_term: Vec<&str> = vocabulary
                .terms
                .iter()
                .filter(|(_, phrases)| phrases.occur_in(&tokens))
                .map(|(topic, _)| *topic)
                .collect();
            prop_assert_eq!(one_reading, term_by_term);
        }
    }

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
    fn words_in_another_sense_are_no_topic() {
        assert_eq!(
            topics_in("The Hidden Cost of Intelligence: GPU Kernels"),
            vec!["hardware"]
        );
        assert!(topics_in("Jupyter kernels for teaching").is_empty());
        assert!(topics_in("Expand your social network").is_empty());
        assert!(topics_in("Tracking shipping containers").is_empty());
        assert_eq!(topics_in("Scheduling in the Linux kernel"), vec!["kernel"]);
        assert_eq!(
            topics_in("Neural networks on a microcontroller"),
            vec!["embedded", "ai"]
        );
    }

    #[test]
    fn related_words_and_track_themes_signal_their_topic() {
        assert_eq!(topics_in("Fixing CVEs on Debian"), vec!["security"]);
        assert_eq!(
            topics_in("Identity and Access Management"),
            vec!["security"]
        );
        assert_eq!(
            topics_in("Microkernel and Component-Based OS"),
            vec!["kernel"]
        );
        assert_eq!(
            topics_in("Software Bill of Materials (SBOM)"),
            vec!["security"]
        );
    }

    #[test]
    fn a_related_word_is_no_alias() {
        // A like of `cve` seeks that word, not every security talk.
        assert!(family("cve").is_none());
        assert!(family("supply chain").is_none());
    }

    #[test]
    fn every_narrower_topic_is_in_the_vocabulary() {
        for term in super::TERMS {
            for included in term.includes {
                assert!(
                    super::TERMS.iter().any(|t| t.topic == *included),
                    "{} includes {included}",
                    term.topic
                );
            }
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

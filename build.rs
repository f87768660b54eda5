//! Links the `agenda` binary as a fixed-address executable on Linux (glibc).
//!
//! A position-independent executable is relocated by the loader at every start: `chrono-tz`'s
//! time-zone tables alone hold about 30,000 pointers (a zone name per transition), and writing
//! them copies some 300 pages of the binary, a quarter of a small command's time (`agenda
//! --version` took 5 ms; 3 ms without). Linked at a fixed address, those pointers are written
//! by the linker once. Only the binaries are linked so; the library, its tests and benches
//! are not changed. See docs/design/architecture.md, "Starting and ending the process".

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}

//! Links the `tiptrack` binary as a position-dependent executable on Linux (glibc): every
//! command starts faster (no dynamic relocation of the binary's 32,000 pointers at start, and
//! their pages are no longer copied on write). See docs/speed.md.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

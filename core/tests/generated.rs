//! Files generated from the packs and kept in the repository, so that a package built
//! without the engine (the WebAssembly package's TypeScript) still follows the packs:
//! each must equal what the engine makes now. `UPDATE_GENERATED=1` rewrites them.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing, reason = "a test fails loudly")]

use std::path::Path;

#[test]
fn the_packages_request_types_are_the_packs() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../wasm/src/packs.d.ts");
    let made = pubdata_policy::builtin_typescript().unwrap();
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&file, &made).unwrap();
    }
    let kept = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        kept == made,
        "wasm/src/packs.d.ts differs from the packs: run UPDATE_GENERATED=1 cargo test -p pubdata-policy --test generated"
    );
}

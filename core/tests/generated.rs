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

/// Each pack's policies compiled (`policies/<pack>/compiled.json`, which the build embeds
/// and hashes): what the compiler makes of the pack's policies now.
#[test]
fn each_packs_compiled_policies_are_its_policies() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
    let mut checked = std::collections::BTreeSet::new();
    let mut stale = Vec::new();
    for j in pubdata_policy::builtin_jurisdictions() {
        let sources = pubdata_policy::Sources::builtin(j).unwrap();
        for layer in pubdata_policy::CompiledPack::compile(&sources, "").unwrap().layers {
            if !checked.insert(layer.pack.clone()) {
                continue;
            }
            let file = root.join(&layer.pack).join("compiled.json");
            if std::env::var_os("UPDATE_GENERATED").is_some() {
                match layer.policies.is_empty() {
                    true => drop(std::fs::remove_file(&file)),
                    false => std::fs::write(&file, &layer.policies).unwrap(),
                }
            }
            if std::fs::read_to_string(&file).unwrap_or_default() != layer.policies {
                stale.push(layer.pack);
            }
        }
    }
    assert!(checked.len() > 1, "no pack was compiled");
    assert!(
        stale.is_empty(),
        "the compiled policies of {stale:?} differ from the packs: run UPDATE_GENERATED=1 cargo test -p pubdata-policy --test generated"
    );
}

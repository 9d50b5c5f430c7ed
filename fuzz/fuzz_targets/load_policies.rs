//! Any text as a policy file, as regulation metadata, as a pack's manifest or as a layer's
//! compiled policies: an engine or an error, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pubdata_policy::{CompiledPack, Engine, Request, Sources};

/// ganzi compiled once: compiling is Cedar parsing every policy.
static COMPILED: OnceLock<Option<CompiledPack>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(base) = Sources::builtin("ganzi") else { return };
    let request = Request::from_json(r#"{"jurisdiction":"ganzi","kind":"open","date":"2026-09-28","resource":{"opening":"conditional"}}"#);
    let decide = |sources: &Sources| {
        if let (Ok(engine), Ok(request)) = (Engine::from_sources(sources), &request) {
            let _ = engine.check(request);
        }
    };

    let mut with_policy = base.clone();
    if let Some(own) = with_policy.layers.last_mut() {
        own.policies.push(("fuzz.cedar".into(), text.to_owned()));
    }
    decide(&with_policy);

    let mut with_metadata = base.clone();
    if let Some(own) = with_metadata.layers.last_mut() {
        own.regulation = Some(text.to_owned());
    }
    decide(&with_metadata);

    let mut with_manifest = base;
    if let Some(own) = with_manifest.layers.last_mut() {
        own.manifest = text.to_owned();
    }
    decide(&with_manifest);

    if let Some(mut compiled) = COMPILED.get_or_init(|| CompiledPack::builtin("ganzi").ok()).clone() {
        if let Some(own) = compiled.layers.last_mut() {
            own.policies = text.to_owned();
        }
        if let (Ok(engine), Ok(request)) = (Engine::from_compiled(&compiled), &request) {
            let _ = engine.check(request);
        }
    }
});

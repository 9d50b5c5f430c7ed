//! Any text as a policy file, as regulation metadata or as a pack's manifest: an engine or
//! an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pubdata_policy::{Engine, Request, Sources};

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
});

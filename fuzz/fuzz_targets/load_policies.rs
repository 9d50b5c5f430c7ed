//! Any text as a policy file or as regulation metadata: an engine or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pubdata_policy::{Engine, Jurisdiction, Request, Sources};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(base) = Sources::builtin(Jurisdiction::Ganzi) else { return };
    let request = Request::from_json(r#"{"jurisdiction":"ganzi","kind":"open","date":"2026-09-28","resource":{"opening":"conditional"}}"#);

    let mut with_policy = base.clone();
    with_policy.policies.push(("fuzz.cedar".into(), text.to_owned()));
    if let (Ok(engine), Ok(request)) = (Engine::from_sources(&with_policy), &request) {
        let _ = engine.check(request);
    }

    let mut with_metadata = base;
    with_metadata.regulation = text.to_owned();
    if let (Ok(engine), Ok(request)) = (Engine::from_sources(&with_metadata), &request) {
        let _ = engine.check(request);
    }
});

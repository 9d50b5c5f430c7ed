//! Any bytes as a request: an error or a verdict, never a panic; and a verdict keeps
//! the contract's invariants.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pubdata_policy::{builtin_jurisdictions, Engine, Outcome, Request};

fn engines() -> &'static Vec<(&'static str, Engine)> {
    static ENGINES: OnceLock<Vec<(&'static str, Engine)>> = OnceLock::new();
    ENGINES.get_or_init(|| {
        builtin_jurisdictions().into_iter().filter_map(|j| Engine::builtin(j).ok().map(|e| (j, e))).collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(request) = Request::from_json(text) else { return };
    let Some((_, engine)) = engines().iter().find(|(j, _)| *j == request.jurisdiction.as_str()) else { return };
    if let Ok(verdict) = engine.check(&request) {
        assert_eq!(verdict.outcome == Outcome::Refused, !verdict.violations.is_empty());
        if verdict.outcome == Outcome::Review {
            assert!(verdict.route.is_some(), "a review without a route");
        }
        if let (Some(date), Some(due)) = (request.date, verdict.route.as_ref().and_then(|r| r.due)) {
            assert!(due >= date, "a deadline before the request date");
        }
    }
});

//! Any bytes as a request: an error or a verdict, never a panic; and a verdict keeps
//! the contract's invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pubdata_policy::Outcome;

#[path = "engines.rs"]
mod engines;

fuzz_target!(|data: &[u8]| {
    let Some((request, engine)) = engines::request(data) else { return };
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

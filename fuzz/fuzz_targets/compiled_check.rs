//! Any bytes as a request, decided by Cedar and by the compiled policies: the same verdict,
//! or the same error (an evaluation error's words are each decider's own).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pubdata_policy::Error;

#[path = "engines.rs"]
mod engines;

fuzz_target!(|data: &[u8]| {
    let Some((request, engine)) = engines::request(data) else { return };
    match (engine.check(&request), engine.check_compiled(&request)) {
        (Err(Error::Evaluation(_)), Err(Error::Evaluation(_))) => {}
        (by_cedar, compiled) => assert_eq!(by_cedar, compiled, "the compiled policies decide otherwise"),
    }
});

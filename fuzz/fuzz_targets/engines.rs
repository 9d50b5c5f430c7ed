//! The built-in engines the request targets decide with, built once per process.

use std::sync::OnceLock;

use pubdata_policy::{builtin_jurisdictions, Engine, Request};

/// The engine of a jurisdiction, if built in.
fn engine(jurisdiction: &str) -> Option<&'static Engine> {
    static ENGINES: OnceLock<Vec<(&'static str, Engine)>> = OnceLock::new();
    let engines = ENGINES.get_or_init(|| {
        builtin_jurisdictions().into_iter().filter_map(|j| Engine::builtin(j).ok().map(|e| (j, e))).collect()
    });
    engines.iter().find(|(j, _)| *j == jurisdiction).map(|(_, e)| e)
}

/// Bytes read as a request of a built-in jurisdiction, with its engine; `None` for bytes
/// that are not one.
pub fn request(data: &[u8]) -> Option<(Request, &'static Engine)> {
    let request = Request::from_json(std::str::from_utf8(data).ok()?).ok()?;
    let engine = engine(&request.jurisdiction)?;
    Some((request, engine))
}

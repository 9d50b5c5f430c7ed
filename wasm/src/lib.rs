//! WebAssembly bindings of `pubdata-policy`: not built yet. The package (wasm-bindgen,
//! wasm-pack) is its own issue; this member holds the place in the workspace.

pub use pubdata_policy::{Engine, Request, Verdict};

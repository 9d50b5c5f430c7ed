//! Compiled policies: each policy's condition as a small expression tree over plain
//! values, decided without Cedar's parser or evaluator, for clients that cannot afford
//! them (the forms module). Cedar stays the reference: every policy is compiled from the
//! syntax tree Cedar parsed and validated, a construct the evaluator does not reproduce
//! exactly refuses to compile (naming the policy and the construct), and the equivalence
//! tests decide every scenario vector and generated requests both ways.
//!
//! Why a decision program over the syntax trees rather than Rust generated per pack or
//! Cedar's own binary format: a pack loaded at run time needs no compiler in the client,
//! only data; and Cedar's binary (protobuf) form is still evaluated by Cedar's evaluator,
//! which is most of what the forms module would shed.

#[cfg(feature = "cedar")]
mod compile;
mod eval;
mod ir;
mod pack;
mod tokens;
mod value;

#[cfg(feature = "cedar")]
pub(crate) use compile::compile;
pub(crate) use eval::{decide, Attributes, Input};
pub(crate) use ir::{CompiledPolicy, Effect, Var};
pub(crate) use pack::read_layer;
#[cfg(feature = "cedar")]
pub(crate) use pack::{base, compiled_layer};
pub use pack::{CompiledLayer, CompiledPack, FORMAT};
#[cfg(feature = "cedar")]
pub(crate) use value::millis_day;
pub(crate) use value::{day_millis, EntityRef, Value};

#[cfg(test)]
#[cfg(feature = "cedar")]
mod tests;

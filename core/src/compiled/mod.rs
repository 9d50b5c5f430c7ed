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

mod compile;
mod eval;
mod ir;
mod pack;
mod value;

pub(crate) use compile::compile;
pub(crate) use eval::{decide, Input};
pub(crate) use ir::CompiledPolicy;
pub(crate) use pack::{cedar_effect, compiled_layer, read_layer};
pub use pack::{CompiledLayer, CompiledPack, FORMAT};
pub(crate) use value::{day_millis, millis_day, EntityRef, Value};

#[cfg(test)]
mod tests;

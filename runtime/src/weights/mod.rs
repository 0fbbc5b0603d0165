//! The base weights of a block and of an extrinsic, measured on the reference machine class
//! (2 cores) by `city-node benchmark overhead`: `scripts/benchmark-weights` rewrites both files.
//! The pallets' own weights are in each pallet's `weights.rs`.

pub mod block_weights;
pub mod extrinsic_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;

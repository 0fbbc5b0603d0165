//! What the calls do, by feature, behind the origin checks of the calls in `lib.rs`. Each module
//! adds functions to [`crate::Pallet`].

mod departments;
mod dissolution;
mod encryption;
mod members;

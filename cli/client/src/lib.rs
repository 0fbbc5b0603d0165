#![doc = include_str!("../README.md")]

pub mod asset;
pub mod chain;
pub mod encryption;
pub mod error;
pub mod served;
#[cfg(feature = "service")]
pub mod service;

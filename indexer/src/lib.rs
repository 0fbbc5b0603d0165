//! `city-indexer`: CityChain's finalized history in SQLite or PostgreSQL (see `README.md`).

pub mod api;
pub mod chain;
pub mod check;
pub mod db;
pub mod error;
pub mod follow;
pub mod project;
pub mod search;
pub mod value;

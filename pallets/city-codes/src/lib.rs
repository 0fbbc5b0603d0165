//! CityChain city codes: one verifiable identifier for every city object.
#![cfg_attr(not(feature = "std"), no_std)]

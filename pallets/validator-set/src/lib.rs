//! CityChain validator set.
#![cfg_attr(not(feature = "std"), no_std)]

//! CityChain data assets: tamper-evident records of the data departments hold.
#![cfg_attr(not(feature = "std"), no_std)]

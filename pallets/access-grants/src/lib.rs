//! CityChain access grants: cross-department requests, decisions, revocations and the access audit trail.
#![cfg_attr(not(feature = "std"), no_std)]

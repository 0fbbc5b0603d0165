//! What the calls do, by feature (the layout of pallet-nfts' `features/`). A call in `lib.rs`
//! checks its origin and hands over to one `do_*` function here, which checks everything else
//! and writes; genesis uses the same functions, so it runs the same checks.
//!
//! - [`request`]: opening and cancelling requests.
//! - [`decide`]: the owner's approval or rejection of a request.
//! - [`oversight`]: the oversight office's approval or rejection of a request or grant.
//! - [`grant`]: issuing grants, directly or from a fully approved request.
//! - [`record`]: recording accesses under a grant (the audit trail).
//! - [`served`]: recording downloads a provider's gateway served, with the consumers' signed
//!   requests.
//! - [`end`]: revoking, renouncing and purging grants.
//! - [`policy`]: the rules they share: when a grant gives access, when it has ended, when the
//!   office must decide.
//! - [`deposit`]: holding and releasing storage deposits.
//! - [`offboard`]: this pallet's share of dissolving a department.

mod decide;
mod deposit;
mod end;
mod grant;
mod offboard;
mod oversight;
mod policy;
mod record;
mod request;
mod served;

//! `CouncilRoot`: the agency council's way to make the decisions only Root may make.
//!
//! Some FRAME calls accept nothing but Root: above all runtime upgrades
//! (`system.authorizeUpgrade`, `system.setCode`). Without sudo (which only the `development`
//! preset has) the chain needs a governed path to Root, or it could never be upgraded. This pallet
//! is that path: a call dispatched with Root origin when the council's [`Config::RootOrigin`]
//! (three quarters of the council) asks for it, through a council motion.
//!
//! It is a runtime-local pallet (no crate of its own): one call, no storage. Its weight is the
//! inner call's plus the same overhead as `sudo.sudo`, which does the same work (check an
//! origin, dispatch, deposit an event).

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	use alloc::boxed::Box;
	use frame_support::{
		dispatch::GetDispatchInfo,
		pallet_prelude::*,
		traits::{EnsureOrigin, UnfilteredDispatchable},
	};
	use frame_system::{pallet_prelude::*, RawOrigin};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The calls the council may dispatch as Root.
		type RuntimeCall: Parameter
			+ UnfilteredDispatchable<RuntimeOrigin = Self::RuntimeOrigin>
			+ GetDispatchInfo;

		/// Who may dispatch as Root: a council supermajority.
		type RootOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The overhead of one dispatch (origin check and event), besides the inner call.
		type DispatchOverhead: Get<Weight>;
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The council dispatched a call as Root; `result` is what the call returned.
		DispatchedAsRoot { result: DispatchResult },
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Dispatches `call` with Root origin on the council's decision.
		///
		/// The origin must be [`Config::RootOrigin`]: in the runtime, a motion carried by three
		/// quarters of the agency council. Used for what only Root may do, such as runtime
		/// upgrades (`system.authorizeUpgrade`, then `system.applyAuthorizedUpgrade`).
		///
		/// - `call`: the call to dispatch as Root.
		///
		/// # Events
		/// - `DispatchedAsRoot` with the call's result, whether it succeeded or not.
		///
		/// # Errors
		/// - `BadOrigin` if the origin is not [`Config::RootOrigin`]; the call's own errors are
		///   reported in the event, not as this call's error.
		#[pallet::call_index(0)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(T::DispatchOverhead::get().saturating_add(info.call_weight), info.class)
		})]
		pub fn dispatch_as_root(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			T::RootOrigin::ensure_origin(origin)?;
			let result = call.dispatch_bypass_filter(RawOrigin::Root.into());
			Self::deposit_event(Event::DispatchedAsRoot {
				result: result.map(|_| ()).map_err(|e| e.error),
			});
			Ok(Pays::No.into())
		}
	}
}

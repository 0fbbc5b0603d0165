//! The pallets `city-node benchmark pallet` measures (built with `--features runtime-benchmarks`).

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_utility, Utility]
	[pallet_sudo, Sudo]
	[pallet_collective, Council]
	[pallet_departments, Departments]
	[pallet_data_assets, DataAssets]
	[pallet_access_grants, AccessGrants]
	[pallet_city_codes, CityCodes]
	[pallet_legal_holds, LegalHolds]
	[pallet_validator_set, ValidatorSet]
);

//! [`City`]: the `city_*` methods served from a client's runtime APIs.

use std::sync::Arc;

use city_primitives::{AssetId, AssetVersion, DepartmentId};
use city_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Runtime};
use jsonrpsee::core::RpcResult;
use pallet_access_grants::{runtime_api::AccessGrantsApi, GrantId, RequestId};
use pallet_city_codes::{runtime_api::CityCodesApi, CodeEntry, CodeId, ResolveError};
use pallet_data_assets::{runtime_api::DataAssetsApi, Verification};
use pallet_departments::{runtime_api::DepartmentsApi, DepartmentInfoOf};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;

use crate::json::format_account;
use crate::{
	errors::{checked_code_text, not_found, resolve_error, runtime_error},
	json::AssetDetails,
	params::{checked_prefix, echo, page_limit, parse_accessor, parse_account, parse_content},
	Accessor, AccessorParam, AssetJson, AssetPageJson, BlockHash, CityApiServer, CodeJson, CodeRef,
	DecisionJson, DepartmentJson, DepartmentRef, GrantJson, MemberJson, RegistrationJson,
	RegistrationPageJson, RequestJson, VerificationJson, VersionJson,
};

/// Every CityChain runtime API the `city_*` methods read, as one bound.
pub trait CityRuntimeApis:
	DepartmentsApi<Block, AccountId, DepartmentInfoOf<Runtime>>
	+ DataAssetsApi<Block, AccountId, Balance, BlockNumber>
	+ AccessGrantsApi<Block, AccountId, Balance, BlockNumber>
	+ CityCodesApi<Block, AccountId, Balance, BlockNumber>
{
}
impl<T> CityRuntimeApis for T where
	T: DepartmentsApi<Block, AccountId, DepartmentInfoOf<Runtime>>
		+ DataAssetsApi<Block, AccountId, Balance, BlockNumber>
		+ AccessGrantsApi<Block, AccountId, Balance, BlockNumber>
		+ CityCodesApi<Block, AccountId, Balance, BlockNumber>
{
}

/// Serves the `city_*` methods from a client's runtime APIs.
pub struct City<C> {
	client: Arc<C>,
}

impl<C> City<C> {
	/// Serves from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> City<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CityRuntimeApis,
{
	fn at(&self, at: Option<BlockHash>) -> BlockHash {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}

	/// The id of a department named by id or prefix; `1001` for an unknown prefix.
	fn department_id(&self, at: BlockHash, department: DepartmentRef) -> RpcResult<DepartmentId> {
		match department {
			DepartmentRef::Id(id) => Ok(id),
			DepartmentRef::Prefix(prefix) => self
				.client
				.runtime_api()
				.department_by_prefix(at, checked_prefix(&prefix)?)
				.map_err(runtime_error)?
				.ok_or_else(|| {
					not_found(format!("no department has the prefix {}", echo(&prefix)))
				}),
		}
	}

	/// A department named by id or prefix, with its record; `1001` if there is none.
	fn department_info(
		&self,
		at: BlockHash,
		department: DepartmentRef,
	) -> RpcResult<(DepartmentId, DepartmentInfoOf<Runtime>)> {
		let id = self.department_id(at, department)?;
		let info = self
			.client
			.runtime_api()
			.department(at, id)
			.map_err(runtime_error)?
			.ok_or_else(|| not_found(format!("unknown department {id}")))?;
		Ok((id, info))
	}

	/// The id of an existing department named by id or prefix; `1001` if there is none.
	fn known_department(
		&self,
		at: BlockHash,
		department: DepartmentRef,
	) -> RpcResult<DepartmentId> {
		self.department_info(at, department).map(|(id, _)| id)
	}

	fn asset_details(&self, at: BlockHash, asset: AssetId) -> RpcResult<AssetDetails> {
		self.client
			.runtime_api()
			.asset(at, asset)
			.map_err(runtime_error)?
			.ok_or_else(|| not_found(format!("unknown asset {asset}")))
	}

	/// Version `version` of `asset`; `1001` naming which of the two is unknown.
	fn version(
		&self,
		at: BlockHash,
		asset: AssetId,
		version: AssetVersion,
	) -> RpcResult<VersionJson> {
		match self.client.runtime_api().asset_version(at, asset, version).map_err(runtime_error)? {
			Some(details) => Ok(VersionJson::new(asset, version, details)),
			None => {
				let latest = self.asset_details(at, asset)?.asset.latest_version;
				Err(not_found(format!(
					"asset {asset} has no version {version} (its versions are 1 to {latest})"
				)))
			},
		}
	}
}

impl<C> CityApiServer for City<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CityRuntimeApis,
{
	fn department(
		&self,
		department: DepartmentRef,
		at: Option<BlockHash>,
	) -> RpcResult<DepartmentJson> {
		let (id, info) = self.department_info(self.at(at), department)?;
		Ok(DepartmentJson { id, info })
	}

	fn department_of(
		&self,
		account: String,
		at: Option<BlockHash>,
	) -> RpcResult<Option<MemberJson>> {
		let who = parse_account(&account)?;
		let at = self.at(at);
		let membership =
			self.client.runtime_api().membership(at, who.clone()).map_err(runtime_error)?;
		Ok(membership.map(|(department, role)| MemberJson {
			account: format_account(&who),
			department,
			role,
		}))
	}

	fn members(
		&self,
		department: DepartmentRef,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<MemberJson>> {
		let at = self.at(at);
		let id = self.known_department(at, department)?;
		let members = self.client.runtime_api().members(at, id).map_err(runtime_error)?;
		Ok(members
			.into_iter()
			.map(|(who, role)| MemberJson { account: format_account(&who), department: id, role })
			.collect())
	}

	fn asset(&self, asset: AssetId, at: Option<BlockHash>) -> RpcResult<AssetJson> {
		self.asset_details(self.at(at), asset).map(Into::into)
	}

	fn asset_version(
		&self,
		asset: AssetId,
		version: AssetVersion,
		at: Option<BlockHash>,
	) -> RpcResult<VersionJson> {
		self.version(self.at(at), asset, version)
	}

	fn assets_of(
		&self,
		department: DepartmentRef,
		start_after: Option<AssetId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<AssetPageJson> {
		let limit = page_limit(limit);
		let at = self.at(at);
		let id = self.known_department(at, department)?;
		let page = self
			.client
			.runtime_api()
			.department_assets(at, id, start_after, limit)
			.map_err(runtime_error)?;
		Ok(AssetPageJson {
			assets: page.items.into_iter().map(Into::into).collect(),
			next_start_after: page.next,
		})
	}

	fn asset_by_hash(
		&self,
		hash: String,
		algorithm: Option<String>,
		start_after: Option<DepartmentId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<RegistrationPageJson> {
		let content = parse_content(&hash, algorithm.as_deref())?;
		let limit = page_limit(limit);
		let at = self.at(at);
		let page = self
			.client
			.runtime_api()
			.find_by_content(at, content, start_after, limit)
			.map_err(runtime_error)?;
		let registrations = page
			.items
			.into_iter()
			.map(|found| {
				let version = self.version(at, found.asset, found.version)?;
				Ok(RegistrationJson { department: found.department, version })
			})
			.collect::<RpcResult<_>>()?;
		Ok(RegistrationPageJson { registrations, next_start_after: page.next })
	}

	fn verify_asset(
		&self,
		asset: AssetId,
		version: AssetVersion,
		hash: String,
		algorithm: Option<String>,
		at: Option<BlockHash>,
	) -> RpcResult<VerificationJson> {
		let content = parse_content(&hash, algorithm.as_deref())?;
		let at = self.at(at);
		let result =
			self.client.runtime_api().verify(at, asset, version, content).map_err(runtime_error)?;
		match result {
			Verification::Match | Verification::Mismatch => Ok(VerificationJson {
				asset,
				version,
				content: content.into(),
				result,
				matches: result == Verification::Match,
			}),
			// The runtime API says which is unknown; `version` says so with the detail.
			Verification::UnknownAsset | Verification::UnknownVersion => {
				Err(self.version(at, asset, version).err().unwrap_or_else(|| {
					not_found(format!("unknown asset {asset} or version {version}"))
				}))
			},
		}
	}

	fn check_access(
		&self,
		who: AccessorParam,
		asset: AssetId,
		at: Option<BlockHash>,
	) -> RpcResult<DecisionJson> {
		let accessor = parse_accessor(who)?;
		let at = self.at(at);
		let decision = match accessor {
			Accessor::Department(department) => {
				let id = self.department_id(at, department)?;
				self.client.runtime_api().check_access(at, id, asset)
			},
			Accessor::Account(account) => {
				self.client.runtime_api().check_account_access(at, account, asset)
			},
		}
		.map_err(runtime_error)?;
		Ok(decision.into())
	}

	fn grant(&self, grant: GrantId, at: Option<BlockHash>) -> RpcResult<GrantJson> {
		let view = self
			.client
			.runtime_api()
			.grant_info(self.at(at), grant)
			.map_err(runtime_error)?
			.ok_or_else(|| {
				not_found(format!(
					"unknown grant {grant} (revoked and renounced grants are removed)"
				))
			})?;
		Ok(GrantJson::new(grant, view))
	}

	fn pending_requests(
		&self,
		department: DepartmentRef,
		start_after: Option<RequestId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<RequestJson>> {
		let limit = page_limit(limit);
		let at = self.at(at);
		let id = self.known_department(at, department)?;
		let requests = self
			.client
			.runtime_api()
			.pending_requests(at, id, start_after, limit)
			.map_err(runtime_error)?;
		Ok(requests.items.into_iter().map(|(id, request)| RequestJson { id, request }).collect())
	}

	fn resolve_code(&self, code: String, at: Option<BlockHash>) -> RpcResult<CodeJson> {
		self.client
			.runtime_api()
			.resolve(self.at(at), checked_code_text(&code)?)
			.map_err(runtime_error)?
			.map(Into::into)
			.map_err(|error| resolve_error(&code, error))
	}

	fn codes_of(
		&self,
		department: DepartmentRef,
		start_after: Option<CodeId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<CodeEntry>> {
		let limit = page_limit(limit);
		let at = self.at(at);
		let id = self.known_department(at, department)?;
		let codes = self
			.client
			.runtime_api()
			.codes_of(at, id, start_after, limit)
			.map_err(runtime_error)?;
		Ok(codes.items)
	}

	fn code_children(
		&self,
		code: CodeRef,
		start_after: Option<CodeId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<CodeEntry>> {
		let limit = page_limit(limit);
		let at = self.at(at);
		let api = self.client.runtime_api();
		let id = match code {
			CodeRef::Id(id) => match api.code(at, id).map_err(runtime_error)? {
				Some(_) => id,
				None => return Err(not_found(format!("unknown city code {id}"))),
			},
			// A retired code keeps its children, so it names them too.
			CodeRef::Text(text) => match api.resolve(at, checked_code_text(&text)?) {
				Ok(Ok(view)) | Ok(Err(ResolveError::Retired(view))) => view.id,
				Ok(Err(error)) => return Err(resolve_error(&text, error)),
				Err(error) => return Err(runtime_error(error)),
			},
		};
		let children = api.children(at, id, start_after, limit).map_err(runtime_error)?;
		Ok(children.items)
	}
}

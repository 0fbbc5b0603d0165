-- CityChain's history, one row per change, each naming the block (and, where one caused it, the
-- extrinsic) that made it. Written by city-indexer only; one database transaction per block.
-- The same schema for SQLite and PostgreSQL: integers are BIGINT, hashes, accounts (SS58) and
-- JSON are TEXT.

-- The chain this database indexes: a database never mixes two chains.
CREATE TABLE chain (
	id INTEGER PRIMARY KEY CHECK (id = 0),
	genesis TEXT NOT NULL
);

CREATE TABLE blocks (
	number BIGINT PRIMARY KEY,
	hash TEXT NOT NULL UNIQUE,
	parent TEXT NOT NULL,
	time_ms BIGINT,
	spec_version BIGINT NOT NULL,
	extrinsic_count INTEGER NOT NULL,
	event_count INTEGER NOT NULL
);

CREATE TABLE extrinsics (
	block BIGINT NOT NULL REFERENCES blocks (number),
	idx INTEGER NOT NULL,
	hash TEXT NOT NULL,
	pallet TEXT NOT NULL,
	call_name TEXT NOT NULL,
	signer TEXT,
	success INTEGER NOT NULL, -- 1 or 0 (portable; sqlx's Any driver reads no SQLite booleans)
	error TEXT,
	PRIMARY KEY (block, idx)
);
CREATE INDEX extrinsics_by_signer ON extrinsics (signer, block);

-- Every event, its fields decoded with the metadata of its block's runtime version.
CREATE TABLE events (
	block BIGINT NOT NULL REFERENCES blocks (number),
	idx INTEGER NOT NULL,
	extrinsic INTEGER,
	pallet TEXT NOT NULL,
	name TEXT NOT NULL,
	fields TEXT NOT NULL,
	PRIMARY KEY (block, idx)
);
CREATE INDEX events_by_name ON events (pallet, name, block);

-- Which events changed which city object: an object's full history is a join with `events`.
CREATE TABLE changes (
	kind TEXT NOT NULL,
	entity TEXT NOT NULL,
	block BIGINT NOT NULL REFERENCES blocks (number),
	event INTEGER NOT NULL,
	PRIMARY KEY (kind, entity, block, event)
);

-- The city as of the latest indexed block: each row is the chain's own view of the object
-- (its runtime API's answer, in `details`) at the block of its last change.
CREATE TABLE departments (
	id BIGINT PRIMARY KEY,
	name TEXT NOT NULL,
	prefix TEXT NOT NULL,
	status TEXT NOT NULL,
	details TEXT NOT NULL,
	created_block BIGINT NOT NULL,
	changed_block BIGINT NOT NULL,
	changed_extrinsic INTEGER
);

CREATE TABLE members (
	department BIGINT NOT NULL,
	account TEXT NOT NULL,
	role TEXT NOT NULL,
	changed_block BIGINT NOT NULL,
	changed_extrinsic INTEGER,
	PRIMARY KEY (department, account)
);

CREATE TABLE assets (
	id BIGINT PRIMARY KEY,
	owner BIGINT NOT NULL,
	title TEXT NOT NULL,
	media_type TEXT NOT NULL,
	tags TEXT NOT NULL,
	classification TEXT NOT NULL,
	status TEXT NOT NULL,
	latest_version BIGINT NOT NULL,
	details TEXT NOT NULL,
	created_block BIGINT NOT NULL,
	changed_block BIGINT NOT NULL,
	changed_extrinsic INTEGER
);
CREATE INDEX assets_by_owner ON assets (owner, id);

CREATE TABLE asset_versions (
	asset BIGINT NOT NULL,
	version BIGINT NOT NULL,
	content TEXT NOT NULL,
	size BIGINT NOT NULL,
	registered_by TEXT NOT NULL,
	block BIGINT NOT NULL,
	extrinsic INTEGER,
	PRIMARY KEY (asset, version)
);
CREATE INDEX asset_versions_by_content ON asset_versions (content);

CREATE TABLE requests (
	id BIGINT PRIMARY KEY,
	asset BIGINT NOT NULL,
	requester BIGINT NOT NULL,
	owner BIGINT NOT NULL,
	status TEXT NOT NULL,
	details TEXT NOT NULL,
	created_block BIGINT NOT NULL,
	changed_block BIGINT NOT NULL,
	changed_extrinsic INTEGER,
	-- When the chain forgot it (purged): its last view stays here.
	removed_block BIGINT
);

CREATE TABLE grants (
	id BIGINT PRIMARY KEY,
	asset BIGINT NOT NULL,
	owner BIGINT NOT NULL,
	grantee BIGINT NOT NULL,
	status TEXT NOT NULL,
	expires_at BIGINT NOT NULL,
	max_uses BIGINT,
	uses BIGINT NOT NULL,
	details TEXT NOT NULL,
	created_block BIGINT NOT NULL,
	changed_block BIGINT NOT NULL,
	changed_extrinsic INTEGER,
	removed_block BIGINT
);
CREATE INDEX grants_by_asset ON grants (asset, id);
CREATE INDEX grants_by_grantee ON grants (grantee, id);

-- Access receipts (`AccessServed`, `AccessRecorded`, `ServedAccessNotCounted` events), which
-- the chain keeps only as events.
CREATE TABLE receipts (
	block BIGINT NOT NULL REFERENCES blocks (number),
	event INTEGER NOT NULL,
	extrinsic INTEGER,
	kind TEXT NOT NULL,
	grant_id BIGINT NOT NULL,
	asset BIGINT NOT NULL,
	grantee BIGINT,
	consumer TEXT NOT NULL,
	recorded_by TEXT NOT NULL,
	receipt TEXT NOT NULL,
	use_count BIGINT,
	reason TEXT,
	PRIMARY KEY (block, event)
);
CREATE INDEX receipts_by_asset ON receipts (asset, block);
CREATE INDEX receipts_by_grantee ON receipts (grantee, block);

CREATE TABLE codes (
	id BIGINT PRIMARY KEY,
	code_text TEXT NOT NULL UNIQUE,
	owner BIGINT NOT NULL,
	issuer BIGINT NOT NULL,
	class BIGINT NOT NULL,
	serial BIGINT NOT NULL,
	parent BIGINT,
	status TEXT NOT NULL,
	details TEXT NOT NULL,
	created_block BIGINT NOT NULL,
	changed_block BIGINT NOT NULL,
	changed_extrinsic INTEGER
);
CREATE INDEX codes_by_owner ON codes (owner, id);

CREATE TABLE code_assets (
	code BIGINT NOT NULL,
	asset BIGINT NOT NULL,
	PRIMARY KEY (code, asset)
);

CREATE TABLE validators (
	account TEXT PRIMARY KEY,
	department BIGINT NOT NULL,
	active INTEGER NOT NULL, -- 1 or 0
	changed_block BIGINT NOT NULL,
	changed_extrinsic INTEGER
);

//! Following the chain: from the block after the last stored one to the latest finalized one,
//! then each new finalized block as it comes. Blocks are fetched several at a time and written
//! strictly in order, each in one transaction with its hash, so a kill at any point loses or
//! duplicates nothing: the next start resumes after the last committed block.

use crate::{
	chain::Chain,
	db::Db,
	error::{Error, Kind, Result},
	project,
};
use futures::{stream, StreamExt, TryStreamExt};
use std::time::Duration;

/// Blocks fetched at once while catching up: enough to hide the node's round trips.
const FETCH_AHEAD: usize = 16;
/// How often a caught-up indexer asks for a new finalized head.
const POLL: Duration = Duration::from_millis(1000);

/// What `follow` was told to do.
pub struct Options {
	/// Stop once caught up with this finalized block (for tests and one-off catch-ups).
	pub until: Option<u64>,
}

/// Refuses to go on when the database holds another chain than the node's: another genesis, or
/// another block at the last stored height.
pub async fn check_same_chain(chain: &Chain, db: &Db) -> Result<()> {
	let genesis = chain.genesis();
	if let Some(stored) = db.genesis().await? {
		if stored != genesis {
			return Err(Error::new(
				Kind::Diverged,
				format!(
					"the database indexes the chain with genesis {stored}, the node serves {genesis}: \
					 use another database for this chain"
				),
			));
		}
	}
	let Some(last) = db.last().await? else { return Ok(()) };
	// A node behind the database is compared where it is: at its own finalized block.
	let height = last.number.min(chain.finalized().await?);
	let stored = db.hash_at(height).await?;
	let node = chain.hash_at(height).await?;
	if stored != node {
		return Err(Error::new(
			Kind::Diverged,
			format!(
				"the database's block {height} is {}, the node's finalized block {height} is {}: \
				 the stored chain is not the node's; refusing to mix them",
				stored.as_deref().unwrap_or("missing"),
				node.as_deref().unwrap_or("missing"),
			),
		));
	}
	if height < last.number {
		tracing::warn!(
			indexed = last.number,
			finalized = height,
			"the node is behind the database; waiting for it"
		);
	}
	Ok(())
}

/// Indexes finalized blocks until `options.until` (or forever).
pub async fn follow(chain: &Chain, db: &Db, options: &Options) -> Result<()> {
	check_same_chain(chain, db).await?;
	if db.genesis().await?.is_none() {
		let genesis = chain.genesis();
		db.write(&[crate::write_sql!(
			"INSERT INTO chain (id, genesis) VALUES (0, $1)",
			genesis.as_str()
		)])
		.await?;
	}
	let mut expected_parent = db.last().await?;
	loop {
		let finalized = chain.finalized().await?;
		let target = options.until.map_or(finalized, |until| until.min(finalized));
		let next = expected_parent.as_ref().map_or(0, |last| last.number.saturating_add(1));
		if next > target {
			if options.until.is_some_and(|until| next > until) {
				return Ok(());
			}
			tokio::time::sleep(POLL).await;
			continue;
		}
		let mut blocks =
			stream::iter(next..=target).map(|number| chain.block(number)).buffered(FETCH_AHEAD);
		while let Some(block) = blocks.try_next().await? {
			if let Some(last) = &expected_parent {
				if block.parent != last.hash {
					return Err(Error::new(
						Kind::Diverged,
						format!(
							"block {}'s parent is {}, but the stored block {} is {}: refusing to mix chains",
							block.number, block.parent, last.number, last.hash
						),
					));
				}
			}
			db.write(&project::rows(db.backend, &block)).await?;
			tracing::debug!(block = block.number, events = block.events.len(), "indexed");
			if block.number % 1000 == 0 || block.number == target {
				tracing::info!(block = block.number, finalized, "indexed up to");
			}
			expected_parent =
				Some(crate::db::Stored { number: block.number, hash: block.hash.clone() });
		}
	}
}

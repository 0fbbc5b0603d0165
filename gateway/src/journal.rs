//! The receipt journal: every download this gateway serves, from before its first byte until
//! its receipt is on-chain, in an append-only file that survives a crash (`journal.jsonl` in
//! the data directory, one JSON record a line, synced to disk before the download starts).
//!
//! - `begin`: the consumer's signed request, written and synced before a byte is sent.
//! - `end`: the receipt (BLAKE2-256 of exactly the bytes sent) when the response is over.
//! - `submitted`: a `record_served` extrinsic with these downloads is about to be sent: its
//!   hash and the blocks it is valid in (it is mortal).
//! - `recorded`: it is in a finalized block; `rejected`: the chain refused a download alone.
//! - `abandoned`: the extrinsic can no longer be included (its era passed, or the pool
//!   refused it), so its downloads are sent again.
//!
//! A download that began but never ended was cut off by a crash: it is recorded with an
//! all-zero receipt (what was sent is unknown; the consumer received at most part of it).

use serde::{Deserialize, Serialize};
use std::{
	collections::BTreeMap,
	fs::{File, OpenOptions},
	io::{BufRead, BufReader, Write},
	path::{Path, PathBuf},
	sync::Mutex,
};

/// A download's consumer request, as the journal keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
	pub grant: u64,
	pub asset: u64,
	pub version: Option<u32>,
	pub issued_at: u64,
	/// Hex.
	pub nonce: String,
	/// SS58.
	pub consumer: String,
	/// Hex, 64 bytes.
	pub signature: String,
}

/// One line of the journal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Record {
	Begin { id: u64, request: Request },
	End { id: u64, receipt: String, bytes: u64 },
	Submitted { ids: Vec<u64>, tx: String, from_block: u64, until_block: u64 },
	Recorded { ids: Vec<u64>, block: u64 },
	Rejected { id: u64, error: String },
	Abandoned { tx: String },
}

/// What the journal knows of one download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Download {
	pub request: Request,
	/// `None` while it is being sent.
	pub receipt: Option<String>,
	pub bytes: u64,
	/// The extrinsic it is in, while that is not known to be in or out.
	pub submitted: Option<String>,
}

/// A `record_served` extrinsic whose fate is not known yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
	pub tx: String,
	pub ids: Vec<u64>,
	pub from_block: u64,
	pub until_block: u64,
}

/// The state the records add up to: downloads not yet recorded on-chain, extrinsics in flight,
/// and every request's (consumer, nonce, issued_at), for the replay guard.
#[derive(Default, Debug)]
pub struct State {
	pub pending: BTreeMap<u64, Download>,
	pub submissions: BTreeMap<String, Submission>,
	pub seen: Vec<(String, String, u64)>,
	pub next_id: u64,
	/// Grants of downloads recorded in a block, until the finalized head the gateway reads
	/// reaches that block (their uses are not in its answer yet).
	pub recently_recorded: Vec<(u64, u64)>,
}

impl State {
	fn apply(&mut self, record: &Record) {
		match record {
			Record::Begin { id, request } => {
				self.seen.push((
					request.consumer.clone(),
					request.nonce.clone(),
					request.issued_at,
				));
				self.pending.insert(
					*id,
					Download { request: request.clone(), receipt: None, bytes: 0, submitted: None },
				);
				self.next_id = self.next_id.max(id.saturating_add(1));
			},
			Record::End { id, receipt, bytes } => {
				if let Some(download) = self.pending.get_mut(id) {
					download.receipt = Some(receipt.clone());
					download.bytes = *bytes;
				}
			},
			Record::Submitted { ids, tx, from_block, until_block } => {
				for id in ids {
					if let Some(download) = self.pending.get_mut(id) {
						download.submitted = Some(tx.clone());
					}
				}
				self.submissions.insert(
					tx.clone(),
					Submission {
						tx: tx.clone(),
						ids: ids.clone(),
						from_block: *from_block,
						until_block: *until_block,
					},
				);
			},
			Record::Recorded { ids, block } => {
				for id in ids {
					if let Some(download) = self.pending.remove(id) {
						self.recently_recorded.push((download.request.grant, *block));
						if let Some(tx) = download.submitted {
							self.submissions.remove(&tx);
						}
					}
				}
			},
			Record::Rejected { id, .. } => {
				if let Some(download) = self.pending.remove(id) {
					if let Some(tx) = download.submitted {
						self.submissions.remove(&tx);
					}
				}
			},
			Record::Abandoned { tx } => {
				if let Some(submission) = self.submissions.remove(tx) {
					for id in submission.ids {
						if let Some(download) = self.pending.get_mut(&id) {
							download.submitted = None;
						}
					}
				}
			},
		}
	}
}

/// The journal file and the state it adds up to.
pub struct Journal {
	path: PathBuf,
	inner: Mutex<(File, State)>,
}

/// The receipt of a download cut off by a crash: what was sent is not known.
pub const UNKNOWN_RECEIPT: &str =
	"0000000000000000000000000000000000000000000000000000000000000000";

impl Journal {
	/// Opens the journal in `data_dir`, replays it, and writes it anew with only what still
	/// matters: downloads not yet recorded, extrinsics in flight, and the requests signed within
	/// `keep_after_ms` (for the replay guard). A torn last line (a crash mid-write) is ignored.
	pub fn open(data_dir: &Path, keep_after_ms: u64) -> std::io::Result<Journal> {
		let path = data_dir.join("journal.jsonl");
		let mut state = State::default();
		let mut recorded_recent = Vec::new();
		if let Ok(file) = File::open(&path) {
			for line in BufReader::new(file).lines() {
				let line = line?;
				match serde_json::from_str::<Record>(&line) {
					Ok(record) => {
						if let Record::Recorded { ids, .. } = &record {
							for id in ids {
								if let Some(d) = state.pending.get(id) {
									recorded_recent.push((*id, d.request.clone()));
								}
							}
						}
						state.apply(&record);
					},
					Err(e) => tracing::warn!(%e, "journal: skipping a line that does not parse"),
				}
			}
		}
		// Cut off by a crash: ended now, with the unknown receipt.
		for download in state.pending.values_mut() {
			if download.receipt.is_none() {
				download.receipt = Some(UNKNOWN_RECEIPT.to_string());
			}
		}
		// Written anew: the state as records, then swapped in at once.
		let fresh = path.with_extension("jsonl.new");
		{
			let mut file = File::create(&fresh)?;
			let mut write = |record: &Record| -> std::io::Result<()> {
				let mut line = serde_json::to_vec(record).map_err(std::io::Error::other)?;
				line.push(b'\n');
				file.write_all(&line)
			};
			// Requests already recorded but recent: their nonces stay refused. Begin, then
			// recorded, so that they do not come back as pending.
			for (id, request) in
				recorded_recent.iter().filter(|(_, r)| r.issued_at >= keep_after_ms)
			{
				write(&Record::Begin { id: *id, request: request.clone() })?;
				write(&Record::Recorded { ids: vec![*id], block: 0 })?;
			}
			for (id, download) in &state.pending {
				write(&Record::Begin { id: *id, request: download.request.clone() })?;
				write(&Record::End {
					id: *id,
					receipt: download.receipt.clone().unwrap_or_default(),
					bytes: download.bytes,
				})?;
			}
			for submission in state.submissions.values() {
				write(&Record::Submitted {
					ids: submission.ids.clone(),
					tx: submission.tx.clone(),
					from_block: submission.from_block,
					until_block: submission.until_block,
				})?;
			}
			file.sync_all()?;
		}
		std::fs::rename(&fresh, &path)?;
		if let Ok(dir) = File::open(data_dir) {
			let _ = dir.sync_all();
		}
		state.seen.retain(|(_, _, issued_at)| *issued_at >= keep_after_ms);
		let file = OpenOptions::new().append(true).open(&path)?;
		Ok(Journal { path, inner: Mutex::new((file, state)) })
	}

	pub fn path(&self) -> &Path {
		&self.path
	}

	/// Appends `records` and syncs them to disk; the state follows only once they are safe.
	pub fn write(&self, records: &[Record]) -> std::io::Result<()> {
		let mut inner = self.inner.lock().map_err(|_| std::io::Error::other("journal poisoned"))?;
		Self::append(&mut inner, records)
	}

	fn append(inner: &mut (File, State), records: &[Record]) -> std::io::Result<()> {
		let mut lines = Vec::new();
		for record in records {
			serde_json::to_writer(&mut lines, record).map_err(std::io::Error::other)?;
			lines.push(b'\n');
		}
		inner.0.write_all(&lines)?;
		inner.0.sync_data()?;
		for record in records {
			inner.1.apply(record);
		}
		Ok(())
	}

	/// Starts a download: a new id, journaled with its request before anything is sent.
	/// With `cap` (the grant's remaining uses at the finalized block, and that block), `None`
	/// when the downloads not yet counted by the chain already take them all: checked and
	/// journaled at once, so that two downloads cannot both take a last use.
	pub fn begin(&self, request: Request, cap: Option<(u32, u64)>) -> std::io::Result<Option<u64>> {
		let mut inner = self.inner.lock().map_err(|_| std::io::Error::other("journal poisoned"))?;
		if let Some((remaining, finalized)) = cap {
			if Self::in_flight(&mut inner.1, request.grant, finalized) >= remaining {
				return Ok(None);
			}
		}
		let id = inner.1.next_id;
		Self::append(&mut inner, &[Record::Begin { id, request }])?;
		Ok(Some(id))
	}

	/// How many downloads under `grant` the chain's answer at finalized block `finalized` does
	/// not count yet: not recorded, or recorded in a later block.
	fn in_flight(state: &mut State, grant: u64, finalized: u64) -> u32 {
		state.recently_recorded.retain(|(_, block)| *block > finalized);
		let pending = state.pending.values().filter(|d| d.request.grant == grant).count();
		let recorded = state.recently_recorded.iter().filter(|(g, _)| *g == grant).count();
		u32::try_from(pending.saturating_add(recorded)).unwrap_or(u32::MAX)
	}

	/// Reads the state.
	pub fn with_state<R>(&self, read: impl FnOnce(&State) -> R) -> Option<R> {
		self.inner.lock().ok().map(|inner| read(&inner.1))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn request(nonce: &str, issued_at: u64) -> Request {
		Request {
			grant: 1,
			asset: 2,
			version: None,
			issued_at,
			nonce: nonce.into(),
			consumer: "5Grw".into(),
			signature: "00".into(),
		}
	}

	#[test]
	fn what_is_not_recorded_survives_a_restart_and_nothing_twice() {
		let dir = tempfile::tempdir().unwrap();
		{
			let journal = Journal::open(dir.path(), 0).unwrap();
			let a = journal.begin(request("aa", 10), None).unwrap().unwrap();
			let b = journal.begin(request("bb", 20), Some((2, 0))).unwrap().unwrap();
			let c = journal.begin(request("cc", 30), None).unwrap().unwrap();
			// Grant 1 allows two more uses at block 0, and three downloads are not counted.
			assert_eq!(journal.begin(request("dd", 40), Some((3, 0))).unwrap(), None);
			journal
				.write(&[
					Record::End { id: a, receipt: "11".into(), bytes: 5 },
					Record::End { id: b, receipt: "22".into(), bytes: 6 },
					Record::Submitted {
						ids: vec![a],
						tx: "t1".into(),
						from_block: 4,
						until_block: 68,
					},
					Record::Recorded { ids: vec![a], block: 5 },
					Record::Submitted {
						ids: vec![b],
						tx: "t2".into(),
						from_block: 6,
						until_block: 70,
					},
				])
				.unwrap();
			// `c` is cut off: no end.
			let _ = c;
		}
		// A torn line at the end, as a crash mid-write leaves it.
		let path = dir.path().join("journal.jsonl");
		let mut text = std::fs::read_to_string(&path).unwrap();
		text.push_str("{\"t\":\"end\",\"id\":");
		std::fs::write(&path, text).unwrap();

		let journal = Journal::open(dir.path(), 15).unwrap();
		let (pending, submissions, seen, next) = journal
			.with_state(|s| (s.pending.clone(), s.submissions.clone(), s.seen.clone(), s.next_id))
			.unwrap();
		assert_eq!(pending.keys().copied().collect::<Vec<_>>(), vec![1, 2], "a is recorded");
		assert_eq!(pending[&1].submitted.as_deref(), Some("t2"), "b waits for its extrinsic");
		assert_eq!(pending[&2].receipt.as_deref(), Some(UNKNOWN_RECEIPT), "c was cut off");
		assert_eq!(submissions.keys().collect::<Vec<_>>(), vec!["t2"]);
		assert_eq!(next, 3, "ids are never reused");
		let nonces: Vec<_> = seen.iter().map(|(_, n, _)| n.as_str()).collect();
		assert_eq!(nonces, vec!["bb", "cc"], "a (issued at 10) is older than the window");

		// The era of t2 passed without it: b is sent again; then recorded, nothing is left.
		journal.write(&[Record::Abandoned { tx: "t2".into() }]).unwrap();
		assert_eq!(journal.with_state(|s| s.pending[&1].submitted.clone()).unwrap(), None);
		journal.write(&[Record::Recorded { ids: vec![1, 2], block: 9 }]).unwrap();
		// Recorded in block 9: counted until the finalized head the gateway reads reaches it.
		assert_eq!(journal.begin(request("ee", 50), Some((2, 8))).unwrap(), None);
		assert!(journal.begin(request("ee", 50), Some((2, 9))).unwrap().is_some());
		journal.write(&[Record::Recorded { ids: vec![3], block: 10 }]).unwrap();
		drop(journal);
		let journal = Journal::open(dir.path(), 0).unwrap();
		assert!(journal.with_state(|s| s.pending.is_empty()).unwrap());
		assert_eq!(
			journal.with_state(|s| s.seen.len()).unwrap(),
			3,
			"b, c and e: recent nonces stay"
		);
	}
}

//! The content store: each version's bytes in one file under the data directory, named by its
//! content hash (`content/sha2-256/<hex>`), and the check that a file still is that content
//! before a byte of it is served.
//!
//! A file is hashed in full the first time it is served, and again whenever its size,
//! modification time, change time or inode differ from when it was last hashed: any write to
//! it changes its change time, which no ordinary tool can set back, so a tampered file is
//! always hashed again, and refused.

use city_client::{
	asset::{algorithm_name, hash_reader, matches, ContentHasher},
	chain::city::runtime_types::pallet_data_assets::types::ContentHash,
};
use std::{
	collections::HashMap,
	io::{Read, Write},
	os::unix::fs::MetadataExt,
	path::{Path, PathBuf},
	sync::Mutex,
};

/// Where content lives, and what was found intact.
pub struct Store {
	root: PathBuf,
	verified: Mutex<HashMap<PathBuf, Stamp>>,
}

/// What identifies one state of a file on disk.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Stamp {
	len: u64,
	mtime: (i64, i64),
	ctime: (i64, i64),
	inode: (u64, u64),
}

impl Stamp {
	fn of(metadata: &std::fs::Metadata) -> Stamp {
		Stamp {
			len: metadata.len(),
			mtime: (metadata.mtime(), metadata.mtime_nsec()),
			ctime: (metadata.ctime(), metadata.ctime_nsec()),
			inode: (metadata.dev(), metadata.ino()),
		}
	}
}

/// Why a version cannot be served from disk.
#[derive(Debug, PartialEq, Eq)]
pub enum StoreError {
	/// This gateway holds no file for the content.
	Missing,
	/// The file is not the registered content any more.
	Tampered,
	/// It could not be read.
	Io(String),
}

impl Store {
	pub fn open(data_dir: &Path) -> std::io::Result<Store> {
		let root = data_dir.join("content");
		std::fs::create_dir_all(root.join("tmp"))?;
		Ok(Store { root, verified: Mutex::new(HashMap::new()) })
	}

	/// The file `content` is stored in.
	pub fn path(&self, content: &ContentHash) -> PathBuf {
		self.root.join(algorithm_name(&content.algorithm)).join(hex::encode(content.digest))
	}

	/// Copies `source` into the store, hashing it on the way; returns its hashes. The copy is
	/// stored under both digests' names once the caller knows which one the chain records
	/// (see [`Self::keep`]); until then it waits in `tmp/`.
	pub fn import(
		&self,
		source: &Path,
	) -> std::io::Result<(PathBuf, city_client::asset::FileHashes)> {
		let staged = self.root.join("tmp").join(hex::encode(rand::random::<[u8; 8]>()));
		let mut input = std::fs::File::open(source)?;
		let mut output = std::fs::File::create(&staged)?;
		let mut hasher = ContentHasher::default();
		let mut buffer = vec![0u8; 1 << 16];
		loop {
			let read = input.read(&mut buffer)?;
			if read == 0 {
				break;
			}
			hasher.update(&buffer[..read]);
			output.write_all(&buffer[..read])?;
		}
		output.sync_all()?;
		Ok((staged, hasher.finish()))
	}

	/// Moves a staged copy to where `content` is looked up.
	pub fn keep(&self, staged: &Path, content: &ContentHash) -> std::io::Result<PathBuf> {
		let path = self.path(content);
		if let Some(parent) = path.parent() {
			std::fs::create_dir_all(parent)?;
		}
		std::fs::rename(staged, &path)?;
		Ok(path)
	}

	/// Opens the file of `content` (of `size` bytes) if it is intact: hashed now unless it is
	/// unchanged since it was last found intact.
	pub fn open_verified(
		&self,
		content: &ContentHash,
		size: u64,
	) -> Result<(std::fs::File, u64), StoreError> {
		let path = self.path(content);
		let file = std::fs::File::open(&path).map_err(|e| match e.kind() {
			std::io::ErrorKind::NotFound => StoreError::Missing,
			_ => StoreError::Io(format!("{}: {e}", path.display())),
		})?;
		let io = |e: std::io::Error| StoreError::Io(format!("{}: {e}", path.display()));
		let stamp = Stamp::of(&file.metadata().map_err(io)?);
		if stamp.len != size {
			self.forget(&path);
			return Err(StoreError::Tampered);
		}
		let known = self.verified.lock().map(|v| v.get(&path) == Some(&stamp)).unwrap_or(false);
		if !known {
			// Stamped as it was before the hashing began: a write during it shows next time.
			if !matches(&hash_reader(&file).map_err(io)?, content) {
				self.forget(&path);
				return Err(StoreError::Tampered);
			}
			if let Ok(mut verified) = self.verified.lock() {
				verified.insert(path.clone(), stamp);
			}
		}
		Ok((file, stamp.len))
	}

	fn forget(&self, path: &Path) {
		if let Ok(mut verified) = self.verified.lock() {
			verified.remove(path);
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use city_client::chain::city::runtime_types::pallet_data_assets::types::HashAlgorithm;

	#[test]
	fn an_imported_file_is_served_until_it_is_changed() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		let source = dir.path().join("stops.csv");
		std::fs::write(&source, b"stop,lines\nMain St,4\n").unwrap();
		let (staged, hashes) = store.import(&source).unwrap();
		let content = ContentHash { algorithm: HashAlgorithm::Sha2_256, digest: hashes.sha2_256 };
		let path = store.keep(&staged, &content).unwrap();
		assert!(path.ends_with(format!("content/sha2-256/{}", hex::encode(hashes.sha2_256))));
		assert_eq!(store.open_verified(&content, hashes.size).unwrap().1, hashes.size);

		// Same length, other bytes: found out although the size did not change.
		std::fs::write(&path, b"stop,lines\nMain St,5\n").unwrap();
		assert_eq!(store.open_verified(&content, hashes.size).unwrap_err(), StoreError::Tampered);
		// Put back, it is intact again (hashed anew).
		std::fs::write(&path, b"stop,lines\nMain St,4\n").unwrap();
		assert!(store.open_verified(&content, hashes.size).is_ok());
		// Another size than registered, or no file at all.
		assert_eq!(store.open_verified(&content, 3).unwrap_err(), StoreError::Tampered);
		std::fs::remove_file(&path).unwrap();
		assert_eq!(store.open_verified(&content, hashes.size).unwrap_err(), StoreError::Missing);
	}
}

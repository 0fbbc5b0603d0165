//! Streaming a stored file as a response body, with memory that stays flat whatever its size:
//! a blocking thread reads the file in 64 KiB pieces (encrypting them with `age` to the
//! grantee's key, or not), a small channel hands them to the response, and the response hashes
//! exactly what it passes on, for the receipt.
//!
//! A full download is also checked as it is read: if the bytes no longer hash to the
//! registered content (the file changed after it was checked), the stream ends in an error
//! before its last piece, so the consumer gets no complete file (and with `age`, none that
//! decrypts).

use crate::journal::{Journal, Record};
use bytes::Bytes;
use city_client::{
	asset::{matches, ContentHasher},
	chain::city::runtime_types::pallet_data_assets::types::ContentHash,
};
use futures::Stream;
use std::{
	io::{Read, Seek, SeekFrom, Write},
	pin::Pin,
	sync::Arc,
	task::{Context, Poll},
};
use tokio::sync::mpsc;

const PIECE: usize = 64 * 1024;
/// Pieces in flight per download: what a download holds in memory, at most.
const IN_FLIGHT: usize = 4;

type Piece = Result<Bytes, std::io::Error>;

/// What to send of a file.
pub struct Source {
	pub file: std::fs::File,
	pub start: u64,
	pub end: u64,
	/// The content to check a full download against (`None` for a range).
	pub check: Option<ContentHash>,
	/// Encrypt to this recipient.
	pub encrypt_to: Option<age::x25519::Recipient>,
}

/// A `Write` that hands what it is given to the response.
struct ToResponse(mpsc::Sender<Piece>);

impl Write for ToResponse {
	fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
		self.0.blocking_send(Ok(Bytes::copy_from_slice(buf))).map_err(|_| {
			std::io::Error::new(std::io::ErrorKind::BrokenPipe, "consumer went away")
		})?;
		Ok(buf.len())
	}

	fn flush(&mut self) -> std::io::Result<()> {
		Ok(())
	}
}

/// Starts reading `source` on a blocking thread; returns the stream of its pieces.
pub fn stream(source: Source) -> mpsc::Receiver<Piece> {
	let (sender, receiver) = mpsc::channel(IN_FLIGHT);
	tokio::task::spawn_blocking(move || {
		let failed = sender.clone();
		if let Err(e) = produce(source, sender) {
			if e.kind() != std::io::ErrorKind::BrokenPipe {
				tracing::error!(error = %e, "download stopped");
				let _ = failed.blocking_send(Err(e));
			}
		}
	});
	receiver
}

fn produce(mut source: Source, sender: mpsc::Sender<Piece>) -> std::io::Result<()> {
	source.file.seek(SeekFrom::Start(source.start))?;
	match source.encrypt_to.take() {
		Some(recipient) => {
			let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
				.map_err(std::io::Error::other)?;
			let mut output = encryptor.wrap_output(ToResponse(sender))?;
			copy(&mut source, &mut output)?;
			// Only a finished age stream decrypts: a download cut short never does.
			output.finish()?;
		},
		None => copy(&mut source, &mut ToResponse(sender))?,
	}
	Ok(())
}

/// Copies the range of `source` to `output`, checking a full download against its content
/// before the last piece goes out.
fn copy(source: &mut Source, output: &mut impl Write) -> std::io::Result<()> {
	let mut remaining = source.end.saturating_sub(source.start);
	let mut hasher = source.check.as_ref().map(|_| ContentHasher::default());
	let mut buffer = vec![0u8; PIECE];
	while remaining > 0 {
		let want = remaining.min(PIECE as u64) as usize;
		let read = source.file.read(&mut buffer[..want])?;
		if read == 0 {
			return Err(std::io::Error::other("the file is shorter than registered"));
		}
		remaining -= read as u64;
		if let Some(hasher) = hasher.as_mut() {
			hasher.update(&buffer[..read]);
		}
		if remaining == 0 {
			if let (Some(hasher), Some(content)) = (hasher.take(), &source.check) {
				if !matches(&hasher.finish(), content) {
					return Err(std::io::Error::other(
						"the file changed while it was sent: it is not the registered content",
					));
				}
			}
		}
		output.write_all(&buffer[..read])?;
	}
	Ok(())
}

/// The response body: the pieces as they come, hashed on the way; when it is over (sent in
/// full, failed, or the consumer went away), the download's `end` record with the receipt.
pub struct Metered {
	pieces: mpsc::Receiver<Piece>,
	hasher: Option<blake2b_simd::State>,
	bytes: u64,
	id: u64,
	journal: Arc<Journal>,
}

impl Metered {
	pub fn new(pieces: mpsc::Receiver<Piece>, id: u64, journal: Arc<Journal>) -> Metered {
		Metered {
			pieces,
			hasher: Some(blake2b_simd::Params::new().hash_length(32).to_state()),
			bytes: 0,
			id,
			journal,
		}
	}

	fn end(&mut self) {
		let Some(hasher) = self.hasher.take() else { return };
		let record = Record::End {
			id: self.id,
			receipt: hex::encode(hasher.finalize().as_bytes()),
			bytes: self.bytes,
		};
		let journal = self.journal.clone();
		let write = move || {
			if let Err(e) = journal.write(&[record]) {
				tracing::error!(error = %e, "cannot journal a download's receipt");
			}
		};
		match tokio::runtime::Handle::try_current() {
			Ok(handle) => drop(handle.spawn_blocking(write)),
			Err(_) => write(),
		}
	}
}

impl Stream for Metered {
	type Item = Piece;

	fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Piece>> {
		let this = &mut *self;
		match this.pieces.poll_recv(cx) {
			Poll::Ready(Some(Ok(piece))) => {
				if let Some(hasher) = this.hasher.as_mut() {
					hasher.update(&piece);
				}
				this.bytes = this.bytes.saturating_add(piece.len() as u64);
				Poll::Ready(Some(Ok(piece)))
			},
			Poll::Ready(Some(Err(e))) => {
				this.end();
				Poll::Ready(Some(Err(e)))
			},
			Poll::Ready(None) => {
				this.end();
				Poll::Ready(None)
			},
			Poll::Pending => Poll::Pending,
		}
	}
}

impl Drop for Metered {
	fn drop(&mut self) {
		self.end();
	}
}

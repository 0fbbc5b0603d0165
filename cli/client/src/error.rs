//! What went wrong, and the exit code that tells a calling script.

use std::fmt;

/// The kinds of failure, each with its own exit code (see the crate README).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
	/// Anything not listed below: a bug, or a node answering something unexpected.
	Internal,
	/// The command line is incomplete or contradicts itself (clap reports its own errors with 2 too).
	Usage,
	/// The node cannot be reached at `--url`, or the connection broke.
	Unreachable,
	/// The asset, version, request, grant, department or code does not exist.
	NotFound,
	/// The chain refused the transaction: a dispatch error (no grant, not a steward, …) or the
	/// pool rejected it (no funds for the fee, bad nonce).
	Refused,
	/// The answer to a question is "no": a file matches no version, access is denied, a code does
	/// not resolve.
	No,
	/// A local file could not be read or written.
	File,
}

impl Kind {
	/// The process exit code of this kind.
	pub fn exit_code(self) -> i32 {
		match self {
			Kind::Internal => 1,
			Kind::Usage => 2,
			Kind::Unreachable => 3,
			Kind::NotFound => 4,
			Kind::Refused => 5,
			Kind::No => 6,
			Kind::File => 7,
		}
	}

	/// The kind's name in `--json` output.
	pub fn name(self) -> &'static str {
		match self {
			Kind::Internal => "internal",
			Kind::Usage => "usage",
			Kind::Unreachable => "unreachable",
			Kind::NotFound => "not_found",
			Kind::Refused => "refused",
			Kind::No => "no",
			Kind::File => "file",
		}
	}
}

/// A failure with a message for people and a kind for scripts.
#[derive(Debug)]
pub struct Error {
	pub kind: Kind,
	pub message: String,
	/// For `--json`: the answer that explains a `No` (e.g. the denial), if there is one.
	pub detail: Option<serde_json::Value>,
}

impl Error {
	pub fn new(kind: Kind, message: impl Into<String>) -> Self {
		Error { kind, message: message.into(), detail: None }
	}

	pub fn with_detail(mut self, detail: serde_json::Value) -> Self {
		self.detail = Some(detail);
		self
	}

	pub fn usage(message: impl Into<String>) -> Self {
		Self::new(Kind::Usage, message)
	}

	pub fn not_found(message: impl Into<String>) -> Self {
		Self::new(Kind::NotFound, message)
	}

	pub fn file(path: &std::path::Path, error: std::io::Error) -> Self {
		Self::new(Kind::File, format!("{}: {error}", path.display()))
	}

	/// An error from talking to the node: a broken or refused connection is `Unreachable`, the
	/// rest `Internal`.
	pub fn node(context: &str, error: impl fmt::Display) -> Self {
		let text = error.to_string();
		let lower = text.to_lowercase();
		let unreachable = [
			"connection refused",
			"connection reset",
			"connection closed",
			"restart required",
			"transport",
			"dns error",
			"failed to lookup address",
			"no route to host",
			"timed out",
			"background task closed",
		]
		.iter()
		.any(|needle| lower.contains(needle));
		let kind = if unreachable { Kind::Unreachable } else { Kind::Internal };
		Self::new(kind, format!("{context}: {text}"))
	}
}

impl fmt::Display for Error {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(&self.message)
	}
}

pub type Result<T> = std::result::Result<T, Error>;

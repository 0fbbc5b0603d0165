//! What can go wrong, and the exit status each kind gives (`city-indexer` is run by service
//! managers and scripts, which act on the status).

use std::fmt;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
	/// Bad command line or configuration: exit 2.
	Usage,
	/// The node cannot be reached or answered wrongly; retried while following: exit 3.
	Node,
	/// The database refused: exit 4.
	Database,
	/// The stored chain is not the node's (another genesis, or another block at a stored height):
	/// the indexer stops rather than mix chains. Exit 5.
	Diverged,
	/// A block the indexer cannot decode (a runtime it does not understand): exit 6.
	Decode,
	/// The consistency check found the index and the chain disagree: exit 7.
	Inconsistent,
	/// A bug: exit 1.
	Internal,
}

#[derive(Debug)]
pub struct Error {
	pub kind: Kind,
	pub message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
	pub fn new(kind: Kind, message: impl Into<String>) -> Self {
		Error { kind, message: message.into() }
	}
	pub fn usage(message: impl Into<String>) -> Self {
		Self::new(Kind::Usage, message)
	}
	pub fn internal(message: impl Into<String>) -> Self {
		Self::new(Kind::Internal, message)
	}
	pub fn node(context: impl fmt::Display, e: impl fmt::Display) -> Self {
		Self::new(Kind::Node, format!("{context}: {e}"))
	}
	pub fn database(context: impl fmt::Display, e: impl fmt::Display) -> Self {
		Self::new(Kind::Database, format!("{context}: {e}"))
	}
	pub fn decode(context: impl fmt::Display, e: impl fmt::Display) -> Self {
		Self::new(Kind::Decode, format!("{context}: {e}"))
	}

	pub fn exit_code(&self) -> i32 {
		match self.kind {
			Kind::Internal => 1,
			Kind::Usage => 2,
			Kind::Node => 3,
			Kind::Database => 4,
			Kind::Diverged => 5,
			Kind::Decode => 6,
			Kind::Inconsistent => 7,
		}
	}
}

impl fmt::Display for Error {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(&self.message)
	}
}

impl std::error::Error for Error {}

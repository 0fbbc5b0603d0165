//! What a command prints: text for people, one JSON document for machines (`--json`).

use crate::error::CliError;
use serde_json::json;

/// A command's result in both forms.
pub struct Report {
	pub text: String,
	pub json: serde_json::Value,
}

impl Report {
	pub fn new(text: impl Into<String>, json: serde_json::Value) -> Self {
		Report { text: text.into(), json }
	}

	pub fn print(&self, as_json: bool) {
		if as_json {
			println!("{}", self.json);
		} else {
			println!("{}", self.text);
		}
	}
}

/// Prints an error: on stderr as text, or with `--json` on stdout as `{"error": …}` so that a
/// machine always reads exactly one JSON document.
pub fn print_error(error: &CliError, as_json: bool) {
	if as_json {
		let mut body = json!({
			"kind": error.kind.name(),
			"exit_code": error.kind.exit_code(),
			"message": error.message,
		});
		if let Some(detail) = &error.detail {
			body["detail"] = detail.clone();
		}
		println!("{}", json!({ "error": body }));
	} else {
		eprintln!("error: {}", error.message);
	}
}

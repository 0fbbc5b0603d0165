//! Progress bars for long batches, on stderr so that stdout stays the result.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar counting `total` `unit`s; hidden when `show` is false (`--json`, `--quiet`, not a
/// terminal).
pub fn bar(show: bool, total: u64, unit: &str) -> ProgressBar {
	if !show {
		return ProgressBar::hidden();
	}
	let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
	let template = format!("{{bar:40}} {{pos}}/{{len}} {unit} {{elapsed}} {{msg}}");
	if let Ok(style) = ProgressStyle::with_template(&template) {
		bar.set_style(style);
	}
	bar
}

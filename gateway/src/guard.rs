//! Two small guards in front of the chain question: the replay guard (a signed request is
//! served once) and the per-department rate limit (a token bucket each).

use std::{
	collections::{HashMap, HashSet},
	time::Instant,
};

/// The requests seen within the signing window, by (consumer, nonce). Older ones need no
/// memory: their signing time alone refuses them.
pub struct ReplayGuard {
	window_ms: u64,
	seen: HashSet<([u8; 32], [u8; 16])>,
	by_time: Vec<(u64, [u8; 32], [u8; 16])>,
}

impl ReplayGuard {
	pub fn new(window_ms: u64) -> ReplayGuard {
		ReplayGuard { window_ms, seen: HashSet::new(), by_time: Vec::new() }
	}

	/// Whether a request signed at `issued_at` is inside the window around `now` (both ms).
	pub fn in_window(&self, issued_at: u64, now: u64) -> bool {
		issued_at.abs_diff(now) <= self.window_ms
	}

	/// Notes the request; `false` if it was seen before.
	pub fn first_time(
		&mut self,
		consumer: [u8; 32],
		nonce: [u8; 16],
		issued_at: u64,
		now: u64,
	) -> bool {
		if self.by_time.len() >= 1024 && self.by_time.len().is_multiple_of(1024) {
			self.forget_before(now.saturating_sub(self.window_ms));
		}
		if !self.seen.insert((consumer, nonce)) {
			return false;
		}
		self.by_time.push((issued_at, consumer, nonce));
		true
	}

	fn forget_before(&mut self, oldest: u64) {
		let seen = &mut self.seen;
		self.by_time.retain(|(issued_at, consumer, nonce)| {
			let keep = *issued_at >= oldest;
			if !keep {
				seen.remove(&(*consumer, *nonce));
			}
			keep
		});
	}
}

/// A token bucket per department: `per_second` refill, `burst` capacity.
pub struct RateLimiter {
	per_second: f64,
	burst: f64,
	buckets: HashMap<u32, (f64, Instant)>,
}

impl RateLimiter {
	pub fn new(per_second: u32, burst: u32) -> RateLimiter {
		RateLimiter { per_second: per_second.into(), burst: burst.into(), buckets: HashMap::new() }
	}

	/// Takes a token for `department`; `Err(seconds)` until the next one if there is none.
	pub fn take(&mut self, department: u32, now: Instant) -> Result<(), u64> {
		let (tokens, last) = self.buckets.entry(department).or_insert((self.burst, now));
		let refilled = (*tokens
			+ now.saturating_duration_since(*last).as_secs_f64() * self.per_second)
			.min(self.burst);
		*last = now;
		if refilled >= 1.0 {
			*tokens = refilled - 1.0;
			Ok(())
		} else {
			*tokens = refilled;
			Err(((1.0 - refilled) / self.per_second).ceil().max(1.0) as u64)
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::time::Duration;

	#[test]
	fn a_request_is_served_once_and_only_inside_the_window() {
		let mut guard = ReplayGuard::new(1_000);
		assert!(guard.in_window(10_000, 10_900) && guard.in_window(10_900, 10_000));
		assert!(!guard.in_window(10_000, 11_001));
		assert!(guard.first_time([1; 32], [2; 16], 10_000, 10_000));
		assert!(!guard.first_time([1; 32], [2; 16], 10_000, 10_001), "a replay");
		assert!(guard.first_time([1; 32], [3; 16], 10_000, 10_001), "another nonce");
		assert!(guard.first_time([4; 32], [2; 16], 10_000, 10_001), "another consumer");
		guard.forget_before(10_001);
		assert!(guard.first_time([1; 32], [2; 16], 20_000, 20_000), "forgotten once outside");
	}

	#[test]
	fn each_department_has_its_own_bucket() {
		let start = Instant::now();
		let mut limiter = RateLimiter::new(2, 3);
		for _ in 0..3 {
			assert_eq!(limiter.take(1, start), Ok(()));
		}
		assert_eq!(limiter.take(1, start), Err(1), "the burst is spent");
		assert_eq!(limiter.take(2, start), Ok(()), "another department is not affected");
		assert_eq!(limiter.take(1, start + Duration::from_millis(500)), Ok(()), "refilled");
		assert!(limiter.take(1, start + Duration::from_millis(500)).is_err());
	}
}

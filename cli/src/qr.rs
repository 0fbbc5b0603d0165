//! A QR code as a PNG: black modules on white, with the four-module quiet zone scanners need.

use crate::error::{CliError, Kind, Result};
use qrcode::{Color, EcLevel, QrCode};
use std::path::Path;

/// The quiet zone around the symbol, in modules (ISO/IEC 18004 asks for four).
const QUIET_ZONE: usize = 4;

/// Encodes `text` (error correction level M: survives about 15 % damage, e.g. a scuffed label)
/// and writes it to `path`, `scale` pixels per module. Returns the image's side in pixels.
pub fn write_png(text: &str, scale: u32, path: &Path) -> Result<u32> {
	let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| {
		CliError::new(Kind::Usage, format!("cannot encode `{text}` as a QR code: {e}"))
	})?;
	let pixels = render(&code, scale as usize);
	let side = ((code.width() + 2 * QUIET_ZONE) * scale as usize) as u32;
	let file = std::fs::File::create(path).map_err(|e| CliError::file(path, e))?;
	let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), side, side);
	encoder.set_color(png::ColorType::Grayscale);
	encoder.set_depth(png::BitDepth::Eight);
	let io = |e: png::EncodingError| CliError::new(Kind::File, format!("{}: {e}", path.display()));
	let mut writer = encoder.write_header().map_err(io)?;
	writer.write_image_data(&pixels).map_err(io)?;
	writer.finish().map_err(io)?;
	Ok(side)
}

/// Rows of 8-bit grey pixels: 0 for dark modules, 255 for light ones and the quiet zone.
fn render(code: &QrCode, scale: usize) -> Vec<u8> {
	let width = code.width();
	let colors = code.to_colors();
	let side = (width + 2 * QUIET_ZONE) * scale;
	let mut pixels = vec![255u8; side * side];
	for (index, color) in colors.iter().enumerate() {
		if *color != Color::Dark {
			continue;
		}
		let (x, y) = (index % width + QUIET_ZONE, index / width + QUIET_ZONE);
		for row in y * scale..(y + 1) * scale {
			pixels[row * side + x * scale..row * side + (x + 1) * scale].fill(0);
		}
	}
	pixels
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn modules_are_drawn_at_scale_inside_the_quiet_zone() {
		let code = QrCode::with_error_correction_level(b"CITYCODE:BJ.TRF/DEV/000123-X", EcLevel::M)
			.unwrap();
		let scale = 3;
		let pixels = render(&code, scale);
		let side = (code.width() + 2 * QUIET_ZONE) * scale;
		assert_eq!(pixels.len(), side * side);
		// The quiet zone is white all round.
		let margin = QUIET_ZONE * scale;
		for i in 0..side {
			for j in 0..margin {
				assert_eq!(pixels[j * side + i], 255);
				assert_eq!(pixels[i * side + j], 255);
			}
		}
		// Every module's pixels match the module's colour; the top-left finder's corner is dark.
		let colors = code.to_colors();
		for (index, color) in colors.iter().enumerate() {
			let (x, y) = (index % code.width() + QUIET_ZONE, index / code.width() + QUIET_ZONE);
			let expected = if *color == Color::Dark { 0 } else { 255 };
			for dy in 0..scale {
				for dx in 0..scale {
					assert_eq!(pixels[(y * scale + dy) * side + x * scale + dx], expected);
				}
			}
		}
		assert_eq!(colors[0], Color::Dark);
	}

	#[test]
	fn writes_a_png_of_the_expected_size() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("code.png");
		let side = write_png("CITYCODE:BJ.TRF/DEV/000123-X", 4, &path).unwrap();
		let decoder =
			png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
		let reader = decoder.read_info().unwrap();
		assert_eq!((reader.info().width, reader.info().height), (side, side));
		// Alphanumeric mode keeps a 28-character code URI in a version-2 symbol (25 modules).
		assert_eq!(side, (25 + 8) * 4);
	}
}

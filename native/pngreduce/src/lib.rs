//! Decode an 8-bit PNG and box-reduce it to RGB in one pass, for perceptual hashing.
//!
//! `tipline.operators.hashing.decode` calls [`reduce_png`] for PNG attachments:
//! the `png` crate reads and checks the header chunks, libdeflate inflates the
//! IDAT stream in one call (about twice zlib's speed), then each row is
//! unfiltered (the `png` crate's SIMD unfiltering) and summed into a row of
//! accumulators; every `factor` rows the block means are written out, so no
//! RGB raster is allocated beyond the filtered rows themselves. The result equals Pillow's
//! `img.convert("RGBA" if alpha else ...).reduce(factor).convert("RGB")` up to
//! rounding: it copies Pillow's fixed-point means: colours with an alpha channel are
//! averaged premultiplied, as Pillow's `reduce` does for `RGBA`.
//!
//! Invariants:
//!   * The GIL is released while decoding (the digests run beside it).
//!   * Anything but a non-interlaced 8-bit PNG returns `None` (the caller
//!     decodes it with Pillow); a broken stream raises `ValueError` naming the
//!     decoder's error kind, never image content.
//!   * `width * height` above `max_pixels` is refused before any row is decoded.

use std::io::Cursor;

use png::{BitDepth, ColorType, Transformations};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// How the decoded samples of one pixel become accumulated channels.
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Gray,
    Rgb,
    /// RGBA (also gray + alpha and palettes, expanded to RGBA).
    Rgba,
}

impl Layout {
    fn channels(self) -> usize {
        match self {
            Layout::Gray => 1,
            Layout::Rgb => 3,
            Layout::Rgba => 4,
        }
    }
}

struct Reduced {
    width: usize,
    height: usize,
    rgb: Vec<u8>,
}

/// Sums `factor x factor` blocks of a stream of rows and writes their RGB means.
struct BoxReducer {
    layout: Layout,
    factor: usize,
    width: usize,
    out_width: usize,
    sums: Vec<u32>,
    rows_in_block: usize,
    rgb: Vec<u8>,
}

impl BoxReducer {
    fn new(layout: Layout, factor: usize, width: usize, height: usize) -> Self {
        let out_width = width.div_ceil(factor);
        Self {
            layout,
            factor,
            width,
            out_width,
            sums: vec![0; width * layout.channels()],
            rows_in_block: 0,
            rgb: Vec::with_capacity(out_width * height.div_ceil(factor) * 3),
        }
    }

    /// Add one row of `width * channels` samples (premultiplied when RGBA and reducing).
    fn add_row(&mut self, row: &[u8]) {
        for (sum, &v) in self.sums.iter_mut().zip(row) {
            *sum += u32::from(v);
        }
        self.rows_in_block += 1;
        if self.rows_in_block == self.factor {
            self.flush();
        }
    }

    /// Write the means of the pending block row (a partial one at the bottom edge).
    fn flush(&mut self) {
        if self.rows_in_block == 0 {
            return;
        }
        match self.layout {
            Layout::Gray => self.flush_channels::<1>(),
            Layout::Rgb => self.flush_channels::<3>(),
            Layout::Rgba => self.flush_channels::<4>(),
        }
        self.sums.fill(0);
        self.rows_in_block = 0;
    }

    fn flush_channels<const CH: usize>(&mut self) {
        let full = self.width / self.factor;
        let block = self.factor * CH;
        let count = (self.factor * self.rows_in_block) as u64;
        let (amend, multiplier) = (count / 2, pillow_multiplier(count));
        for ox in 0..full {
            let sums = &self.sums[ox * block..(ox + 1) * block];
            let mut px = [0u64; 4];
            for pixel in sums.chunks_exact(CH) {
                for c in 0..CH {
                    px[c] += u64::from(pixel[c]);
                }
            }
            self.push_pixel(px.map(|s| (((s + amend) * multiplier) >> 24) as u32));
        }
        if full < self.out_width {
            // the right edge's narrower block
            let cols = self.width - full * self.factor;
            let count = (cols * self.rows_in_block) as u64;
            let (amend, multiplier) = (count / 2, pillow_multiplier(count));
            let mut px = [0u64; 4];
            for pixel in self.sums[full * block..].chunks_exact(CH) {
                for c in 0..CH {
                    px[c] += u64::from(pixel[c]);
                }
            }
            self.push_pixel(px.map(|s| (((s + amend) * multiplier) >> 24) as u32));
        }
    }

    fn push_pixel(&mut self, mean: [u32; 4]) {
        match self.layout {
            Layout::Gray => self.rgb.extend_from_slice(&[mean[0] as u8; 3]),
            Layout::Rgb => self.rgb.extend(mean[..3].iter().map(|&v| v as u8)),
            Layout::Rgba if self.factor == 1 => self.rgb.extend(mean[..3].iter().map(|&v| v as u8)),
            Layout::Rgba => {
                let alpha = mean[3];
                self.rgb.extend(mean[..3].iter().map(|&v| unpremultiply(v, alpha)));
            }
        }
    }
}

/// Pillow's fixed-point reciprocal of a box's pixel count (`division_UINT32` in
/// `Reduce.c`): a mean is `((sum + count / 2) * multiplier) >> 24`, which for a
/// count that is not a power of two sometimes rounds one level lower than exact
/// division; copying it keeps the two paths' pixels equal.
/// Sums are 64-bit: a block of a very wide or tall image under a raised pixel
/// cap can exceed 2^32 / 255 pixels (Pillow's own arithmetic is 32-bit there).
fn pillow_multiplier(count: u64) -> u64 {
    (4_294_967_296.0_f32 / (256 * count) as f32) as u64
}

/// `c * a / 255` rounded (Pillow's `MULDIV255`).
fn premultiply(c: u8, a: u8) -> u8 {
    let t = u32::from(c) * u32::from(a) + 128;
    (((t >> 8) + t) >> 8) as u8
}

/// Undo [`premultiply`] for a block mean, truncating as Pillow's `rgba2rgbA` does.
fn unpremultiply(c: u32, alpha: u32) -> u8 {
    match alpha {
        0 | 255 => c as u8,
        a => (255 * c / a).min(255) as u8,
    }
}

/// Expands decoded rows of any supported colour type into the reducer's layout.
struct Expander {
    color: ColorType,
    palette: Vec<[u8; 4]>,
    premultiply: bool,
    row: Vec<u8>,
}

impl Expander {
    fn layout(color: ColorType) -> Layout {
        match color {
            ColorType::Grayscale => Layout::Gray,
            ColorType::Rgb => Layout::Rgb,
            _ => Layout::Rgba,
        }
    }

    fn new(info: &png::Info<'_>, factor: usize) -> Option<Self> {
        let mut palette = Vec::new();
        if info.color_type == ColorType::Indexed {
            let rgb = info.palette.as_deref()?;
            let trns = info.trns.as_deref().unwrap_or(&[]);
            palette = rgb
                .chunks_exact(3)
                .enumerate()
                .map(|(i, p)| [p[0], p[1], p[2], trns.get(i).copied().unwrap_or(255)])
                .collect();
            // Out-of-range indices are black and opaque (Pillow's palette is zero-filled).
            palette.resize(256, [0, 0, 0, 255]);
        }
        let channels = Self::layout(info.color_type).channels();
        Some(Self {
            color: info.color_type,
            palette,
            premultiply: factor > 1,
            row: Vec::with_capacity(info.width as usize * channels),
        })
    }

    /// Return `raw` as the reducer expects it (a borrowed row when nothing changes).
    fn expand<'a>(&'a mut self, raw: &'a [u8]) -> &'a [u8] {
        let rgba = match self.color {
            ColorType::Grayscale | ColorType::Rgb => return raw,
            ColorType::Rgba => {
                if !self.premultiply {
                    return raw;
                }
                self.row.clear();
                self.row.extend_from_slice(raw);
                &mut self.row[..]
            }
            ColorType::GrayscaleAlpha => {
                self.row.clear();
                self.row.extend(raw.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0], p[1]]));
                &mut self.row[..]
            }
            ColorType::Indexed => {
                self.row.clear();
                let palette = &self.palette;
                self.row.extend(raw.iter().flat_map(|&i| palette[usize::from(i)]));
                &mut self.row[..]
            }
        };
        if self.premultiply {
            for px in rgba.chunks_exact_mut(4) {
                let a = px[3];
                if a != 255 {
                    px[0] = premultiply(px[0], a);
                    px[1] = premultiply(px[1], a);
                    px[2] = premultiply(px[2], a);
                }
            }
        }
        rgba
    }
}

/// The kind of a decoding error only: its message may quote checksums or chunk bytes.
fn error_kind(e: png::DecodingError) -> String {
    match e {
        png::DecodingError::IoError(_) => "truncated or unreadable stream",
        png::DecodingError::Format(_) => "malformed PNG data",
        png::DecodingError::Parameter(_) => "decoder misuse",
        png::DecodingError::LimitsExceeded => "decoder memory limit exceeded",
    }
    .to_string()
}

fn row_filter(kind: u8) -> Option<png::Filter> {
    Some(match kind {
        0 => png::Filter::NoFilter,
        1 => png::Filter::Sub,
        2 => png::Filter::Up,
        3 => png::Filter::Avg,
        4 => png::Filter::Paeth,
        _ => return None,
    })
}

/// The concatenated payload of the first run of IDAT chunks (one zlib stream),
/// gathered into `stream` (cleared first; a thread's spare, see [`SPARE_STREAM`]).
fn idat_stream(data: &[u8], stream: &mut Vec<u8>) -> Result<(), String> {
    let mut pos = 8;
    stream.clear();
    stream.reserve(data.len());
    let mut in_idat = false;
    loop {
        let header = data.get(pos..pos + 8).ok_or("truncated chunk header")?;
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let body = data.get(pos + 8..pos + 8 + length).ok_or("truncated chunk")?;
        match &header[4..8] {
            b"IDAT" => {
                stream.extend_from_slice(body);
                in_idat = true;
            }
            b"IEND" => break,
            _ if in_idat => break, // Pillow also stops at the first chunk after the IDAT run
            _ => {}
        }
        pos += 12 + length;
    }
    if stream.is_empty() {
        return Err("no image data".to_string());
    }
    Ok(())
}

/// The deflate data of a zlib stream, its 2-byte header checked exactly as
/// libdeflate's `zlib_decompress` checks it (the 4-byte trailer is left off).
fn zlib_deflate_data(stream: &[u8]) -> Result<&[u8], String> {
    if stream.len() < 6 {
        return Err(BAD_DATA.to_string());
    }
    let header = u16::from_be_bytes([stream[0], stream[1]]);
    let cm_deflate = (header >> 8) & 0xF == 8;
    let window_ok = header >> 12 <= 7;
    let no_dictionary = (header >> 5) & 1 == 0;
    if header % 31 != 0 || !cm_deflate || !window_ok || !no_dictionary {
        return Err(BAD_DATA.to_string());
    }
    Ok(&stream[2..stream.len() - 4])
}

/// What a stream libdeflate refuses, or whose checksum differs, is reported as.
const BAD_DATA: &str = "malformed or oversized image data";

/// Inflate all filtered rows at once (libdeflate needs the whole output buffer).
///
/// Returns the rows and the stream's Adler-32 trailer: the caller checks the
/// checksum row by row while each row is in cache for its unfiltering, instead
/// of libdeflate reading all 36 MB of a 12 MP image once more after inflating it.
fn inflate_rows(data: &[u8], row_bytes: usize, height: usize) -> Result<(HugeBuffer, u32), String> {
    let size = (row_bytes + 1)
        .checked_mul(height)
        .ok_or_else(|| "image too large".to_string())?;
    let mut stream = SPARE_STREAM.with(|s| std::mem::take(&mut *s.borrow_mut()));
    let inflated = idat_stream(data, &mut stream).and_then(|()| inflate_stream(&stream, size));
    if stream.capacity() <= KEEP_BYTES {
        SPARE_STREAM.with(|s| *s.borrow_mut() = stream);
    }
    inflated
}

/// Inflate one zlib stream into exactly `size` bytes; see [`inflate_rows`].
fn inflate_stream(stream: &[u8], size: usize) -> Result<(HugeBuffer, u32), String> {
    let deflate = zlib_deflate_data(stream)?;
    let mut raw = HugeBuffer::take(size);
    let (mut used, mut written) = (0usize, 0usize);
    let out = raw.as_mut_slice();
    // SAFETY: the decompressor is freed below on every path; the pointers and
    // lengths describe live slices; libdeflate writes at most `out.len()` bytes.
    let result = unsafe {
        let d = libdeflate_sys::libdeflate_alloc_decompressor();
        if d.is_null() {
            return Err("decoder memory limit exceeded".to_string());
        }
        let r = libdeflate_sys::libdeflate_deflate_decompress_ex(
            d,
            deflate.as_ptr().cast(),
            deflate.len(),
            out.as_mut_ptr().cast(),
            out.len(),
            &mut used,
            &mut written,
        );
        libdeflate_sys::libdeflate_free_decompressor(d);
        r
    };
    if result != libdeflate_sys::libdeflate_result_LIBDEFLATE_SUCCESS {
        return Err(BAD_DATA.to_string());
    }
    let at = 2 + used; // the trailer follows the deflate data wherever that ends
    let trailer = stream.get(at..at + 4).ok_or(BAD_DATA)?;
    let adler = u32::from_be_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
    if written != size {
        return Err("image data ended early".to_string());
    }
    Ok((raw, adler))
}

const HUGE_PAGE: usize = 2 << 20;

/// The largest row buffer a decoding thread keeps for its next PNG: a 12 MP
/// RGBA image's filtered rows (48 MB). Larger ones are freed after use.
const KEEP_BYTES: usize = 48 << 20;

thread_local! {
    /// The previous decode's row buffer: its pages are mapped already, so the
    /// next image of up to its size skips ~9,000 page faults and the kernel's
    /// zeroing of every page (~4 % of a 12 MP decode). Only bytes this decode's
    /// inflate writes are read (a short inflate is an error), so nothing of
    /// the previous image is ever read.
    static SPARE: std::cell::RefCell<Option<HugeBuffer>> = const { std::cell::RefCell::new(None) };
    /// The previous decode's gathered IDAT stream (as large as the file), kept
    /// for the same reason: its pages are mapped and need no zeroing.
    static SPARE_STREAM: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A buffer the kernel may back with 2 MiB pages (Linux `MADV_HUGEPAGE`):
/// filling 36 MB of 4 KiB pages costs ~9,000 page faults, about a tenth of the decode.
struct HugeBuffer {
    storage: Vec<u8>,
    offset: usize,
    size: usize,
}

impl HugeBuffer {
    /// This thread's spare buffer when it is large enough, else a new one.
    fn take(size: usize) -> Self {
        let spare = SPARE.with(|s| s.borrow_mut().take());
        match spare {
            Some(mut b) if b.storage.len() - b.offset >= size => {
                b.size = size;
                b
            }
            _ => Self::zeroed(size),
        }
    }

    /// Keep this buffer for the thread's next decode (when not too large).
    fn give_back(self) {
        if self.storage.len() <= KEEP_BYTES + HUGE_PAGE {
            SPARE.with(|s| *s.borrow_mut() = Some(self));
        }
    }

    fn zeroed(size: usize) -> Self {
        // calloc'd (fresh, untouched pages), so the advice applies before the first fault
        let mut storage = vec![0u8; size + HUGE_PAGE];
        let offset = storage.as_ptr().align_offset(HUGE_PAGE);
        #[cfg(target_os = "linux")]
        if size >= HUGE_PAGE {
            let start = storage[offset..].as_mut_ptr().cast::<libc::c_void>();
            // SAFETY: [start, start + size) lies inside `storage`; the advice changes no data.
            unsafe { libc::madvise(start, size, libc::MADV_HUGEPAGE) };
        }
        Self { storage, offset, size }
    }

    fn as_mut_slice(&mut self) -> &mut [u8] {
        &mut self.storage[self.offset..self.offset + self.size]
    }
}

fn decode(data: &[u8], factor: usize, max_pixels: u64) -> Result<Option<Reduced>, String> {
    let mut decoder = png::Decoder::new(Cursor::new(data));
    decoder.set_transformations(Transformations::IDENTITY);
    decoder.set_ignore_text_chunk(true);
    decoder.set_ignore_iccp_chunk(true);
    let reader = decoder.read_info().map_err(error_kind)?;
    let info = reader.info();
    let (width, height) = (info.width as usize, info.height as usize);
    if u64::from(info.width) * u64::from(info.height) > max_pixels {
        return Err(format!("{width}x{height} px exceeds max_pixels {max_pixels}"));
    }
    if info.bit_depth != BitDepth::Eight || info.interlaced || width == 0 || height == 0 {
        return Ok(None);
    }
    let Some(mut expander) = Expander::new(info, factor) else {
        return Ok(None); // a palette image without PLTE: Pillow reports it
    };
    let layout = Expander::layout(info.color_type);
    let bpp = info.color_type.samples();
    let mut reducer = BoxReducer::new(layout, factor, width, height);
    let stride = width * bpp + 1;
    let (mut buffer, adler) = inflate_rows(data, stride - 1, height)?;
    let raw = buffer.as_mut_slice();
    let zeros = vec![0u8; stride - 1];
    let mut checksum = libdeflater::Adler32::new();
    for y in 0..height {
        let (above, rest) = raw.split_at_mut(y * stride);
        let previous = if y == 0 { &zeros[..] } else { &above[(y - 1) * stride + 1..] };
        // the checksum covers the inflated (still filtered) bytes, filter byte included
        checksum.update(&rest[..stride]);
        let (kind, row) = rest[..stride].split_first_mut().ok_or("empty row")?;
        let filter = row_filter(*kind).ok_or("unknown row filter")?;
        png::benchable_apis::unfilter(filter, bpp as u8, previous, row);
        reducer.add_row(expander.expand(row));
    }
    buffer.give_back();
    if checksum.sum() != adler {
        return Err(BAD_DATA.to_string());
    }
    reducer.flush();
    Ok(Some(Reduced { width: reducer.out_width, height: height.div_ceil(factor), rgb: reducer.rgb }))
}

/// Decode `data` (a PNG) reduced by `factor` to RGB.
///
/// Returns `(width, height, rgb_bytes)`, or `None` for a PNG this decoder does
/// not handle (16-bit or sub-byte samples, interlacing). Raises `ValueError`
/// for a broken or truncated stream or one above `max_pixels`.
#[pyfunction]
fn reduce_png<'py>(
    py: Python<'py>,
    data: &[u8],
    factor: usize,
    max_pixels: u64,
) -> PyResult<Option<(usize, usize, Bound<'py, PyBytes>)>> {
    if factor == 0 {
        return Err(PyValueError::new_err("factor must be at least 1"));
    }
    let reduced = py.allow_threads(|| {
        // a bug must not unwind into Python as a PanicException (a BaseException)
        std::panic::catch_unwind(|| decode(data, factor, max_pixels))
            .unwrap_or_else(|_| Err("internal decoder error".to_string()))
    });
    match reduced {
        Ok(Some(r)) => Ok(Some((r.width, r.height, PyBytes::new(py, &r.rgb)))),
        Ok(None) => Ok(None),
        Err(kind) => Err(PyValueError::new_err(format!("PNG decode failed: {kind}"))),
    }
}

#[pymodule]
fn tipline_png(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(reduce_png, m)?)?;
    Ok(())
}

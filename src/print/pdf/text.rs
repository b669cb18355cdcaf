//! Text on the day list's pages: the bundled font shaped with rustybuzz and embedded
//! with krilla, lines measured and wrapped by the font's own advances (with 禁則), and
//! text normalised so that every glyph stands for exactly its characters.

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, UnicodeBuffer};
use unicode_normalization::UnicodeNormalization;

use super::{MAX_CELL_LINES, NO_LINE_START};
use crate::fonts::JAPANESE_FONT;
use crate::print::PrintError;

/// The font for shaping (rustybuzz) and for embedding (krilla), from the same bytes.
pub(super) struct Fonts {
    face: rustybuzz::Face<'static>,
    pub(super) font: Font,
}

impl Fonts {
    pub(super) fn new() -> Result<Fonts, PrintError> {
        let face = rustybuzz::Face::from_slice(JAPANESE_FONT, 0).ok_or(PrintError::Font)?;
        let font = Font::new(krilla::Data::from(JAPANESE_FONT), 0).ok_or(PrintError::Font)?;
        Ok(Fonts { face, font })
    }

    /// Glyphs of one line of text, left to right, with advances in ems.
    pub(super) fn shape(&self, text: &str) -> Vec<KrillaGlyph> {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(Direction::LeftToRight);
        let output = rustybuzz::shape(&self.face, &[], buffer);
        let units = self.face.units_per_em() as f32;
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        (0..infos.len())
            .map(|i| {
                let start = infos[i].cluster as usize;
                let end = infos[i + 1..]
                    .iter()
                    .map(|info| info.cluster as usize)
                    .find(|&cluster| cluster != start)
                    .unwrap_or(text.len());
                KrillaGlyph::new(
                    GlyphId::new(infos[i].glyph_id),
                    positions[i].x_advance as f32 / units,
                    positions[i].x_offset as f32 / units,
                    positions[i].y_offset as f32 / units,
                    positions[i].y_advance as f32 / units,
                    start..end.max(start),
                    None,
                )
            })
            .collect()
    }

    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(&printable(text)).iter().map(|g| g.x_advance * size).sum()
    }

    /// Breaks `text` into lines no wider than `width`: at line breaks in the text, and
    /// between characters where a line is full (Japanese needs no spaces to break).
    pub(super) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n').map(|p| p.trim_end_matches('\r')) {
            let paragraph = printable(paragraph);
            let paragraph = paragraph.as_str();
            let glyphs = self.shape(paragraph);
            let mut start = 0;
            let mut x = 0.0;
            let mut index = 0;
            while index < glyphs.len() {
                let glyph = &glyphs[index];
                let advance = glyph.x_advance * size;
                if x + advance > width && glyph.text_range.start > start {
                    // 禁則: a closing mark does not begin a line; its character moves down with it.
                    let mut at = index;
                    while at > 0
                        && glyphs[at].text_range.start > start
                        && paragraph[glyphs[at].text_range.start..].starts_with(NO_LINE_START)
                    {
                        at -= 1;
                    }
                    if glyphs[at].text_range.start > start {
                        index = at;
                    }
                    let cut = glyphs[index].text_range.start;
                    lines.push(paragraph[start..cut].to_owned());
                    start = cut;
                    x = 0.0;
                    continue;
                }
                x += advance;
                index += 1;
            }
            lines.push(paragraph[start..].to_owned());
        }
        if lines.len() > MAX_CELL_LINES {
            lines.truncate(MAX_CELL_LINES);
            if let Some(last) = lines.last_mut() {
                last.pop();
                last.push('…');
            }
        }
        lines
    }
}

/// The text as it is printed: half-width katakana (ﾊﾅｺ, ﾊﾞ) become full-width (ハナコ,
/// バ), so each glyph stands for exactly the characters a PDF reader extracts for it — a
/// half-width voiced mark shaped into one glyph with its kana would otherwise give ﾊ the
/// text ﾊﾞ in the ToUnicode map. Everything else is printed as stored.
pub(super) fn printable(text: &str) -> String {
    if !text.chars().any(is_half_width_kana) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if is_half_width_kana(c) {
            run.push(c);
        } else {
            out.extend(run.nfkc());
            run.clear();
            out.push(c);
        }
    }
    out.extend(run.nfkc());
    out
}

fn is_half_width_kana(c: char) -> bool {
    matches!(c, '\u{FF61}'..='\u{FF9F}')
}

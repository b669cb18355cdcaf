//! Drawing the composed pages into the PDF with krilla: each page's header and footer
//! around the operations the composer laid out.

use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};

use super::*;

/// What every page's header says: the document, whom or which day it is about, whose.
pub(super) struct PageHeader {
    pub title: &'static str,
    pub subject: String,
    pub organisation: String,
}

/// The header and footer of every page, then the page's own operations, into a PDF.
pub(super) fn render(
    fonts: &Fonts,
    header: &PageHeader,
    printed_at: NaiveDateTime,
    pages: &[Vec<Op>],
) -> Result<Vec<u8>, PrintError> {
    let mut document = Document::new();
    let (title, subject) = (header.title, header.subject.as_str());
    document.set_metadata(
        Metadata::new().title(format!("{title} {subject}")).language("ja".to_owned()).creator("madoguchi".to_owned()),
    );
    let total = pages.len();
    let printed = format!("印刷 {} {}", full_date(printed_at.date()), printed_at.format("%H:%M"));
    for (index, ops) in pages.iter().enumerate() {
        let mut chrome = vec![
            Op::Text { x: MARGIN_X, baseline: 44.0, size: 16.0, gray: BLACK, text: format!("{title}　{subject}") },
            Op::Line { from: (MARGIN_X, 60.0), to: (PAGE_WIDTH - MARGIN_X, 60.0), width: 1.0 },
            Op::Line { from: (MARGIN_X, FOOTER_RULE), to: (PAGE_WIDTH - MARGIN_X, FOOTER_RULE), width: 0.5 },
            Op::Text {
                x: MARGIN_X,
                baseline: FOOTER_RULE + 14.0,
                size: 9.0,
                gray: BLACK,
                text: "個人情報 取扱注意".to_owned(),
            },
        ];
        let right = |text: String, size: f32, baseline: f32, gray: u8| Op::Text {
            x: PAGE_WIDTH - MARGIN_X - fonts.width(&text, size),
            baseline,
            size,
            gray,
            text,
        };
        chrome.push(right(header.organisation.clone(), 10.0, 36.0, BLACK));
        chrome.push(right(printed.clone(), 7.5, 52.0, MUTED));
        chrome.push(right(format!("{}/{}", index + 1, total), 9.0, FOOTER_RULE + 14.0, BLACK));
        let centre = format!("{title} {subject}");
        let centre_width = fonts.width(&centre, 7.5);
        chrome.push(Op::Text {
            x: (PAGE_WIDTH - centre_width) / 2.0,
            baseline: FOOTER_RULE + 14.0,
            size: 7.5,
            gray: MUTED,
            text: centre,
        });

        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or_else(|| PrintError::Pdf("A4".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in chrome.iter().chain(ops) {
            match op {
                Op::Text { x, baseline, size, gray, text } => {
                    let text = &printable(text);
                    let glyphs = fonts.shape(text);
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(*gray)));
                    surface.draw_glyphs(Point::from_xy(*x, *baseline), &glyphs, fonts.font.clone(), text, *size, false);
                }
                Op::Rect { x, y, width, height, fill: shade, stroke } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) else { continue };
                    let mut builder = PathBuilder::new();
                    builder.push_rect(rect);
                    let Some(path) = builder.finish() else { continue };
                    surface.set_fill(shade.map(fill));
                    surface.set_stroke(stroke.map(line_stroke));
                    surface.draw_path(&path);
                }
                Op::Line { from, to, width } => {
                    let mut builder = PathBuilder::new();
                    builder.move_to(from.0, from.1);
                    builder.line_to(to.0, to.1);
                    let Some(path) = builder.finish() else { continue };
                    surface.set_fill(None);
                    surface.set_stroke(Some(line_stroke(*width)));
                    surface.draw_path(&path);
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| PrintError::Pdf(format!("{e:?}")))
}

fn fill(gray: u8) -> Fill {
    Fill { paint: luma::Color::new(gray).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

fn line_stroke(width: f32) -> Stroke {
    Stroke { paint: luma::Color::new(RULE_GRAY).into(), width, ..Stroke::default() }
}

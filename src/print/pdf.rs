//! The day's list as an A4 portrait PDF, with the bundled Japanese font embedded as a
//! subset. The layout is done here: text is measured with the font's own advances,
//! long cells wrap inside their column, a row is never split across pages, and a table
//! that continues on the next page repeats its title and its header. Each page has the
//! header (what, which day, whose, when printed) and the footer (取扱注意, page i/n).

use chrono::NaiveDateTime;

mod disclosure;
mod render;
mod text;

pub use disclosure::disclosure_pdf;
use render::{PageHeader, render};
use text::{Fonts, printable};

use super::{
    COL_ACCESS_MAIL, COL_ATTENDANCE, COL_CHANNEL, COL_COUNSELLOR, COL_JOIN_LEAVE, COL_LENGTH, COL_NAME, COL_NOTES,
    COL_NUMBER, COL_PHONE, COL_THEME, COL_TIME, DayListOptions, PrintError, TITLE, attendance_mark,
};
use crate::domain::time::full_date;
use crate::store::{DayList, DaySession, Waitlist};

// A4 portrait in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN_X: f32 = 30.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
const BODY_TOP: f32 = 74.0;
const FOOTER_RULE: f32 = PAGE_HEIGHT - 40.0;
const BODY_BOTTOM: f32 = FOOTER_RULE - 8.0;

const BODY_SIZE: f32 = 9.0;
const BODY_LINE: f32 = 11.5;
const KANA_SIZE: f32 = 6.5;
const KANA_LINE: f32 = 8.0;
const HEAD_SIZE: f32 = 8.0;
const HEAD_HEIGHT: f32 = 15.0;
const TITLE_SIZE: f32 = 11.0;
const TITLE_HEIGHT: f32 = 20.0;
const CELL_PAD_X: f32 = 3.0;
const CELL_PAD_Y: f32 = 3.5;
/// Tall enough to tick a box and write a word by hand.
const MIN_ROW_HEIGHT: f32 = 22.0;
const CHECK_SIDE: f32 = 11.0;
const SECTION_GAP: f32 = 12.0;
/// A cell that would need more lines is shortened with `…`, so that every row fits on a page.
const MAX_CELL_LINES: usize = 12;

/// Marks that may not begin a line (行頭禁則).
const NO_LINE_START: &[char] = &[
    '、', '。', '，', '．', '）', '」', '』', '】', '・', 'ー', '！', '？', ')', ',', '.', 'ゃ', 'ゅ', 'ょ', 'っ',
    'ャ', 'ュ', 'ョ', 'ッ',
];

/// BIZ UDGothic's ascender, as a share of the em: where the baseline sits in a line box.
const ASCENT: f32 = 0.86;

const BLACK: u8 = 0;
const MUTED: u8 = 90;
const RULE_GRAY: u8 = 110;
const HEAD_FILL: u8 = 228;

/// The PDF for the day's list.
pub fn day_list_pdf(list: &DayList, options: &DayListOptions) -> Result<Vec<u8>, PrintError> {
    let fonts = Fonts::new()?;
    let mut composer = Composer::new(&fonts);
    compose(&mut composer, list, options);
    let pages = composer.finish();
    let header = PageHeader { title: TITLE, subject: full_date(list.date), organisation: list.organisation.clone() };
    render(&fonts, &header, options.printed_at, &pages)
}

/// What a page holds, in points from the top-left corner.
#[derive(Clone, Debug)]
enum Op {
    Text { x: f32, baseline: f32, size: f32, gray: u8, text: String },
    Rect { x: f32, y: f32, width: f32, height: f32, fill: Option<u8>, stroke: Option<f32> },
    Line { from: (f32, f32), to: (f32, f32), width: f32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Align {
    Left,
    Center,
}

struct Column {
    title: &'static str,
    width: f32,
    align: Align,
}

fn column(title: &'static str, width: f32, align: Align) -> Column {
    Column { title, width, align }
}

/// Columns with the last one taking the width left over.
fn fill_last(mut columns: Vec<Column>) -> Vec<Column> {
    let used: f32 = columns.iter().rev().skip(1).map(|c| c.width).sum();
    if let Some(last) = columns.last_mut() {
        last.width = CONTENT_WIDTH - used;
    }
    columns
}

/// What goes into one cell of a table.
enum Cell {
    Text(String),
    /// Furigana in small type above the name, as Japanese forms write it.
    Name {
        kana: String,
        name: String,
    },
    /// A box to tick by hand, with the mark already known (出 / 欠) inside.
    Check(&'static str),
}

/// A line of text placed in a cell.
struct CellLine {
    text: String,
    size: f32,
    height: f32,
    gray: u8,
}

struct PreparedRow {
    cells: Vec<(Vec<CellLine>, Option<&'static str>)>,
    height: f32,
}

/// Lays the list out into pages of drawing operations.
struct Composer<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'a> Composer<'a> {
    fn new(fonts: &'a Fonts) -> Composer<'a> {
        Composer { fonts, pages: vec![Vec::new()], y: BODY_TOP }
    }

    fn finish(self) -> Vec<Vec<Op>> {
        self.pages
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = BODY_TOP;
    }

    /// Starts a new page unless `height` more fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > BODY_BOTTOM && self.y > BODY_TOP {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, top: f32, line: &CellLine) {
        let baseline = top + (line.height - line.size) / 2.0 + line.size * ASCENT;
        let op = Op::Text { x, baseline, size: line.size, gray: line.gray, text: line.text.clone() };
        self.ops().push(op);
    }

    /// A line of plain text in the body, wrapped to the page's width.
    fn paragraph(&mut self, text: &str, size: f32, gray: u8) {
        let line_height = size * 1.45;
        for line in self.fonts.wrap(text, size, CONTENT_WIDTH) {
            self.ensure(line_height);
            let line = CellLine { text: line, size, height: line_height, gray };
            let y = self.y;
            self.text(MARGIN_X, y, &line);
            self.y += line_height;
        }
    }

    fn section_title(&mut self, title: &str, note: &str) {
        let y = self.y;
        let heading = CellLine { text: format!("■ {title}"), size: TITLE_SIZE, height: TITLE_HEIGHT, gray: BLACK };
        self.text(MARGIN_X, y, &heading);
        if !note.is_empty() {
            let x = MARGIN_X + self.fonts.width(&heading.text, TITLE_SIZE) + 10.0;
            let note = CellLine { text: note.to_owned(), size: HEAD_SIZE, height: TITLE_HEIGHT, gray: MUTED };
            self.text(x, y, &note);
        }
        self.y += TITLE_HEIGHT;
    }

    fn table_header(&mut self, columns: &[Column]) {
        let y = self.y;
        self.ops().push(Op::Rect {
            x: MARGIN_X,
            y,
            width: CONTENT_WIDTH,
            height: HEAD_HEIGHT,
            fill: Some(HEAD_FILL),
            stroke: Some(0.5),
        });
        let mut x = MARGIN_X;
        for (index, column) in columns.iter().enumerate() {
            if index > 0 {
                self.ops().push(Op::Line { from: (x, y), to: (x, y + HEAD_HEIGHT), width: 0.5 });
            }
            let width = self.fonts.width(column.title, HEAD_SIZE);
            let line = CellLine { text: column.title.to_owned(), size: HEAD_SIZE, height: HEAD_HEIGHT, gray: BLACK };
            self.text(x + ((column.width - width) / 2.0).max(CELL_PAD_X), y, &line);
            x += column.width;
        }
        self.y += HEAD_HEIGHT;
    }

    fn prepare_row(&self, columns: &[Column], cells: Vec<Cell>) -> PreparedRow {
        let mut prepared = Vec::new();
        let mut height: f32 = MIN_ROW_HEIGHT;
        for (column, cell) in columns.iter().zip(cells) {
            let inner = column.width - 2.0 * CELL_PAD_X;
            let lines_of = |text: &str, size: f32, line_height: f32, gray: u8| -> Vec<CellLine> {
                if text.is_empty() {
                    return Vec::new();
                }
                self.fonts
                    .wrap(text, size, inner)
                    .into_iter()
                    .map(|text| CellLine { text, size, height: line_height, gray })
                    .collect()
            };
            let (lines, check) = match cell {
                Cell::Text(text) => (lines_of(&text, BODY_SIZE, BODY_LINE, BLACK), None),
                Cell::Name { kana, name } => {
                    let mut lines = lines_of(&kana, KANA_SIZE, KANA_LINE, MUTED);
                    lines.extend(lines_of(&name, BODY_SIZE, BODY_LINE, BLACK));
                    (lines, None)
                }
                Cell::Check(mark) => (Vec::new(), Some(mark)),
            };
            let needed: f32 = lines.iter().map(|l| l.height).sum::<f32>() + 2.0 * CELL_PAD_Y;
            height = height.max(needed);
            prepared.push((lines, check));
        }
        PreparedRow { cells: prepared, height }
    }

    fn draw_row(&mut self, columns: &[Column], row: &PreparedRow) {
        let y = self.y;
        let width = columns.iter().map(|c| c.width).sum();
        self.ops().push(Op::Rect { x: MARGIN_X, y, width, height: row.height, fill: None, stroke: Some(0.5) });
        let mut x = MARGIN_X;
        for (index, (column, (lines, check))) in columns.iter().zip(&row.cells).enumerate() {
            if index > 0 {
                self.ops().push(Op::Line { from: (x, y), to: (x, y + row.height), width: 0.5 });
            }
            let block: f32 = lines.iter().map(|l| l.height).sum();
            let mut top = y + (row.height - block) / 2.0;
            for line in lines {
                let left = match column.align {
                    Align::Left => x + CELL_PAD_X,
                    Align::Center => {
                        x + ((column.width - self.fonts.width(&line.text, line.size)) / 2.0).max(CELL_PAD_X)
                    }
                };
                self.text(left, top, line);
                top += line.height;
            }
            if let Some(mark) = check {
                let bx = x + (column.width - CHECK_SIDE) / 2.0;
                let by = y + (row.height - CHECK_SIDE) / 2.0;
                self.ops().push(Op::Rect {
                    x: bx,
                    y: by,
                    width: CHECK_SIDE,
                    height: CHECK_SIDE,
                    fill: None,
                    stroke: Some(0.8),
                });
                if !mark.is_empty() {
                    let line = CellLine { text: (*mark).to_owned(), size: BODY_SIZE, height: CHECK_SIDE, gray: BLACK };
                    let mx = bx + (CHECK_SIDE - self.fonts.width(mark, BODY_SIZE)) / 2.0;
                    self.text(mx, by, &line);
                }
            }
            x += column.width;
        }
        self.y += row.height;
    }

    /// A titled table whose rows are never split; on a new page the title (marked 続き)
    /// and the header come again.
    fn table(&mut self, title: &str, note: &str, columns: &[Column], rows: Vec<Vec<Cell>>, empty: &str) {
        let rows: Vec<PreparedRow> = rows.into_iter().map(|cells| self.prepare_row(columns, cells)).collect();
        let first = rows.first().map_or(BODY_LINE * 1.5, |r| r.height);
        // The title stays with the header and the first row.
        self.ensure(TITLE_HEIGHT + HEAD_HEIGHT + first);
        self.section_title(title, note);
        if rows.is_empty() {
            self.paragraph(empty, BODY_SIZE, MUTED);
        } else {
            self.table_header(columns);
        }
        for row in &rows {
            if self.y + row.height > BODY_BOTTOM {
                self.new_page();
                self.section_title(&format!("{title}{CONTINUED}"), note);
                self.table_header(columns);
            }
            self.draw_row(columns, row);
        }
        self.y += SECTION_GAP;
    }
}

const CONTINUED: &str = "（続き）";
const NO_BOOKINGS: &str = "予約はありません。";

fn compose(composer: &mut Composer<'_>, list: &DayList, options: &DayListOptions) {
    let mut notes = Vec::new();
    if let Some(holiday) = &list.holiday {
        notes.push(format!("祝日: {holiday}"));
    }
    for (name, reason) in &list.off {
        notes.push(format!("{name}は休み（{reason}）"));
    }
    if !notes.is_empty() {
        composer.paragraph(&notes.join("　"), BODY_SIZE, MUTED);
        composer.y += 4.0;
    }
    if list.sessions.is_empty() {
        composer.paragraph("この日に実施するサービスはありません。", 10.0, BLACK);
    }
    for session in &list.sessions {
        if session.is_consultation() {
            consultation_table(composer, session, options.include_themes);
        } else {
            group_table(composer, session);
        }
    }
    for waitlist in &list.waitlists {
        waitlist_table(composer, waitlist, options.include_themes);
    }
    if !list.to_phone.is_empty() {
        let columns = fill_last(vec![
            column(COL_NUMBER, 46.0, Align::Center),
            column(COL_NAME, 110.0, Align::Left),
            column(COL_PHONE, 80.0, Align::Left),
            column("連絡済", 40.0, Align::Center),
            column("この日の予約", 0.0, Align::Left),
        ]);
        let rows = list
            .to_phone
            .iter()
            .map(|call| {
                vec![
                    Cell::Text(call.member.number.clone()),
                    Cell::Name { kana: call.member.kana.clone(), name: call.member.name.clone() },
                    Cell::Text(call.member.phone.clone()),
                    Cell::Check(""),
                    Cell::Text(call.bookings.join("\n")),
                ]
            })
            .collect();
        let note = format!("{}人・参加方法や予約の確認は電話で", list.to_phone.len());
        composer.table("メールのない方（電話で連絡）", &note, &columns, rows, "");
    }
}

fn consultation_table(composer: &mut Composer<'_>, session: &DaySession, themes: bool) {
    let mut columns = vec![
        column(COL_TIME, 64.0, Align::Center),
        column(COL_LENGTH, 28.0, Align::Center),
        column(COL_COUNSELLOR, 34.0, Align::Center),
        column(COL_NUMBER, 40.0, Align::Center),
        column(COL_NAME, 90.0, Align::Left),
        column(COL_PHONE, 70.0, Align::Left),
        column(COL_CHANNEL, 36.0, Align::Center),
    ];
    if themes {
        columns.push(column(COL_THEME, 90.0, Align::Left));
    }
    columns.push(column(COL_ATTENDANCE, 28.0, Align::Center));
    columns.push(column(COL_NOTES, 0.0, Align::Left));
    let columns = fill_last(columns);
    let rows = session
        .lines
        .iter()
        .map(|line| {
            let mut cells = vec![
                Cell::Text(line.hours.to_string()),
                Cell::Text(format!("{}分", line.hours.minutes())),
                Cell::Text(session.staff.clone()),
                Cell::Text(line.member.number.clone()),
                Cell::Name { kana: line.member.kana.clone(), name: line.member.name.clone() },
                Cell::Text(line.member.phone.clone()),
                Cell::Text(line.channel.label().to_owned()),
            ];
            if themes {
                cells.push(Cell::Text(line.theme.clone()));
            }
            cells.push(Cell::Check(attendance_mark(line.state)));
            cells.push(Cell::Text(line.notes.clone()));
            cells
        })
        .collect();
    let title = format!("{} {}", session.service_name, session.hours);
    let note = format!("{}相談員 {}・電話相談・予約 {}件", off_note(session), session.staff, session.lines.len());
    composer.table(&title, &note, &columns, rows, NO_BOOKINGS);
}

/// For a session that does not run after all: why, and that its members need a call.
fn off_note(session: &DaySession) -> String {
    match &session.day_off {
        Some(reason) => format!("【中止: {reason}・予約の方へ連絡】"),
        None => String::new(),
    }
}

fn group_table(composer: &mut Composer<'_>, session: &DaySession) {
    let columns = fill_last(vec![
        column(COL_JOIN_LEAVE, 64.0, Align::Center),
        column(COL_NUMBER, 44.0, Align::Center),
        column(COL_NAME, 100.0, Align::Left),
        column(COL_PHONE, 72.0, Align::Left),
        column(COL_ACCESS_MAIL, 62.0, Align::Center),
        column(COL_ATTENDANCE, 28.0, Align::Center),
        column(COL_NOTES, 0.0, Align::Left),
    ]);
    let rows = session
        .lines
        .iter()
        .map(|line| {
            vec![
                Cell::Text(line.hours.to_string()),
                Cell::Text(line.member.number.clone()),
                Cell::Name { kana: line.member.kana.clone(), name: line.member.name.clone() },
                Cell::Text(line.member.phone.clone()),
                Cell::Text(line.access_mail.map(|m| m.label().to_owned()).unwrap_or_default()),
                Cell::Check(attendance_mark(line.state)),
                Cell::Text(line.notes.clone()),
            ]
        })
        .collect();
    let title = format!("{} {}", session.service_name, session.hours);
    let staff = if session.staff.is_empty() { String::new() } else { format!("担当 {}・", session.staff) };
    let note =
        format!("{}{staff}参加 {}人・定員 {}人（同時）", off_note(session), session.lines.len(), session.capacity);
    composer.table(&title, &note, &columns, rows, NO_BOOKINGS);

    if !session.headcount.is_empty() {
        let count = session.headcount.len() as f32;
        let width = (CONTENT_WIDTH / count).min(90.0);
        let columns: Vec<Column> =
            session.headcount.iter().map(|_| Column { title: "", width, align: Align::Center }).collect();
        let labels: Vec<Cell> = session.headcount.iter().map(|(piece, _)| Cell::Text(piece.to_string())).collect();
        let counts: Vec<Cell> = session
            .headcount
            .iter()
            .map(|(_, people)| Cell::Text(format!("{people}人 / {}人", session.capacity)))
            .collect();
        let labels = composer.prepare_row(&columns, labels);
        let counts = composer.prepare_row(&columns, counts);
        let title = format!("{} 時間帯ごとの人数", session.short_name);
        composer.y -= SECTION_GAP / 2.0;
        composer.ensure(TITLE_HEIGHT + labels.height + counts.height);
        composer.section_title(&title, "");
        composer.draw_row(&columns, &labels);
        composer.draw_row(&columns, &counts);
        composer.y += SECTION_GAP;
    }
}

fn waitlist_table(composer: &mut Composer<'_>, waitlist: &Waitlist, themes: bool) {
    let consultation = waitlist.kind == crate::domain::schedule::ServiceKind::Consultation;
    let mut columns = vec![
        column("順番", 30.0, Align::Center),
        column("希望時間", 64.0, Align::Center),
        column(COL_NUMBER, 44.0, Align::Center),
        column(COL_NAME, 100.0, Align::Left),
        column(COL_PHONE, 72.0, Align::Left),
        column("メール", 36.0, Align::Center),
        column(COL_CHANNEL, 36.0, Align::Center),
    ];
    if themes && consultation {
        columns.push(column(COL_THEME, 96.0, Align::Left));
    }
    columns.push(column(COL_NOTES, 0.0, Align::Left));
    let columns = fill_last(columns);
    let rows = waitlist
        .lines
        .iter()
        .map(|line| {
            let mut cells = vec![
                Cell::Text(format!("{}番", line.position)),
                Cell::Text(line.hours.to_string()),
                Cell::Text(line.member.number.clone()),
                Cell::Name { kana: line.member.kana.clone(), name: line.member.name.clone() },
                Cell::Text(line.member.phone.clone()),
                Cell::Text(if line.member.has_email { "あり" } else { "なし" }.to_owned()),
                Cell::Text(line.channel.label().to_owned()),
            ];
            if themes && consultation {
                cells.push(Cell::Text(line.theme.clone()));
            }
            cells.push(Cell::Text(line.notes.clone()));
            cells
        })
        .collect();
    let title = format!("キャンセル待ち {}", waitlist.service_name);
    let note = format!("{}人・空きが出たら順番にご連絡ください", waitlist.lines.len());
    composer.table(&title, &note, &columns, rows, "");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_their_width_and_never_begin_with_a_closing_mark() {
        let fonts = Fonts::new().expect("bundled font");
        let text = "眠れない日が続いている、家族のことも相談したい。薬の飲み方についても聞きたい";
        for width in [40.0, 54.0, 60.0, 81.0, 100.0] {
            let lines = fonts.wrap(text, BODY_SIZE, width);
            assert_eq!(lines.concat(), text, "width {width}");
            for line in &lines {
                assert!(fonts.width(line, BODY_SIZE) <= width + 0.01, "{line} wider than {width}");
                assert!(!line.starts_with(NO_LINE_START), "{line} begins with a closing mark");
            }
        }
    }

    #[test]
    fn a_cell_too_long_for_a_page_is_shortened_with_an_ellipsis() {
        let fonts = Fonts::new().expect("bundled font");
        let lines = fonts.wrap(&"長い備考".repeat(200), BODY_SIZE, 50.0);
        assert_eq!(lines.len(), MAX_CELL_LINES);
        assert!(lines.last().is_some_and(|l| l.ends_with('…')));
    }

    #[test]
    fn half_width_kana_are_printed_full_width_and_the_rest_as_stored() {
        assert_eq!(printable("ﾔﾏﾀﾞ ﾊﾅｺ"), "ヤマダ ハナコ");
        assert_eq!(printable("山田 花子（ﾊﾟﾝ）044-863-8444"), "山田 花子（パン）044-863-8444");
        assert_eq!(printable("１２ABC"), "１２ABC", "only half-width kana change");
    }
}

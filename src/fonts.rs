//! The bundled Japanese font, shared by the window and the printed day list.

/// BIZ UDGothic (SIL OFL 1.1, see assets/fonts/OFL.txt): a universal-design Japanese
/// gothic, bundled so that kanji look Japanese and the same on every machine and paper.
pub const JAPANESE_FONT: &[u8] = include_bytes!("../assets/fonts/BIZUDGothic-Regular.ttf");

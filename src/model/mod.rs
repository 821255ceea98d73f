//! The newsroom's vocabulary as plain data: what every pipeline stage passes to the next.
//!
//! `Source` (a file read from `content/`) becomes an `Article` (front matter and body blocks),
//! extraction adds `Extraction` (dateline, byline, figures, quotes, entities), the merge of both
//! is the article's `Metadata`, and the index stage gathers everything into an `Archive`.

mod archive;
mod article;
mod texts;
mod theme;

pub use archive::*;
pub use article::*;
pub use dateline_extract::model::*;
pub use texts::*;
pub use theme::ThemeFiles;

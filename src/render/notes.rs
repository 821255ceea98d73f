//! Archivists' notes on the page: the anchored words highlighted with `<mark>`, a numbered
//! toggle button right after them, and the note itself — a margin note on wide screens, an
//! inline note the button reveals on narrow ones. Everything is phrasing content, so it can sit
//! inside the paragraph it annotates.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::model::{Annotation, AnnotationKind};

use super::body::escape;
use crate::dates::long_date;

use super::decorate::Decoration;

/// A human label for a kind of note.
pub fn kind_label(kind: AnnotationKind) -> &'static str {
    match kind {
        AnnotationKind::Context => "Context",
        AnnotationKind::Correction => "Correction",
        AnnotationKind::FactCheck => "Fact check",
        AnnotationKind::Translation => "Translation",
        AnnotationKind::Link => "See also",
    }
}

/// The decoration of an annotation, shown as note `number` (1-based, in reading order). `link`
/// is the resolved target of a link note: (URL, title).
///
/// Every segment of the highlight names its note (`data-note`), and the button and note carry
/// `data-note-ui`: Web Annotation selectors read the body's text without them (see
/// `annotate::BodyText`), so the quoted words stand together as the reader sees them.
pub fn note_decoration(a: &Annotation, number: usize, link: Option<(String, String)>) -> Option<Decoration> {
    let anchor = a.anchor?;
    let kind = a.kind.as_str();
    let label = kind_label(a.kind);
    let id = &a.id;
    let ui = format!("data-note-ui=\"annotation-{id}\"");
    let mut trailer = format!(
        "<button type=\"button\" class=\"note-toggle kind-{kind}\" {ui} aria-expanded=\"false\" aria-controls=\"note-{id}\" title=\"{label}\"><span class=\"visually-hidden\">{label} note </span>{number}</button>"
    );
    trailer.push_str(&format!("<span class=\"note kind-{kind}\" {ui} id=\"note-{id}\" role=\"note\"><span class=\"note-label\">{number}. {label}</span> "));
    trailer.push_str(&inline_markdown(&a.note));
    if let Some((url, title)) = link {
        trailer.push_str(&format!(
            " <a class=\"note-link\" href=\"{}\">→ {}</a>",
            escape(&url),
            escape(&title)
        ));
    }
    let by: Vec<String> = a
        .author
        .iter()
        .map(|s| escape(s))
        .chain(a.date.map(long_date))
        .collect();
    if !by.is_empty() {
        trailer.push_str(&format!(" <span class=\"note-meta\">— {}</span>", by.join(", ")));
    }
    trailer.push_str("</span>");
    Some(Decoration {
        anchor,
        open: format!("<mark id=\"annotation-{id}\" class=\"annotation kind-{kind}\" data-note=\"annotation-{id}\">"),
        reopen: format!("<mark class=\"annotation kind-{kind}\" data-note=\"annotation-{id}\">"),
        close: "</mark>".into(),
        trailer,
        is_link: false,
    })
}

/// A note's Markdown as phrasing HTML: paragraphs and list items become line breaks, headings
/// bold, raw HTML is shown as text.
pub fn inline_markdown(md: &str) -> String {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut pending_break = false;
    for event in Parser::new_ext(
        md,
        pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION | pulldown_cmark::Options::ENABLE_STRIKETHROUGH,
    )
    .map(super::sanitize::defang)
    {
        let mapped: Option<Event<'_>> = match event {
            Event::Start(Tag::Paragraph | Tag::List(_) | Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                None
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::BlockQuote(_),
            ) => {
                if matches!(event, Event::End(TagEnd::Heading(_))) {
                    events.push(Event::InlineHtml("</strong>".into()));
                }
                pending_break = true;
                None
            }
            Event::End(TagEnd::List(_) | TagEnd::HtmlBlock) => None,
            Event::Start(Tag::Heading { .. }) => Some(Event::InlineHtml("<strong>".into())),
            Event::Start(Tag::Item) => Some(Event::Text("• ".into())),
            Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
            e => Some(e),
        };
        if let Some(e) = mapped {
            if pending_break {
                events.push(Event::InlineHtml("<br>".into()));
                pending_break = false;
            }
            events.push(e);
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html.trim().to_string()
}

/// A note's Markdown as plain text, for places that take no markup (JSON-LD, feeds): what a
/// reader sees, without the `*` and `[…](…)` that would otherwise be read literally.
pub fn plain_text(md: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(md, pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => text.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::CodeBlock) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_as_plain_text() {
        for (md, want) in [
            ("said *42* drones", "said 42 drones"),
            ("see [the notice](https://e.org) and `code`", "see the notice and code"),
            ("One.\n\nTwo **bold**.", "One. Two bold."),
            ("- a\n- b", "a b"),
            ("\"quoted\" <b>x</b>", "“quoted” <b>x</b>"),
        ] {
            assert_eq!(plain_text(md), want, "{md}");
        }
    }

    #[test]
    fn notes_stay_phrasing_content() {
        assert_eq!(
            inline_markdown("A *short* note with a [link](https://e.org)."),
            "A <em>short</em> note with a <a href=\"https://e.org\">link</a>."
        );
        assert_eq!(inline_markdown("One.\n\nTwo."), "One.<br>Two.");
        assert_eq!(inline_markdown("- a\n- b"), "• a<br>• b");
        assert_eq!(inline_markdown("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
    }
}

//! Raw HTML in articles is untrusted: unless `unsafe_html = true`, bodies that contain any are
//! passed through an allow-list sanitiser that keeps ordinary markup and the archive's own
//! decorations and drops scripts, event handlers and styles.

use pulldown_cmark::{CowStr, Event, Tag};

/// Whether a link or image address from content may be put into a page: relative addresses
/// and the web's ordinary schemes, never `javascript:`, `data:` or `vbscript:`, which would run
/// or smuggle code (Markdown links are not raw HTML, so the sanitiser never sees them).
pub fn safe_url(url: &str) -> bool {
    // Browsers ignore tabs, newlines and leading spaces or control characters in a scheme.
    let compact: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    match compact.find(':') {
        Some(colon) if !compact[..colon].contains(['/', '?', '#']) => {
            matches!(&compact[..colon], "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Replaces an unsafe link or image address in a Markdown event with an inert one.
pub fn defang(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        }),
        e => e,
    }
}

/// Sanitises a rendered article body.
pub fn clean(html: &str) -> String {
    ammonia::Builder::default()
        .add_tags([
            "figure",
            "figcaption",
            "mark",
            "q",
            "small",
            "section",
            "aside",
            "time",
            "button",
            "svg",
            "path",
        ])
        .add_generic_attributes([
            "class",
            "id",
            "title",
            "lang",
            "dir",
            "role",
            "aria-label",
            "aria-hidden",
            "aria-expanded",
            "aria-controls",
            "aria-describedby",
            "hidden",
            "datetime",
            "data-speaker",
            "data-note",
            "data-note-ui",
            "data-kind",
        ])
        .add_tag_attributes("img", ["loading", "width", "height", "srcset", "sizes"])
        .add_tag_attributes("button", ["type"])
        // Code blocks scroll sideways and so are in the tab order (see highlight::code_block).
        .add_tag_attributes("pre", ["tabindex"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tags(["input"])
        .link_rel(None)
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::safe_url;

    #[test]
    fn only_ordinary_schemes_are_linked() {
        for ok in [
            "https://example.org/a",
            "/2021/10/13/x/",
            "../x",
            "#fn-1",
            "mailto:desk@example.org",
            "notes/a:b",
        ] {
            assert!(safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!safe_url(bad), "{bad:?}");
        }
    }

    #[test]
    fn markdown_links_with_scripts_are_defanged() {
        let mut html = String::new();
        let events =
            pulldown_cmark::Parser::new("[x](javascript:alert(1)) ![y](data:image/svg+xml,z)").map(super::defang);
        pulldown_cmark::html::push_html(&mut html, events);
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("data:"), "{html}");
    }
    #[test]
    fn scripts_and_handlers_go_markup_stays() {
        let dirty = r#"<p class="x">Hi <script>alert(1)</script><img src="a.png" onerror="alert(2)"><mark id="annotation-1">w</mark></p>"#;
        let clean = super::clean(dirty);
        assert!(!clean.contains("script"), "{clean}");
        assert!(!clean.contains("onerror"), "{clean}");
        assert!(clean.contains(r#"<mark id="annotation-1">w</mark>"#), "{clean}");
        assert!(clean.contains(r#"class="x""#), "{clean}");
    }

    #[test]
    fn a_code_block_stays_in_the_tab_order_in_an_article_with_raw_html() {
        let block = r#"<pre class="code" tabindex="0" role="group" aria-label="Code"><code>x</code></pre>"#;
        assert_eq!(super::clean(block), block);
    }
}

//! Raw HTML in articles is untrusted: unless `unsafe_html = true`, bodies that contain any are
//! passed through an allow-list sanitiser that keeps ordinary markup and the archive's own
//! decorations and drops scripts, event handlers and styles.

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
            "data-kind",
        ])
        .add_tag_attributes("img", ["loading", "width", "height", "srcset", "sizes"])
        .add_tag_attributes("button", ["type"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tags(["input"])
        .link_rel(None)
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn scripts_and_handlers_go_markup_stays() {
        let dirty = r#"<p class="x">Hi <script>alert(1)</script><img src="a.png" onerror="alert(2)"><mark id="annotation-1">w</mark></p>"#;
        let clean = super::clean(dirty);
        assert!(!clean.contains("script"), "{clean}");
        assert!(!clean.contains("onerror"), "{clean}");
        assert!(clean.contains(r#"<mark id="annotation-1">w</mark>"#), "{clean}");
        assert!(clean.contains(r#"class="x""#), "{clean}");
    }
}

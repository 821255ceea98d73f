//! Inline decorations: markup laid over the reader's text by (block, byte range) — datelines,
//! quotes, entity links, annotation highlights — without re-parsing or re-extracting.
//!
//! Decorations may overlap each other and cross inline Markdown markup. They are emitted per
//! text run: inside one run they nest through a stack (closing and reopening where ranges
//! cross), and at the edges of a run everything is closed, so the HTML is always well formed.

use crate::model::Anchor;

use super::highlight::push_escaped;

/// Markup around a range of a block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoration {
    pub anchor: Anchor,
    /// Opens the decoration where it starts.
    pub open: String,
    /// Reopens it after an interruption (no ids here: they must stay unique).
    pub reopen: String,
    pub close: String,
    /// Emitted once after the decoration's final close (an annotation's note).
    pub trailer: String,
    /// A link, which must never nest inside another link.
    pub is_link: bool,
}

/// The decorations of one block and how far each has been emitted.
#[derive(Debug, Default)]
pub struct BlockDecorations<'a> {
    decorations: Vec<&'a Decoration>,
    opened: Vec<bool>,
}

impl<'a> BlockDecorations<'a> {
    /// The decorations of `block`, outer ones first.
    pub fn new(all: &'a [Decoration], block: usize) -> Self {
        let mut decorations: Vec<&Decoration> = all
            .iter()
            .filter(|d| d.anchor.block == block && d.anchor.end > d.anchor.start)
            .collect();
        decorations.sort_by(|a, b| {
            (a.anchor.start, std::cmp::Reverse(a.anchor.end)).cmp(&(b.anchor.start, std::cmp::Reverse(b.anchor.end)))
        });
        let opened = vec![false; decorations.len()];
        BlockDecorations { decorations, opened }
    }

    pub fn is_empty(&self) -> bool {
        self.decorations.is_empty()
    }

    /// Appends the HTML of a text run that starts at `start` in the block text.
    /// `newlines_as_spaces` turns wire copy's line breaks into spaces (same byte length).
    pub fn run(&mut self, text: &str, start: usize, in_link: bool, newlines_as_spaces: bool, out: &mut String) {
        let end = start + text.len();
        let relevant: Vec<usize> = (0..self.decorations.len())
            .filter(|&i| {
                let d = self.decorations[i];
                d.anchor.start < end
                    && d.anchor.end > start
                    && !(in_link && d.is_link)
                    && text.is_char_boundary(d.anchor.start.max(start) - start)
                    && text.is_char_boundary(d.anchor.end.min(end) - start)
            })
            .collect();
        let push_text = |out: &mut String, s: &str| {
            if newlines_as_spaces {
                push_escaped(out, &s.replace('\n', " "));
            } else {
                push_escaped(out, s);
            }
        };
        if relevant.is_empty() {
            push_text(out, text);
            return;
        }
        let mut points: Vec<usize> = vec![start, end];
        for &i in &relevant {
            let a = self.decorations[i].anchor;
            points.push(a.start.clamp(start, end));
            points.push(a.end.clamp(start, end));
        }
        points.sort_unstable();
        points.dedup();
        let mut stack: Vec<usize> = Vec::new();
        for w in points.windows(2) {
            let (a, b) = (w[0], w[1]);
            let covering: Vec<usize> = relevant
                .iter()
                .copied()
                .filter(|&i| self.decorations[i].anchor.start <= a && self.decorations[i].anchor.end >= b)
                .collect();
            let keep = stack.iter().zip(&covering).take_while(|(x, y)| x == y).count();
            self.close_to(&mut stack, keep, a, out);
            for &i in &covering[keep..] {
                let d = self.decorations[i];
                if !self.opened[i] && d.anchor.start >= start {
                    out.push_str(&d.open);
                    self.opened[i] = true;
                } else {
                    out.push_str(&d.reopen);
                }
                stack.push(i);
            }
            push_text(out, &text[a - start..b - start]);
        }
        self.close_to(&mut stack, 0, end, out);
    }

    /// Closes stack entries above `keep`; those that really end at `at` get their trailer.
    fn close_to(&self, stack: &mut Vec<usize>, keep: usize, at: usize, out: &mut String) {
        while stack.len() > keep {
            let i = stack.pop().unwrap_or_default();
            let d = self.decorations[i];
            out.push_str(&d.close);
            if d.anchor.end <= at {
                out.push_str(&d.trailer);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deco(start: usize, end: usize, name: &str, link: bool) -> Decoration {
        Decoration {
            anchor: Anchor { block: 0, start, end },
            open: format!("<{name} id=\"{name}\">"),
            reopen: format!("<{name}>"),
            close: format!("</{name}>"),
            trailer: String::new(),
            is_link: link,
        }
    }

    fn render(decos: &[Decoration], runs: &[(&str, usize, bool)]) -> String {
        let mut b = BlockDecorations::new(decos, 0);
        let mut out = String::new();
        for (text, start, in_link) in runs {
            b.run(text, *start, *in_link, false, &mut out);
        }
        out
    }

    #[test]
    fn nested_and_crossing_ranges_stay_well_formed() {
        // "Marsh said hello": quote 0..16 containing a link 0..5.
        let d = [deco(0, 16, "q", false), deco(0, 5, "a", true)];
        assert_eq!(
            render(&d, &[("Marsh said hello", 0, false)]),
            "<q id=\"q\"><a id=\"a\">Marsh</a> said hello</q>"
        );
        // Crossing: x 0..6, y 3..9 over "abcdefghi".
        let d = [deco(0, 6, "x", false), deco(3, 9, "y", false)];
        assert_eq!(
            render(&d, &[("abcdefghi", 0, false)]),
            "<x id=\"x\">abc<y id=\"y\">def</y></x><y>ghi</y>"
        );
    }

    #[test]
    fn a_range_across_inline_markup_is_split_per_run() {
        // "the new harbour" where "new" is a separate run (inside <em>).
        let d = [deco(0, 15, "mark", false)];
        let got = render(&d, &[("the ", 0, false), ("new", 4, false), (" harbour", 7, false)]);
        assert_eq!(
            got,
            "<mark id=\"mark\">the </mark><mark>new</mark><mark> harbour</mark>"
        );
    }

    #[test]
    fn links_do_not_nest_in_links_and_text_is_escaped() {
        let d = [deco(0, 3, "a", true)];
        assert_eq!(render(&d, &[("A<B", 0, true)]), "A&lt;B");
    }

    #[test]
    fn trailer_follows_the_final_close() {
        let mut d = deco(0, 3, "mark", false);
        d.trailer = "<note/>".into();
        assert_eq!(
            render(&[d], &[("ab", 0, false), ("cd", 2, false)]),
            "<mark id=\"mark\">ab</mark><mark>c</mark><note/>d"
        );
    }
}

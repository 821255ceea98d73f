//! Colour contrast as WCAG 2.2 defines it (success criterion 1.4.3), for colours the build
//! chooses itself rather than the theme's stylesheet: today the syntax-highlighting themes,
//! whose comment and punctuation colours are often too faint to read (base16-ocean.dark draws
//! some tokens at 1.29:1 on its own background).

/// The ratio body text must reach against its background (WCAG 2.2 AA, 1.4.3).
pub const AA_TEXT: f64 = 4.5;

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Relative luminance, WCAG's definition.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// `self` painted with opacity `alpha` (0–255) over `under`, as a browser composites it.
    pub fn over(self, alpha: u8, under: Rgb) -> Rgb {
        let mix = |top: u8, bottom: u8| {
            let a = f64::from(alpha) / 255.0;
            (f64::from(top) * a + f64::from(bottom) * (1.0 - a)).round() as u8
        };
        Rgb(mix(self.0, under.0), mix(self.1, under.1), mix(self.2, under.2))
    }

    fn toward(self, target: Rgb, amount: f64) -> Rgb {
        let mix = |from: u8, to: u8| (f64::from(from) + (f64::from(to) - f64::from(from)) * amount).round() as u8;
        Rgb(mix(self.0, target.0), mix(self.1, target.1), mix(self.2, target.2))
    }
}

/// The contrast ratio of two colours, from 1 (none) to 21 (black on white).
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `fg` itself when it reaches `minimum` against `bg`, else the closest colour on the way from
/// `fg` to black or white (whichever stands further from `bg`) that does: the token keeps its
/// hue as far as it can and becomes readable.
pub fn readable_on(fg: Rgb, bg: Rgb, minimum: f64) -> Rgb {
    if ratio(fg, bg) >= minimum {
        return fg;
    }
    let white = Rgb(255, 255, 255);
    let black = Rgb(0, 0, 0);
    let extreme = if ratio(white, bg) >= ratio(black, bg) {
        white
    } else {
        black
    };
    (1..=100)
        .map(|step| fg.toward(extreme, f64::from(step) / 100.0))
        .find(|c| ratio(*c, bg) >= minimum)
        .unwrap_or(extreme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_match_the_wcag_examples() {
        let cases = [
            (Rgb(0, 0, 0), Rgb(255, 255, 255), 21.0),
            (Rgb(255, 255, 255), Rgb(255, 255, 255), 1.0),
            // #767676 on white is the classic lightest grey that passes AA.
            (Rgb(0x76, 0x76, 0x76), Rgb(255, 255, 255), 4.54),
            // base16-ocean.dark's comment colour on its background.
            (Rgb(0x65, 0x73, 0x7e), Rgb(0x2b, 0x30, 0x3b), 2.71),
            // InspiredGitHub's #323232 on the page's dark card, the 1.29:1 axe-core reported.
            (Rgb(0x32, 0x32, 0x32), Rgb(0x1e, 0x1e, 0x23), 1.29),
        ];
        for (a, b, want) in cases {
            assert!(
                (ratio(a, b) - want).abs() < 0.01,
                "{a:?} on {b:?}: {} not {want}",
                ratio(a, b)
            );
        }
    }

    #[test]
    fn faint_colours_are_raised_to_the_minimum_and_good_ones_kept() {
        let dark = Rgb(0x2b, 0x30, 0x3b);
        let light = Rgb(255, 255, 255);
        let cases = [
            (Rgb(0x34, 0x3d, 0x46), dark),  // darker than the background
            (Rgb(0x65, 0x73, 0x7e), dark),  // a dim comment
            (Rgb(0x96, 0x98, 0x96), light), // InspiredGitHub's comment grey
            (Rgb(0xff, 0xff, 0x00), light), // yellow on white
        ];
        for (fg, bg) in cases {
            let fixed = readable_on(fg, bg, AA_TEXT);
            assert!(ratio(fixed, bg) >= AA_TEXT, "{fg:?} → {fixed:?} on {bg:?}");
            assert_ne!(fixed, fg);
        }
        assert_eq!(readable_on(Rgb(0xc0, 0xc5, 0xce), dark, AA_TEXT), Rgb(0xc0, 0xc5, 0xce));
    }

    #[test]
    fn transparency_is_composited_over_the_background() {
        assert_eq!(Rgb(255, 255, 255).over(0, Rgb(10, 20, 30)), Rgb(10, 20, 30));
        assert_eq!(Rgb(255, 255, 255).over(255, Rgb(10, 20, 30)), Rgb(255, 255, 255));
        assert_eq!(Rgb(200, 0, 0).over(128, Rgb(0, 0, 0)), Rgb(100, 0, 0));
    }
}

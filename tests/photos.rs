//! Embedded picture metadata as picture desks write it: fixtures written by exiftool
//! (tests/photos/make-fixtures.sh) read back field by field, and every reader run over
//! damaged copies of them.

use std::path::{Path, PathBuf};

use dateline::photo::{self, Block, Embedded};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/photos").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_clean(name: &str) -> Embedded {
    let reading = photo::read(&fixture(name));
    assert!(reading.warnings.is_empty(), "{name}: {:?}", reading.warnings);
    reading.embedded
}

fn text(field: &Option<photo::Tagged<String>>) -> Option<(&str, Block)> {
    field.as_ref().map(|t| (t.value.as_str(), t.from))
}

/// The full record, in every format: XMP wins where it is present, in all four.
#[test]
fn a_full_record_reads_back_from_jpeg_png_webp_and_tiff() {
    for name in ["full.jpg", "full.png", "full.webp", "full.tif"] {
        let e = read_clean(name);
        assert_eq!(
            text(&e.headline),
            Some(("Boats wait out the swell", Block::Xmp)),
            "{name}"
        );
        assert_eq!(
            text(&e.caption).map(|c| c.0),
            Some("Trawlers moored at the north quay of Vila Serrana as the swell keeps them in port."),
            "{name}"
        );
        assert_eq!(
            e.creators.as_ref().map(|c| c.value.clone()),
            Some(vec!["Marta Quelhas".to_string()])
        );
        assert_eq!(
            text(&e.credit_line).map(|c| c.0),
            Some("Marta Quelhas/Costa Press"),
            "{name}"
        );
        assert_eq!(text(&e.copyright).map(|c| c.0), Some("© 2024 Costa Press"), "{name}");
        assert_eq!(
            text(&e.alt).map(|c| c.0),
            Some("Red-hulled trawler moored at a grey stone quay under a yellow evening sky")
        );
        assert!(text(&e.extended_description).is_some(), "{name}");
        assert_eq!(text(&e.usage_terms).map(|c| c.0), Some("Editorial use only"));
        assert_eq!(
            text(&e.web_statement).map(|c| c.0),
            Some("https://costapress.example/terms")
        );
        assert_eq!(
            text(&e.licensor_url).map(|c| c.0),
            Some("https://costapress.example/licensing")
        );
        assert_eq!(
            e.date_taken.as_ref().map(|d| d.value),
            Some(jiff::civil::date(2024, 2, 11))
        );
        assert_eq!(
            e.place_taken.as_ref().map(|p| p.value.display()),
            Some("Vila Serrana, Portugal".to_string())
        );
        assert_eq!(
            e.places_shown.iter().map(|p| p.display()).collect::<Vec<_>>(),
            ["North quay, Vila Serrana"]
        );
        assert_eq!(e.people_shown, ["Joel Arrais"]);
        assert_eq!(e.size, Some((96, 64)), "{name}");
        assert_eq!(e.credit_text().as_deref(), Some("Marta Quelhas/Costa Press"));
    }
}

#[test]
fn iptc_alone_is_read_when_there_is_no_xmp() {
    let mut bytes = fixture("full.jpg");
    // Hide the XMP segment's signature: the same file, read from IPTC and EXIF only.
    let at = bytes
        .windows(10)
        .position(|w| w == b"http://ns.")
        .expect("an XMP segment");
    bytes[at] = b'x';
    let e = photo::read(&bytes).embedded;
    assert_eq!(text(&e.headline), Some(("Boats wait out the swell", Block::Iptc)));
    assert_eq!(text(&e.copyright), Some(("© 2024 Costa Press", Block::Iptc)));
    assert_eq!(e.keywords, ["harbour"]);
}

#[test]
fn latin1_iptc_reads_as_the_desk_wrote_it() {
    let e = read_clean("latin1.jpg");
    assert_eq!(
        text(&e.caption),
        Some(("Redes a secar no cais de São Brás.", Block::Iptc))
    );
    assert_eq!(
        e.creators.as_ref().map(|c| c.value.clone()),
        Some(vec!["Inês Conceição".to_string()])
    );
    assert_eq!(e.credit_text().as_deref(), Some("Inês Conceição/Agência Costeira"));
}

#[test]
fn a_picture_without_a_record_is_empty() {
    let e = read_clean("bare.jpg");
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(e.size, Some((96, 64)));
}

/// A header claiming more pixels than any camera makes is named, not decoded.
#[test]
fn a_decompression_bomb_is_named() {
    let mut bytes = fixture("full.png");
    // IHDR's width and height: 100,000 × 100,000.
    bytes[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bytes[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.sum().to_be_bytes());
    let reading = photo::read(&bytes);
    assert!(
        reading.warnings.iter().any(|w| w.0.contains("more than the limit")),
        "{:?}",
        reading.warnings
    );
}

#[test]
fn a_truncated_file_keeps_its_record_or_warns() {
    for name in ["full.jpg", "full.png", "full.webp", "full.tif"] {
        let bytes = fixture(name);
        for cut in [bytes.len() / 2, bytes.len() - 3, 40, 13] {
            let reading = photo::read(&bytes[..cut]);
            assert!(
                !reading.warnings.is_empty() || !reading.embedded.is_empty(),
                "{name} cut at {cut}: neither a record nor a warning"
            );
        }
    }
    // A JPEG cut inside its picture data still has its whole record.
    let jpeg = fixture("full.jpg");
    let reading = photo::read(&jpeg[..jpeg.len() - 200]);
    assert_eq!(reading.embedded, photo::read(&jpeg).embedded);
}

/// exiftool, run here, writes a record into a copy of a picture that is read back: the
/// committed fixtures cannot drift from what the tool writes. CI installs exiftool and sets
/// DATELINE_REQUIRE_EXIFTOOL so the test cannot pass by skipping.
#[test]
fn what_exiftool_writes_now_reads_back() {
    let has_exiftool = std::process::Command::new("exiftool").arg("-ver").output().is_ok();
    if !has_exiftool {
        assert!(
            std::env::var_os("DATELINE_REQUIRE_EXIFTOOL").is_none(),
            "exiftool is required (apt-get install libimage-exiftool-perl)"
        );
        eprintln!("exiftool not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    for name in ["bare.jpg", "full.png", "full.webp", "full.tif"] {
        let path: PathBuf = dir.path().join(name);
        std::fs::write(&path, fixture(name)).expect("copy");
        let status = std::process::Command::new("exiftool")
            .args(["-q", "-overwrite_original"])
            .args([
                "-XMP-photoshop:Credit=Ana Vidal/Maré Images",
                "-XMP-dc:Rights=© Ana Vidal",
            ])
            .args([
                "-EXIF:Orientation#=6",
                "-XMP-iptcCore:AltTextAccessibility=Gulls over a slipway",
            ])
            .arg(&path)
            .status()
            .expect("exiftool runs");
        assert!(status.success(), "{name}");
        let e = photo::read(&std::fs::read(&path).expect("read back")).embedded;
        assert_eq!(
            text(&e.credit_line).map(|c| c.0),
            Some("Ana Vidal/Maré Images"),
            "{name}"
        );
        assert_eq!(text(&e.copyright).map(|c| c.0), Some("© Ana Vidal"), "{name}");
        assert_eq!(text(&e.alt).map(|c| c.0), Some("Gulls over a slipway"), "{name}");
        assert_eq!(e.orientation, Some(6), "{name}");
    }
}

/// Damaged copies of the fixtures: bytes overwritten, lengths rewritten, the file cut. The
/// readers must return (with or without warnings) and never panic; the cases are bounded so
/// CI stays quick, and proptest keeps a failing case in tests/photos.proptest-regressions.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let names = ["full.jpg", "full.png", "full.webp", "full.tif", "latin1.jpg"];
    (
        0..names.len(),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
        any::<prop::sample::Index>(),
        any::<bool>(),
    )
        .prop_map(move |(file, edits, cut, truncate)| {
            let mut bytes = fixture(names[file]);
            for (at, byte) in edits {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            if truncate {
                bytes.truncate(cut.index(bytes.len()));
            }
            bytes
        })
}

proptest! {
    // 384 cases keep CI quick; PROPTEST_CASES=100000 runs a longer search locally.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(384),
        ..ProptestConfig::default()
    })]
    #[test]
    fn damaged_pictures_never_panic(bytes in mutated()) {
        let reading = photo::read(&bytes);
        // Whatever was read is bounded by the file: no field can be longer than the file.
        let longest = [&reading.embedded.caption, &reading.embedded.title, &reading.embedded.copyright]
            .into_iter()
            .flatten()
            .map(|t| t.value.len())
            .max()
            .unwrap_or(0);
        prop_assert!(longest <= bytes.len() * 4);
    }
}

mod common;

/// A bundle whose pictures carry their own records, built as a site: the figures, the
/// indexes, the structured data and `check` all see what the pictures say.
mod site {
    use super::common::*;
    use super::fixture;
    use serde_json::Value;

    fn bundle() -> tempfile::TempDir {
        let dir = site(&[
            (
                "site.toml",
                "title = \"Harbour Archive\"\nbase_url = \"https://archive.example.org/\"\n",
            ),
            (
                "content/2024/swell/index.md",
                "+++\ntitle = \"Swell keeps the fleet in port\"\ndate = 2024-02-12\n\n\
                 [[figures]]\nsrc = \"quay.jpg\"\ncaption = \"Trawlers at the north quay on Sunday.\"\n\n\
                 [[figures]]\nsrc = \"other.jpg\"\ncaption = \"The fish market, empty.\"\n\
                 credit = \"Rui Tavares/Harbour Wire\"\n\n\
                 [[figures]]\nsrc = \"bare.jpg\"\ncaption = \"The harbour office.\"\n+++\n\
                 The fleet stayed in port for a fifth day on Monday as the swell kept the bar closed.\n",
            ),
        ]);
        let bundle = dir.path().join("content/2024/swell");
        std::fs::write(bundle.join("quay.jpg"), fixture("full.jpg")).unwrap();
        std::fs::write(bundle.join("other.jpg"), fixture("full.jpg")).unwrap();
        std::fs::write(bundle.join("bare.jpg"), fixture("bare.jpg")).unwrap();
        std::fs::write(bundle.join("nets.jpg"), fixture("latin1.jpg")).unwrap();
        let mut broken = fixture("full.jpg");
        broken.truncate(300);
        std::fs::write(bundle.join("broken.jpg"), broken).unwrap();
        dir
    }

    fn article_json(public: &std::path::Path) -> Value {
        let path = walk(public)
            .into_iter()
            .find(|p| p.ends_with("article.json"))
            .expect("article.json");
        serde_json::from_str(&read(&path)).expect("JSON")
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn figures_take_what_the_text_leaves_empty_from_the_picture() {
        let dir = bundle();
        let out = dateline(dir.path(), &["build"]);
        assert!(out.status.success(), "{}", stderr(&out));
        // A damaged picture is named, and the build goes on.
        assert!(stderr(&out).contains("broken.jpg"), "{}", stderr(&out));
        let public = dir.path().join("public");
        let json = article_json(&public);
        let figures = json["figures"].as_array().expect("figures");
        let quay = &figures[0];
        assert_eq!(
            quay["caption"], "Trawlers at the north quay on Sunday.",
            "the text wins"
        );
        assert_eq!(quay["credit"]["raw"], "Marta Quelhas/Costa Press");
        assert_eq!(quay["credit"]["photographers"][0], "Marta Quelhas");
        assert_eq!(quay["embedded"]["credit"], "XMP");
        assert_eq!(quay["rights"]["copyright"], "© 2024 Costa Press");
        assert_eq!(
            figures[1]["credit"]["raw"], "Rui Tavares/Harbour Wire",
            "front matter wins"
        );
        // The Latin-1 picture nobody mentions is a figure of its own.
        let nets = figures
            .iter()
            .find(|f| f["src"] == "nets.jpg")
            .expect("a figure for nets.jpg");
        assert_eq!(nets["caption"], "Redes a secar no cais de São Brás.");
        assert_eq!(nets["credit"]["photographers"][0], "Inês Conceição");

        let page = walk(&public)
            .into_iter()
            .find(|p| p.ends_with("swell/index.html"))
            .map(|p| read(&p))
            .expect("the article page");
        assert!(page.contains("alt=\"Red-hulled trawler moored at a grey stone quay under a yellow evening sky\""));
        assert!(
            page.contains("\"copyrightNotice\":\"© 2024 Costa Press\""),
            "JSON-LD rights"
        );
        assert!(page.contains("\"acquireLicensePage\":\"https://costapress.example/licensing\""));
        assert!(page.contains("\"license\":\"https://costapress.example/terms\""));
        assert!(page.contains("\"dateCreated\":\"2024-02-11\""));
        // The embedded credit feeds the photographer index.
        // A photographer's page shows the pictures as a grid, with date and place taken.
        let grid = read(&public.join("photographers/marta-quelhas/index.html"));
        let grid = &grid[grid.find("<ul class=\"photo-grid\">").expect("a photo grid")..];
        assert!(grid.contains("alt=\"Red-hulled trawler moored"), "{grid}");
        assert!(grid.contains("<time datetime=\"2024-02-11\">February 11, 2024</time> · <span class=\"place\">Vila Serrana, Portugal</span>"), "{grid}");
        assert!(public.join("photographers/ines-conceicao/index.html").is_file());
        assert!(public.join("agencies/costa-press/index.html").is_file());
    }

    #[test]
    fn check_names_disagreeing_and_missing_credits() {
        let dir = bundle();
        let out = dateline(dir.path(), &["check"]);
        let err = stderr(&out);
        assert!(
            err.contains("other.jpg: the figure credits \"Rui Tavares/Harbour Wire\" but the picture itself credits \"Marta Quelhas/Costa Press\""),
            "{err}"
        );
        assert!(err.contains("the picture bare.jpg has no credit"), "{err}");
        // Each warning points at the line of the figure's entry.
        assert!(err.contains("content/2024/swell/index.md:10"), "{err}");
        assert!(err.contains("src = \"other.jpg\""), "{err}");
        assert!(!err.contains("quay.jpg"), "{err}");
    }
}

/// Responsive derivatives of a bundle's pictures, read back by exiftool: they keep the credit
/// and rights, lose the GPS position and camera serial (unless the site keeps GPS), and are
/// made once.
mod derivatives {
    use super::common::*;
    use serde_json::Value;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    /// Whether exiftool is here; CI sets DATELINE_REQUIRE_EXIFTOOL so a test cannot pass by
    /// skipping.
    fn has_exiftool() -> bool {
        let has = Command::new("exiftool").arg("-ver").output().is_ok();
        if !has {
            assert!(
                std::env::var_os("DATELINE_REQUIRE_EXIFTOOL").is_none(),
                "exiftool is required (apt-get install libimage-exiftool-perl)"
            );
            eprintln!("exiftool not installed: skipped");
        }
        has
    }

    /// A drawn 1200 × 800 picture whose record exiftool writes, GPS and serial number included.
    fn picture(path: &Path, format: image::ImageFormat) {
        let img = image::RgbImage::from_fn(1200, 800, |x, y| {
            image::Rgb([(x / 5) as u8, (y / 4) as u8, if (x + y) % 97 < 40 { 200 } else { 60 }])
        });
        img.save_with_format(path, format).expect("write the picture");
        let status = Command::new("exiftool")
            .args(["-q", "-overwrite_original"])
            .args([
                "-XMP-dc:Description=Ferry ramp lowered at the east slip before the first crossing.",
                "-XMP-dc:Creator=Tomás Vieira",
                "-XMP-photoshop:Credit=Tomás Vieira/Ria Photo",
                "-XMP-dc:Rights=© 2025 Ria Photo",
                "-XMP-xmpRights:UsageTerms=Editorial use only",
                "-EXIF:GPSLatitude=41.2",
                "-EXIF:GPSLatitudeRef=N",
                "-EXIF:GPSLongitude=8.6",
                "-EXIF:GPSLongitudeRef=W",
                "-EXIF:SerialNumber=CAM-30917",
                "-EXIF:Orientation#=6",
            ])
            .arg(path)
            .status()
            .expect("exiftool runs");
        assert!(status.success(), "{}", path.display());
    }

    fn bundle(images: &str) -> tempfile::TempDir {
        let dir = site(&[
            (
                "site.toml",
                &format!("title = \"Estuary Archive\"\nbase_url = \"https://archive.example.org/\"\n{images}"),
            ),
            (
                "content/2025/ferry/index.md",
                "+++\ntitle = \"Ferry resumes after the storm\"\ndate = 2025-03-02\n\n\
                 [[figures]]\nsrc = \"ramp.jpg\"\n\n[[figures]]\nsrc = \"chart.png\"\n+++\n\
                 The river ferry crossed again on Sunday morning, the first time in four days.\n",
            ),
        ]);
        let bundle = dir.path().join("content/2025/ferry");
        picture(&bundle.join("ramp.jpg"), image::ImageFormat::Jpeg);
        picture(&bundle.join("chart.png"), image::ImageFormat::Png);
        dir
    }

    /// exiftool's reading of each file, by file name.
    fn exiftool(files: &[PathBuf]) -> Vec<(String, Value)> {
        let out = Command::new("exiftool")
            .args(["-j", "-G1", "-a"])
            .args(files)
            .output()
            .expect("exiftool runs");
        let all: Vec<Value> = serde_json::from_slice(&out.stdout).expect("exiftool's JSON");
        all.into_iter()
            .map(|v| {
                let name = v["SourceFile"]
                    .as_str()
                    .unwrap_or_default()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                (name, v)
            })
            .collect()
    }

    fn derivatives_in(folder: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
            .expect("the article's folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.to_string_lossy().contains("w."))
            .collect();
        files.sort();
        files
    }

    fn field<'a>(v: &'a Value, suffix: &str) -> Option<&'a Value> {
        v.as_object()?.iter().find(|(k, _)| k.ends_with(suffix)).map(|(_, v)| v)
    }

    #[test]
    fn derivatives_keep_the_record_and_drop_gps_and_serial() {
        if !has_exiftool() {
            return;
        }
        let dir = bundle("");
        let out = dateline(dir.path(), &["build"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let folder = dir.path().join("public/2025/03/02/ferry");
        let files = derivatives_in(&folder);
        let names: Vec<String> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into())
            .collect();
        // Upright, the 1200 × 800 pictures are 800 wide: copies at 480, and at their own
        // width in WebP (never enlarged to 960 or 1600); a JPEG's WebP copies are lossy, a
        // PNG's lossless.
        assert_eq!(
            names,
            [
                "chart.480w.png",
                "chart.480w.webp",
                "chart.800w.webp",
                "ramp.480w.jpg",
                "ramp.480w.webp",
                "ramp.800w.webp"
            ]
        );
        for (name, v) in exiftool(&files) {
            let (width, height) = if name.contains(".800w.") {
                (800, 1200)
            } else {
                (480, 720)
            };
            assert_eq!(
                field(&v, ":ImageWidth"),
                Some(&Value::from(width)),
                "{name}: turned upright"
            );
            assert_eq!(field(&v, ":ImageHeight"), Some(&Value::from(height)), "{name}");
            if name.ends_with(".webp") {
                let lossy = name.starts_with("ramp.");
                assert_eq!(
                    field(&v, ":VP8Version").is_some(),
                    lossy,
                    "{name}: lossy only from a JPEG: {v}"
                );
            }
            assert_eq!(
                field(&v, ":Description").and_then(Value::as_str),
                Some("Ferry ramp lowered at the east slip before the first crossing."),
                "{name}"
            );
            assert_eq!(
                field(&v, ":Credit").and_then(Value::as_str),
                Some("Tomás Vieira/Ria Photo"),
                "{name}"
            );
            assert_eq!(
                field(&v, ":Creator").and_then(Value::as_str),
                Some("Tomás Vieira"),
                "{name}"
            );
            assert_eq!(
                field(&v, ":Rights").and_then(Value::as_str),
                Some("© 2025 Ria Photo"),
                "{name}"
            );
            assert_eq!(
                field(&v, ":UsageTerms").and_then(Value::as_str),
                Some("Editorial use only"),
                "{name}"
            );
            assert!(field(&v, ":GPSLatitude").is_none(), "{name}: {v}");
            assert!(field(&v, ":SerialNumber").is_none(), "{name}: {v}");
            if name.ends_with(".jpg") {
                assert_eq!(v["IPTC:Credit"], "Tomás Vieira/Ria Photo", "{name}: the IPTC block");
                assert_eq!(v["IPTC:By-line"], "Tomás Vieira", "{name}");
            }
        }
        // The page shows the copies and links the original.
        let page = read(&folder.join("index.html"));
        let at = "../../../../2025/03/02/ferry";
        // Widths up to 1600 are asked for: the widest candidate is the picture at its own
        // width, the original itself in its own format.
        assert!(page.contains(&format!("<a class=\"figure-original\" href=\"{at}/ramp.jpg\"><picture><source type=\"image/webp\" srcset=\"{at}/ramp.480w.webp 480w, {at}/ramp.800w.webp 800w\" sizes=")), "{page}");
        assert!(
            page.contains(&format!(
                "<img src=\"{at}/ramp.480w.jpg\" srcset=\"{at}/ramp.480w.jpg 480w, {at}/ramp.jpg 800w\" sizes="
            )),
            "{page}"
        );
        assert!(
            page.contains(&format!(
                "<source type=\"image/webp\" srcset=\"{at}/chart.480w.webp 480w, {at}/chart.800w.webp 800w\""
            )),
            "{page}"
        );
        assert!(
            page.contains(&format!("srcset=\"{at}/chart.480w.png 480w, {at}/chart.png 800w\"")),
            "{page}"
        );
        assert!(
            !page.contains("1600w") && !page.contains("960w"),
            "never enlarged: {page}"
        );
        assert!(page.contains("width=\"480\" height=\"720\""), "{page}");
    }

    #[test]
    fn keep_gps_keeps_the_position_only() {
        if !has_exiftool() {
            return;
        }
        let dir = bundle("[images]\nkeep_gps = true\nwidths = [320, 640]\n");
        let out = dateline(dir.path(), &["build"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let files = derivatives_in(&dir.path().join("public/2025/03/02/ferry"));
        // Two widths in two formats for each picture; none at its own width, as it is wider
        // than every asked width.
        assert_eq!(files.len(), 8, "{files:?}");
        for (name, v) in exiftool(&files) {
            let lat = field(&v, ":GPSLatitude").and_then(Value::as_str).unwrap_or_default();
            assert!(lat.starts_with("41 deg 12"), "{name}: {v}");
            assert!(field(&v, ":SerialNumber").is_none(), "{name}: {v}");
        }
    }

    /// A rebuild with nothing changed encodes nothing and writes the same bytes; a changed
    /// picture is encoded again, alone.
    #[test]
    fn derivatives_are_made_once_per_content_and_settings() {
        if !has_exiftool() {
            return;
        }
        let dir = bundle("");
        let first = dateline(dir.path(), &["build"]);
        assert!(
            String::from_utf8_lossy(&first.stdout).contains("(pictures: 2 resized, 0 already resized)"),
            "{first:?}"
        );
        let before = tree(&dir.path().join("public"));
        // `--clean` makes the build run in full (with nothing changed it would stop early),
        // so the pictures are looked at again: their copies come from the picture cache.
        let again = dateline(dir.path(), &["build", "--clean"]);
        assert!(
            String::from_utf8_lossy(&again.stdout).contains("(pictures: 0 resized, 2 already resized)"),
            "{again:?}"
        );
        assert_eq!(tree(&dir.path().join("public")), before, "the same bytes");
        let ramp = dir.path().join("content/2025/ferry/ramp.jpg");
        Command::new("exiftool")
            .args(["-q", "-overwrite_original", "-XMP-photoshop:Credit=Ria Photo"])
            .arg(&ramp)
            .status()
            .expect("exiftool runs");
        let cache = dir.path().join(".dateline/images");
        let listing = || {
            let mut names: Vec<String> = std::fs::read_dir(&cache)
                .expect("the picture cache")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        let first_copies = listing();
        assert_eq!(first_copies.len(), 6, "{first_copies:?}");
        // A copy no picture uses any more, one an interrupted build left half-written, and a
        // file of someone else's.
        let stale = "00112233445566778899aabbccddeeff-480.jpg";
        let half = "00112233445566778899aabbccddeeff-960.tmp31337-0";
        for name in [stale, half, "README.txt"] {
            write(&cache, name, "left here");
        }
        let changed = dateline(dir.path(), &["build"]);
        assert!(
            String::from_utf8_lossy(&changed.stdout).contains("(pictures: 1 resized, 1 already resized)"),
            "{changed:?}"
        );
        // The changed picture's old copies and the stale ones are pruned; the unchanged
        // picture's copies and the file the cache did not name stay.
        let now = listing();
        assert_eq!(now.len(), 7, "{now:?}");
        assert!(now.contains(&"README.txt".to_string()), "{now:?}");
        let kept: Vec<&String> = first_copies.iter().filter(|n| now.contains(n)).collect();
        assert_eq!(kept.len(), 3, "the chart's copies only: {now:?}");
        for name in [stale, half] {
            assert!(!now.contains(&name.to_string()), "{name}: {now:?}");
        }
        // Turned off, the page shows the original.
        write(
            dir.path(),
            "site.toml",
            "title = \"Estuary Archive\"\n[images]\nderivatives = false\n",
        );
        let off = dateline(dir.path(), &["build"]);
        assert!(off.status.success(), "{}", stderr(&off));
        assert_eq!(listing(), now, "the cache is kept for when they are turned on again");
        let folder = dir.path().join("public/2025/03/02/ferry");
        assert_eq!(derivatives_in(&folder), Vec::<PathBuf>::new());
        assert!(!read(&folder.join("index.html")).contains("srcset"));
    }

    /// A picture cut before its picture data is named in a warning; the build goes on and the page shows the original.
    #[test]
    fn an_undecodable_picture_is_named_and_the_build_goes_on() {
        let dir = site(&[
            ("site.toml", "title = \"Estuary Archive\"\n"),
            (
                "content/2025/ferry/index.md",
                "+++\ntitle = \"Ferry resumes\"\ndate = 2025-03-02\n\n[[figures]]\nsrc = \"cut.jpg\"\n+++\nText.\n",
            ),
        ]);
        let img = image::RgbImage::from_fn(900, 600, |x, y| image::Rgb([x as u8, y as u8, 7]));
        let mut bytes = std::io::Cursor::new(Vec::new());
        img.write_to(&mut bytes, image::ImageFormat::Jpeg).expect("encode");
        let bytes = bytes.into_inner();
        // Cut before its picture data.
        let scan = bytes.windows(2).position(|w| w == [0xFF, 0xDA]).expect("a scan");
        std::fs::write(dir.path().join("content/2025/ferry/cut.jpg"), &bytes[..scan]).expect("write");
        let out = dateline(dir.path(), &["build"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains("cut.jpg"), "{}", stderr(&out));
        assert!(stderr(&out).contains("cannot be decoded"), "{}", stderr(&out));
        let page = read(&dir.path().join("public/2025/03/02/ferry/index.html"));
        assert!(
            page.contains("<img src=\"../../../../2025/03/02/ferry/cut.jpg\""),
            "{page}"
        );
        assert!(!page.contains("srcset"), "{page}");
    }
}

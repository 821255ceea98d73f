//! End-to-end build benchmark: how long `dateline build` takes, and how much memory it needs,
//! on generated archives of realistic news articles.
//!
//! ```text
//! cargo bench --bench build               # 1,000, 10,000 and 100,000 articles
//! cargo bench --bench build -- 500 1000000  # other sizes (a million on demand only)
//! DATELINE_BENCH_OUTPUT=/dev/shm cargo bench --bench build   # outputs on a RAM disk
//! ```
//!
//! Each archive is generated once into `target/bench-archives/N/` by the same generator as
//! `cargo run --example gen_archive` and reused while the generator version is unchanged.
//! The real binary then builds it [`RUNS`] times from a clean output folder (the first run
//! doubles as a warm-up of the page cache), alternately with the search index (the default)
//! and without it (a sibling `N-nosearch/` site whose `content` links to the same articles), so
//! the table shows what search indexing adds. It reports the median wall time, articles per
//! second and the child's peak resident set size, and is also written to
//! `target/bench-results.txt`. A failed build prints its stderr and exits non-zero.
//!
//! After the clean builds, the search-on archive is rebuilt incrementally (with its build store
//! in `N/.dateline/` and the previous output in place): once with nothing changed, once after
//! one article is edited, once after one is added and once after a template is edited, each
//! timed once with its peak RSS. The edits are undone (and built) at the end, so the archive
//! stays the generator's. `DATELINE_BENCH_REBUILDS_ONLY=1` skips the clean builds and runs only
//! the rebuilds (for a large archive, where the clean builds take minutes).
//!
//! Outputs go to `N/public/` unless `DATELINE_BENCH_OUTPUT` names another folder: on ext4, a
//! build that follows the deletion of a previous 50,000-file output pays for the kernel's scan
//! of recently freed inodes, which a RAM disk leaves out.
//!
//! A size whose archive or output would not fit in the free space where they go (about 60 KB of
//! output an article: a million articles need some 60 GB) is refused before anything is
//! generated, rather than failing an hour in.

mod support;

use support::{generator, prepare, target_dir};

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// Builds per archive size; the median of these is reported.
const RUNS: usize = 3;

const DEFAULT_SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// What a build writes per article, with room to spare: a generated archive of 100,000
/// articles made 5.5 GB of output (pages, search index, `archive.sqlite`).
const OUTPUT_BYTES_PER_ARTICLE: u64 = 60_000;

/// What an archive takes per article besides its output: the generated sources (2.8 KB of
/// text an article, in 4 KB blocks) and the build store's copy of each extraction (2.6 KB),
/// story record (1.2 KB) and text (8.5 KB).
const SITE_BYTES_PER_ARTICLE: u64 = 18_000;

/// At most this much of a failed build's stderr is printed; the full log stays on disk.
const STDERR_SHOWN: usize = 64 * 1024;

/// One `dateline build`.
struct Run {
    wall: Duration,
    /// Peak resident set size of the build process, in bytes.
    peak_rss: Option<u64>,
}

/// The results for one archive size.
struct Row {
    articles: usize,
    search: bool,
    input_bytes: u64,
    runs: Vec<Run>,
    /// What `dateline build` printed on success, e.g. "Read 1000 articles and wrote …".
    report: String,
}

impl Row {
    fn median(&self) -> Duration {
        let mut walls: Vec<Duration> = self.runs.iter().map(|r| r.wall).collect();
        walls.sort();
        walls[walls.len() / 2]
    }

    fn peak_rss(&self) -> Option<u64> {
        self.runs.iter().filter_map(|r| r.peak_rss).max()
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`; `cargo test --all-targets` does not, and a test run
    // should not spend minutes generating and building archives.
    if !args.iter().any(|a| a == "--bench") {
        println!("build benchmark: skipped (run it with `cargo bench --bench build`)");
        return ExitCode::SUCCESS;
    }
    let mut sizes = Vec::new();
    for arg in args.iter().filter(|a| !a.starts_with('-')) {
        match arg.replace('_', "").parse::<usize>() {
            Ok(n) if n > 0 => sizes.push(n),
            _ => {
                eprintln!(
                    "error: {arg:?} is not an archive size; \
                     usage: cargo bench --bench build [-- SIZE...]"
                );
                return ExitCode::from(2);
            }
        }
    }
    if sizes.is_empty() {
        sizes = DEFAULT_SIZES.to_vec();
    }
    match run(&sizes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(sizes: &[usize]) -> Result<(), String> {
    let target = target_dir();
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_dateline"));
    let mut rows = Vec::new();
    let mut incremental = Vec::new();
    for &articles in sizes {
        let root = target.join("bench-archives").join(articles.to_string());
        room_for(articles, &root)?;
        let input_bytes = prepare(articles, &root)?;
        let without = without_search(&root)?;
        if std::env::var_os("DATELINE_BENCH_REBUILDS_ONLY").is_some() {
            incremental.push((articles, rebuilds(&exe, &root, articles)?));
            continue;
        }
        let mut pair = [true, false].map(|search| Row {
            articles,
            search,
            input_bytes,
            runs: Vec::new(),
            report: String::new(),
        });
        for i in 1..=RUNS {
            for row in &mut pair {
                let site = if row.search { &root } else { &without };
                let label = if row.search { "search on" } else { "search off" };
                let (run, stdout) = build(&exe, site, articles)?;
                println!(
                    "  {articles} articles, {label}, run {i}/{RUNS}: {:.3} s, peak RSS {}",
                    run.wall.as_secs_f64(),
                    megabytes(run.peak_rss)
                );
                row.report = stdout;
                row.runs.push(run);
            }
        }
        rows.extend(pair);
        incremental.push((articles, rebuilds(&exe, &root, articles)?));
    }
    let mut table = table(&exe, &rows);
    table.push_str(&rebuild_table(&incremental));
    println!("\n{table}");
    let results = target.join("bench-results.txt");
    fs::write(&results, &table).map_err(|e| format!("error: cannot write {}: {e}", results.display()))?;
    println!("(written to {})", results.display());
    Ok(())
}

/// Fails with a plain message when the archive of `articles` at `root` or its output would not
/// fit in the free space of the file systems they go to.
fn room_for(articles: usize, root: &Path) -> Result<(), String> {
    let articles = articles as u64;
    let output = output_of(root);
    let mut needs = vec![(
        existing_ancestor(root),
        SITE_BYTES_PER_ARTICLE * articles,
        "the archive",
    )];
    let output_at = existing_ancestor(&output);
    match needs.iter_mut().find(|(at, _, _)| same_file_system(at, &output_at)) {
        Some(need) => {
            *need = (
                need.0.clone(),
                need.1 + OUTPUT_BYTES_PER_ARTICLE * articles,
                "the archive and its output",
            )
        }
        None => needs.push((output_at, OUTPUT_BYTES_PER_ARTICLE * articles, "its output")),
    }
    for (at, bytes, what) in needs {
        if let Some(free) = free_bytes(&at)
            && free < bytes
        {
            return Err(format!(
                "error: {articles} articles need about {} GB for {what} on the file system of {}, which has {} GB free; \
                 free some space, or point DATELINE_BENCH_OUTPUT or CARGO_TARGET_DIR at a larger disk",
                bytes.div_ceil(1 << 30),
                at.display(),
                free / (1 << 30)
            ));
        }
    }
    Ok(())
}

/// `path`, or the nearest folder above it that exists.
fn existing_ancestor(path: &Path) -> PathBuf {
    path.ancestors()
        .find(|p| p.exists())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

#[cfg(unix)]
fn same_file_system(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    matches!((fs::metadata(a), fs::metadata(b)), (Ok(a), Ok(b)) if a.dev() == b.dev())
}

#[cfg(not(unix))]
fn same_file_system(_: &Path, _: &Path) -> bool {
    true
}

/// Bytes an unprivileged process may still write on the file system holding `path`.
#[cfg(unix)]
fn free_bytes(path: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    // SAFETY: `statvfs` is plain old data for which all-zero bytes are a valid value.
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `name` is a valid C string and `stat` a valid out-pointer.
    if unsafe { libc::statvfs(name.as_ptr(), &mut stat) } != 0 {
        return None;
    }
    Some(stat.f_bavail as u64 * stat.f_frsize as u64)
}

#[cfg(not(unix))]
fn free_bytes(_: &Path) -> Option<u64> {
    None
}

/// The same archive with `[search] enabled = false`: a sibling site whose `content` is a link
/// to the archive's.
fn without_search(root: &Path) -> Result<PathBuf, String> {
    let name = root.file_name().unwrap_or_default().to_string_lossy();
    let site = root.with_file_name(format!("{name}-nosearch"));
    let failed = |e: io::Error| format!("error: cannot prepare {}: {e}", site.display());
    let config = fs::read_to_string(root.join("site.toml")).map_err(failed)?;
    if config.contains("[search]") {
        return Err(format!(
            "error: {}/site.toml already has a [search] table",
            root.display()
        ));
    }
    fs::create_dir_all(&site).map_err(failed)?;
    fs::write(site.join("site.toml"), format!("{config}\n[search]\nenabled = false\n")).map_err(failed)?;
    let link = site.join("content");
    if fs::symlink_metadata(&link).is_err() {
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("content"), &link).map_err(failed)?;
        #[cfg(not(unix))]
        return Err("error: the search-off comparison needs symbolic links (Unix)".into());
    }
    Ok(site)
}

/// Where the build of `root` writes.
fn output_of(root: &Path) -> PathBuf {
    match std::env::var_os("DATELINE_BENCH_OUTPUT") {
        Some(dir) => PathBuf::from(dir).join(root.file_name().unwrap_or_default()),
        None => root.join("public"),
    }
}

/// One `dateline build --clean --root ROOT --output OUTPUT` from a clean output folder, its
/// build store ignored.
fn build(exe: &Path, root: &Path, articles: usize) -> Result<(Run, String), String> {
    let output = output_of(root);
    clear_output(root, &output).map_err(|e| format!("error: cannot clear {}: {e}", output.display()))?;
    run_build(exe, root, articles, true)
}

/// One incremental rebuild: what a build after a change does.
struct Rebuild {
    what: &'static str,
    run: Run,
    report: String,
}

/// Rebuilds the archive at `root` after nothing, one edited article, one added article and an
/// edited template, then undoes the edits.
fn rebuilds(exe: &Path, root: &Path, articles: usize) -> Result<Vec<Rebuild>, String> {
    let failed = |e: io::Error| format!("error: cannot edit {}: {e}", root.display());
    // Warm: a store and an output that match the archive.
    run_build(exe, root, articles, false)?;
    let mut out = Vec::new();
    let mut step = |what: &'static str| -> Result<(), String> {
        let (run, report) = run_build(exe, root, articles, false)?;
        println!(
            "  {articles} articles, rebuild ({what}): {:.3} s, peak RSS {}",
            run.wall.as_secs_f64(),
            megabytes(run.peak_rss)
        );
        out.push(Rebuild { what, run, report });
        Ok(())
    };
    step("no change")?;
    let edited =
        first_article(&root.join("content")).ok_or_else(|| format!("error: no article in {}", root.display()))?;
    let original = fs::read(&edited).map_err(failed)?;
    let mut changed = original.clone();
    changed.extend_from_slice(b"\nThe council will meet again on Thursday, a spokesman said.\n");
    fs::write(&edited, &changed).map_err(failed)?;
    step("one article edited")?;
    let added = root.join("content/bench-added.md");
    fs::write(
        &added,
        "+++\ntitle = \"Ferry timetable changes for the winter\"\ndate = 2020-11-03\n+++\nThe ferry will run \
         hourly from Monday, the operator said.\n",
    )
    .map_err(failed)?;
    step("one article added")?;
    let template = root.join("templates/article.html");
    let had_template = template.exists();
    let base =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/article.html")).map_err(failed)?;
    if !had_template {
        fs::create_dir_all(root.join("templates")).map_err(failed)?;
        fs::write(
            &template,
            base.replacen(
                "{% endblock content %}",
                "<p>Printed from the archive.</p>{% endblock content %}",
                1,
            ),
        )
        .map_err(failed)?;
        step("template edited")?;
        fs::remove_file(&template).map_err(failed)?;
    }
    fs::write(&edited, &original).map_err(failed)?;
    fs::remove_file(&added).map_err(failed)?;
    run_build(exe, root, articles, false)?;
    Ok(out)
}

/// The first article file under `dir`, in name order.
fn first_article(dir: &Path) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir).ok()?.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if let Some(found) = first_article(&p) {
                return Some(found);
            }
        } else if p.extension().is_some_and(|e| e == "md" || e == "txt") {
            return Some(p);
        }
    }
    None
}

fn rebuild_table(all: &[(usize, Vec<Rebuild>)]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nIncremental rebuilds (search on, build store and previous output in place; one run each):"
    );
    let _ = writeln!(
        out,
        "{:>9}  {:<20}  {:>7}  {:>12}  report",
        "articles", "change", "wall s", "peak RSS MB"
    );
    for (articles, rebuilds) in all {
        for r in rebuilds {
            let rss = r
                .run
                .peak_rss
                .map_or("n/a".to_string(), |b| format!("{:.1}", b as f64 / 1e6));
            let _ = writeln!(
                out,
                "{articles:>9}  {:<20}  {:>7.3}  {rss:>12}  {}",
                r.what,
                r.run.wall.as_secs_f64(),
                r.report
            );
        }
    }
    out
}

/// Runs `dateline build` on `root` (with `--clean` when `clean`), as it stands.
fn run_build(exe: &Path, root: &Path, articles: usize, clean: bool) -> Result<(Run, String), String> {
    let output = output_of(root);
    let logs = root.with_file_name(format!(
        "{}.log",
        root.file_name().unwrap_or_default().to_string_lossy()
    ));
    let err_log = logs.with_extension("stderr");
    let out_log = logs.with_extension("stdout");
    let file = |path: &Path| File::create(path).map_err(|e| format!("error: cannot create {}: {e}", path.display()));
    let (stdout, stderr) = (file(&out_log)?, file(&err_log)?);

    let started = Instant::now();
    let child = Command::new(exe)
        .arg("build")
        .args(clean.then_some("--clean"))
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(&output)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("error: cannot run {}: {e}", exe.display()))?;
    let (status, peak_rss) = wait(child).map_err(|e| format!("error: waiting for dateline: {e}"))?;
    let wall = started.elapsed();

    let printed = fs::read_to_string(&out_log).unwrap_or_default();
    if let Some(failure) = status {
        let errors = fs::read(&err_log).unwrap_or_default();
        let shown = String::from_utf8_lossy(&errors[..errors.len().min(STDERR_SHOWN)]).into_owned();
        let mut message = format!(
            "error: `dateline build` failed on the {articles}-article archive ({failure}).\n\
             command: {} build --root {} --output {}\n--- stderr ---\n{shown}",
            exe.display(),
            root.display(),
            output.display()
        );
        if errors.len() > STDERR_SHOWN {
            let _ = write!(
                message,
                "\n[... {} more bytes in {}]",
                errors.len() - STDERR_SHOWN,
                err_log.display()
            );
        }
        if !printed.trim().is_empty() {
            let _ = write!(message, "\n--- stdout ---\n{printed}");
        }
        return Err(message);
    }
    let report = printed.lines().last().unwrap_or_default().trim().to_string();
    Ok((Run { wall, peak_rss }, report))
}

/// Removes the previous run's output and any staging folder it left beside it, so every run
/// is a full build rather than a replacement of existing output.
fn clear_output(root: &Path, output: &Path) -> io::Result<()> {
    if output.exists() {
        fs::remove_dir_all(output)?;
    }
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(".public") && entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

/// Waits for the child and returns why it failed (`None` on success) and its peak RSS.
///
/// `wait4` reports the resource usage of exactly this child, unlike
/// `getrusage(RUSAGE_CHILDREN)`, whose maximum would carry over from earlier, larger runs.
#[cfg(unix)]
fn wait(child: std::process::Child) -> io::Result<(Option<String>, Option<u64>)> {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain old data for which all-zero bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own unreaped child; both out-pointers are valid for writes.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
    let failure = if libc::WIFEXITED(status) {
        match libc::WEXITSTATUS(status) {
            0 => None,
            code => Some(format!("exit code {code}")),
        }
    } else if libc::WIFSIGNALED(status) {
        Some(format!("killed by signal {}", libc::WTERMSIG(status)))
    } else {
        Some(format!("wait status {status}"))
    };
    // Linux and the BSDs report kilobytes, macOS bytes.
    let unit = if cfg!(target_os = "macos") { 1 } else { 1024 };
    let peak = u64::try_from(usage.ru_maxrss).ok().map(|v| v * unit);
    Ok((failure, peak))
}

#[cfg(not(unix))]
fn wait(mut child: std::process::Child) -> io::Result<(Option<String>, Option<u64>)> {
    let status = child.wait()?;
    let failure = (!status.success()).then(|| status.to_string());
    Ok((failure, None))
}

fn megabytes(bytes: Option<u64>) -> String {
    match bytes {
        Some(b) => format!("{:.1} MB", b as f64 / 1e6),
        None => "n/a".to_string(),
    }
}

fn table(exe: &Path, rows: &[Row]) -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut out = String::new();
    let _ = writeln!(out, "dateline build benchmark");
    let _ = writeln!(out, "binary:    {}", exe.display());
    let _ = writeln!(out, "archives:  {} (target/bench-archives/N)", generator::VERSION);
    let _ = writeln!(
        out,
        "method:    {RUNS} clean builds per size and setting, alternating (first doubles as \
         warm-up), median wall time; peak RSS = largest ru_maxrss of the build process; {cpus} CPUs"
    );
    let output = std::env::var("DATELINE_BENCH_OUTPUT").unwrap_or_else(|_| "target/bench-archives/N/public".into());
    let _ = writeln!(out, "output:    {output}");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:>9}  {:>7}  {:>9}  {:>9}  {:>9}  {:>9}  {:>11}  {:>12}",
        "articles", "search", "input MB", "median s", "min s", "max s", "articles/s", "peak RSS MB"
    );
    for row in rows {
        let median = row.median().as_secs_f64();
        let min = row.runs.iter().map(|r| r.wall).min().unwrap_or_default().as_secs_f64();
        let max = row.runs.iter().map(|r| r.wall).max().unwrap_or_default().as_secs_f64();
        let rate = if median > 0.0 {
            row.articles as f64 / median
        } else {
            0.0
        };
        let rss = row
            .peak_rss()
            .map_or("n/a".to_string(), |b| format!("{:.1}", b as f64 / 1e6));
        let _ = writeln!(
            out,
            "{:>9}  {:>7}  {:>9.1}  {:>9.3}  {:>9.3}  {:>9.3}  {:>11.0}  {:>12}",
            row.articles,
            if row.search { "on" } else { "off" },
            row.input_bytes as f64 / 1e6,
            median,
            min,
            max,
            rate,
            rss
        );
    }
    let _ = writeln!(out);
    for pair in rows.chunks(2) {
        if let [on, off] = pair {
            let (on, off) = (on.median().as_secs_f64(), off.median().as_secs_f64());
            let _ = writeln!(
                out,
                "{:>9}: search indexing adds {:.2} s (median with it minus median without), {:.0} % of the rest of the build",
                pair[0].articles,
                on - off,
                if off > 0.0 { (on - off) / off * 100.0 } else { 0.0 }
            );
        }
    }
    let reports: Vec<&Row> = rows.iter().filter(|r| !r.report.is_empty()).collect();
    if !reports.is_empty() {
        let _ = writeln!(out);
        for row in reports {
            let search = if row.search { "on" } else { "off" };
            let _ = writeln!(out, "{:>9} (search {search}): {}", row.articles, row.report);
        }
    }
    out
}

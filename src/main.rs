//! The `dateline` command line: parses arguments, calls the library, maps outcomes to exit codes
//! (0 success, 1 content errors, 2 usage or I/O failure).

#![allow(clippy::result_large_err)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use dateline::annotate::AnnotateRequest;
use dateline::model::AnnotationKind;
use dateline::pipeline::{self, BuildError, BuildOptions};
use dateline::write::Cleanup;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "dateline",
    version,
    about = "A static site generator for annotated news archives"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the archive in content/ into the output folder.
    Build {
        /// The site folder (with site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the archive (default: site.toml's output_dir).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Publish at this URL instead of site.toml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Include articles marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Replace an output folder that dateline did not create.
        #[arg(long)]
        force: bool,
        /// Worker threads (default: one per core).
        #[arg(long)]
        jobs: Option<usize>,
        /// Print nothing but errors: no progress, no warnings, no summary.
        #[arg(long, short)]
        quiet: bool,
        /// For browsing from disk (file://): links to folders end in index.html
        /// (site.toml's `[build] local_links = true` does the same for every build).
        #[arg(long)]
        local: bool,
        /// Ignore the build store (.dateline/cache.sqlite): read and render everything afresh,
        /// and start a new store.
        #[arg(long)]
        clean: bool,
    },
    /// Preview the archive locally: rebuilds on every edit and reloads the browser.
    #[cfg(feature = "serve")]
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on (default: site.toml's [serve] interface, 127.0.0.1).
        #[arg(long)]
        interface: Option<String>,
        /// Port (default: site.toml's [serve] port, 1111); the next free one is used if taken.
        #[arg(long)]
        port: Option<u16>,
        /// Open the archive in a browser.
        #[arg(long)]
        open: bool,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
    },
    /// Send the built archive to a target in site.toml's [[deploy.targets]] (S3, Google Cloud
    /// Storage, Azure or a folder), only what changed: assets first, then articles, then lists;
    /// deletions last.
    #[cfg(feature = "deploy")]
    Deploy {
        /// The target's name (default: the first target).
        target: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The built archive to send (default: site.toml's output_dir).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Print what would be put and deleted, and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Allow more deletions than [deploy] max_deletes.
        #[arg(long)]
        confirm: bool,
        /// Deploy to a target that holds files but was never deployed to by dateline.
        #[arg(long)]
        force: bool,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Check the site without writing anything: content, annotations, templates, links.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
    },
    /// Attach an archivist's note to the exact words of an article (written to its sidecar).
    Annotate {
        /// The article (.md or .txt).
        file: PathBuf,
        /// The exact words the note is about.
        #[arg(long)]
        quote: String,
        /// The note (Markdown).
        #[arg(long)]
        note: String,
        #[arg(long, value_enum, default_value_t = Kind::Context)]
        kind: Kind,
        #[arg(long)]
        author: Option<String>,
        /// The note's date (YYYY-MM-DD).
        #[arg(long)]
        date: Option<jiff::civil::Date>,
        /// Another article (path under content/) or a URL, for link notes.
        #[arg(long)]
        link: Option<String>,
        /// Words just before the quote, to say which occurrence is meant.
        #[arg(long)]
        prefix: Option<String>,
        /// Words just after the quote.
        #[arg(long)]
        suffix: Option<String>,
        /// Which occurrence (1, 2, …) when the words appear more than once.
        #[arg(long)]
        occurrence: Option<usize>,
    },
    /// Start a new article in content/.
    New {
        /// The headline.
        headline: String,
        /// Publication date (YYYY-MM-DD); today by default.
        #[arg(long)]
        date: Option<jiff::civil::Date>,
        /// Write wire copy (.txt) instead of Markdown.
        #[arg(long)]
        wire: bool,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new archive with a configuration and a first article.
    Init {
        /// Folder to create (default: the current folder).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Internal: removes a previous archive after a build swapped a new one in.
    #[command(name = "__remove-tree", hide = true)]
    RemoveTree { dir: PathBuf },
    /// Print what extraction finds in articles.
    Extract {
        /// Article files (.md or .txt).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Entity registry to use (default: data/entities.toml under the current folder, if any).
        #[arg(long)]
        registry: Option<PathBuf>,
        /// Also print, for each extracted value, the rule that found it.
        #[arg(long)]
        explain: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Context,
    Correction,
    FactCheck,
    Translation,
    Link,
}

impl From<Kind> for AnnotationKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Context => AnnotationKind::Context,
            Kind::Correction => AnnotationKind::Correction,
            Kind::FactCheck => AnnotationKind::FactCheck,
            Kind::Translation => AnnotationKind::Translation,
            Kind::Link => AnnotationKind::Link,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Toml,
    Text,
}

/// More worker threads than a few per core only add memory and contention: each thread has its
/// own stack and buffers, and thousands of them made a build crawl. Beyond four per core the
/// request is capped, with a warning so the figure the user gave is not silently ignored.
fn capped_jobs(requested: usize, quiet: bool) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let limit = cores * 4;
    if requested > limit {
        if !quiet {
            eprintln!(
                "warning: --jobs {requested} is more than four per core; using {limit} worker threads ({cores} cores)"
            );
        }
        return limit;
    }
    requested.max(1)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            force,
            jobs,
            quiet,
            local,
            clean,
        } => {
            if let Some(n) = jobs.map(|n| capped_jobs(n, quiet))
                && let Err(e) = rayon::ThreadPoolBuilder::new().num_threads(n).build_global()
            {
                eprintln!("error: cannot start {n} worker threads: {e}");
                return ExitCode::from(2);
            }
            // The previous archive is deleted by a detached helper process: on file systems that
            // are slow to remove thousands of folders, the build need not wait for it.
            let cleanup = std::env::current_exe().map(Cleanup::Detached).unwrap_or_default();
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                force,
                quiet,
                local_links: local,
                cleanup,
                clean,
            };
            match pipeline::build(&options) {
                Ok(report) => {
                    if !quiet {
                        eprint!("{}", report.warnings);
                        println!("{report}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e @ BuildError::Content(_)) => {
                    eprint!("{e}");
                    eprintln!("The previous output was left as it was.");
                    ExitCode::from(e.exit_code())
                }
                Err(e) => fail(e),
            }
        }
        Command::Extract {
            files,
            format,
            registry,
            explain,
        } => extract(&files, format, registry, explain),
        #[cfg(feature = "serve")]
        Command::Serve {
            root,
            interface,
            port,
            open,
            drafts,
        } => {
            let config = dateline::config::SiteConfig::load(&root).unwrap_or_default();
            let options = dateline::serve::ServeOptions {
                build: BuildOptions {
                    root,
                    drafts,
                    ..BuildOptions::default()
                },
                interface: interface.unwrap_or(config.serve.interface),
                port: port.unwrap_or(config.serve.port),
                open,
            };
            match dateline::serve::serve(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        #[cfg(feature = "deploy")]
        Command::Deploy {
            target,
            root,
            output,
            dry_run,
            confirm,
            force,
            quiet,
        } => {
            let options = dateline::deploy::DeployOptions {
                root,
                target,
                output,
                dry_run,
                confirm,
                force,
                quiet,
            };
            match dateline::deploy::deploy(&options) {
                Ok(report) => {
                    if !quiet || dry_run {
                        println!("{report}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(e.exit_code())
                }
            }
        }
        Command::RemoveTree { dir } => match dateline::write::remove_our_tree(&dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::from(2),
        },
        Command::Check { root, drafts } => {
            let options = BuildOptions {
                root,
                drafts,
                ..BuildOptions::default()
            };
            match dateline::check::check(&options) {
                Ok(report) => {
                    eprint!("{}", report.diagnostics);
                    let errors = report.diagnostics.error_count();
                    let verdict = if errors == 0 {
                        "no problems".to_string()
                    } else {
                        format!("{errors} problems")
                    };
                    println!(
                        "Checked {} articles, {} pages and {} annotations: {verdict}.",
                        report.articles, report.pages, report.annotations
                    );
                    if errors == 0 {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    }
                }
                Err(e) => fail(e),
            }
        }
        Command::Annotate {
            file,
            quote,
            note,
            kind,
            author,
            date,
            link,
            prefix,
            suffix,
            occurrence,
        } => {
            let kind = kind.into();
            let request = AnnotateRequest {
                file,
                quote,
                note,
                kind,
                author,
                date,
                link,
                prefix,
                suffix,
                occurrence,
            };
            match dateline::annotate::annotate(&request) {
                Ok(message) => {
                    println!("{message}");
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    eprint!("{d}");
                    ExitCode::from(1)
                }
            }
        }
        Command::New {
            headline,
            date,
            wire,
            root,
        } => match dateline::scaffold::new_article(&root, &headline, date, wire, jiff::Timestamp::now()) {
            Ok(path) => {
                println!("Created {}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Command::Init { dir } => match dateline::scaffold::init(&dir, jiff::Timestamp::now()) {
            Ok(()) => {
                println!(
                    "Created a new archive in {0}. Build it with `dateline build --root {0}`.",
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
    }
}

fn fail(e: BuildError) -> ExitCode {
    eprint!("{e}");
    if !e.to_string().ends_with('\n') {
        eprintln!();
    }
    ExitCode::from(e.exit_code())
}

fn extract(files: &[PathBuf], format: Format, registry: Option<PathBuf>, explain: bool) -> ExitCode {
    let reports = match pipeline::extract_files(files, registry.as_deref(), explain) {
        Ok((r, warnings)) => {
            eprint!("{warnings}");
            r
        }
        Err(e) => return fail(e),
    };
    let one = reports.len() == 1;
    let out = match format {
        Format::Json if one => serde_json::to_string_pretty(&reports[0]).map_err(|e| e.to_string()),
        Format::Json => serde_json::to_string_pretty(&reports).map_err(|e| e.to_string()),
        Format::Toml => reports
            .iter()
            .map(|r| toml::to_string_pretty(r).map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, _>>()
            .map(|v| v.join("\n# ----\n\n")),
        Format::Text => Ok(reports.iter().map(|r| r.to_text()).collect::<Vec<_>>().join("\n")),
    };
    match out {
        Ok(s) => {
            // A reader that stops early (`| head`) is not an error.
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            match writeln!(stdout, "{s}") {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("error: cannot write the extraction: {e}");
                    ExitCode::from(2)
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(e) => {
            eprintln!("error: cannot format the extraction: {e}");
            ExitCode::from(2)
        }
    }
}

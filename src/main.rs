//! The `dateline` command line: parses arguments, calls the library, maps outcomes to exit codes
//! (0 success, 1 content errors, 2 usage or I/O failure).

#![allow(clippy::result_large_err)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use dateline::pipeline::{self, BuildError, BuildOptions};

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
    },
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
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Toml,
    Text,
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
        } => {
            if let Some(n) = jobs
                && let Err(e) = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global()
            {
                eprintln!("error: cannot start {n} worker threads: {e}");
                return ExitCode::from(2);
            }
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                force,
            };
            match pipeline::build(&options) {
                Ok(report) => {
                    eprint!("{}", report.warnings);
                    println!("{report}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Command::Extract {
            files,
            format,
            registry,
        } => extract(&files, format, registry),
    }
}

fn fail(e: BuildError) -> ExitCode {
    eprint!("{e}");
    if !e.to_string().ends_with('\n') {
        eprintln!();
    }
    ExitCode::from(e.exit_code())
}

fn extract(files: &[PathBuf], format: Format, registry: Option<PathBuf>) -> ExitCode {
    let reports = match pipeline::extract_files(files, registry.as_deref()) {
        Ok(r) => r,
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
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot format the extraction: {e}");
            ExitCode::from(2)
        }
    }
}

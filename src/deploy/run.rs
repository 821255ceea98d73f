//! Running a deploy: opening the target, planning against its manifest and listing, sending
//! in phases with bounded concurrency and retries, checkpointing the manifest, deleting last.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use object_store::path::Path as ObjectPath;
use object_store::{Attribute, Attributes, ObjectStore, ObjectStoreExt, PutOptions, PutPayload};

use super::config::{Location, Service, TargetConfig};
use super::plan::{self, Body, LocalFile, MANIFEST, Manifest, Phase, Plan, Rules, Sent};
use crate::compress::Encoding;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::progress::Progress;

/// Uploads in flight at once: enough to hide a store's latency, few enough not to be throttled.
const CONCURRENCY: usize = 8;
/// Attempts per object, on top of the S3 client's own retries of throttling and server errors.
const ATTEMPTS: u32 = 3;
/// How often the manifest is rewritten while files arrive, so an interrupted deploy resumes.
const CHECKPOINT: Duration = Duration::from_secs(2);
/// Makes every upload after the first N fail, as if the connection had dropped: the tests'
/// way to interrupt a deploy at a known point.
pub const FAIL_AFTER_VAR: &str = "DATELINE_DEPLOY_FAIL_AFTER";

#[derive(Debug, Clone, Default)]
pub struct DeployOptions {
    pub root: PathBuf,
    /// The target's name; the first target when `None`.
    pub target: Option<String>,
    /// The built archive (default: site.toml's output_dir).
    pub output: Option<PathBuf>,
    pub dry_run: bool,
    /// Allow more than `max_deletes` deletions.
    pub confirm: bool,
    /// Deploy to a target that holds files but no manifest.
    pub force: bool,
    pub quiet: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum DeployError {
    #[error("{0}")]
    Config(Diagnostic),
    #[error("error: {0}")]
    Target(String),
    #[error(
        "error: {0} is not a complete dateline build (it has no {marker} file)\n  = help: run `dateline build` first; a failed build never replaces the last good one",
        marker = crate::write::MARKER
    )]
    NotBuilt(PathBuf),
    #[error(
        "error: target {0} holds files but no {MANIFEST}: dateline has not deployed there before, and would replace and delete what is there\n  = help: choose an empty prefix or folder, or pass --force to make it dateline's"
    )]
    Foreign(String),
    #[error(
        "error: the deploy to {target} would delete {count} objects, more than max_deletes ({max})\n  = help: look at the plan with --dry-run, then pass --confirm, or raise [deploy] max_deletes"
    )]
    TooManyDeletes { target: String, count: usize, max: usize },
    #[error("error: cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "error: cannot {action} `{object}` at {target}: {source}\n  = help: check the network, the credentials in the environment and the bucket; run the deploy again to resume"
    )]
    Store {
        action: &'static str,
        object: String,
        target: String,
        source: object_store::Error,
    },
    #[error(
        "error: the deploy to {0} was interrupted; what arrived is recorded in its manifest\n  = help: run the deploy again to send the rest"
    )]
    Interrupted(String),
    #[error(
        "error: the manifest {MANIFEST} at {target} is unreadable: {problem}\n  = help: pass --force to send every file again and rewrite it"
    )]
    Manifest { target: String, problem: String },
}

impl DeployError {
    /// 1 for what the site says (a bad target), 2 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            DeployError::Config(_) => 1,
            _ => 2,
        }
    }
}

/// What a deploy did, or (dry run) would do.
#[derive(Debug, Default)]
pub struct DeployReport {
    pub target: String,
    pub dry_run: bool,
    /// Paths sent, in order, with their phase.
    pub sent: Vec<(Phase, String)>,
    pub deleted: Vec<String>,
    pub unchanged: usize,
    pub bytes: u64,
    pub seconds: f64,
    /// More deletions than `max_deletes` (dry run only; a real run refuses).
    pub needs_confirm: Option<usize>,
}

impl std::fmt::Display for DeployReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.dry_run {
            writeln!(f, "Plan for {} (dry run, nothing changed):", self.target)?;
            for (phase, key) in &self.sent {
                writeln!(f, "  put     {key}  ({})", phase.name())?;
            }
            for key in &self.deleted {
                writeln!(f, "  delete  {key}")?;
            }
            let by = |p: Phase| self.sent.iter().filter(|(q, _)| *q == p).count();
            write!(
                f,
                "{} to put ({} assets, {} articles, {} lists), {} to delete, {} unchanged.",
                self.sent.len(),
                by(Phase::Assets),
                by(Phase::Articles),
                by(Phase::Lists),
                self.deleted.len(),
                self.unchanged
            )?;
            if let Some(max) = self.needs_confirm {
                write!(
                    f,
                    "\nMore than max_deletes ({max}) deletions: the deploy will need --confirm."
                )?;
            }
            Ok(())
        } else {
            write!(
                f,
                "Deployed to {}: {} put ({:.1} MB), {} deleted, {} unchanged in {:.1} s.",
                self.target,
                self.sent.len(),
                self.bytes as f64 / 1e6,
                self.deleted.len(),
                self.unchanged,
                self.seconds
            )
        }
    }
}

/// Deploys the built archive of the site at `options.root`.
pub fn deploy(options: &DeployOptions) -> Result<DeployReport, DeployError> {
    let started = Instant::now();
    let config = SiteConfig::load(&options.root).map_err(DeployError::Config)?;
    let target = config
        .deploy
        .target(options.target.as_deref())
        .map_err(DeployError::Target)?;
    let location = target.location().map_err(DeployError::Target)?;
    let label = format!("{} ({})", target.name, target.url.get_ref());
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join(&config.output_dir));
    if !output.join(crate::write::MARKER).is_file() {
        return Err(DeployError::NotBuilt(output));
    }
    // Held for the whole deploy: a build swapping in a new archive while files are hashed and
    // read would send a mix of two builds.
    let _lock = crate::write::lock_output(&output).map_err(|e| DeployError::Target(e.to_string()))?;
    let headers_stored = matches!(location, Location::Bucket { .. });
    let rules = Rules::new(&config.deploy, &config.permalink, headers_stored);
    let local = plan::scan(&output, &rules).map_err(|source| DeployError::Io {
        path: output.clone(),
        source,
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|source| DeployError::Io {
            path: output.clone(),
            source,
        })?;
    let target_ctx = Target {
        store: open(target, &location, options.dry_run).map_err(|source| DeployError::Store {
            action: "open",
            object: String::new(),
            target: label.clone(),
            source,
        })?,
        label,
        headers_stored,
    };
    let mut report = runtime.block_on(run(&target_ctx, local, options, config.deploy.max_deletes))?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

struct Target {
    store: Arc<dyn ObjectStore>,
    label: String,
    /// A bucket keeps headers with objects; a folder cannot.
    headers_stored: bool,
}

impl Target {
    fn error(&self, action: &'static str, object: &str, source: object_store::Error) -> DeployError {
        DeployError::Store {
            action,
            object: object.to_string(),
            target: self.label.clone(),
            source,
        }
    }
}

/// How the object store clients retry throttling and server errors, beneath this module's own
/// retries of each object.
fn retry_config() -> object_store::RetryConfig {
    object_store::RetryConfig {
        backoff: object_store::BackoffConfig {
            init_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
            base: 2.0,
        },
        max_retries: 5,
        retry_timeout: Duration::from_secs(60),
    }
}

/// The object store of a target. Credentials come from each service's usual environment
/// variables and files, never from `site.toml`: for S3 `AWS_ACCESS_KEY_ID` and the rest of
/// the AWS chain; for Google Cloud Storage `GOOGLE_SERVICE_ACCOUNT` (a key file),
/// `GOOGLE_APPLICATION_CREDENTIALS` or gcloud's application default credentials; for Azure
/// `AZURE_STORAGE_ACCOUNT_NAME` with `AZURE_STORAGE_ACCOUNT_KEY`, a SAS or a service
/// principal (`AZURE_CLIENT_ID`…), or the emulator (`AZURE_STORAGE_USE_EMULATOR`). A folder
/// is created when first deployed to (not on a dry run).
fn open(target: &TargetConfig, location: &Location, dry_run: bool) -> object_store::Result<Arc<dyn ObjectStore>> {
    let endpoint = target.endpoint.as_deref();
    let plain_http = endpoint.is_some_and(|e| e.starts_with("http://"));
    let (store, prefix): (Arc<dyn ObjectStore>, &str) = match location {
        Location::Bucket {
            service: Service::S3,
            bucket,
            prefix,
        } => {
            let mut builder = object_store::aws::AmazonS3Builder::from_env()
                .with_bucket_name(bucket)
                .with_retry(retry_config());
            if let Some(region) = &target.region {
                builder = builder.with_region(region);
            }
            if let Some(endpoint) = endpoint {
                builder = builder.with_endpoint(endpoint).with_allow_http(plain_http);
            }
            (Arc::new(builder.build()?), prefix)
        }
        Location::Bucket {
            service: Service::Gcs,
            bucket,
            prefix,
        } => {
            let mut builder = object_store::gcp::GoogleCloudStorageBuilder::from_env()
                .with_bucket_name(bucket)
                .with_retry(retry_config());
            if let Some(endpoint) = endpoint {
                builder = builder.with_base_url(endpoint);
            }
            (Arc::new(builder.build()?), prefix)
        }
        Location::Bucket {
            service: Service::Azure,
            bucket,
            prefix,
        } => {
            let mut builder = object_store::azure::MicrosoftAzureBuilder::from_env()
                .with_container_name(bucket)
                .with_retry(retry_config());
            if let Some(endpoint) = endpoint {
                builder = builder.with_endpoint(endpoint.to_string()).with_allow_http(plain_http);
            }
            (Arc::new(builder.build()?), prefix)
        }
        Location::Folder(dir) => {
            if !dir.exists() {
                if dry_run {
                    // Nothing to list and nothing to create: an empty in-memory store plans it.
                    return Ok(Arc::new(object_store::memory::InMemory::new()));
                }
                std::fs::create_dir_all(dir).map_err(|e| object_store::Error::Generic {
                    store: "folder",
                    source: Box::new(e),
                })?;
            }
            return Ok(Arc::new(object_store::local::LocalFileSystem::new_with_prefix(dir)?));
        }
    };
    Ok(if prefix.is_empty() {
        store
    } else {
        Arc::new(object_store::prefix::PrefixStore::new(store, prefix))
    })
}

async fn run(
    target: &Target,
    local: Vec<LocalFile>,
    options: &DeployOptions,
    max_deletes: usize,
) -> Result<DeployReport, DeployError> {
    let mut listing = HashMap::new();
    let mut stream = target.store.list(None);
    while let Some(meta) = stream.next().await {
        let meta = meta.map_err(|e| target.error("list", "", e))?;
        listing.insert(meta.location.to_string(), meta.size);
    }
    drop(stream);
    let manifest = read_manifest(target, options.force).await?;
    let foreign = listing.keys().any(|k| k != MANIFEST);
    let manifest = match manifest {
        Some(m) => m,
        None if foreign && !options.force => return Err(DeployError::Foreign(target.label.clone())),
        None => Manifest::default(),
    };
    let Plan {
        uploads,
        deletes,
        unchanged,
    } = plan::plan(local, &manifest, &listing);
    let mut report = DeployReport {
        target: target.label.clone(),
        dry_run: options.dry_run,
        unchanged,
        ..DeployReport::default()
    };
    if options.dry_run {
        report.sent = uploads.into_iter().map(|f| (f.phase, f.key)).collect();
        report.needs_confirm = (deletes.len() > max_deletes && !options.confirm).then_some(max_deletes);
        report.deleted = deletes;
        return Ok(report);
    }
    if deletes.len() > max_deletes && !options.confirm {
        return Err(DeployError::TooManyDeletes {
            target: target.label.clone(),
            count: deletes.len(),
            max: max_deletes,
        });
    }
    // What the target holds for sure: entries whose objects the listing no longer has are
    // dropped, so a manifest rewritten mid-way never claims them.
    let mut state = manifest;
    state.format = 1;
    state.files.retain(|k, sent| listing.get(k) == Some(&sent.size));
    let progress = Progress::on_stderr(options.quiet, Progress::delay_from_env());
    progress.counted("Deploying", uploads.len() + deletes.len(), "files");
    let fail_after = std::env::var(FAIL_AFTER_VAR).ok().and_then(|v| v.parse::<usize>().ok());
    let succeeded = Arc::new(AtomicUsize::new(0));
    // Ctrl-C stops sending but lets the uploads in flight land and records them, so the next
    // run resends nothing; a second Ctrl-C quits at once.
    let interrupted = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let interrupted = Arc::clone(&interrupted);
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                interrupted.store(true, Ordering::SeqCst);
                if tokio::signal::ctrl_c().await.is_ok() {
                    std::process::exit(130);
                }
            }
        })
    };
    let mut last_checkpoint = Instant::now();
    let mut failure = None;
    let mut phases: Vec<Vec<LocalFile>> = Vec::new();
    for file in uploads {
        match phases.last_mut() {
            Some(group) if group[0].phase == file.phase => group.push(file),
            _ => phases.push(vec![file]),
        }
    }
    'phases: for group in phases {
        let mut tasks = tokio::task::JoinSet::new();
        let mut queue = group.into_iter();
        loop {
            if failure.is_none() && interrupted.load(Ordering::SeqCst) {
                failure = Some(DeployError::Interrupted(target.label.clone()));
            }
            while failure.is_none() && tasks.len() < CONCURRENCY {
                let Some(file) = queue.next() else { break };
                let store = Arc::clone(&target.store);
                let succeeded = Arc::clone(&succeeded);
                tasks.spawn(async move {
                    let result = send(store.as_ref(), &file, fail_after, &succeeded).await;
                    (file, result)
                });
            }
            let Some(joined) = tasks.join_next().await else { break };
            let Ok((file, result)) = joined else { continue };
            match result {
                Ok(size) => {
                    progress.inc();
                    report.bytes += size;
                    state.files.insert(file.key.clone(), Sent { hash: file.hash, size });
                    report.sent.push((file.phase, file.key));
                    if last_checkpoint.elapsed() >= CHECKPOINT {
                        write_manifest(target, &state).await?;
                        last_checkpoint = Instant::now();
                    }
                }
                Err(e) => {
                    if failure.is_none() {
                        failure = Some(target.error("upload", &file.key, e));
                    }
                }
            }
        }
        // Each phase ends on the target before the next begins, and is recorded as done.
        write_manifest(target, &state).await?;
        last_checkpoint = Instant::now();
        if failure.is_some() {
            break 'phases;
        }
    }
    if let Some(e) = failure {
        watcher.abort();
        return Err(e);
    }
    for key in &deletes {
        if interrupted.load(Ordering::SeqCst) {
            write_manifest(target, &state).await?;
            return Err(DeployError::Interrupted(target.label.clone()));
        }
        match target.store.delete(&object_path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
            Err(e) => {
                write_manifest(target, &state).await?;
                return Err(target.error("delete", key, e));
            }
        }
        state.files.remove(key);
        progress.inc();
    }
    if !deletes.is_empty() {
        write_manifest(target, &state).await?;
    }
    watcher.abort();
    progress.finish();
    report.deleted = deletes;
    Ok(report)
}

async fn read_manifest(target: &Target, force: bool) -> Result<Option<Manifest>, DeployError> {
    match target.store.get(&ObjectPath::from(MANIFEST)).await {
        Ok(got) => {
            let bytes = got.bytes().await.map_err(|e| target.error("read", MANIFEST, e))?;
            match serde_json::from_slice::<Manifest>(&bytes) {
                Ok(m) => Ok(Some(m)),
                Err(_) if force => Ok(None),
                Err(e) => Err(DeployError::Manifest {
                    target: target.label.clone(),
                    problem: e.to_string(),
                }),
            }
        }
        Err(object_store::Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(target.error("read", MANIFEST, e)),
    }
}

async fn write_manifest(target: &Target, manifest: &Manifest) -> Result<(), DeployError> {
    let mut json = serde_json::to_vec_pretty(manifest).unwrap_or_default();
    json.push(b'\n');
    let mut attributes = Attributes::new();
    if target.headers_stored {
        attributes.insert(Attribute::ContentType, "application/json".into());
        attributes.insert(Attribute::CacheControl, "no-store".into());
    }
    let options = PutOptions {
        attributes,
        ..PutOptions::default()
    };
    target
        .store
        .put_opts(&ObjectPath::from(MANIFEST), PutPayload::from(json), options)
        .await
        .map(|_| ())
        .map_err(|e| target.error("write", MANIFEST, e))
}

/// Sends one file, retrying with exponential backoff; returns the size stored.
async fn send(
    store: &dyn ObjectStore,
    file: &LocalFile,
    fail_after: Option<usize>,
    succeeded: &AtomicUsize,
) -> object_store::Result<u64> {
    let read = |p: &PathBuf| {
        std::fs::read(p).map_err(|e| object_store::Error::Generic {
            store: "output",
            source: Box::new(e),
        })
    };
    let bytes = match &file.body {
        Body::File(p) | Body::Twin(p) => read(p)?,
        Body::Gzip(p) => Encoding::Gzip.compress(&read(p)?),
    };
    let size = bytes.len() as u64;
    let payload = PutPayload::from(bytes);
    let mut attributes = Attributes::new();
    if file.headers.stored {
        attributes.insert(Attribute::ContentType, file.headers.content_type.clone().into());
        attributes.insert(Attribute::CacheControl, file.headers.cache_control.clone().into());
        if let Some(encoding) = file.headers.content_encoding {
            attributes.insert(Attribute::ContentEncoding, encoding.into());
        }
    }
    let path = object_path(&file.key);
    with_retries(|| {
        let options = PutOptions {
            attributes: attributes.clone(),
            ..PutOptions::default()
        };
        let (path, payload) = (&path, payload.clone());
        async move {
            if fail_after.is_some_and(|n| succeeded.load(Ordering::SeqCst) >= n) {
                return Err(object_store::Error::Generic {
                    store: "deploy",
                    source: format!("connection dropped ({FAIL_AFTER_VAR})").into(),
                });
            }
            store.put_opts(path, payload, options).await
        }
    })
    .await?;
    succeeded.fetch_add(1, Ordering::SeqCst);
    Ok(size)
}

/// Runs `attempt` until it succeeds, up to [`ATTEMPTS`] times, waiting 200 ms, then 400 ms, …
/// between tries; an error no retry can mend is returned at once.
async fn with_retries<T, F, Fut>(mut attempt: F) -> object_store::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = object_store::Result<T>>,
{
    let mut tries = 0;
    loop {
        match attempt().await {
            Ok(v) => return Ok(v),
            Err(e) if tries + 1 < ATTEMPTS && retryable(&e) => {
                tokio::time::sleep(Duration::from_millis(200 << tries)).await;
                tries += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// The path of an object named as the listing names it (already escaped).
fn object_path(key: &str) -> ObjectPath {
    ObjectPath::parse(key).unwrap_or_else(|_| ObjectPath::from(key))
}

/// Errors a second try cannot mend are reported at once.
fn retryable(e: &object_store::Error) -> bool {
    !matches!(
        e,
        object_store::Error::NotImplemented { .. }
            | object_store::Error::PermissionDenied { .. }
            | object_store::Error::Unauthenticated { .. }
            | object_store::Error::InvalidPath { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flaky(
        failures: usize,
        error: fn() -> object_store::Error,
    ) -> (
        Arc<AtomicUsize>,
        impl FnMut() -> std::future::Ready<object_store::Result<usize>>,
    ) {
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&calls);
        let attempt = move || {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            std::future::ready(if n < failures { Err(error()) } else { Ok(n) })
        };
        (calls, attempt)
    }

    fn dropped() -> object_store::Error {
        object_store::Error::Generic {
            store: "test",
            source: "connection reset".into(),
        }
    }

    fn refused() -> object_store::Error {
        object_store::Error::PermissionDenied {
            path: "x".into(),
            source: "access denied".into(),
        }
    }

    #[test]
    fn transient_failures_are_retried_with_backoff_and_lasting_ones_are_not() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        runtime.block_on(async {
            let started = Instant::now();
            let (calls, attempt) = flaky(2, dropped);
            assert_eq!(with_retries(attempt).await.unwrap(), 2);
            assert_eq!(calls.load(Ordering::SeqCst), 3);
            assert!(
                started.elapsed() >= Duration::from_millis(600),
                "no backoff between tries"
            );

            let (calls, attempt) = flaky(usize::MAX, dropped);
            assert!(with_retries(attempt).await.is_err());
            assert_eq!(calls.load(Ordering::SeqCst), ATTEMPTS as usize);

            let (calls, attempt) = flaky(usize::MAX, refused);
            assert!(with_retries(attempt).await.is_err());
            assert_eq!(calls.load(Ordering::SeqCst), 1);
        });
    }
}

//! Progress of a build on standard error: the stage, how many of its articles or pages are
//! done out of how many, and the rate.
//!
//! Only the pipeline drives it, between and around the stages, which stay unaware of it. It
//! shows only on a terminal, only once the build has taken [`DELAY`] (a small archive finishes
//! before it would be read), and never with `--quiet`; on a pipe or in a log it prints nothing,
//! so redirected output carries no cursor codes.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a build runs before its progress appears.
pub const DELAY: Duration = Duration::from_secs(2);

/// Overrides [`DELAY`] in milliseconds, so tests can see progress on a small archive.
pub const DELAY_VAR: &str = "DATELINE_PROGRESS_DELAY_MS";

/// A build's progress display; hidden ones cost next to nothing.
pub struct Progress {
    bar: ProgressBar,
    /// Set once the build is over, so a display that was about to appear stays hidden.
    done: Arc<Mutex<bool>>,
}

impl Progress {
    /// A display that never draws (for `--quiet`, `check` and the preview server).
    pub fn hidden() -> Progress {
        Progress {
            bar: ProgressBar::hidden(),
            done: Arc::new(Mutex::new(true)),
        }
    }

    /// Progress on standard error, if it is a terminal and the user did not ask for quiet; it
    /// appears after `delay`.
    pub fn on_stderr(quiet: bool, delay: Duration) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let progress = Progress {
            bar: ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
            done: Arc::new(Mutex::new(false)),
        };
        let bar = progress.bar.clone();
        let done = Arc::clone(&progress.done);
        std::thread::spawn(move || {
            std::thread::sleep(delay);
            // Holding the lock while revealing: `finish` cannot clear the bar halfway.
            let done = done.lock().unwrap_or_else(|e| e.into_inner());
            if !*done {
                bar.set_draw_target(ProgressDrawTarget::stderr());
                bar.enable_steady_tick(Duration::from_millis(120));
            }
        });
        progress
    }

    /// The delay from [`DELAY_VAR`], else [`DELAY`].
    pub fn delay_from_env() -> Duration {
        std::env::var(DELAY_VAR)
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(DELAY, Duration::from_millis)
    }

    /// A stage whose size is not known in advance ("Reading content").
    pub fn stage(&self, name: &'static str) {
        self.bar.reset();
        self.bar.set_length(0);
        self.bar.set_style(
            ProgressStyle::with_template("{spinner} {prefix:>10} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        self.bar.set_prefix(name);
    }

    /// A stage of `total` things, counted in `unit` ("articles", "pages").
    pub fn counted(&self, name: &'static str, total: usize, unit: &'static str) {
        self.bar.reset();
        self.bar.set_length(total as u64);
        let template = format!(
            "{{spinner}} {{prefix:>10}} [{{wide_bar}}] {{human_pos}}/{{human_len}} {unit}, {{per_sec:0}} {{eta}} left"
        );
        self.bar.set_style(
            ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        self.bar.set_prefix(name);
    }

    /// One more of the current stage's things is done.
    pub fn inc(&self) {
        self.bar.inc(1);
    }

    /// Clears the display: the build's closing line replaces it.
    pub fn finish(&self) {
        *self.done.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        // A failed build must not leave a half-drawn bar above its error messages.
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_is_hidden_even_on_a_terminal() {
        assert!(Progress::on_stderr(true, Duration::ZERO).bar.is_hidden());
        assert!(Progress::hidden().bar.is_hidden());
    }

    #[test]
    fn a_hidden_display_takes_every_call() {
        let p = Progress::hidden();
        p.stage("Reading");
        p.counted("Extracting", 3, "articles");
        for _ in 0..3 {
            p.inc();
        }
        assert_eq!(p.bar.position(), 3);
        p.finish();
    }
}

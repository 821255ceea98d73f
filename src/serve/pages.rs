//! Pages rendered when they are asked for. One thread owns the previewed site and a renderer
//! over it; each request becomes a task on the render threads that borrows that renderer, so
//! requests render side by side, and a change to the site waits only for the renders under way.
//! Every change starts a new generation: its routes (which job makes which path) are published
//! before the change is reported done, and a render answers with the generation it came from,
//! so a page of an older site is never taken for one of the new.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::mpsc;

use crate::pipeline::Site;
use crate::render::{Renderer, Routes};

use super::preview::Preview;

/// One generation of the site, as requests see it.
pub struct Snapshot {
    pub generation: u64,
    pub routes: Routes,
}

/// What a task sees: the site, its renderer and its routes.
pub struct View<'a> {
    pub site: &'a Site,
    pub renderer: &'a Renderer<'a>,
    pub snapshot: &'a Snapshot,
}

type Read = Box<dyn for<'a> FnOnce(&View<'a>) + Send>;
type Write = Box<dyn FnOnce(&mut Preview) + Send>;

enum Message {
    Read(Read),
    /// A change, and whom to tell once its routes are published.
    Write(Write, mpsc::Sender<()>),
}

/// The handle requests and the file watcher use to reach the site.
#[derive(Clone)]
pub struct Pages {
    inbox: mpsc::Sender<Message>,
}

impl Pages {
    /// Starts the thread that owns `preview`. `publish` is given each generation's routes
    /// before any request can be answered from it; returns once the first is published.
    pub fn start(preview: Preview, publish: impl Fn(Arc<Snapshot>) + Send + 'static) -> Pages {
        let (inbox, messages) = mpsc::channel();
        let (ready, started) = mpsc::channel();
        std::thread::spawn(move || run(preview, &messages, &publish, ready));
        let _ = started.recv();
        Pages { inbox }
    }

    /// Runs `task` on a render thread over the current site; `None` when it could not finish
    /// (the task panicked, or the server is stopping).
    pub async fn read<T: Send + 'static>(
        &self,
        task: impl for<'a> FnOnce(&View<'a>) -> T + Send + 'static,
    ) -> Option<T> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let message = Message::Read(Box::new(move |view: &View<'_>| {
            let _ = answer.send(task(view));
        }));
        self.inbox.send(message).ok()?;
        answered.await.ok()
    }

    /// [`Pages::read`], for a thread outside the server's runtime.
    pub fn read_blocking<T: Send + 'static>(
        &self,
        task: impl for<'a> FnOnce(&View<'a>) -> T + Send + 'static,
    ) -> Option<T> {
        let (answer, answered) = mpsc::channel();
        let message = Message::Read(Box::new(move |view: &View<'_>| {
            let _ = answer.send(task(view));
        }));
        self.inbox.send(message).ok()?;
        answered.recv().ok()
    }

    /// Changes the site once the renders under way are done; returns when requests see the
    /// change.
    pub fn write<T: Send + 'static>(&self, change: impl FnOnce(&mut Preview) -> T + Send + 'static) -> Option<T> {
        let (answer, answered) = mpsc::channel();
        let (done, published) = mpsc::channel();
        let message = Message::Write(
            Box::new(move |preview: &mut Preview| {
                let _ = answer.send(change(preview));
            }),
            done,
        );
        self.inbox.send(message).ok()?;
        published.recv().ok()?;
        answered.recv().ok()
    }
}

/// The site's own thread: for each generation, a renderer and routes over the site, then tasks
/// until a change comes.
fn run(
    mut preview: Preview,
    messages: &mpsc::Receiver<Message>,
    publish: &dyn Fn(Arc<Snapshot>),
    ready: mpsc::Sender<()>,
) {
    let mut generation = 0;
    let mut waiting = Some(ready);
    loop {
        generation += 1;
        let change = {
            let Preview { site, templates, .. } = &mut preview;
            let renderer = Renderer::new(&site.archive, &site.config, templates);
            let snapshot = Arc::new(Snapshot {
                generation,
                routes: Routes::of(&renderer, &site.theme),
            });
            publish(Arc::clone(&snapshot));
            if let Some(w) = waiting.take() {
                let _ = w.send(());
            }
            let view = View {
                site,
                renderer: &renderer,
                snapshot: &snapshot,
            };
            let view = &view;
            rayon::in_place_scope(|scope| {
                loop {
                    match messages.recv() {
                        Ok(Message::Read(task)) => scope.spawn(move |_| {
                            // A page that fails this way answers with an error; the server
                            // goes on serving the others.
                            let _ = std::panic::catch_unwind(AssertUnwindSafe(|| task(view)));
                        }),
                        Ok(Message::Write(change, done)) => return Some((change, done)),
                        Err(_) => return None,
                    }
                }
            })
        };
        let Some((change, done)) = change else {
            return;
        };
        if std::panic::catch_unwind(AssertUnwindSafe(|| change(&mut preview))).is_err() {
            eprintln!("error: the rebuild stopped unexpectedly; still serving the last good build");
        }
        waiting = Some(done);
    }
}

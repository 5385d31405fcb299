//! What a wizard does once its review is confirmed, one step at a time and each as an effect:
//! create the missing folder, save a parent web.config's fix, save the configuration change,
//! start what was asked to start. Each answer starts the next step; the first step that fails
//! stops the rest and the review says why and what was already done. Nothing runs before the
//! review is confirmed.

use std::collections::VecDeque;
use std::path::PathBuf;

use crate::host::runtime::Control;
use crate::model::store::StoreOptions;
use crate::tui::app::{App, Level};
use crate::tui::host_job::{HostAnswer, HostJob};
use crate::tui::msg::{DialogResult, Effect};
use crate::tui::op::ModelOp;

use super::DialogId;

/// One step after the review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    CreateFolder(PathBuf),
    WrapWebConfig {
        path: PathBuf,
        expected: String,
        options: StoreOptions,
    },
    Apply {
        conn: usize,
        op: ModelOp,
    },
    Start {
        machine: bool,
        control: Control,
    },
}

/// Where the steps stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// The next step is running.
    Running(Vec<Effect>),
    /// Every step is done (the line for the status, and its level).
    Done(String, Level),
    /// A step failed; the steps after it did not run.
    Failed(String),
}

/// The steps of one confirmed review.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Commit {
    pending: VecDeque<Job>,
    running: Option<Job>,
    /// What was done so far, for the status line and for a failure's message.
    done: Vec<String>,
    /// A started site or pool that did not start (the change is saved all the same).
    start_failed: Option<String>,
}

impl Commit {
    pub fn new(jobs: Vec<Job>) -> Commit {
        Commit {
            pending: jobs.into(),
            ..Commit::default()
        }
    }

    /// Starts the next step.
    pub fn next(&mut self, app: &mut App, dialog: DialogId) -> Progress {
        let Some(job) = self.pending.pop_front() else {
            self.running = None;
            return self.finished(app);
        };
        app.busy += 1;
        let effect = match &job {
            Job::CreateFolder(path) => Effect::Host {
                dialog,
                job: HostJob::CreateFolder(path.clone()),
            },
            Job::WrapWebConfig {
                path,
                expected,
                options,
            } => Effect::Host {
                dialog,
                job: HostJob::WrapWebConfig {
                    path: path.clone(),
                    expected: expected.clone(),
                    options: options.clone(),
                },
            },
            Job::Apply { conn, op } => Effect::Apply {
                conn: *conn,
                op: op.clone(),
                dialog: Some(dialog),
            },
            Job::Start { machine, control } => Effect::Host {
                dialog,
                job: HostJob::Control {
                    machine: *machine,
                    control: control.clone(),
                },
            },
        };
        self.running = Some(job);
        Progress::Running(vec![effect])
    }

    /// Whether a step is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// A result arrived: the next step, the end, or the failure. `None` when it answers no
    /// step of this commit.
    pub fn answer(
        &mut self,
        result: &DialogResult,
        app: &mut App,
        dialog: DialogId,
    ) -> Option<Progress> {
        let job = self.running.as_ref()?;
        let outcome: Result<String, String> = match (job, result) {
            // The save's own message (summary, backup) is already in the status line.
            (Job::Apply { .. }, DialogResult::Saved(saved)) => saved.clone(),
            (Job::CreateFolder(_), DialogResult::Host(HostAnswer::FolderCreated(made))) => {
                app.busy = app.busy.saturating_sub(1);
                made.as_ref()
                    .map(|path| format!("created folder {}", path.display()))
                    .map_err(|why| format!("the folder was not created: {why}"))
            }
            (
                Job::WrapWebConfig { path, .. },
                DialogResult::Host(HostAnswer::WebConfigWrapped(wrapped)),
            ) => {
                app.busy = app.busy.saturating_sub(1);
                wrapped
                    .as_ref()
                    .map(|backup| format!("wrapped {} (backup {backup})", path.display()))
                    .map_err(|why| format!("the web.config was not changed: {why}"))
            }
            (Job::Start { control, .. }, DialogResult::Host(HostAnswer::Controlled(started))) => {
                app.busy = app.busy.saturating_sub(1);
                match started {
                    Ok(report) => Ok(report.clone()),
                    Err(why) => {
                        // The configuration is saved: say why it did not start, and go on.
                        self.start_failed = Some(format!("{control} did not happen: {why}"));
                        return Some(self.next(app, dialog));
                    }
                }
            }
            _ => return None,
        };
        match outcome {
            Ok(line) => {
                if !matches!(job, Job::Apply { .. }) {
                    self.done.push(line);
                }
                Some(self.next(app, dialog))
            }
            Err(why) => {
                self.running = None;
                self.pending.clear();
                let mut text = why;
                if !self.done.is_empty() {
                    text.push_str(&format!(" (already done: {})", self.done.join("; ")));
                }
                Some(Progress::Failed(text))
            }
        }
    }

    fn finished(&mut self, app: &mut App) -> Progress {
        let mut text = app
            .status
            .as_ref()
            .filter(|s| s.level == Level::Success)
            .map(|s| s.text.clone())
            .unwrap_or_default();
        for line in &self.done {
            if !text.is_empty() {
                text.push_str(" · ");
            }
            text.push_str(line);
        }
        match &self.start_failed {
            Some(why) => Progress::Done(format!("{text} · {why}"), Level::Warning),
            None => Progress::Done(text, Level::Success),
        }
    }
}

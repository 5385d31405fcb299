//! A wizard's last page: the review (what happens, the file's diff, the equivalent commands,
//! Cancel first) and, once confirmed, the steps that carry it out ([`Commit`]): the folder to
//! create, the web.config fix, the save, the start. Esc goes back a step; the page closes the
//! wizard when every step is done and stays, saying why, when one fails.

use ratatui::crossterm::event::KeyEvent;

use crate::tui::msg::{DialogResult, Effect};

use super::commit::{Commit, Job, Progress};
use super::review::{Review, ReviewEvent, SaveState};
use super::{Cx, Outcome};

/// The review and what confirming it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewPage {
    pub review: Box<Review>,
    /// The steps, the configuration change among them, in order.
    pub jobs: Vec<Job>,
    pub commit: Option<Commit>,
}

/// What a key or a result did to the page.
#[derive(Debug, PartialEq, Eq)]
pub enum PageEvent {
    Stay,
    /// Esc or Cancel: back to the form.
    Back,
    /// A step is running.
    Run(Vec<Effect>),
    /// Every step is done: close the wizard.
    Close,
}

impl PageEvent {
    fn into_outcome(self) -> Outcome {
        match self {
            PageEvent::Run(effects) => Outcome::Run(effects),
            PageEvent::Close => Outcome::Close,
            PageEvent::Stay | PageEvent::Back => Outcome::Stay,
        }
    }
}

impl ReviewPage {
    pub fn new(review: Review, jobs: Vec<Job>) -> ReviewPage {
        ReviewPage {
            review: Box::new(review),
            jobs,
            commit: None,
        }
    }

    pub fn key(&mut self, key: &KeyEvent, cx: &mut Cx) -> PageEvent {
        let page = self.review.page(cx.app);
        match self.review.handle(key, &cx.app.keymap, page) {
            ReviewEvent::None => PageEvent::Stay,
            ReviewEvent::Back => PageEvent::Back,
            ReviewEvent::Save => {
                self.review.state = SaveState::Saving;
                let mut commit = Commit::new(self.jobs.clone());
                let progress = commit.next(cx.app, cx.id);
                self.commit = Some(commit);
                self.settle(progress, cx)
            }
        }
    }

    /// A background result: the next step, the end, or the failure.
    pub fn result(&mut self, result: &DialogResult, cx: &mut Cx) -> PageEvent {
        let Some(commit) = self.commit.as_mut() else {
            return PageEvent::Stay;
        };
        match commit.answer(result, cx.app, cx.id) {
            Some(progress) => self.settle(progress, cx),
            None => PageEvent::Stay,
        }
    }

    /// A key, as the holding dialog's outcome; `None` when Esc or Cancel goes back a step.
    pub fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Option<Outcome> {
        match self.key(key, cx) {
            PageEvent::Back => None,
            event => Some(event.into_outcome()),
        }
    }

    /// A background result, as the holding dialog's outcome.
    pub fn on_result(&mut self, result: &DialogResult, cx: &mut Cx) -> Outcome {
        self.result(result, cx).into_outcome()
    }

    fn settle(&mut self, progress: Progress, cx: &mut Cx) -> PageEvent {
        match progress {
            Progress::Running(effects) => PageEvent::Run(effects),
            Progress::Done(text, level) => {
                if !text.is_empty() {
                    cx.app.set_status(level, text);
                }
                PageEvent::Close
            }
            Progress::Failed(why) => {
                self.commit = None;
                self.review.state = SaveState::Failed(why);
                self.review.buttons.focus = 0;
                PageEvent::Stay
            }
        }
    }
}

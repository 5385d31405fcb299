//! Saves are jobs: while one waits (here for another iistui's lock, as a save to a slow share
//! would), the UI keeps answering keys, the review says "saving…", nothing is written yet, and
//! the result lands when the job finishes.

mod common;

use std::time::{Duration, Instant};

use common::tui::*;
use iistui::model::store::lock;
use iistui::tui::dialog::{Review, SaveState};
use iistui::tui::effect::Runner;
use iistui::tui::msg::Msg;
use iistui::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

#[test]
fn keys_are_answered_while_a_save_job_is_held_back() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let (_dir, path, mut app) = demo_app(Theme::default_theme());
        let before = std::fs::read(&path).expect("read");
        // Another iistui is saving: the lock is held.
        let held = lock::acquire(&path, Duration::from_secs(1), &mut |_| {}).expect("lock");
        send(&mut app, ch('2'));
        send(&mut app, ch('j'));
        send(&mut app, ch('d'));
        send(&mut app, key(KeyCode::Tab));
        let effects = send(&mut app, key(KeyCode::Enter));
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let runner = Runner::new(tx);
        for effect in effects {
            runner.run(&mut app, effect);
        }
        let review = app
            .dialogs
            .top_as::<Review>()
            .expect("the review stays open");
        assert_eq!(review.state, SaveState::Saving);
        // Keys are answered at once while the save waits.
        for _ in 0..20 {
            let started = Instant::now();
            send(&mut app, key(KeyCode::Down));
            send(&mut app, ch('?'));
            assert!(
                started.elapsed() < Duration::from_millis(50),
                "a key took {:?}",
                started.elapsed()
            );
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(rx.try_recv().is_err(), "the save is still waiting");
        assert_eq!(
            std::fs::read(&path).expect("read"),
            before,
            "nothing written yet"
        );
        drop(held);
        let saved = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("the save finishes once the lock is free")
            .expect("a message");
        assert!(matches!(saved, Msg::Saved { .. }), "{saved:?}");
        send(&mut app, saved);
        assert!(
            app.dialogs.top_as::<Review>().is_none(),
            "the review closed"
        );
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(!text.contains("<site name=\"contoso.com\""), "deleted");
        assert!(
            app.status
                .as_ref()
                .is_some_and(|s| s.text.contains("saved")),
            "{:?}",
            app.status
        );
    });
}

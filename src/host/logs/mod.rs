//! Logs on this machine: finding an application's ASP.NET Core stdout logs and its site's W3C
//! request logs from the configuration, following them like `tail -F` (notify where the
//! platform has it, a cheap poll otherwise; truncation, replacement, deletion and a newer file
//! handled), the bounded ring of lines a view holds with its filter, and the W3C parser and
//! summary. No rendering here: the CLI prints these, the TUI draws them.

pub mod discover;
pub mod files;
pub mod follow;
pub mod matcher;
pub mod ring;
pub mod tail;
pub mod w3c;
pub mod watch;

pub use discover::{AppLogs, StdoutLogs, W3cLogs, discover};
pub use files::{LogFile, LogKind};
pub use follow::Follower;
pub use matcher::{Matcher, Severity};
pub use ring::{DEFAULT_CAPACITY, LineKind, LogLine, Ring};
pub use tail::{Follow, Start, TailEvent, TailLine, Tailer};
pub use w3c::{W3cLine, W3cSummary};
pub use watch::{Wakeup, Watch};

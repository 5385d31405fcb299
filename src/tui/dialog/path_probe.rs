//! Whether the folder a physical path field names exists on this machine, asked in the
//! background (a path on a slow share must not freeze the keyboard) through the folder listing
//! Tab completion uses: the parent folder is listed and the last name looked for. One question
//! is in flight at a time; an answer about text since changed is dropped and asked again.

use crate::tui::msg::Effect;

use super::DialogId;

/// The `field` a probe's listing comes back with (Tab completions use the field's index).
pub const PROBE: usize = usize::MAX;

/// The probe of one path field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathProbe {
    /// The path asked about, while the answer is on its way.
    asked: Option<String>,
    /// The field changed while a question was in flight.
    again: bool,
}

/// The path without trailing separators; `None` for nothing worth asking about (empty, a root).
fn subject(text: &str) -> Option<String> {
    let trimmed = text.trim().trim_end_matches(['\\', '/']);
    let is_root = trimmed.is_empty() || (trimmed.len() == 2 && trimmed.ends_with(':'));
    (!is_root && trimmed.contains(['\\', '/'])).then(|| trimmed.to_owned())
}

/// The last name of a path (`shop` of `D:\sites\shop`).
fn last_name(path: &str) -> &str {
    path.rsplit(['\\', '/']).next().unwrap_or(path)
}

/// Folder names compare as the file system does: without case on Windows.
fn same_name(a: &str, b: &str) -> bool {
    if cfg!(windows) {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

impl PathProbe {
    /// Asks about `text` (the field's value), unless a question is already in flight.
    pub fn ask(&mut self, dialog: DialogId, text: &str) -> Vec<Effect> {
        let Some(path) = subject(text) else {
            return Vec::new();
        };
        if self.asked.is_some() {
            self.again = true;
            return Vec::new();
        }
        self.asked = Some(path.clone());
        vec![Effect::ListFolders {
            dialog,
            field: PROBE,
            path,
        }]
    }

    /// The parent folder's listing arrived. Returns the note for the field (`None`: the folder
    /// exists, or nothing to say) and the effects of asking again when the text changed.
    pub fn answer(
        &mut self,
        dialog: DialogId,
        text: &str,
        folders: Result<Vec<String>, String>,
    ) -> (Option<String>, Vec<Effect>) {
        let asked = self.asked.take();
        let current = subject(text);
        if std::mem::take(&mut self.again) || asked != current {
            return (None, self.ask(dialog, text));
        }
        let Some(path) = asked else {
            return (None, Vec::new());
        };
        let note = match folders {
            Ok(names) if names.iter().any(|n| same_name(n, last_name(&path))) => None,
            Ok(_) => Some(String::from("this folder does not exist on this machine")),
            // A share or a variable this machine cannot resolve says so itself.
            Err(why) if why.contains("not on this machine") => Some(why),
            Err(why) => Some(format!(
                "this folder does not exist on this machine ({why})"
            )),
        };
        (note, Vec::new())
    }

    /// The note while no answer is due: nothing to say about an empty field or a root.
    pub fn idle(text: &str) -> bool {
        subject(text).is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_question_at_a_time_and_stale_answers_ask_again() {
        let mut probe = PathProbe::default();
        assert_eq!(probe.ask(1, "C:\\").len(), 0, "a root is not asked about");
        assert_eq!(probe.ask(1, "C:\\sites\\shop\\").len(), 1);
        assert!(probe.ask(1, "C:\\sites\\sho").is_empty(), "one in flight");
        let (note, again) = probe.answer(1, "C:\\sites\\sho", Ok(vec![String::from("shop")]));
        assert_eq!(note, None);
        assert_eq!(
            again,
            vec![Effect::ListFolders {
                dialog: 1,
                field: PROBE,
                path: String::from("C:\\sites\\sho")
            }]
        );
        let (note, again) = probe.answer(1, "C:\\sites\\sho", Ok(vec![String::from("shop")]));
        assert!(note.is_some_and(|n| n.contains("does not exist")) && again.is_empty());
        probe.ask(1, "/srv/www");
        let (note, _) = probe.answer(1, "/srv/www", Ok(vec![String::from("www")]));
        assert_eq!(note, None);
        probe.ask(1, "/srv/gone/x");
        let (note, _) = probe.answer(1, "/srv/gone/x", Err(String::from("cannot read /srv/gone")));
        assert!(note.is_some_and(|n| n.contains("cannot read /srv/gone")));
    }
}

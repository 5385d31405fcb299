//! The data-driven keymap: default keys from the action registry, per layer, overridden by the
//! user's `keymap.toml` (`[keys]` for the main screen, `[form]`, `[confirm]`, `[help]`, … each a
//! table of `action-name = ["key", …]`). Keys are spelled like `q`, `G`, `?`, `ctrl-r`,
//! `shift-tab`/`backtab`, `enter`, `esc`, `pgdn`, `f5`, `space`.

use std::collections::HashMap;
use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Layer, registry};

/// A key with its modifiers, normalised (shift is folded into the character for letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// Normalises a terminal key event.
    pub fn from_event(event: &KeyEvent) -> Key {
        let code = match event.code {
            KeyCode::BackTab => KeyCode::BackTab,
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parses `ctrl-r`, `G`, `pgdn`, `shift-tab`, …
    pub fn parse(spec: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = spec;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower
                .strip_prefix("ctrl-")
                .or_else(|| lower.strip_prefix("c-"))
            {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower
                .strip_prefix("alt-")
                .or_else(|| lower.strip_prefix("m-"))
            {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("shift-") {
                shift = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if shift => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "space" => KeyCode::Char(' '),
            f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => {
                        let c = if shift { c.to_ascii_uppercase() } else { c };
                        KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
                    }
                    _ => return Err(format!("unknown key \"{spec}\"")),
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }

    /// How the key is written in help and hints.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => String::from("Enter"),
            KeyCode::Esc => String::from("Esc"),
            KeyCode::Tab => String::from("Tab"),
            KeyCode::BackTab => String::from("S-Tab"),
            KeyCode::Up => String::from("↑"),
            KeyCode::Down => String::from("↓"),
            KeyCode::Left => String::from("←"),
            KeyCode::Right => String::from("→"),
            KeyCode::PageUp => String::from("PgUp"),
            KeyCode::PageDown => String::from("PgDn"),
            KeyCode::Home => String::from("Home"),
            KeyCode::End => String::from("End"),
            KeyCode::Backspace => String::from("Bksp"),
            KeyCode::Delete => String::from("Del"),
            KeyCode::Insert => String::from("Ins"),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => String::from("Space"),
            KeyCode::Char(c) => c.to_string(),
            _ => String::from("?"),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("^{}", base.to_uppercase()),
            (_, true) => format!("M-{base}"),
            _ => base,
        }
    }
}

/// (layer, key) → action, plus the keys of each action in each layer (for help and hints).
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<(Layer, Key), Action>,
    keys: HashMap<(Layer, Action), Vec<Key>>,
}

/// `keymap.toml`: one table per layer (`[keys]` for the main screen, `[form]`, `[confirm]`, …),
/// each `action-name = ["key", …]`.
type KeymapFile = HashMap<String, HashMap<String, Vec<String>>>;

impl Keymap {
    /// The registry's default keys.
    pub fn defaults() -> Keymap {
        let mut map = Keymap {
            bindings: HashMap::new(),
            keys: HashMap::new(),
        };
        for info in registry() {
            for spec in info.keys {
                if let Ok(key) = Key::parse(spec) {
                    map.bind(info.layer, key, info.action);
                }
            }
        }
        map
    }

    fn bind(&mut self, layer: Layer, key: Key, action: Action) {
        if let Some(previous) = self.bindings.insert((layer, key), action) {
            if let Some(keys) = self.keys.get_mut(&(layer, previous)) {
                keys.retain(|k| *k != key);
            }
        }
        self.keys.entry((layer, action)).or_default().push(key);
    }

    /// Defaults with the overrides of a keymap.toml; an action listed there gets exactly the
    /// keys given. Errors name the file and what is wrong.
    pub fn with_overrides(text: &str, origin: &Path) -> Result<Keymap, String> {
        let file: KeymapFile =
            toml::from_str(text).map_err(|e| format!("{}: {e}", origin.display()))?;
        let mut map = Keymap::defaults();
        let mut tables: Vec<&String> = file.keys().collect();
        tables.sort();
        for table in tables {
            if !Layer::ALL.iter().any(|l| l.table() == table) {
                let known: Vec<&str> = Layer::ALL.iter().map(|l| l.table()).collect();
                return Err(format!(
                    "{}: unknown table [{table}] (tables: {})",
                    origin.display(),
                    dedup(known).join(", ")
                ));
            }
            let entries = &file[table];
            let mut names: Vec<&String> = entries.keys().collect();
            names.sort();
            for name in names {
                let info = Action::by_name(table, name).ok_or_else(|| {
                    format!(
                        "{}: unknown action \"{name}\" in [{table}]",
                        origin.display()
                    )
                })?;
                for key in map
                    .keys
                    .remove(&(info.layer, info.action))
                    .unwrap_or_default()
                {
                    map.bindings.remove(&(info.layer, key));
                }
                for spec in &entries[name] {
                    let key = Key::parse(spec)
                        .map_err(|e| format!("{}: {name}: {e}", origin.display()))?;
                    map.bind(info.layer, key, info.action);
                }
            }
        }
        Ok(map)
    }

    /// Loads `keymap.toml` from a config directory (defaults when absent).
    pub fn load(config_dir: &Path) -> Result<Keymap, String> {
        let path = config_dir.join("keymap.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => Keymap::with_overrides(&text, &path),
            Err(_) => Ok(Keymap::defaults()),
        }
    }

    /// The action of a key in one layer.
    pub fn action(&self, layer: Layer, key: &Key) -> Option<Action> {
        self.bindings.get(&(layer, *key)).copied()
    }

    /// The action of a key in the first of `layers` that binds it.
    pub fn resolve(&self, layers: &[Layer], key: &Key) -> Option<Action> {
        layers.iter().find_map(|layer| self.action(*layer, key))
    }

    /// The keys of an action in a layer, as labels (`q`, `^C`).
    pub fn labels(&self, layer: Layer, action: Action) -> Vec<String> {
        self.keys
            .get(&(layer, action))
            .map(|keys| keys.iter().map(Key::label).collect())
            .unwrap_or_default()
    }

    /// Whether every key of an action in `layer` is bound in a layer that comes before it
    /// among `layers` (a view's own `a` hides the main screen's `a`), so that pressing it never
    /// reaches this entry.
    pub fn shadowed(&self, layers: &[Layer], layer: Layer, action: Action) -> bool {
        self.keys.get(&(layer, action)).is_some_and(|keys| {
            keys.iter().all(|key| {
                layers
                    .iter()
                    .find(|l| self.bindings.contains_key(&(**l, *key)))
                    .is_some_and(|first| *first != layer)
            })
        })
    }

    /// The first key of an action in a layer, for hints.
    pub fn first_label(&self, layer: Layer, action: Action) -> Option<String> {
        self.keys
            .get(&(layer, action))
            .and_then(|k| k.first())
            .map(Key::label)
    }
}

fn dedup(mut names: Vec<&str>) -> Vec<&str> {
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_spellings() {
        assert_eq!(
            Key::parse("ctrl-r"),
            Ok(Key {
                code: KeyCode::Char('r'),
                ctrl: true,
                alt: false
            })
        );
        assert_eq!(Key::parse("G").map(|k| k.code), Ok(KeyCode::Char('G')));
        assert_eq!(
            Key::parse("shift-tab").map(|k| k.code),
            Ok(KeyCode::BackTab)
        );
        assert_eq!(Key::parse("pgdn").map(|k| k.code), Ok(KeyCode::PageDown));
        assert_eq!(Key::parse("f5").map(|k| k.code), Ok(KeyCode::F(5)));
        assert!(Key::parse("nope").is_err());
        assert_eq!(
            Key::parse("ctrl-c").map(|k| k.label()),
            Ok(String::from("^C"))
        );
    }

    #[test]
    fn defaults_and_overrides() {
        let map = Keymap::defaults();
        let k = |s: &str| Key::parse(s).expect("key");
        assert_eq!(map.action(Layer::Global, &k("q")), Some(Action::Quit));
        assert_eq!(map.action(Layer::Global, &k("ctrl-c")), Some(Action::Quit));
        assert_eq!(map.action(Layer::Navigation, &k("j")), Some(Action::Down));
        assert_eq!(map.action(Layer::Form, &k("tab")), Some(Action::NextField));
        assert_eq!(
            map.action(Layer::Confirm, &k("l")),
            Some(Action::NextButton)
        );
        let custom = Keymap::with_overrides(
            "[keys]\nquit = [\"x\"]\ndelete = [\"D\", \"delete\"]\n[form]\nnext-field = [\"ctrl-j\"]\n",
            Path::new("keymap.toml"),
        )
        .expect("ok");
        assert_eq!(custom.action(Layer::Global, &k("x")), Some(Action::Quit));
        assert_eq!(custom.action(Layer::Global, &k("q")), None);
        assert_eq!(custom.labels(Layer::List, Action::Delete), ["D", "Del"]);
        assert_eq!(
            custom.action(Layer::Form, &k("ctrl-j")),
            Some(Action::NextField)
        );
        assert_eq!(custom.action(Layer::Form, &k("tab")), None);
        let err =
            Keymap::with_overrides("[keys]\nfly = [\"f\"]\n", Path::new("k.toml")).unwrap_err();
        assert!(err.contains("unknown action \"fly\""), "{err}");
        let err =
            Keymap::with_overrides("[nope]\nquit = [\"f\"]\n", Path::new("k.toml")).unwrap_err();
        assert!(err.contains("unknown table [nope]"), "{err}");
    }

    #[test]
    fn terminal_events_normalise() {
        let shift_tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&shift_tab).code, KeyCode::BackTab);
        let ctrl_r = KeyEvent::new(KeyCode::Char('R'), KeyModifiers::CONTROL);
        assert_eq!(
            Key::from_event(&ctrl_r),
            Key {
                code: KeyCode::Char('r'),
                ctrl: true,
                alt: false
            }
        );
    }
}

//! Themes: the bundled `themes/*.toml` (compiled in) plus the user's own in the config directory's
//! `themes/`. The default theme uses only the 16 ANSI colours; `NO_COLOR` drops every colour and
//! marks the selection with reverse video (and a `>` marker, drawn by the lists).

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

const BUNDLED: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("monochrome", include_str!("../../themes/monochrome.toml")),
    ("nord", include_str!("../../themes/nord.toml")),
];

#[derive(Debug, Deserialize)]
struct ThemeFile {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    monochrome: bool,
    colors: BTreeMap<String, String>,
}

/// The resolved colours of a theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub description: String,
    /// No colours: reverse video for selections.
    pub no_color: bool,
    colors: BTreeMap<String, Color>,
}

impl Theme {
    fn from_file(text: &str, origin: &str) -> Result<Theme, String> {
        let file: ThemeFile = toml::from_str(text).map_err(|e| format!("{origin}: {e}"))?;
        let mut colors = BTreeMap::new();
        for (key, value) in &file.colors {
            let color = Color::from_str(value)
                .map_err(|_| format!("{origin}: colors.{key} = \"{value}\" is not a colour"))?;
            colors.insert(key.clone(), color);
        }
        Ok(Theme {
            name: file.name,
            description: file.description,
            no_color: file.monochrome,
            colors,
        })
    }

    /// The bundled default theme.
    pub fn default_theme() -> Theme {
        Theme::from_file(BUNDLED[0].1, "themes/default.toml").unwrap_or_else(|_| Theme {
            name: String::from("default"),
            description: String::new(),
            no_color: false,
            colors: BTreeMap::new(),
        })
    }

    /// Every theme by name: bundled ones, then the user's (which may replace a bundled one).
    pub fn all(user_dir: &Path) -> (Vec<Theme>, Vec<String>) {
        let mut themes: Vec<Theme> = BUNDLED
            .iter()
            .filter_map(|(name, text)| Theme::from_file(text, name).ok())
            .collect();
        let mut errors = Vec::new();
        if let Ok(entries) = std::fs::read_dir(user_dir) {
            let mut files: Vec<_> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            for file in files {
                match std::fs::read_to_string(&file)
                    .map_err(|e| format!("{}: {e}", file.display()))
                    .and_then(|t| Theme::from_file(&t, &file.display().to_string()))
                {
                    Ok(theme) => {
                        themes.retain(|t| t.name != theme.name);
                        themes.push(theme);
                    }
                    Err(err) => errors.push(err),
                }
            }
        }
        (themes, errors)
    }

    /// The named theme (bundled or the user's), or an error naming the ones that exist.
    pub fn load(name: &str, user_dir: &Path) -> Result<Theme, String> {
        let (themes, _) = Theme::all(user_dir);
        let names: Vec<String> = themes.iter().map(|t| t.name.clone()).collect();
        themes
            .into_iter()
            .find(|t| t.name == name)
            .ok_or_else(|| format!("no theme named \"{name}\" (themes: {})", names.join(", ")))
    }

    /// This theme without any colour (for `NO_COLOR`).
    pub fn without_color(mut self) -> Theme {
        self.no_color = true;
        self.colors.clear();
        self
    }

    fn color(&self, key: &str) -> Option<Color> {
        if self.no_color {
            return None;
        }
        self.colors.get(key).copied().filter(|c| *c != Color::Reset)
    }

    fn fg(&self, key: &str) -> Style {
        match self.color(key) {
            Some(c) => Style::new().fg(c),
            None => Style::new(),
        }
    }

    pub fn text(&self) -> Style {
        self.fg("text")
    }

    /// Inherited values, hints: dimmed (and with colours off, still dim).
    pub fn dim(&self) -> Style {
        self.fg("dim").add_modifier(Modifier::DIM)
    }

    pub fn accent(&self) -> Style {
        self.fg("accent")
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg("border_focus").add_modifier(Modifier::BOLD)
        } else {
            self.fg("border")
        }
    }

    pub fn title(&self, focused: bool) -> Style {
        let style = self.fg("title");
        if focused {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        }
    }

    pub fn header(&self) -> Style {
        self.fg("header").add_modifier(Modifier::BOLD)
    }

    /// The selected row; with colours off, reverse video.
    pub fn selection(&self, focused: bool) -> Style {
        let bg = if focused {
            self.color("selection_bg")
        } else {
            self.color("selection_unfocused_bg")
        };
        match (self.color("selection_fg"), bg) {
            (Some(fg), Some(bg)) if !self.no_color => {
                let style = Style::new().fg(fg).bg(bg);
                if focused {
                    style.add_modifier(Modifier::BOLD)
                } else {
                    style
                }
            }
            _ => {
                let style = Style::new().add_modifier(Modifier::REVERSED);
                if focused {
                    style.add_modifier(Modifier::BOLD)
                } else {
                    style
                }
            }
        }
    }

    pub fn matched(&self) -> Style {
        self.fg("match")
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn ok(&self) -> Style {
        self.fg("ok")
    }

    pub fn warning(&self) -> Style {
        self.fg("warning").add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg("error").add_modifier(Modifier::BOLD)
    }

    pub fn badge(&self) -> Style {
        match (self.color("badge_fg"), self.color("badge_bg")) {
            (Some(fg), Some(bg)) => Style::new().fg(fg).bg(bg).add_modifier(Modifier::BOLD),
            _ => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }

    pub fn key(&self) -> Style {
        self.fg("key").add_modifier(Modifier::BOLD)
    }

    /// A connection's own colour (e.g. red for production), by name or #rrggbb.
    pub fn named(&self, color: &str) -> Style {
        match Color::from_str(color) {
            Ok(c) if !self.no_color => Style::new().fg(c).add_modifier(Modifier::BOLD),
            _ => Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// Whether selections need a text marker (no colours to show them).
    pub fn needs_marker(&self) -> bool {
        self.no_color
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_themes_parse_and_default_uses_ansi_colours_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (themes, errors) = Theme::all(dir.path());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            themes.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["default", "light", "high-contrast", "monochrome", "nord"]
        );
        let default = &themes[0];
        assert!(
            default
                .colors
                .values()
                .all(|c| !matches!(c, Color::Rgb(..) | Color::Indexed(_)))
        );
        assert!(
            themes
                .iter()
                .find(|t| t.name == "nord")
                .is_some_and(|t| t.colors.values().any(|c| matches!(c, Color::Rgb(..))))
        );
    }

    #[test]
    fn user_themes_add_and_bad_ones_are_reported() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("mine.toml"),
            "name = \"mine\"\n[colors]\naccent = \"#ff8800\"\n",
        )
        .expect("write");
        std::fs::write(
            dir.path().join("bad.toml"),
            "name = \"bad\"\n[colors]\naccent = \"chartreuse-ish\"\n",
        )
        .expect("write");
        let (themes, errors) = Theme::all(dir.path());
        assert!(themes.iter().any(|t| t.name == "mine"));
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("colors.accent"), "{errors:?}");
        assert!(
            Theme::load("nope", dir.path())
                .unwrap_err()
                .contains("mine")
        );
    }

    #[test]
    fn no_color_selection_is_reverse_video() {
        let theme = Theme::default_theme().without_color();
        assert!(
            theme
                .selection(true)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert_eq!(theme.accent(), Style::new());
    }
}

//! The form of one entry over the generic form: adding one (principal, allow or deny, rights
//! from a picker, inheritance flags from a picker, `/T`) or changing the rights and
//! inheritance of an explicit one (icacls `/grant:r`). It turns into the icacls change it means,
//! and the equivalent command shows as it is typed.

use std::path::PathBuf;

use crate::host::acl::{
    Ace, AceSpec, AclChange, AclOperation, Flavor, InheritFlag, Principal, Right, Rights,
};
use crate::host::shell_quote::Shell;
use crate::tui::form::{Choice, Field, FieldKind, Form};

use super::entries::{SIMPLE_RIGHTS, not_editable, simple_right};

const ALLOW: &str = "allow";
const DENY: &str = "deny";

/// The rights picker's choices: `RX  read & execute`, …
pub fn rights_choices() -> Vec<Choice> {
    SIMPLE_RIGHTS
        .iter()
        .map(|(right, words)| {
            Choice::labelled(
                right.command_name(),
                format!("{:<3}{words}", right.command_name()),
            )
        })
        .collect()
}

/// The inheritance flags picker's choices.
fn inherit_choices() -> Vec<Choice> {
    [
        InheritFlag::ObjectInherit,
        InheritFlag::ContainerInherit,
        InheritFlag::InheritOnly,
        InheritFlag::NoPropagate,
    ]
    .into_iter()
    .map(|f| Choice::labelled(f.code(), format!("({}) {}", f.code(), f.meaning())))
    .collect()
}

fn principal_help(flavor: Flavor) -> &'static str {
    match flavor {
        Flavor::Posix => "a local account here: group:NAME or user:NAME (e.g. group:www-data)",
        Flavor::Windows => r"DOMAIN\user, BUILTIN\IIS_IUSRS, IIS AppPool\<pool>, *S-1-5-…",
    }
}

/// An entry being added or changed.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryForm {
    pub form: Form,
    pub path: PathBuf,
    /// The principal whose entry is changed (`None`: a new entry).
    pub changing: Option<Principal>,
}

impl EntryForm {
    /// A new entry on `path`: `(OI)(CI)` on a folder, and on POSIX `/T` too (existing files get
    /// an entry only that way).
    pub fn add(path: PathBuf, is_dir: bool, flavor: Flavor) -> EntryForm {
        let fields = vec![
            Field::new("principal", "Principal", FieldKind::Text)
                .required()
                .help(principal_help(flavor)),
            Field::new(
                "type",
                "Type",
                FieldKind::Enum(vec![
                    Choice::labelled(ALLOW, "Allow (icacls /grant)"),
                    Choice::labelled(DENY, "Deny (icacls /deny)"),
                ]),
            )
            .value(ALLOW),
            rights_field(Some(Right::ReadExecute)),
            inherit_field(if is_dir { "OI,CI" } else { "" }),
            recursive_field(flavor == Flavor::Posix && is_dir),
        ];
        let mut entry = EntryForm {
            form: Form::new(fields),
            path,
            changing: None,
        };
        entry.check();
        entry
    }

    /// Changing an explicit allow entry: its rights and inheritance, written with `/grant:r`.
    pub fn change(
        path: PathBuf,
        ace: &Ace,
        is_dir: bool,
        flavor: Flavor,
    ) -> Result<EntryForm, String> {
        if let Some(why) = not_editable(ace) {
            return Err(why);
        }
        if ace.deny {
            return Err(String::from(
                "icacls replaces grants only (/grant:r): remove this deny entry (d) and add a new one (a)",
            ));
        }
        let flags: Vec<&str> = ace
            .flags
            .iter()
            .filter(|f| **f != InheritFlag::Inherited)
            .map(|f| f.code())
            .collect();
        let mut rights = rights_field(simple_right(&ace.rights));
        rights.help = format!(
            "now {}; the principal's explicit grants are replaced",
            ace.rights.listing()
        );
        let fields = vec![
            Field::new("principal", "Principal", FieldKind::Text)
                .value(ace.principal.as_str())
                .disabled("the entry's principal (add an entry for another one)"),
            rights,
            inherit_field(&flags.join(",")),
            recursive_field(flavor == Flavor::Posix && is_dir),
        ];
        let mut entry = EntryForm {
            form: Form::new(fields),
            path,
            changing: Some(Principal::parse(ace.principal.as_str()).map_err(|e| e.to_string())?),
        };
        entry.check();
        Ok(entry)
    }

    /// The checks that need more than one field: the principal's grammar and the flags.
    pub fn check(&mut self) {
        let principal = match Principal::parse(&self.form.text("principal")) {
            Err(e) if !self.form.text("principal").is_empty() => Some(e.to_string()),
            _ => None,
        };
        if let Some(field) = self.form.field_mut("principal") {
            field.error = field.error.take().or(principal);
        }
        let flags = self.flags();
        let has = |f| flags.contains(&f);
        let inherit = (has(InheritFlag::InheritOnly) || has(InheritFlag::NoPropagate))
            && !has(InheritFlag::ObjectInherit)
            && !has(InheritFlag::ContainerInherit);
        if let Some(field) = self.form.field_mut("inherit") {
            field.error = field.error.take().or_else(|| {
                inherit.then(|| {
                    String::from("(IO) and (NP) need (OI) or (CI): something must inherit it")
                })
            });
        }
    }

    fn flags(&self) -> Vec<InheritFlag> {
        self.form
            .field("inherit")
            .map(|f| {
                f.flags()
                    .iter()
                    .filter_map(|c| InheritFlag::parse(c))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The icacls change the form means.
    pub fn change_of(&self) -> Result<AclChange, String> {
        let principal = match &self.changing {
            Some(principal) => principal.clone(),
            None => Principal::parse(&self.form.text("principal")).map_err(|e| e.to_string())?,
        };
        let rights = self.form.text("rights");
        let right =
            Right::parse(&rights).ok_or_else(|| format!("choose the rights (not \"{rights}\")"))?;
        let spec = AceSpec::new(principal, self.flags(), Rights::simple(right));
        let operation = match (&self.changing, self.form.text("type").as_str()) {
            (Some(_), _) => AclOperation::Grant {
                replace: true,
                entries: vec![spec],
            },
            (None, DENY) => AclOperation::Deny {
                entries: vec![spec],
            },
            (None, _) => AclOperation::Grant {
                replace: false,
                entries: vec![spec],
            },
        };
        Ok(AclChange {
            path: self.path.clone(),
            operation,
            recursive: self.form.text("recursive").eq_ignore_ascii_case("true"),
        })
    }

    /// The equivalent icacls command, when the form makes one.
    pub fn command(&self) -> Option<String> {
        if self.form.has_errors() {
            return None;
        }
        self.change_of()
            .ok()
            .map(|c| c.icacls_command_line(Shell::native()))
    }
}

fn rights_field(right: Option<Right>) -> Field {
    Field::new("rights", "Rights", FieldKind::Enum(rights_choices()))
        .value(right.map_or("", |r| r.command_name()))
        .required()
        .help("Space or type to choose")
}

fn inherit_field(flags: &str) -> Field {
    Field::new(
        "inherit",
        "Inheritance",
        FieldKind::Flags(inherit_choices()),
    )
    .value(flags)
    .help("Space opens the flags; Space ticks, Enter takes them")
}

fn recursive_field(on: bool) -> Field {
    Field::new("recursive", "Below too (/T)", FieldKind::Bool)
        .value(if on { "true" } else { "false" })
        .help("also every file and folder below it (icacls /T)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_entry_becomes_a_grant_with_the_picked_rights_and_flags() {
        let mut entry = EntryForm::add(PathBuf::from("/srv/shop"), true, Flavor::Posix);
        assert_eq!(entry.command(), None, "no principal yet");
        entry
            .form
            .field_mut("principal")
            .expect("field")
            .input
            .set("group:www-data");
        entry.form.check_all();
        entry.check();
        let change = entry.change_of().expect("change");
        assert_eq!(
            change.icacls_args(),
            ["/srv/shop", "/grant", "group:www-data:(OI)(CI)RX", "/T"]
        );
        entry.form.field_mut("type").expect("type").input.set(DENY);
        entry
            .form
            .field_mut("recursive")
            .expect("t")
            .input
            .set("false");
        assert_eq!(
            entry.change_of().expect("change").icacls_args(),
            ["/srv/shop", "/deny", "group:www-data:(OI)(CI)RX"]
        );
        entry.form.field_mut("inherit").expect("i").input.set("IO");
        entry.form.check_all();
        entry.check();
        assert!(
            entry
                .form
                .field("inherit")
                .and_then(|f| f.error.clone())
                .is_some()
        );
        assert_eq!(entry.command(), None);
    }

    #[test]
    fn changing_an_entry_replaces_its_grants_and_refuses_what_cannot_change() {
        let ace = Ace::parse_listing("group:www-data:(OI)(CI)(r-x)").expect("ace");
        let entry = EntryForm::change(PathBuf::from("/srv/shop"), &ace, true, Flavor::Posix)
            .expect("editable");
        assert_eq!(entry.form.text("rights"), "RX");
        assert_eq!(entry.form.text("inherit"), "OI,CI");
        assert_eq!(
            entry.change_of().expect("change").icacls_args(),
            ["/srv/shop", "/grant:r", "group:www-data:(OI)(CI)RX", "/T"]
        );
        let inherited = Ace::parse_listing(r"BUILTIN\Users:(I)(RX)").expect("ace");
        assert!(
            EntryForm::change(PathBuf::from("C:\\s"), &inherited, true, Flavor::Windows).is_err()
        );
        let deny = Ace::parse_listing(r"X\y:(DENY)(W)").expect("ace");
        let err = EntryForm::change(PathBuf::from("C:\\s"), &deny, true, Flavor::Windows)
            .expect_err("deny");
        assert!(err.contains("remove this deny entry"), "{err}");
        let owner = Ace::parse_listing("OWNER@:(rwx)").expect("ace");
        assert!(EntryForm::change(PathBuf::from("/s"), &owner, true, Flavor::Posix).is_err());
    }
}

//! Which local user or group a principal names on a POSIX system: `user:alice` / `u:alice`,
//! `group:users` / `g:users`, or a plain name (`users`, `.\users`) that is exactly one of them.
//! Windows principals (`IIS AppPool\…`, `BUILTIN\…`, `*S-1-…`) are refused with what to do.

use crate::host::acl::error::AclError;
use crate::host::acl::principal::Principal;
use crate::host::acl::runner::{Invocation, Runner};

use super::facl::Tag;

/// A kind of local account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    User,
    Group,
}

impl AccountKind {
    fn database(self) -> &'static str {
        match self {
            AccountKind::User => "passwd",
            AccountKind::Group => "group",
        }
    }
}

/// Looks accounts up in the system's databases (files, LDAP, … through `getent`).
pub struct Accounts<'r> {
    pub runner: &'r dyn Runner,
}

impl Accounts<'_> {
    /// Whether a local user or group of that name exists.
    pub fn exists(&self, kind: AccountKind, name: &str) -> Result<bool, AclError> {
        let output = self.runner.run(&Invocation::new(
            "getent",
            vec![
                String::from("--"),
                kind.database().to_owned(),
                name.to_owned(),
            ],
        ))?;
        match output.code {
            Some(0) => Ok(true),
            // getent: 2 = not found.
            Some(2) => Ok(false),
            _ => Err(output.failure("getent")),
        }
    }

    /// The groups a local user is in (`id -Gn`).
    pub fn groups_of(&self, user: &str) -> Result<Vec<String>, AclError> {
        let output = self.runner.run(&Invocation::new(
            "id",
            vec![String::from("-Gn"), String::from("--"), user.to_owned()],
        ))?;
        if !output.success() {
            return Err(output.failure("id"));
        }
        Ok(output
            .stdout_text()
            .split_whitespace()
            .map(str::to_owned)
            .collect())
    }

    /// The ACL tag a principal names here.
    pub fn resolve(&self, principal: &Principal) -> Result<Tag, AclError> {
        resolve(principal, |kind, name| self.exists(kind, name))
    }
}

/// The ACL tag a principal names, given a way to ask whether an account exists.
pub fn resolve(
    principal: &Principal,
    exists: impl Fn(AccountKind, &str) -> Result<bool, AclError>,
) -> Result<Tag, AclError> {
    refuse_windows_account(principal)?;
    let text = principal.as_str();
    let (kind, name) = match text.split_once(':') {
        Some(("user" | "u", name)) => (Some(AccountKind::User), name),
        Some(("group" | "g", name)) => (Some(AccountKind::Group), name),
        Some((prefix, _)) => {
            return Err(AclError::Syntax(format!(
                "\"{text}\": write user:NAME or group:NAME (not {prefix}:)"
            )));
        }
        None => (None, text.strip_prefix(".\\").unwrap_or(text)),
    };
    if name.is_empty() || name.contains([':', '\\', '/']) || name.chars().any(char::is_whitespace) {
        return Err(AclError::Syntax(format!(
            "\"{name}\" is not a local user or group name"
        )));
    }
    let tag = |kind| match kind {
        AccountKind::User => Tag::User(name.to_owned()),
        AccountKind::Group => Tag::Group(name.to_owned()),
    };
    match kind {
        Some(kind) => {
            if exists(kind, name)? {
                Ok(tag(kind))
            } else {
                Err(AclError::Principal(format!(
                    "there is no local {} named \"{name}\"",
                    if kind == AccountKind::User {
                        "user"
                    } else {
                        "group"
                    }
                )))
            }
        }
        None => match (
            exists(AccountKind::User, name)?,
            exists(AccountKind::Group, name)?,
        ) {
            (true, false) => Ok(tag(AccountKind::User)),
            (false, true) => Ok(tag(AccountKind::Group)),
            (true, true) => Err(AclError::Principal(format!(
                "\"{name}\" is both a local user and a local group: write user:{name} or group:{name}"
            ))),
            (false, false) => Err(AclError::Principal(format!(
                "there is no local user or group named \"{name}\"{}",
                windows_hint(name)
            ))),
        },
    }
}

/// Refuses what only exists on Windows, saying what to use instead.
fn refuse_windows_account(principal: &Principal) -> Result<(), AclError> {
    if let Some(pool) = principal.app_pool() {
        return Err(AclError::Principal(format!(
            "\"{principal}\" is the Windows virtual account of application pool \"{pool}\" (ApplicationPoolIdentity); it does not exist on this system. Grant the local user or group that serves the site instead, e.g. group:www-data or user:NAME"
        )));
    }
    if principal.sid().is_some() {
        return Err(AclError::Principal(format!(
            "\"{principal}\" is a Windows SID; POSIX ACLs name local users and groups: write user:NAME or group:NAME"
        )));
    }
    if principal.is_windows_account() {
        return Err(AclError::Principal(format!(
            "\"{principal}\" is a Windows account; it does not exist on this system. POSIX ACLs name local users and groups: write user:NAME or group:NAME (or .\\NAME)"
        )));
    }
    Ok(())
}

fn windows_hint(name: &str) -> &'static str {
    let windows = [
        "Everyone",
        "Users",
        "IIS_IUSRS",
        "IUSR",
        "Administrators",
        "SYSTEM",
    ];
    if windows.iter().any(|w| w.eq_ignore_ascii_case(name)) {
        " (it is a Windows account name; POSIX ACLs name local users and groups)"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(kind: AccountKind, name: &str) -> Result<bool, AclError> {
        Ok(match kind {
            AccountKind::User => ["alice", "www-data", "both"].contains(&name),
            AccountKind::Group => ["users", "www-data", "both"].contains(&name),
        })
    }

    fn resolved(text: &str) -> Result<Tag, AclError> {
        resolve(&Principal::parse(text).expect("principal"), lookup)
    }

    #[test]
    fn local_names_resolve_to_users_or_groups() {
        assert_eq!(resolved("user:alice"), Ok(Tag::User("alice".into())));
        assert_eq!(resolved("u:alice"), Ok(Tag::User("alice".into())));
        assert_eq!(resolved("group:users"), Ok(Tag::Group("users".into())));
        assert_eq!(resolved("g:www-data"), Ok(Tag::Group("www-data".into())));
        assert_eq!(resolved("users"), Ok(Tag::Group("users".into())));
        assert_eq!(resolved(r".\users"), Ok(Tag::Group("users".into())));
        assert_eq!(resolved("alice"), Ok(Tag::User("alice".into())));
        assert_eq!(resolved("user:www-data"), Ok(Tag::User("www-data".into())));
    }

    #[test]
    fn unknown_ambiguous_and_windows_principals_are_refused_with_advice() {
        for (text, says) in [
            ("both", "write user:both or group:both"),
            ("www-data", "both a local user and a local group"),
            ("nobody-here", "no local user or group"),
            ("user:users", "no local user named"),
            ("group:alice", "no local group named"),
            (
                r"IIS AppPool\DefaultAppPool",
                "virtual account of application pool",
            ),
            (r"BUILTIN\IIS_IUSRS", "Windows account"),
            ("*S-1-5-32-545", "Windows SID"),
            ("Everyone", "Windows account name"),
            ("other:x", "write user:NAME or group:NAME"),
            ("user:", "not a local user or group name"),
        ] {
            let err = resolved(text).expect_err(text);
            assert!(err.to_string().contains(says), "{text}: {err}");
        }
    }
}

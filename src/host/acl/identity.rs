//! The account an application pool runs as, from its effective `processModel.identityType` and
//! `processModel.userName`: `ApplicationPoolIdentity` → `IIS AppPool\<pool>`, `NetworkService`
//! → `NT AUTHORITY\NETWORK SERVICE`, `LocalService` → `NT AUTHORITY\LOCAL SERVICE`,
//! `LocalSystem` → `NT AUTHORITY\SYSTEM`, `SpecificUser` → its user name.

use crate::model::apphost::AppPool;

use super::error::AclError;
use super::principal::Principal;

/// How a pool's identity is configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityType {
    ApplicationPoolIdentity,
    NetworkService,
    LocalService,
    LocalSystem,
    SpecificUser,
}

impl IdentityType {
    /// Reads `identityType` as IIS does (case-insensitively); "" is the schema default.
    pub fn parse(text: &str) -> Option<IdentityType> {
        [
            (
                "ApplicationPoolIdentity",
                IdentityType::ApplicationPoolIdentity,
            ),
            ("", IdentityType::ApplicationPoolIdentity),
            ("NetworkService", IdentityType::NetworkService),
            ("LocalService", IdentityType::LocalService),
            ("LocalSystem", IdentityType::LocalSystem),
            ("SpecificUser", IdentityType::SpecificUser),
        ]
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(text.trim()))
        .map(|(_, t)| t)
    }

    pub fn name(self) -> &'static str {
        match self {
            IdentityType::ApplicationPoolIdentity => "ApplicationPoolIdentity",
            IdentityType::NetworkService => "NetworkService",
            IdentityType::LocalService => "LocalService",
            IdentityType::LocalSystem => "LocalSystem",
            IdentityType::SpecificUser => "SpecificUser",
        }
    }
}

/// The account a pool runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolIdentity {
    pub pool: String,
    pub identity_type: IdentityType,
    pub principal: Principal,
}

impl PoolIdentity {
    /// From a pool's name and its identity settings.
    pub fn new(pool: &str, identity_type: &str, user_name: &str) -> Result<PoolIdentity, AclError> {
        let kind = IdentityType::parse(identity_type).ok_or_else(|| {
            AclError::Syntax(format!(
                "application pool \"{pool}\" has identityType \"{identity_type}\", which is not one of ApplicationPoolIdentity, NetworkService, LocalService, LocalSystem, SpecificUser"
            ))
        })?;
        let principal = match kind {
            IdentityType::ApplicationPoolIdentity => {
                Principal::parse(&format!("IIS AppPool\\{pool}"))?
            }
            IdentityType::NetworkService => Principal::listed("NT AUTHORITY\\NETWORK SERVICE"),
            IdentityType::LocalService => Principal::listed("NT AUTHORITY\\LOCAL SERVICE"),
            IdentityType::LocalSystem => Principal::listed("NT AUTHORITY\\SYSTEM"),
            IdentityType::SpecificUser => {
                if user_name.trim().is_empty() || user_name.starts_with("[enc:") {
                    return Err(AclError::Principal(format!(
                        "application pool \"{pool}\" runs as SpecificUser but its processModel.userName is {}",
                        if user_name.trim().is_empty() {
                            "empty"
                        } else {
                            "encrypted"
                        }
                    )));
                }
                Principal::parse(user_name)?
            }
        };
        Ok(PoolIdentity {
            pool: pool.to_owned(),
            identity_type: kind,
            principal,
        })
    }

    /// From the model: the pool's effective identityType and userName (explicit, from
    /// applicationPoolDefaults, or the schema default).
    pub fn of(pool: &AppPool<'_>) -> Result<PoolIdentity, AclError> {
        PoolIdentity::new(
            &pool.name(),
            &pool.text("processModel.identityType"),
            &pool.text("processModel.userName"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_identity_type_names_its_account() {
        for (kind, user, principal) in [
            ("ApplicationPoolIdentity", "", "IIS AppPool\\Shop"),
            ("applicationpoolidentity", "", "IIS AppPool\\Shop"),
            ("", "", "IIS AppPool\\Shop"),
            ("NetworkService", "", "NT AUTHORITY\\NETWORK SERVICE"),
            ("LocalService", "", "NT AUTHORITY\\LOCAL SERVICE"),
            ("LocalSystem", "", "NT AUTHORITY\\SYSTEM"),
            ("SpecificUser", "CONTOSO\\svc-shop", "CONTOSO\\svc-shop"),
            ("SpecificUser", "www-data", "www-data"),
        ] {
            let identity = PoolIdentity::new("Shop", kind, user).expect(kind);
            assert_eq!(identity.principal.as_str(), principal, "{kind}");
        }
    }

    #[test]
    fn bad_identities_are_refused() {
        assert!(PoolIdentity::new("Shop", "Nobody", "").is_err());
        assert!(PoolIdentity::new("Shop", "SpecificUser", "").is_err());
        assert!(PoolIdentity::new("Shop", "SpecificUser", "[enc:AesProvider:abc:enc]").is_err());
    }
}

//! An application pool (`<applicationPools><add>`): runtime, pipeline, identity, recycling and
//! the rest, each with its origin (explicit, `applicationPoolDefaults`, or schema default).

use std::borrow::Cow;

use crate::model::doc::NodeId;

use super::AppHost;
use super::effective::{Effective, ObjectLabel, Resolver};
use super::error::ModelError;

/// A view of one application pool.
#[derive(Clone, Copy)]
pub struct AppPool<'a> {
    pub host: AppHost<'a>,
    pub node: NodeId,
}

impl<'a> AppPool<'a> {
    pub fn new(host: AppHost<'a>, node: NodeId) -> Self {
        AppPool { host, node }
    }

    pub fn name(&self) -> Cow<'a, str> {
        self.host
            .doc
            .attr_value(self.node, "name")
            .unwrap_or_default()
    }

    pub fn resolver(&self) -> Result<Resolver<'a>, ModelError> {
        Ok(Resolver {
            doc: self.host.doc,
            item: self.host.pool_schema()?,
            node: self.node,
            object: ObjectLabel::AppPool(*self),
        })
    }

    /// The defaults elements a pool's values fall back to.
    pub(crate) fn defaults_chain(&self) -> Vec<(NodeId, String)> {
        self.host
            .defaults()
            .app_pool
            .map(|d| (d, String::from("applicationPoolDefaults")))
            .into_iter()
            .collect()
    }

    pub fn get(&self, key: &str) -> Result<Effective, ModelError> {
        self.resolver()?.get(key)
    }

    /// A key's effective value as text ("" when unset or unknown).
    pub fn text(&self, key: &str) -> String {
        self.resolver()
            .and_then(|r| r.value(key))
            .ok()
            .flatten()
            .map(Cow::into_owned)
            .unwrap_or_default()
    }

    /// `.NET CLR version` as IIS Manager shows it: `No Managed Code` for `""`.
    pub fn clr_label(&self) -> String {
        runtime_label(&self.text("managedRuntimeVersion"))
    }
}

/// IIS Manager's label for a managedRuntimeVersion value.
pub fn runtime_label(version: &str) -> String {
    if version.is_empty() {
        String::from("No Managed Code")
    } else {
        version.to_owned()
    }
}

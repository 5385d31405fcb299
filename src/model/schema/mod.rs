//! IIS schema (placeholder while the loader is written).

//! The bundled demo server: `assets/demo/` compiled into the binary and copied once into the
//! data directory (`--demo --reset` copies it afresh), so the repository's files are never
//! modified. `%SystemDrive%` is pointed at the copy's `drive-c` folder so that the demo's paths
//! resolve to real folders on any system.

use std::io;
use std::path::PathBuf;

use super::paths;

/// Every file of `assets/demo`, relative path and bytes.
pub const FILES: &[(&str, &[u8])] = &[
    (
        "applicationHost.config",
        include_bytes!("../../assets/demo/applicationHost.config"),
    ),
    (
        "drive-c/inetpub/logs/LogFiles/W3SVC2/u_ex261124.log",
        include_bytes!("../../assets/demo/drive-c/inetpub/logs/LogFiles/W3SVC2/u_ex261124.log"),
    ),
    (
        "drive-c/inetpub/logs/LogFiles/W3SVC3/u_ex261124.log",
        include_bytes!("../../assets/demo/drive-c/inetpub/logs/LogFiles/W3SVC3/u_ex261124.log"),
    ),
    (
        "drive-c/inetpub/logs/LogFiles/W3SVC7/u_ex261125.log",
        include_bytes!("../../assets/demo/drive-c/inetpub/logs/LogFiles/W3SVC7/u_ex261125.log"),
    ),
    (
        "drive-c/inetpub/wwwroot/iisstart.htm",
        include_bytes!("../../assets/demo/drive-c/inetpub/wwwroot/iisstart.htm"),
    ),
    (
        "drive-c/shared/hr-forms/leave-request.pdf.txt",
        include_bytes!("../../assets/demo/drive-c/shared/hr-forms/leave-request.pdf.txt"),
    ),
    (
        "drive-c/shared/tailspin-media/README.txt",
        include_bytes!("../../assets/demo/drive-c/shared/tailspin-media/README.txt"),
    ),
    (
        "drive-c/sites/adventure-works/index.html",
        include_bytes!("../../assets/demo/drive-c/sites/adventure-works/index.html"),
    ),
    (
        "drive-c/sites/api.contoso.com-v2/web.config",
        include_bytes!("../../assets/demo/drive-c/sites/api.contoso.com-v2/web.config"),
    ),
    (
        "drive-c/sites/api.contoso.com/Contoso.Api.dll",
        include_bytes!("../../assets/demo/drive-c/sites/api.contoso.com/Contoso.Api.dll"),
    ),
    (
        "drive-c/sites/api.contoso.com/logs/stdout_20261124081502_5120.log",
        include_bytes!(
            "../../assets/demo/drive-c/sites/api.contoso.com/logs/stdout_20261124081502_5120.log"
        ),
    ),
    (
        "drive-c/sites/api.contoso.com/web.config",
        include_bytes!("../../assets/demo/drive-c/sites/api.contoso.com/web.config"),
    ),
    (
        "drive-c/sites/blog.tailspin.com/index.html",
        include_bytes!("../../assets/demo/drive-c/sites/blog.tailspin.com/index.html"),
    ),
    (
        "drive-c/sites/contoso.com/Contoso.Web.dll",
        include_bytes!("../../assets/demo/drive-c/sites/contoso.com/Contoso.Web.dll"),
    ),
    (
        "drive-c/sites/contoso.com/appsettings.json",
        include_bytes!("../../assets/demo/drive-c/sites/contoso.com/appsettings.json"),
    ),
    (
        "drive-c/sites/contoso.com/logs/stdout_20261124081459_4312.log",
        include_bytes!(
            "../../assets/demo/drive-c/sites/contoso.com/logs/stdout_20261124081459_4312.log"
        ),
    ),
    (
        "drive-c/sites/contoso.com/web.config",
        include_bytes!("../../assets/demo/drive-c/sites/contoso.com/web.config"),
    ),
    (
        "drive-c/sites/contoso.com/wwwroot/index.html",
        include_bytes!("../../assets/demo/drive-c/sites/contoso.com/wwwroot/index.html"),
    ),
    (
        "drive-c/sites/fabrikam.net/index.html",
        include_bytes!("../../assets/demo/drive-c/sites/fabrikam.net/index.html"),
    ),
    (
        "drive-c/sites/fabrikam.net/web.config",
        include_bytes!("../../assets/demo/drive-c/sites/fabrikam.net/web.config"),
    ),
    (
        "drive-c/sites/intranet-hr/web.config",
        include_bytes!("../../assets/demo/drive-c/sites/intranet-hr/web.config"),
    ),
    (
        "drive-c/sites/intranet-wiki/index.html",
        include_bytes!("../../assets/demo/drive-c/sites/intranet-wiki/index.html"),
    ),
    (
        "drive-c/sites/intranet/Default.aspx",
        include_bytes!("../../assets/demo/drive-c/sites/intranet/Default.aspx"),
    ),
    (
        "drive-c/sites/intranet/web.config",
        include_bytes!("../../assets/demo/drive-c/sites/intranet/web.config"),
    ),
    (
        "drive-c/sites/legacy-crm/web.config",
        include_bytes!("../../assets/demo/drive-c/sites/legacy-crm/web.config"),
    ),
    (
        "drive-c/sites/reports/web.config",
        include_bytes!("../../assets/demo/drive-c/sites/reports/web.config"),
    ),
    (
        "drive-c/sites/shop-admin/Tailspin.Admin.dll",
        include_bytes!("../../assets/demo/drive-c/sites/shop-admin/Tailspin.Admin.dll"),
    ),
    (
        "drive-c/sites/shop-admin/web.config",
        include_bytes!("../../assets/demo/drive-c/sites/shop-admin/web.config"),
    ),
    (
        "drive-c/sites/shop.tailspin.com/Tailspin.Shop.dll",
        include_bytes!("../../assets/demo/drive-c/sites/shop.tailspin.com/Tailspin.Shop.dll"),
    ),
    (
        "drive-c/sites/shop.tailspin.com/logs/stdout_20261124090011_6044.log",
        include_bytes!(
            "../../assets/demo/drive-c/sites/shop.tailspin.com/logs/stdout_20261124090011_6044.log"
        ),
    ),
    (
        "drive-c/sites/shop.tailspin.com/logs/stdout_20261125060302_7720.log",
        include_bytes!(
            "../../assets/demo/drive-c/sites/shop.tailspin.com/logs/stdout_20261125060302_7720.log"
        ),
    ),
    (
        "drive-c/sites/shop.tailspin.com/web.config",
        include_bytes!("../../assets/demo/drive-c/sites/shop.tailspin.com/web.config"),
    ),
    (
        "drive-c/sites/staging.contoso.com/index.html",
        include_bytes!("../../assets/demo/drive-c/sites/staging.contoso.com/index.html"),
    ),
    (
        "drive-c/sites/staging.contoso.com/web.config",
        include_bytes!("../../assets/demo/drive-c/sites/staging.contoso.com/web.config"),
    ),
    (
        "drive-c/sites/status.northwind.io/index.html",
        include_bytes!("../../assets/demo/drive-c/sites/status.northwind.io/index.html"),
    ),
    (
        "drive-c/sites/wingtiptoys-store/web.config",
        include_bytes!("../../assets/demo/drive-c/sites/wingtiptoys-store/web.config"),
    ),
];

/// Where the demo copy lives.
pub fn demo_dir() -> PathBuf {
    paths::data_dir().join("demo")
}

/// Copies the demo server into the data directory (once, or afresh with `reset`), points
/// `%SystemDrive%` at it, and returns its applicationHost.config with a note for the user.
pub fn prepare(reset: bool) -> io::Result<(PathBuf, Option<String>)> {
    let dir = demo_dir();
    let config = dir.join("applicationHost.config");
    let mut note = None;
    if reset && dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    if !config.exists() {
        for (relative, bytes) in FILES {
            let target = dir.join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&target, bytes)?;
        }
        note = Some(format!("demo server copied to {}", dir.display()));
    }
    paths::define_variable("SystemDrive", &dir.join("drive-c").to_string_lossy());
    Ok((config, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_asset_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
        let mut on_disk = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("read assets/demo").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let relative = path
                        .strip_prefix(&root)
                        .expect("inside")
                        .to_string_lossy()
                        .replace('\\', "/");
                    on_disk.push(relative);
                }
            }
        }
        on_disk.sort();
        let embedded: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(
            embedded, on_disk,
            "host/demo.rs FILES must list every file of assets/demo"
        );
    }
}

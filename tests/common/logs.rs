//! A small server on disk for the log and ASP.NET Core tests: applicationHost.config with one
//! ASP.NET Core site (`Shop`, id 7) whose folder, web.config, stdout logs and W3C logs are real
//! files in a temp folder, named by absolute paths (no %SystemDrive%).

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

pub const WEB_CONFIG: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <location path="." inheritInChildApplications="false">
    <system.webServer>
      <handlers>
        <add name="aspNetCore" path="*" verb="*" modules="AspNetCoreModuleV2" resourceType="Unspecified" />
      </handlers>
      <aspNetCore processPath="dotnet" arguments=".\Shop.dll" stdoutLogEnabled="true" stdoutLogFile=".\logs\stdout" hostingModel="inprocess">
        <environmentVariables>
          <environmentVariable name="ASPNETCORE_ENVIRONMENT" value="Production" />
        </environmentVariables>
      </aspNetCore>
    </system.webServer>
  </location>
</configuration>
"#;

pub const W3C: &str = "#Software: Microsoft Internet Information Services 10.0
#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken
2026-11-24 08:15:02 10.0.0.12 GET / - 443 - 203.0.113.7 Mozilla/5.0 - 200 0 0 48
2026-11-24 08:16:40 10.0.0.12 POST /api/cart - 443 - 198.51.100.23 Mozilla/5.0 - 500 0 0 2031
";

/// The server's folder and files.
pub struct Server {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
}

impl Server {
    pub fn site(&self) -> PathBuf {
        self.dir.path().join("shop")
    }

    pub fn logs(&self) -> PathBuf {
        self.site().join("logs")
    }

    pub fn web_config(&self) -> PathBuf {
        self.site().join("web.config")
    }

    pub fn stdout_log(&self) -> PathBuf {
        self.logs().join("stdout_20261124090011_6044.log")
    }

    pub fn w3c_log(&self) -> PathBuf {
        self.dir.path().join("LogFiles/W3SVC7/u_ex261124.log")
    }
}

pub fn append(path: &Path, text: &str) {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .expect("open");
    file.write_all(text.as_bytes()).expect("append");
}

/// Writes the server.
pub fn server() -> Server {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path().join("shop");
    std::fs::create_dir_all(site.join("logs")).expect("mkdir");
    std::fs::write(site.join("web.config"), WEB_CONFIG).expect("web.config");
    std::fs::write(
        site.join("logs/stdout_20261124090011_6044.log"),
        "info: Microsoft.Hosting.Lifetime[0]\n      Application started.\nfail: Shop.Checkout[0]\n      System.TimeoutException: payment timed out\n",
    )
    .expect("stdout log");
    let w3c = dir.path().join("LogFiles/W3SVC7");
    std::fs::create_dir_all(&w3c).expect("mkdir");
    std::fs::write(w3c.join("u_ex261124.log"), W3C).expect("w3c");
    let config = dir.path().join("applicationHost.config");
    std::fs::write(
        &config,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.applicationHost>
    <applicationPools>
      <add name="Shop" managedRuntimeVersion="" />
    </applicationPools>
    <sites>
      <site name="Shop" id="7">
        <application path="/" applicationPool="Shop">
          <virtualDirectory path="/" physicalPath="{}" />
        </application>
        <bindings>
          <binding protocol="http" bindingInformation="*:80:shop.example" />
        </bindings>
      </site>
      <siteDefaults>
        <logFile logFormat="W3C" directory="{}" />
      </siteDefaults>
    </sites>
  </system.applicationHost>
</configuration>
"#,
            site.display(),
            dir.path().join("LogFiles").display()
        ),
    )
    .expect("config");
    Server { dir, config }
}

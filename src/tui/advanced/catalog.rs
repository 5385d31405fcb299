//! IIS Manager's Advanced Settings layout: for sites, application pools and applications, the
//! categories, friendly names and the attribute each row edits (some site rows live on the root
//! application or its root virtual directory). Attributes the schema has beyond these show under
//! "Other", so every attribute is reachable.

/// Which element a row's attribute is written on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    /// The object itself (site, pool, application).
    Object,
    /// The site's (or application's) root application.
    RootApplication,
    /// The root virtual directory of the (root) application.
    RootVirtualDirectory,
}

/// A collection edited as a list of items inside the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CollectionRow {
    /// The collection's dotted path (`environmentVariables`).
    pub path: &'static str,
    /// The item attributes shown and edited, key first.
    pub attrs: &'static [&'static str],
}

/// One row of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub category: &'static str,
    pub label: &'static str,
    /// The dotted attribute key on `on` (or the collection's path).
    pub key: &'static str,
    pub on: On,
    /// A collection rather than one value.
    pub collection: Option<CollectionRow>,
    /// Shown but not editable here (a name is changed in Basic Settings, a virtual path not
    /// in place).
    pub read_only: bool,
}

const fn row(category: &'static str, label: &'static str, key: &'static str) -> Entry {
    Entry {
        category,
        label,
        key,
        on: On::Object,
        collection: None,
        read_only: false,
    }
}

const fn on(mut entry: Entry, on: On) -> Entry {
    entry.on = on;
    entry
}

const fn read_only(mut entry: Entry) -> Entry {
    entry.read_only = true;
    entry
}

const fn list(
    category: &'static str,
    label: &'static str,
    path: &'static str,
    attrs: &'static [&'static str],
) -> Entry {
    Entry {
        category,
        label,
        key: path,
        on: On::Object,
        collection: Some(CollectionRow { path, attrs }),
        read_only: false,
    }
}

/// Application pools, as IIS Manager groups them.
pub const POOL: &[Entry] = &[
    row("General", ".NET CLR Version", "managedRuntimeVersion"),
    row(
        "General",
        "Enable 32-Bit Applications",
        "enable32BitAppOnWin64",
    ),
    row("General", "Managed Pipeline Mode", "managedPipelineMode"),
    read_only(row("General", "Name", "name")),
    row("General", "Queue Length", "queueLength"),
    row("General", "Start Mode", "startMode"),
    row("General", "Start Automatically", "autoStart"),
    list(
        "General",
        "Environment Variables",
        "environmentVariables",
        &["name", "value"],
    ),
    row("CPU", "Limit (1/1000 %)", "cpu.limit"),
    row("CPU", "Limit Action", "cpu.action"),
    row("CPU", "Limit Interval", "cpu.resetInterval"),
    row("CPU", "Processor Affinity Enabled", "cpu.smpAffinitized"),
    row(
        "CPU",
        "Processor Affinity Mask",
        "cpu.smpProcessorAffinityMask",
    ),
    row(
        "CPU",
        "Processor Affinity Mask (64-bit option)",
        "cpu.smpProcessorAffinityMask2",
    ),
    row("Process Model", "Identity", "processModel.identityType"),
    row(
        "Process Model",
        "Identity: User Name",
        "processModel.userName",
    ),
    row(
        "Process Model",
        "Identity: Password",
        "processModel.password",
    ),
    row("Process Model", "Idle Time-out", "processModel.idleTimeout"),
    row(
        "Process Model",
        "Idle Time-out Action",
        "processModel.idleTimeoutAction",
    ),
    row(
        "Process Model",
        "Load User Profile",
        "processModel.loadUserProfile",
    ),
    row(
        "Process Model",
        "Set Profile Environment",
        "processModel.setProfileEnvironment",
    ),
    row(
        "Process Model",
        "Maximum Worker Processes",
        "processModel.maxProcesses",
    ),
    row(
        "Process Model",
        "Ping Enabled",
        "processModel.pingingEnabled",
    ),
    row(
        "Process Model",
        "Ping Maximum Response Time",
        "processModel.pingResponseTime",
    ),
    row("Process Model", "Ping Period", "processModel.pingInterval"),
    row(
        "Process Model",
        "Shutdown Time Limit",
        "processModel.shutdownTimeLimit",
    ),
    row(
        "Process Model",
        "Startup Time Limit",
        "processModel.startupTimeLimit",
    ),
    row(
        "Process Model",
        "Generate Process Model Event Log Entry",
        "processModel.logEventOnProcessModel",
    ),
    row(
        "Process Orphaning",
        "Enabled",
        "failure.orphanWorkerProcess",
    ),
    row("Process Orphaning", "Executable", "failure.orphanActionExe"),
    row(
        "Process Orphaning",
        "Executable Parameters",
        "failure.orphanActionParams",
    ),
    row(
        "Rapid-Fail Protection",
        "\"Service Unavailable\" Response Type",
        "failure.loadBalancerCapabilities",
    ),
    row(
        "Rapid-Fail Protection",
        "Enabled",
        "failure.rapidFailProtection",
    ),
    row(
        "Rapid-Fail Protection",
        "Failure Interval",
        "failure.rapidFailProtectionInterval",
    ),
    row(
        "Rapid-Fail Protection",
        "Maximum Failures",
        "failure.rapidFailProtectionMaxCrashes",
    ),
    row(
        "Rapid-Fail Protection",
        "Shutdown Executable",
        "failure.autoShutdownExe",
    ),
    row(
        "Rapid-Fail Protection",
        "Shutdown Executable Parameters",
        "failure.autoShutdownParams",
    ),
    row(
        "Recycling",
        "Disable Overlapped Recycle",
        "recycling.disallowOverlappingRotation",
    ),
    row(
        "Recycling",
        "Disable Recycling for Configuration Changes",
        "recycling.disallowRotationOnConfigChange",
    ),
    row(
        "Recycling",
        "Generate Recycle Event Log Entry",
        "recycling.logEventOnRecycle",
    ),
    row(
        "Recycling",
        "Private Memory Limit (KB)",
        "recycling.periodicRestart.privateMemory",
    ),
    row(
        "Recycling",
        "Regular Time Interval",
        "recycling.periodicRestart.time",
    ),
    row(
        "Recycling",
        "Request Limit",
        "recycling.periodicRestart.requests",
    ),
    list(
        "Recycling",
        "Specific Times",
        "recycling.periodicRestart.schedule",
        &["value"],
    ),
    row(
        "Recycling",
        "Virtual Memory Limit (KB)",
        "recycling.periodicRestart.memory",
    ),
];

/// Sites: General, Behavior, Limits, Logging, Failed Request Tracing, HSTS.
pub const SITE: &[Entry] = &[
    on(
        row("General", "Application Pool", "applicationPool"),
        On::RootApplication,
    ),
    row("General", "ID", "id"),
    read_only(row("General", "Name", "name")),
    on(
        row("General", "Physical Path", "physicalPath"),
        On::RootVirtualDirectory,
    ),
    on(
        row("General", "Physical Path Credentials", "userName"),
        On::RootVirtualDirectory,
    ),
    on(
        row(
            "General",
            "Physical Path Credentials Logon Type",
            "logonMethod",
        ),
        On::RootVirtualDirectory,
    ),
    on(
        row("General", "Preload Enabled", "preloadEnabled"),
        On::RootApplication,
    ),
    row("General", "Start Automatically", "serverAutoStart"),
    on(
        row("Behavior", "Enabled Protocols", "enabledProtocols"),
        On::RootApplication,
    ),
    row("Limits", "Connection Time-out", "limits.connectionTimeout"),
    row(
        "Limits",
        "Maximum Bandwidth (Bytes/second)",
        "limits.maxBandwidth",
    ),
    row(
        "Limits",
        "Maximum Concurrent Connections",
        "limits.maxConnections",
    ),
    row("Limits", "Maximum URL Segments", "limits.maxUrlSegments"),
    row("Logging", "Enabled", "logFile.enabled"),
    row("Logging", "Directory", "logFile.directory"),
    row("Logging", "Format", "logFile.logFormat"),
    row("Logging", "Fields", "logFile.logExtFileFlags"),
    row("Logging", "Schedule", "logFile.period"),
    row(
        "Logging",
        "Maximum File Size (bytes)",
        "logFile.truncateSize",
    ),
    row(
        "Logging",
        "Use Local Time for Rollover",
        "logFile.localTimeRollover",
    ),
    row("Logging", "Log Target", "logFile.logTargetW3C"),
    row(
        "Failed Request Tracing",
        "Enabled",
        "traceFailedRequestsLogging.enabled",
    ),
    row(
        "Failed Request Tracing",
        "Directory",
        "traceFailedRequestsLogging.directory",
    ),
    row(
        "Failed Request Tracing",
        "Maximum Number of Trace Files",
        "traceFailedRequestsLogging.maxLogFiles",
    ),
    row("HSTS", "Enabled", "hsts.enabled"),
    row("HSTS", "Max-Age (seconds)", "hsts.max-age"),
    row("HSTS", "Include Subdomains", "hsts.includeSubDomains"),
    row("HSTS", "Preload", "hsts.preload"),
    row("HSTS", "Redirect Http to Https", "hsts.redirectHttpToHttps"),
];

/// Applications: General, Behavior.
pub const APPLICATION: &[Entry] = &[
    row("General", "Application Pool", "applicationPool"),
    on(
        row("General", "Physical Path", "physicalPath"),
        On::RootVirtualDirectory,
    ),
    on(
        row("General", "Physical Path Credentials", "userName"),
        On::RootVirtualDirectory,
    ),
    on(
        row(
            "General",
            "Physical Path Credentials Logon Type",
            "logonMethod",
        ),
        On::RootVirtualDirectory,
    ),
    row("General", "Preload Enabled", "preloadEnabled"),
    read_only(row("General", "Virtual Path", "path")),
    row("Behavior", "Enabled Protocols", "enabledProtocols"),
    row(
        "Behavior",
        "Service Auto-Start Enabled",
        "serviceAutoStartEnabled",
    ),
    row(
        "Behavior",
        "Service Auto-Start Provider",
        "serviceAutoStartProvider",
    ),
];

/// Friendly values for attributes whose schema type is a plain string.
pub fn known_choices(key: &str) -> Option<&'static [(&'static str, &'static str)]> {
    match key {
        "managedRuntimeVersion" => {
            Some(&[("v4.0", "v4.0"), ("v2.0", "v2.0"), ("", "No Managed Code")])
        }
        _ => None,
    }
}

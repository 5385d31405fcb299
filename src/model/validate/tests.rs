//! Table tests of `validate`: schema findings, IIS-level findings, and what was not checked.

use super::*;

fn findings(xml: &str) -> Vec<String> {
    let doc = Document::parse_str(xml).expect("parses");
    validate(&doc, &SchemaSet::bundled())
        .into_iter()
        .map(|f| format!("{}:{:?}:{}: {}", f.location, f.severity, f.place, f.message))
        .collect()
}

#[test]
fn sections_moved_with_config_source_must_be_empty() {
    let moved = "<configuration>\n  <system.applicationHost>\n    <sites configSource=\"sites.config\" />\n  </system.applicationHost>\n</configuration>";
    assert_eq!(
        findings(moved),
        [
            "3:5:Warning:system.applicationHost/sites: the section is kept in \"sites.config\" (configSource); that file is not checked"
        ]
    );
    let both = moved.replace(
        "<sites configSource=\"sites.config\" />",
        "<sites configSource=\"sites.config\"><siteDefaults /></sites>",
    );
    assert_eq!(
        findings(&both),
        [
            "3:5:Error:system.applicationHost/sites: the section has configSource=\"sites.config\" and content here too; IIS refuses a section that has both"
        ]
    );
}

#[test]
fn reports_values_keys_and_unknowns() {
    let xml = r#"<configuration>
  <system.applicationHost>
    <applicationPools>
      <add name="A" startMode="Sometimes" queueLength="5" />
      <add name="a" bogus="1">
        <processModel idleTimeout="00:00:30" />
      </add>
      <remove name="A" />
      <add name="A|B" />
    </applicationPools>
    <sites>
      <site name="x" id="1"><limits connectionTimeout="banana" /></site>
      <site name="X" id="2" />
      <site name="y.tbd" id="02"><application path="/"><virtualDirectory path="/" password="[enc:AesProvider:abc:enc]" /></application></site>
    </sites>
  </system.applicationHost>
  <location path="x"><system.webServer><aspNetCore processPath="dotnet" hostingModel="sideways" /></system.webServer></location>
</configuration>"#;
    let got = findings(xml);
    let expect = [
        "4:21:Error:system.applicationHost/applicationPools/add[A]/@startMode: invalid value \"Sometimes\": must be one of: OnDemand, AlwaysRunning",
        "4:43:Error:system.applicationHost/applicationPools/add[A]/@queueLength: invalid value \"5\": must be from 10 to 65535",
        "5:7:Error:system.applicationHost/applicationPools/add[a]: duplicate add name \"a\" (first at 4:7)",
        "5:21:Warning:system.applicationHost/applicationPools/add[a]/@bogus: unrecognized attribute 'bogus'",
        "6:23:Error:system.applicationHost/applicationPools/add[a]/processModel/@idleTimeout: invalid value \"00:00:30\": must be a whole multiple of 60 seconds",
        "8:7:Warning:system.applicationHost/applicationPools: unrecognized element <remove> (not in the loaded schema)",
        "9:12:Error:system.applicationHost/applicationPools/add[A|B]/@name: invalid value \"A|B\": an application pool name must not contain '|' (IIS refuses | < > & and \")",
        "12:7:Error:system.applicationHost/sites/site[x]: the site has no root application (path=\"/\"); IIS cannot start it",
        "12:37:Error:system.applicationHost/sites/site[x]/limits/@connectionTimeout: invalid value \"banana\": must be a time span like hh:mm:ss or d.hh:mm:ss",
        "13:7:Error:system.applicationHost/sites/site[X]: duplicate site name \"x\" (first at 12:7)",
        "13:7:Error:system.applicationHost/sites/site[X]: the site has no root application (path=\"/\"); IIS cannot start it",
        "14:7:Error:system.applicationHost/sites/site[y.tbd]: duplicate site id \"2\" (first at 13:7)",
        "17:73:Error:system.webServer/aspNetCore/@hostingModel: invalid value \"sideways\": must be one of: InProcess, OutOfProcess",
    ];
    assert_eq!(got, expect);
}

#[test]
fn bindings_runtimes_identities_and_placeholders_iis_would_refuse() {
    let xml = r#"<configuration>
  <system.applicationHost>
    <applicationPools>
      <add name="Old" managedRuntimeVersion="v4.5" />
      <add name="Fine" managedRuntimeVersion="v2.0" />
      <add name="None" managedRuntimeVersion="" />
      <add name="Svc"><processModel identityType="SpecificUser" userName="" /></add>
      <add name="Svc2"><processModel identityType="SpecificUser" userName="CONTOSO\svc" /></add>
      <applicationPoolDefaults managedRuntimeVersion="4.0"><processModel identityType="SpecificUser" /></applicationPoolDefaults>
    </applicationPools>
    <sites>
      <site name="S" id="1">
        <application path="/" applicationPool="Fine"><virtualDirectory path="/" physicalPath="[ApplicationPhysicalPath]" /></application>
        <bindings>
          <binding protocol="http" bindingInformation="*:99999:host" />
          <binding protocol="https" bindingInformation=":[PORT]:localhost" />
          <binding protocol="http" bindingInformation="*:0:" />
          <binding protocol="net.tcp" bindingInformation="808:*" />
          <binding protocol="http" bindingInformation="[::1]:8080:" />
        </bindings>
      </site>
    </sites>
  </system.applicationHost>
  <system.webServer>
    <aspNetCore processPath="dotnet" hostingModel="[HostingModel]" arguments="app.dll --port [PORT]" />
    <rewrite><rules><rule name="r"><match url="^[ABC]x$" /></rule></rules></rewrite>
  </system.webServer>
</configuration>"#;
    let expect = [
        "4:7:Error:system.applicationHost/applicationPools/add[Old]: the identity is SpecificUser but processModel.userName is empty; the pool cannot start (set userName and password, or another identityType)",
        "4:23:Error:system.applicationHost/applicationPools/add[Old]/@managedRuntimeVersion: \"v4.5\" is not a .NET CLR version IIS knows (v4.0, v2.0, or \"\" for No Managed Code); the pool fails to start; .NET Framework 4.5 to 4.8 run on v4.0",
        // Old, Fine and None inherit SpecificUser from applicationPoolDefaults, with no userName.
        "5:7:Error:system.applicationHost/applicationPools/add[Fine]: the identity is SpecificUser but processModel.userName is empty; the pool cannot start (set userName and password, or another identityType)",
        "6:7:Error:system.applicationHost/applicationPools/add[None]: the identity is SpecificUser but processModel.userName is empty; the pool cannot start (set userName and password, or another identityType)",
        "7:7:Error:system.applicationHost/applicationPools/add[Svc]: the identity is SpecificUser but processModel.userName is empty; the pool cannot start (set userName and password, or another identityType)",
        "9:32:Error:system.applicationHost/applicationPools/applicationPoolDefaults/@managedRuntimeVersion: \"4.0\" is not a .NET CLR version IIS knows (v4.0, v2.0, or \"\" for No Managed Code); the pool fails to start; did you mean \"v4.0\"?",
        "13:81:Error:system.applicationHost/sites/site[S]/application[/]/virtualDirectory[/]/@physicalPath: [ApplicationPhysicalPath] looks like a template placeholder that was never filled in",
        "15:11:Error:system.applicationHost/sites/site[S]/bindings/binding[http/*:99999:host]: invalid binding \"http/*:99999:host\": expected ip:port:host with a port from 1 to 65535 (ip may be *, host may be empty); IIS cannot start the site",
        "16:11:Error:system.applicationHost/sites/site[S]/bindings/binding[https/:[PORT]:localhost]: binding https/:[PORT]:localhost: [PORT] looks like a template placeholder that was never filled in; IIS cannot start the site",
        "17:11:Error:system.applicationHost/sites/site[S]/bindings/binding[http/*:0:]: invalid binding \"http/*:0:\": expected ip:port:host with a port from 1 to 65535 (ip may be *, host may be empty); IIS cannot start the site",
        "25:38:Error:system.webServer/aspNetCore/@hostingModel: invalid value \"[HostingModel]\": must be one of: InProcess, OutOfProcess ([HostingModel] looks like a template placeholder that was never filled in)",
        "25:68:Warning:system.webServer/aspNetCore/@arguments: value \"app.dll --port [PORT]\": [PORT] looks like a template placeholder that was never filled in",
    ];
    let got = findings(xml);
    assert_eq!(got, expect, "\n{}", got.join("\n"));
}

#[test]
fn webserver_sections_are_checked_and_unknown_sections_counted() {
    let xml = r#"<configuration>
  <appSettings><add key="a" value="b" /></appSettings>
  <system.web><compilation debug="true" /></system.web>
  <location path="x">
    <system.web />
    <system.webServer>
      <directoryBrowse enabled="flase" />
      <httpErrors errorMode="Detailed2" />
      <defaultDocument><files><add value="index.html" /><add value="INDEX.html" /></files></defaultDocument>
      <security><requestFiltering><requestLimits maxAllowedContentLength="-1" /></requestFiltering></security>
      <handlers accessPolicy="Read, Script"><add name="h" path="*" verb="*" modules="M" resourceType="Sometimes" /></handlers>
      <httpProtocol><customHeaders><add name="X-Frame-Options" value="DENY" /></customHeaders></httpProtocol>
      <rewrite><rewriteMaps /></rewrite>
      <staticContent><clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="7.00:00:00" /></staticContent>
    </system.webServer>
  </location>
</configuration>"#;
    let doc = Document::parse_str(xml).expect("parses");
    let report = check(&doc, &SchemaSet::bundled());
    let got: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{}:{:?}:{}: {}", f.location, f.severity, f.place, f.message))
        .collect();
    assert_eq!(
        got,
        [
            "7:24:Error:system.webServer/directoryBrowse/@enabled: invalid value \"flase\": must be true or false",
            "8:19:Error:system.webServer/httpErrors/@errorMode: invalid value \"Detailed2\": must be one of: DetailedLocalOnly, Custom, Detailed",
            "9:57:Error:system.webServer/defaultDocument/files/add[INDEX.html]: duplicate add value \"index.html\" (first at 9:31)",
            "10:50:Error:system.webServer/security/requestFiltering/requestLimits/@maxAllowedContentLength: invalid value \"-1\": must be a whole number from 0 to 4294967295",
            "11:89:Error:system.webServer/handlers/add[h]/@resourceType: invalid value \"Sometimes\": must be one of: File, Directory, Either, Unspecified",
        ],
        "\n{}",
        got.join("\n")
    );
    assert_eq!(
        report.unchecked_sections,
        [
            "appSettings",
            "system.web",
            "system.webServer/rewrite/rewriteMaps"
        ]
    );
}

//! Windows command lines: splitting one the way `CommandLineToArgvW` does, and reading the
//! pool name a `w3wp.exe` was started for (`-ap "Pool"`). Pure, tested on recorded lines.

/// Splits a Windows command line into arguments (`CommandLineToArgvW` rules: the program name
/// ends at its closing quote; elsewhere `2n` backslashes before a quote give `n` and toggle
/// quoting, `2n+1` give `n` and a literal quote, `""` inside quotes is a literal quote).
pub fn split_windows(line: &str) -> Vec<String> {
    let mut args = Vec::new();
    let rest = line.trim_start_matches([' ', '\t']);
    // The program name: no escapes, quotes only group.
    let (program, mut rest) = if let Some(quoted) = rest.strip_prefix('"') {
        match quoted.find('"') {
            Some(end) => (&quoted[..end], &quoted[end + 1..]),
            None => (quoted, ""),
        }
    } else {
        let end = rest.find([' ', '\t']).unwrap_or(rest.len());
        (&rest[..end], &rest[end..])
    };
    if line.trim().is_empty() {
        return args;
    }
    args.push(program.to_owned());
    rest = rest.trim_start_matches([' ', '\t']);
    let mut current = String::new();
    let mut in_arg = false;
    let mut quoted = false;
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut count = 1;
                while chars.peek() == Some(&'\\') {
                    chars.next();
                    count += 1;
                }
                if chars.peek() == Some(&'"') {
                    current.extend(std::iter::repeat_n('\\', count / 2));
                    if count % 2 == 1 {
                        chars.next();
                        current.push('"');
                    }
                } else {
                    current.extend(std::iter::repeat_n('\\', count));
                }
                in_arg = true;
            }
            '"' => {
                if quoted && chars.peek() == Some(&'"') {
                    chars.next();
                    current.push('"');
                } else {
                    quoted = !quoted;
                }
                in_arg = true;
            }
            ' ' | '\t' if !quoted => {
                if in_arg {
                    args.push(std::mem::take(&mut current));
                    in_arg = false;
                }
            }
            _ => {
                current.push(c);
                in_arg = true;
            }
        }
    }
    if in_arg {
        args.push(current);
    }
    args
}

/// The arguments of a process: as given, or split when the whole line came as one string.
pub fn arguments(command_line: &[String]) -> Vec<String> {
    match command_line {
        [one] if one.contains([' ', '\t']) => split_windows(one),
        _ => command_line.to_vec(),
    }
}

/// The application pool a `w3wp.exe` command line names with `-ap "Pool"`.
pub fn w3wp_app_pool(command_line: &[String]) -> Option<String> {
    let args = arguments(command_line);
    let at = args.iter().position(|a| a.eq_ignore_ascii_case("-ap"))?;
    args.get(at + 1).filter(|p| !p.is_empty()).cloned()
}

/// The file name of a path written the Windows or POSIX way (`C:\x\w3wp.exe` → `w3wp.exe`).
pub fn file_name(path: &str) -> &str {
    path.rsplit(['\\', '/']).next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Command lines as Process Explorer / `wmic process get commandline` show them.
    const W3WP_DEFAULT: &str = r#"c:\windows\system32\inetsrv\w3wp.exe -ap "DefaultAppPool" -v "v4.0" -l "webengine4.dll" -a \\.\pipe\iisipm5b0a3c1e-7f4d-4b8e-9b61-2f1a3d4c5e6f -h "C:\inetpub\temp\apppools\DefaultAppPool\DefaultAppPool.config" -w "" -m 0 -t 20 -ta 0"#;
    const W3WP_SPACES: &str = r#"c:\windows\system32\inetsrv\w3wp.exe -ap "Shop Pool" -v "v4.0" -l "webengine4.dll" -a \\.\pipe\iisipm0d3e -h "C:\inetpub\temp\apppools\Shop Pool\Shop Pool.config" -w "" -m 0"#;
    const W3WP_NO_MANAGED: &str = r#"c:\windows\system32\inetsrv\w3wp.exe -ap "api.contoso.com" -v "" -a \\.\pipe\iisipm77aa -h "C:\inetpub\temp\apppools\api.contoso.com\api.contoso.com.config" -w "" -m 0 -t 20 -ta 0"#;
    const DOTNET_OUT_OF_PROCESS: &str = r#""C:\Program Files\dotnet\dotnet.exe" .\Contoso.Api.dll"#;

    #[test]
    fn reads_the_pool_of_recorded_w3wp_command_lines() {
        let one = |line: &str| vec![line.to_owned()];
        assert_eq!(
            w3wp_app_pool(&one(W3WP_DEFAULT)).as_deref(),
            Some("DefaultAppPool")
        );
        assert_eq!(
            w3wp_app_pool(&one(W3WP_NO_MANAGED)).as_deref(),
            Some("api.contoso.com")
        );
        assert_eq!(
            w3wp_app_pool(&one(W3WP_SPACES)).as_deref(),
            Some("Shop Pool")
        );
        // Already split (as sysinfo gives it on Windows).
        let split = split_windows(W3WP_DEFAULT);
        assert_eq!(split[0], r"c:\windows\system32\inetsrv\w3wp.exe");
        assert_eq!(split[9], r"-h");
        assert_eq!(
            split[10],
            r"C:\inetpub\temp\apppools\DefaultAppPool\DefaultAppPool.config"
        );
        assert_eq!(split[12], "");
        assert_eq!(w3wp_app_pool(&split).as_deref(), Some("DefaultAppPool"));
        assert_eq!(w3wp_app_pool(&one("w3wp.exe -debug")), None);
        assert_eq!(w3wp_app_pool(&split_windows("w3wp.exe -ap")), None);
    }

    #[test]
    fn splits_like_command_line_to_argv() {
        assert_eq!(
            split_windows(DOTNET_OUT_OF_PROCESS),
            [r"C:\Program Files\dotnet\dotnet.exe", r".\Contoso.Api.dll"]
        );
        assert_eq!(
            split_windows(r#"a.exe "x y" z\\"q r" \"lit\" b\\c "" e"#),
            ["a.exe", "x y", r#"z\q r"#, "\"lit\"", r"b\\c", "", "e"]
        );
        assert_eq!(split_windows("   "), Vec::<String>::new());
        assert_eq!(file_name(r"C:\x\W3WP.EXE"), "W3WP.EXE");
        assert_eq!(file_name("/usr/bin/dotnet"), "dotnet");
    }
}

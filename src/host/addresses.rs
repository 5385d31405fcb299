//! This machine's IP addresses, offered when a binding names one (IIS listens on a binding's
//! address only where the machine has it). Read through the `if-addrs` crate, which asks the
//! OS (getifaddrs, GetAdaptersAddresses) instead of parsing `ipconfig` output.

use std::net::IpAddr;

/// The addresses of this machine's interfaces: IPv4 first, then IPv6, loopback last; link-local
/// IPv6 addresses (which need a zone to be used) are left out. Empty when the OS will not say.
pub fn local_addresses() -> Vec<IpAddr> {
    let Ok(interfaces) = if_addrs::get_if_addrs() else {
        return Vec::new();
    };
    let mut addresses: Vec<IpAddr> = interfaces
        .iter()
        .map(|i| i.ip())
        .filter(|ip| !is_link_local_v6(ip))
        .collect();
    addresses.sort_by_key(|ip| (ip.is_loopback(), ip.is_ipv6(), *ip));
    addresses.dedup();
    addresses
}

fn is_link_local_v6(ip: &IpAddr) -> bool {
    matches!(ip, IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfe80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_comes_last_and_link_local_is_left_out() {
        let found = local_addresses();
        let first_loopback = found.iter().position(IpAddr::is_loopback);
        if let Some(at) = first_loopback {
            assert!(found[at..].iter().all(IpAddr::is_loopback), "{found:?}");
        }
        assert!(!found.iter().any(is_link_local_v6), "{found:?}");
        assert!(is_link_local_v6(&"fe80::1".parse().expect("ip")));
        assert!(!is_link_local_v6(&"2001:db8::1".parse().expect("ip")));
    }
}

package devserver

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
)

// browserHost returns the host a browser on this machine opens for a server listening on
// addr: the address itself, or 127.0.0.1 when it is the unspecified one (0.0.0.0 or ::,
// which a browser cannot open).
func browserHost(addr *net.TCPAddr) string {
	if addr.IP == nil || addr.IP.IsUnspecified() {
		return "127.0.0.1"
	}
	return addr.IP.String()
}

// allowedHosts returns the names a request's Host header may give for a server listening on
// addr: localhost and the loopback addresses, the address listened on, and, when listening
// on every interface, the machine's name and the addresses of its interfaces. Any other
// name is what a DNS-rebinding page would send to read the drafts dev serves.
func allowedHosts(addr *net.TCPAddr) map[string]bool {
	hosts := map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}
	if addr.IP != nil && !addr.IP.IsUnspecified() {
		hosts[addr.IP.String()] = true
		return hosts
	}
	if name, err := os.Hostname(); err == nil {
		hosts[strings.ToLower(name)] = true
		hosts[strings.ToLower(name)+".local"] = true
	}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				hosts[n.IP.String()] = true
			}
		}
	}
	return hosts
}

// hostGuard answers 403 to a request whose Host header is not one of hosts.
func hostGuard(hosts map[string]bool, url string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
		if !hosts[host] {
			http.Error(w, fmt.Sprintf("guidepost dev answers only to its own names: open %s", url), http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

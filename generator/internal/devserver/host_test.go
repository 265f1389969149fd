package devserver

import (
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
)

// TestHostHeader sends requests to a real dev server with Host headers a browser would send
// and one a DNS-rebinding page would: only the server's own names are answered.
func TestHostHeader(t *testing.T) {
	d := startDev(t, "../../..")
	_, port, _ := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(d.url, "http://"), "/"))
	for _, tt := range []struct {
		host string
		code int
	}{
		{"127.0.0.1:" + port, 200},
		{"localhost:" + port, 200},
		{"LOCALHOST", 200},
		{"[::1]:" + port, 200},
		{"evil.example:" + port, 403},
		{"evil.example", 403},
		{"127.0.0.1.evil.example", 403},
	} {
		req, _ := http.NewRequest("GET", d.url, nil)
		req.Host = tt.host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.code {
			t.Errorf("Host %s: %d, want %d", tt.host, resp.StatusCode, tt.code)
		}
		if tt.code == 403 && !strings.Contains(string(body), d.url) {
			t.Errorf("Host %s: the refusal does not name the address to open: %s", tt.host, body)
		}
	}
}

// TestURLForWideBind: a server bound to every interface prints an address a browser can
// open, and accepts the machine's own name.
func TestURLForWideBind(t *testing.T) {
	for _, bind := range []string{"0.0.0.0", "::"} {
		ln, err := Listen(bind, 0)
		if err != nil {
			t.Skipf("cannot listen on %s: %v", bind, err)
		}
		u := URL(ln)
		ln.Close()
		if !strings.HasPrefix(u, "http://127.0.0.1:") {
			t.Errorf("bind %s: URL %s", bind, u)
		}
	}
	hosts := allowedHosts(&net.TCPAddr{IP: net.IPv4zero})
	if name, err := os.Hostname(); err == nil && !hosts[strings.ToLower(name)] {
		t.Errorf("the machine's name %s is not allowed: %v", name, hosts)
	}
	if hosts["evil.example"] {
		t.Error("allowed a stranger")
	}
}

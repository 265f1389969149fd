package main

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"

	"guidepost/generator/internal/devserver"
)

func (m *Main) dev(ctx context.Context, args []string) error {
	fs := m.flags("dev", "[flags]", "Serves the site, drafts included and marked, rebuilds it when a file of content/ or templates/\n"+
		"changes, and reloads the browser. A failed rebuild keeps the last good site served and shows its errors\n"+
		"in the browser. Stop it with Ctrl-C.")
	port := fs.Int("port", 1313, "the `port` to listen on; when it is taken, the next free one")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; 0.0.0.0 lets other machines in")
	open := fs.Bool("open", false, "open the site in the default browser")
	lim := limitFlags(fs)
	if err := parse(fs, args, 0); err != nil {
		return okOnHelp(err)
	}
	if *port < 0 || *port > 65535 {
		return m.usageError("dev", "[flags]", fmt.Sprintf("--port %d is not a port number (0 to 65535)", *port))
	}
	dir, err := filepath.Abs(m.Dir)
	if err != nil {
		return fmt.Errorf("dev: %w", err)
	}
	ln, err := devserver.Listen(*bind, *port)
	if err != nil {
		fmt.Fprintf(m.Stderr, "guidepost: %v\n", err)
		return ErrFailed
	}
	url := devserver.URL(ln)
	if got := ln.Addr().(*net.TCPAddr).Port; *port != 0 && got != *port {
		fmt.Fprintf(m.Stdout, "port %d is taken: using port %d instead\n", *port, got)
	}
	fmt.Fprintf(m.Stdout, "serving the site with drafts at %s (Ctrl-C to stop)\n", url)
	if *open {
		m.openBrowser(url)
	}
	opts := m.options()
	opts.Limits = *lim
	if err := devserver.New(ln, devserver.Config{Dir: dir, Options: opts, Log: m.Stdout}).Run(ctx); err != nil {
		fmt.Fprintf(m.Stderr, "guidepost: %v\n", err)
		return ErrFailed
	}
	fmt.Fprintln(m.Stdout, "stopped")
	return nil
}

// openBrowser opens url with xdg-open (or open on macOS) when there is one.
func (m *Main) openBrowser(url string) {
	for _, name := range []string{"xdg-open", "open"} {
		bin, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		cmd := exec.Command(bin, url)
		if err := cmd.Start(); err != nil {
			fmt.Fprintf(m.Stderr, "guidepost: cannot open a browser: %v\n", err)
			return
		}
		go cmd.Wait() // reap it; the browser it starts lives on
		return
	}
	fmt.Fprintf(m.Stderr, "guidepost: no xdg-open here: open %s yourself\n", url)
}

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", "[--source DIR] [--port 1313] [--bind 127.0.0.1] [--drafts] [--open]",
		"Builds the site in memory and serves it; when a file changes it rebuilds, and open\n"+
			"pages reload by themselves (or show the problems, while the last good build stays\n"+
			"served). Nothing is written to disk: public/ stays as it was.", stderr)
	var opts serve.Options
	fs.StringVar(&opts.Source, "source", ".", "site folder")
	fs.IntVar(&opts.Port, "port", 1313, "port to listen on; if it is in use, the next free one is taken")
	fs.StringVar(&opts.Bind, "bind", "127.0.0.1", "address to listen on (0.0.0.0 lets other computers on the network see the preview)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include narratives marked draft: true")
	open := fs.Bool("open", false, "open the site in the default web browser")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "folio serve: unexpected argument %q (use --source DIR)\n", fs.Arg(0))
		return exitUsage
	}
	if opts.Port < 0 || opts.Port > 65535 {
		fmt.Fprintf(stderr, "folio serve: --port %d is not a port number (0 to 65535)\n", opts.Port)
		return exitUsage
	}
	if !checkSource("serve", opts.Source, stderr) {
		return exitUsage
	}
	opts.Logger = stdout
	if *open {
		opts.OnListen = func(url string) { openBrowser(url, stderr) }
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, err := serve.New(opts)
	if err != nil {
		fmt.Fprintf(stderr, "folio serve: %s\n", generator.Printable(err.Error()))
		return exitSite
	}
	if err := s.Run(ctx); err != nil {
		fmt.Fprintf(stderr, "folio serve: %s\n", generator.Printable(err.Error()))
		return exitSite
	}
	fmt.Fprintln(stdout, "folio: stopped")
	return exitOK
}

// openBrowser opens url with the system's handler, without waiting for it.
func openBrowser(url string, stderr io.Writer) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "folio serve: could not open a browser (%v); open %s yourself\n", err, url)
		return
	}
	go cmd.Wait() // reap it
}

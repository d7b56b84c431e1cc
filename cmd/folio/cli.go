package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/folio-sites/folio/generator"
)

// Exit codes.
const (
	exitOK    = 0
	exitSite  = 1 // content or data errors, or a failed write
	exitUsage = 2
)

type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "build the site into public/", runBuild},
		{"check", "check content and data, write nothing, list every problem", runCheck},
		{"new", "create a site (new site DIR) or a school (new school ID)", runNew},
		{"serve", "preview the site: serve it from memory, rebuild and reload on change", runServe},
		{"bench", "write a synthetic district for benchmarks (bench generate)", runBench},
		{"version", "print folio's version", runVersion},
		{"help", "show this help", nil},
	}
}

// run is the whole CLI, testable without a subprocess.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return run([]string{rest[0], "-h"}, stdout, stderr)
		}
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(rest, stdout, stderr)
		}
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	if hint := generator.DidYouMean(name, names); hint != "" {
		fmt.Fprintf(stderr, "folio: unknown command %q — %s\n\n", name, hint)
	} else {
		fmt.Fprintf(stderr, "folio: unknown command %q\n\n", name)
	}
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "folio builds school-district improvement portfolios into a static website.")
	fmt.Fprintln(w, "\nUsage:\n  folio <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'folio <command> -h' for a command's flags.")
}

// newFlagSet makes a flag set that prints its usage to stderr (stdout for
// -h) and reports errors instead of exiting.
func newFlagSet(name, args, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: folio %s %s\n\n%s\n", name, args, about)
		if hasFlags(fs) {
			fmt.Fprintln(fs.Output(), "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parse parses flags, returning the exit code to use when parsing ends the
// command (help asked, or bad usage).
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(stdout)
			fs.Usage()
			return exitOK, false
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	return 0, true
}

// plural writes "1 page", "3 pages" or "2,016,000 errors".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "s") {
		return generator.Thousands(n) + " " + word + "es"
	}
	return generator.Thousands(n) + " " + word + "s"
}

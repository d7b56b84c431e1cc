package main

import (
	"fmt"
	"io"
	"regexp"
	"runtime/debug"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3";
// a binary from `go install …@v1.2.3` knows it from its build info.
var version = "dev"

// defaultRelease is the folio release that `folio new site` pins in the
// site's workflow when this folio is a development build (built from a
// checkout, not a release): the release current when this source was
// written. Raise it with each release.
const defaultRelease = "v0.1.0"

// releasePattern is a release tag, v1.2.3 or v1.2.3-rc.1, not a
// pseudo-version (v0.0.0-20261126140000-6d37462abcde), which names a
// commit that may exist only on the machine that built it.
var (
	releasePattern = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$`)
	pseudoPattern  = regexp.MustCompile(`\d{14}-[0-9a-f]{12}$`)
)

// buildVersion returns the version of the running folio and whether it is
// a release: the -ldflags version, else the module version from the build
// info (set by `go install …@v1.2.3`, and by `go build` in a checkout at a
// tag).
func buildVersion() (string, bool) {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok && v == "dev" && info.Main.Version != "" {
		v = info.Main.Version
	}
	return v, releasePattern.MatchString(v) && !pseudoPattern.MatchString(v)
}

// releaseToPin is the folio release a new site's workflow installs: this
// folio's own version if it is a release, else defaultRelease.
func releaseToPin() (string, bool) {
	if v, ok := buildVersion(); ok {
		return v, true
	}
	return defaultRelease, false
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", "", "Prints folio's version, the commit it was built from, and the Go version.", stderr)
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	v, _ := buildVersion()
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintf(stdout, "folio %s\n", v)
		return exitOK
	}
	var commit, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if commit != "" {
		fmt.Fprintf(stdout, "folio %s (commit %s%s) %s\n", v, commit, modified, info.GoVersion)
	} else {
		fmt.Fprintf(stdout, "folio %s %s\n", v, info.GoVersion)
	}
	return exitOK
}

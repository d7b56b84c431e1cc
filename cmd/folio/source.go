package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// checkSource reports, for command cmd, whether source is a folder folio
// can read as a site, and says what is wrong on stderr when it is not. A
// folder inside a site (such as content/) names the site folder above it:
// "run folio from /path/to/site, or pass --source ..".
func checkSource(cmd, source string, stderr io.Writer) bool {
	if fi, err := os.Stat(source); err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "folio %s: source folder %s does not exist or is not a folder\n", cmd, source)
		return false
	}
	if isSite(source) {
		return true
	}
	abs, err := filepath.Abs(source)
	if err != nil {
		return true // let the build say what it finds
	}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if isSite(dir) {
			rel, err := filepath.Rel(abs, dir)
			if err != nil {
				rel = dir
			}
			if source != "." {
				rel = filepath.Join(source, rel)
			}
			fmt.Fprintf(stderr, "folio %s: %s is inside a site, not a site folder (it has no content/ or folio.yaml); run folio from %s, or pass --source %s\n",
				cmd, abs, dir, rel)
			return false
		}
		if filepath.Dir(dir) == dir {
			return true // no site above either: an empty site is built as it is
		}
	}
}

// isSite reports whether dir holds a site: a folio.yaml or a content/
// folder.
func isSite(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, "folio.yaml")); err == nil {
		return true
	}
	fi, err := os.Stat(filepath.Join(dir, "content"))
	return err == nil && fi.IsDir()
}

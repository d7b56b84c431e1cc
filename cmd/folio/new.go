package main

import (
	"fmt"
	"io"
	"time"

	"github.com/folio-sites/folio/generator/scaffold"
)

const newUsage = "Usage: folio new site DIR\n       folio new school ID [--name \"School name\"] [--source DIR]"

func runNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "site" && args[0] != "school" && args[0] != "-h" && args[0] != "--help" && args[0] != "-help") {
		fmt.Fprintln(stderr, newUsage)
		return exitUsage
	}
	switch args[0] {
	case "site":
		return runNewSite(args[1:], stdout, stderr)
	case "school":
		return runNewSchool(args[1:], stdout, stderr)
	}
	fmt.Fprintln(stdout, newUsage)
	return exitOK
}

func runNewSite(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("new site", "DIR", "Creates a working starter site with one school in DIR.", stderr)
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	dir := fs.Arg(0)
	written, err := scaffold.NewSite(dir)
	if err != nil {
		fmt.Fprintf(stderr, "folio new site: %v\n", err)
		return exitSite
	}
	fmt.Fprintf(stdout, "Created a site in %s (%s). Next:\n  cd %s\n  folio build\n", dir, plural(len(written), "file"), dir)
	return exitOK
}

func runNewSchool(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("new school", "ID [--name \"School name\"] [--source DIR]",
		"Creates content/schools/ID/ with a starter profile and a draft narrative.\nID is a lowercase slug such as lincoln-middle.", stderr)
	name := fs.String("name", "", "the school's full name (default: from the id)")
	source := fs.String("source", ".", "site folder")
	// Allow the id before or after the flags.
	var id string
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		id, args = args[0], args[1:]
	}
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if id == "" && fs.NArg() > 0 {
		id = fs.Arg(0)
	}
	if id == "" || fs.NArg() > 1 {
		fs.Usage()
		return exitUsage
	}
	if msg := scaffold.CheckSchoolID(id); msg != "" {
		fmt.Fprintf(stderr, "folio new school: %s\n", msg)
		return exitUsage
	}
	written, err := scaffold.NewSchool(*source, id, *name, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "folio new school: %v\n", err)
		return exitSite
	}
	for _, w := range written {
		fmt.Fprintf(stdout, "created %s\n", w)
	}
	return exitOK
}

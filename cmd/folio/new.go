package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/config"
	"github.com/folio-sites/folio/generator/content"
	"github.com/folio-sites/folio/generator/scaffold"
)

const newUsage = "Usage: folio new site DIR\n       folio new school ID [--name \"School name\"] [--level middle] [--grades 6-8] [--source DIR]"

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
	fs := newFlagSet("new site", "DIR",
		"Creates a district's portfolio repository in DIR: a home page, one school with a\n"+
			"narrative, a commented template of every data file, folio.yaml, a README for the\n"+
			"district's authors, and a GitHub workflow that checks the site and publishes it on\n"+
			"GitHub Pages with this release of folio.", stderr)
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	dir := fs.Arg(0)
	release, isRelease := releaseToPin()
	written, err := scaffold.NewSite(dir, scaffold.SiteOptions{FolioVersion: release})
	if err != nil {
		fmt.Fprintf(stderr, "folio new site: %v\n", err)
		return exitSite
	}
	fmt.Fprintf(stdout, "Created a district portfolio in %s (%s). Next:\n", dir, plural(len(written), "file"))
	fmt.Fprintf(stdout, "  cd %s\n  folio serve            preview it at http://127.0.0.1:1313/ while you edit\n", dir)
	fmt.Fprintf(stdout, "  then push it to a new GitHub repository and, in its Settings → Pages, set Source to\n  GitHub Actions: README.md says how, step by step.\n")
	if !isRelease {
		fmt.Fprintf(stdout, "This folio is a development build, so the workflow installs folio %s; to pin\nanother release, edit the install line of .github/workflows/pages.yml.\n", release)
	}
	return exitOK
}

func runNewSchool(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("new school", "ID [--name \"School name\"] [--level middle] [--grades 6-8] [--source DIR]",
		"Creates content/schools/ID/ with a starter profile and a draft narrative.\nID is a lowercase slug such as lincoln-middle.", stderr)
	var o scaffold.SchoolOptions
	fs.StringVar(&o.Name, "name", "", "the school's full name (default: from the id)")
	fs.StringVar(&o.Level, "level", "", "elementary, middle, high, or a level declared in folio.yaml (default: from the name)")
	fs.StringVar(&o.Grades, "grades", "", "the grades taught, e.g. 6-8 (default: from the level)")
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
	if o.Level != "" {
		var ds generator.Diagnostics
		cfg := config.Load(os.DirFS(*source), &ds)
		id, hint := content.Level(o.Level, cfg.Levels)
		if hint != "" {
			fmt.Fprintf(stderr, "folio new school: --level '%s' is not a school level — %s\n", o.Level, hint)
			return exitUsage
		}
		o.Level = id
	}
	written, err := scaffold.NewSchool(*source, id, o, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "folio new school: %v\n", err)
		return exitSite
	}
	for _, w := range written {
		fmt.Fprintf(stdout, "created %s\n", w)
	}
	return exitOK
}

package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/sitefs"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", "[--source DIR] [--strict] [--all] [--format text|github] [--privacy]",
		"Loads and validates the whole site, writes nothing, and lists every problem.\n"+
			"Exits 1 if there is any error (or any warning with --strict).\n"+
			"The same problem on many rows of one file is listed once, with a count, and at most\n"+
			"50 lines are printed per file; --all lists every one.", stderr)
	// Minified as a build is: a theme's script that minify cannot read
	// fails the build, so it fails the check.
	opts := build.Options{Minify: true}
	fs.StringVar(&opts.Source, "source", ".", "site folder")
	fs.BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&opts.Drafts, "drafts", true, "check drafts too")
	all := fs.Bool("all", false, "list every problem on its own line: nothing grouped, nothing left out")
	format := fs.String("format", defaultFormat(), "text, or github for annotations in GitHub Actions (the default when GITHUB_ACTIONS=true)")
	privacy := fs.Bool("privacy", false, "also list every achievement and trust value withheld from publication, and why")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "folio check: unexpected argument %q (use --source DIR)\n", fs.Arg(0))
		return exitUsage
	}
	f, ok := generator.ParseFormat(*format)
	if !ok {
		fmt.Fprintf(stderr, "folio check: --format %q: write text or github\n", *format)
		return exitUsage
	}
	if !checkSource("check", opts.Source, stderr) {
		return exitUsage
	}
	res, err := build.Check(sitefs.Dir(opts.Source), opts)
	if res != nil {
		res.Diagnostics.Print(stdout, generator.PrintOptions{Format: f, All: *all})
		if *privacy && res.Site != nil && res.Site.Evidence != nil {
			printWithheld(stdout, res.Site.Evidence.Withheld)
		}
	}
	if err != nil {
		if !build.IsSiteError(err) {
			fmt.Fprintf(stderr, "folio check: %s\n", generator.Printable(err.Error()))
			return exitSite
		}
		fmt.Fprintf(stdout, "folio check: %s\n", countProblems(res.Diagnostics))
		return exitSite
	}
	if len(res.Diagnostics) > 0 {
		fmt.Fprintf(stdout, "folio check: %s\n", countProblems(res.Diagnostics))
	} else {
		fmt.Fprintf(stdout, "folio check: no problems (%s)\n", plural(res.Pages, "page"))
	}
	return exitOK
}

// defaultFormat is github inside GitHub Actions, which sets
// GITHUB_ACTIONS=true, and text elsewhere.
func defaultFormat() string {
	if os.Getenv("GITHUB_ACTIONS") == "true" {
		return "github"
	}
	return "text"
}

// printWithheld lists every value withheld from publication, by file and
// line, with why, then the totals: the review of the person who signs off
// on publishing.
func printWithheld(w io.Writer, withheld []generator.Withheld) {
	fmt.Fprintln(w, "Withheld from publication:")
	counts := map[string]int{}
	for _, v := range withheld {
		fmt.Fprintf(w, "%s: %s: %s\n", v.Pos, generator.Printable(v.What), v.Why)
		counts[v.Why]++
	}
	var parts []string
	for _, why := range []string{"small group", "complementary", "coded", "at source"} {
		if counts[why] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[why], why))
		}
	}
	if len(withheld) == 0 {
		fmt.Fprintln(w, "nothing is withheld")
		return
	}
	fmt.Fprintf(w, "%s withheld: %s\n", plural(len(withheld), "value"), strings.Join(parts, ", "))
	// Why a value was hidden beside others, below the list (whose lines
	// other tools read as they are): a school's all students hidden at a
	// school of 150 asks for it.
	header := false
	for _, v := range withheld {
		if v.Protects == "" {
			continue
		}
		if !header {
			fmt.Fprintln(w, "Withheld as complementary, each beside a value it protects:")
			header = true
		}
		fmt.Fprintf(w, "%s: %s, to protect %s: %s\n", v.Pos, generator.Printable(v.What), v.ProtectsPos, generator.Printable(v.Protects))
	}
}

package main

import (
	"fmt"
	"io"
	"os"

	"github.com/folio-sites/folio/generator/build"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", "[--source DIR] [--strict]",
		"Loads and validates the whole site, writes nothing, and lists every problem.\nExits 1 if there is any error (or any warning with --strict).", stderr)
	var opts build.Options
	fs.StringVar(&opts.Source, "source", ".", "site folder")
	fs.BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&opts.Drafts, "drafts", true, "check drafts too")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "folio check: unexpected argument %q (use --source DIR)\n", fs.Arg(0))
		return exitUsage
	}
	if fi, err := os.Stat(opts.Source); err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "folio check: source folder %s does not exist or is not a folder\n", opts.Source)
		return exitUsage
	}
	res, err := build.Generate(os.DirFS(opts.Source), opts)
	if res != nil {
		printDiagnostics(stdout, res.Diagnostics)
	}
	if err != nil {
		if !build.IsSiteError(err) {
			fmt.Fprintf(stderr, "folio check: %v\n", err)
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

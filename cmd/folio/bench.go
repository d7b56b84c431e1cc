package main

import (
	"fmt"
	"io"

	"github.com/folio-sites/folio/generator/benchsite"
)

const benchUsage = "Usage: folio bench generate --schools N --narratives K --years Y [--seed S] DIR"

func runBench(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "generate" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprintln(stdout, benchUsage)
			return exitOK
		}
		fmt.Fprintln(stderr, benchUsage)
		return exitUsage
	}
	fs := newFlagSet("bench generate", "--schools N --narratives K --years Y DIR",
		"Writes a realistic synthetic district site into DIR, the same for the same flags:\nN schools with K narratives each (about 600 words), and Y years of installation,\ntrust and achievement evidence, including small groups that are suppressed.\nBuild it with: folio build --source DIR --stats", stderr)
	var o benchsite.Options
	fs.IntVar(&o.Schools, "schools", 100, "number of schools")
	fs.IntVar(&o.Narratives, "narratives", 5, "narratives per school")
	fs.IntVar(&o.Years, "years", 3, "years of evidence")
	fs.Uint64Var(&o.Seed, "seed", 0, "vary the generated text and numbers")
	rest := args[1:]
	var dir string
	if len(rest) > 0 && len(rest[0]) > 0 && rest[0][0] != '-' {
		dir, rest = rest[0], rest[1:]
	}
	if code, ok := parse(fs, rest, stdout); !ok {
		return code
	}
	if dir == "" && fs.NArg() == 1 {
		dir = fs.Arg(0)
	} else if fs.NArg() > 0 || dir == "" {
		fs.Usage()
		return exitUsage
	}
	if o.Schools < 1 || o.Narratives < 0 || o.Years < 1 {
		fmt.Fprintf(stderr, "folio bench generate: need --schools ≥ 1, --narratives ≥ 0 and --years ≥ 1\n")
		return exitUsage
	}
	if err := benchsite.Generate(dir, o); err != nil {
		fmt.Fprintf(stderr, "folio bench generate: %v\n", err)
		return exitSite
	}
	fmt.Fprintf(stdout, "wrote a district of %d schools × %d narratives, %d years of evidence, to %s\n", o.Schools, o.Narratives, o.Years, dir)
	return exitOK
}

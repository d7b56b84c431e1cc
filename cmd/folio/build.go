package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/config"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("build", "[--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--since YYYY-MM-DD]",
		"Builds the site in --source into --dest. Nothing is written if the site has errors;\nthe previous output stays as it was.", stderr)
	var opts build.Options
	fs.StringVar(&opts.Source, "source", ".", "site folder (holds content/, data/, folio.yaml)")
	fs.StringVar(&opts.Dest, "dest", "", "output folder (default SOURCE/public)")
	fs.StringVar(&opts.BaseURL, "base-url", "", "URL the site is published at, e.g. https://district.github.io/portfolio/ (overrides folio.yaml)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include narratives marked draft: true")
	since := fs.String("since", "", "show what changed since this date, `YYYY-MM-DD` (the last board meeting; overrides folio.yaml's board.since)")
	fs.BoolVar(&opts.Minify, "minify", true, "minify HTML, CSS, JS, SVG, JSON and XML (--minify=false to turn off)")
	opts.Fingerprint = true
	stats := fs.Bool("stats", false, "print pages, charts, bytes written, time per stage and peak heap")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to `FILE`")
	memProfile := fs.String("memprofile", "", "write a heap profile to `FILE` after the build")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	stopProfiles, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		fmt.Fprintf(stderr, "folio build: %v\n", err)
		return exitUsage
	}
	defer stopProfiles()
	var peak *heapSampler
	if *stats {
		peak = sampleHeap()
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "folio build: unexpected argument %q (use --source DIR)\n", fs.Arg(0))
		return exitUsage
	}
	if opts.BaseURL != "" {
		if msg := config.CheckBaseURL(opts.BaseURL); msg != "" {
			fmt.Fprintf(stderr, "folio build: --base-url: %s (write it like https://district.github.io/portfolio/)\n", msg)
			return exitUsage
		}
	}
	if *since != "" {
		t, err := time.Parse("2006-01-02", *since)
		if err != nil {
			fmt.Fprintf(stderr, "folio build: --since: '%s' is not a date (write it like 2025-09-01)\n", generator.Printable(*since))
			return exitUsage
		}
		opts.Since = t
	}
	if !checkSource("build", opts.Source, stderr) {
		return exitUsage
	}
	res, err := buildUntilInterrupted(opts, stderr)
	var sig interrupted
	if errors.As(err, &sig) {
		fmt.Fprintf(stderr, "folio build: %v; nothing was written, the previous output is as it was\n", sig)
		return sig.exitCode()
	}
	if res != nil {
		printDiagnostics(stderr, res.Diagnostics)
	}
	if err != nil {
		if build.IsSiteError(err) {
			fmt.Fprintf(stderr, "folio build: %s; nothing was written\n", countProblems(res.Diagnostics))
		} else {
			fmt.Fprintf(stderr, "folio build: %s\n", generator.Printable(err.Error()))
		}
		return exitSite
	}
	dest := opts.Dest
	if dest == "" {
		dest = "public"
		if opts.Source != "." {
			dest = opts.Source + "/public"
		}
	}
	if peak != nil {
		printStats(stdout, res, peak.stop())
	}
	saved := ""
	if opts.Minify {
		saved = fmt.Sprintf(", %s saved by minifying", formatBytes(res.Minified.Saved()))
	}
	fmt.Fprintf(stdout, "folio: built %s, %s, %s (%s%s) in %s → %s\n",
		plural(res.Pages, "page"), plural(res.Charts, "chart"), plural(res.Written.Files, "file"),
		formatBytes(res.Written.Bytes), saved, res.Duration.Round(time.Millisecond), dest)
	if n := res.DraftsLeftOut; n > 0 {
		fmt.Fprintf(stdout, "folio: left out %s marked draft: true; folio build --drafts includes them, folio serve --drafts previews them\n", plural(n, "draft"))
	}
	return exitOK
}

// printDiagnostics prints problems grouped, as `folio check` does without
// --all.
func printDiagnostics(w io.Writer, ds generator.Diagnostics) {
	ds.Print(w, generator.PrintOptions{})
}

func countProblems(ds generator.Diagnostics) string {
	errs, warns := ds.Count()
	s := plural(errs, "error")
	if warns > 0 {
		s += ", " + plural(warns, "warning")
	}
	return s
}

func formatBytes(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1e6:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
}

// interruptGrace is how long folio build waits, after Ctrl-C, for the
// stage under way to end. The temporary folder is removed at once; a
// stage that takes longer is not waited for.
const interruptGrace = 10 * time.Second

// buildUntilInterrupted runs the build; on Ctrl-C or SIGTERM the build
// removes its temporary folder and stops, and the error is an
// interrupted.
func buildUntilInterrupted(opts build.Options, stderr io.Writer) (*build.Result, error) {
	ctx, stop := withSignals(func() {
		fmt.Fprintln(stderr, "folio build: stopping; press Ctrl-C again to quit at once")
	})
	defer stop()
	type outcome struct {
		res *build.Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := build.BuildContext(ctx, opts)
		done <- outcome{res, err}
	}()
	select {
	case o := <-done:
		return o.res, o.err
	case <-ctx.Done():
	}
	select {
	case o := <-done:
		if o.err == nil {
			return o.res, nil // finished just as the signal came
		}
	case <-time.After(interruptGrace):
	}
	return nil, context.Cause(ctx)
}

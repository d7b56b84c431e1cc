// Package build runs a whole build as stages in order — configuration,
// content, evidence, site assembly, rendering — and, for `folio build`,
// writes the result atomically. `folio check` and `folio serve` run the
// same stages.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/config"
	"github.com/folio-sites/folio/generator/content"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/goals"
	"github.com/folio-sites/folio/generator/internal/parallel"
	"github.com/folio-sites/folio/generator/optimize"
	"github.com/folio-sites/folio/generator/publish"
	"github.com/folio-sites/folio/generator/render"
	"github.com/folio-sites/folio/generator/site"
	"github.com/folio-sites/folio/generator/sitefs"
)

// Options are the inputs of a build besides the site's files.
type Options struct {
	// Source is the site folder; Dest the output folder (default
	// Source/public).
	Source string
	Dest   string
	// BaseURL, when set, overrides folio.yaml's base_url.
	BaseURL string
	// Drafts includes narratives marked draft.
	Drafts bool
	// Strict turns warnings into errors.
	Strict bool
	// Minify minifies HTML, CSS, JS, SVG, JSON and XML.
	Minify bool
	// Fingerprint publishes CSS and JS under content-hashed names.
	Fingerprint bool
	// Since, when set, overrides folio.yaml's board.since: the date the
	// site shows changes since.
	Since time.Time
}

// Result is what a build produced.
type Result struct {
	Site  *site.Site
	Files []generator.File
	// Diagnostics holds every problem found, errors and warnings, sorted.
	Diagnostics generator.Diagnostics
	Pages       int
	Charts      int
	// DraftsLeftOut counts the narratives marked draft: true that were
	// left out (Options.Drafts off).
	DraftsLeftOut int
	// Minified says how many bytes minifying saved.
	Minified optimize.Stats
	// Written is set by Build once the files are on disk.
	Written publish.Stats
	// Duration is the wall time of the stages.
	Duration time.Duration
	// Stages is the wall time of each stage, in order.
	Stages []Stage

	// What a Session needs to re-render pages after an edit.
	templates *render.Templates
	assets    optimize.Assets
	minifier  *optimize.Minifier
}

// Stage is the time one stage of a build took.
type Stage struct {
	Name     string
	Duration time.Duration
}

// timer records stage times into a Result.
type timer struct {
	res  *Result
	last time.Time
}

func (t *timer) done(name string) {
	now := time.Now()
	t.res.Stages = append(t.res.Stages, Stage{Name: name, Duration: now.Sub(t.last)})
	t.last = now
}

// Generate runs every stage on the site in fsys and returns the files in
// memory, sorted by path. When the site has errors, it returns them as a
// *generator.DiagnosticsError and a Result holding the diagnostics.
func Generate(fsys fs.FS, opts Options) (*Result, error) {
	var mu sync.Mutex
	var files []generator.File
	res, err := run(fsys, opts, func(f generator.File) error {
		mu.Lock()
		files = append(files, f)
		mu.Unlock()
		return nil
	})
	if err != nil {
		return res, err
	}
	slices.SortFunc(files, func(a, b generator.File) int { return strings.Compare(a.Path, b.Path) })
	res.Files = files
	return res, nil
}

// run executes the stages in order and hands every output file to sink,
// from many goroutines, as soon as it is ready (minified when asked), so
// that `folio build` writes pages as they are rendered. Before any file
// reaches sink, the content, data and templates are known to be free of
// errors; a template that fails while executing is reported after.
func run(fsys fs.FS, opts Options, sink func(generator.File) error) (*Result, error) {
	start := time.Now()
	res := &Result{}
	var ds generator.Diagnostics
	defer func() {
		if opts.Strict {
			ds = ds.Promote()
		}
		ds.Sort()
		res.Diagnostics = ds
		res.Duration = time.Since(start)
	}()

	tm := &timer{res: res, last: start}
	sitefs.Check(fsys, &ds)
	cfg := config.Load(fsys, &ds)
	if opts.BaseURL != "" {
		cfg.BaseURL = opts.BaseURL
	}
	cfg.Drafts = opts.Drafts
	if !opts.Since.IsZero() {
		cfg.Board.Since = opts.Since
	}
	c := content.Load(fsys, cfg, &ds)
	res.DraftsLeftOut = c.DraftsLeftOut
	tm.done("content")
	known := evidence.KnownFrom(c)
	ev := evidence.Load(fsys, known, &ds)
	ev.Goals = goals.Load(fsys, known, ev, &ds)
	tm.done("evidence")
	s := site.Assemble(cfg, c, ev, &ds)
	res.Site = s
	tm.done("assemble")

	theme, err := render.LoadTheme(fsys, cfg.Theme)
	if err != nil {
		ds.Errorf(generator.Pos{File: config.File}, "", "%v", err)
		return res, fail(&ds, opts)
	}
	templates := theme.Templates(&ds)
	if templates == nil || ds.HasErrors() || (opts.Strict && len(ds) > 0) {
		return res, fail(&ds, opts)
	}
	static := theme.StaticFiles()
	var minifier *optimize.Minifier
	if opts.Minify {
		minifier = optimize.NewMinifier()
		if res.Minified, err = minifier.Files(static); err != nil {
			return res, err
		}
	}
	assets := optimize.Assets{}
	if opts.Fingerprint {
		if assets, err = optimize.Fingerprint(static); err != nil {
			return res, err
		}
	}
	tm.done("theme")
	res.templates, res.assets, res.minifier = templates, assets, minifier
	extras := render.Extras(s)
	checkCollisions(s, extras, static, c.Artifacts, &ds)
	if ds.HasErrors() {
		return res, fail(&ds, opts)
	}

	var mu sync.Mutex
	emit := func(f generator.File) error {
		if minifier != nil {
			st, err := minifier.File(&f)
			if err != nil {
				return err
			}
			mu.Lock()
			res.Minified.Add(st)
			mu.Unlock()
		}
		return sink(f)
	}
	if err := render.Stream(s, templates, assets, &ds, func(_ int, f generator.File) error { return emit(f) }); err != nil {
		return res, err
	}
	if ds.HasErrors() {
		return res, fail(&ds, opts)
	}
	contentFS, err := fs.Sub(fsys, "content")
	if err != nil {
		return res, err
	}
	// The theme's static files were minified (and hashed for their
	// integrity digests) above: they go out as they are, since a second
	// minify pass would change the bytes the digest was computed over.
	rest := extras
	for _, a := range c.Artifacts {
		rest = append(rest, generator.File{Path: a.Path, Source: a.Path, SourceFS: contentFS})
	}
	errs := parallel.Map(len(rest)+len(static), func(i int) error {
		if i < len(rest) {
			return emit(rest[i])
		}
		return sink(static[i-len(rest)])
	})
	for _, err := range errs {
		if err != nil {
			return res, err
		}
	}
	tm.done("render+write")
	for _, p := range s.Pages {
		res.Charts += len(p.Charts())
	}
	res.Pages = len(s.Pages)
	return res, nil
}

// checkCollisions reports evidence files whose output path is also a file
// the build writes itself — the sitemap or feed (extras), a static file of
// the theme, a chart's CSV — so that `folio check` finds it, not the
// write. (Artifacts that collide with a page are reported by
// site.Assemble.)
func checkCollisions(s *site.Site, extras, static []generator.File, arts []generator.Artifact, ds *generator.Diagnostics) {
	own := map[string]string{}
	for _, f := range extras {
		own[f.Path] = "the site's " + f.Path
	}
	for _, f := range static {
		own[f.Path] = "the theme's " + f.Path
	}
	for _, p := range s.Pages {
		for _, c := range p.Charts() {
			if c.Home == p.URL {
				own[strings.TrimPrefix(c.CSVPath(), "/")] = "the data download of chart " + c.ID
			}
		}
	}
	for _, a := range arts {
		if what, ok := own[a.Path]; ok {
			ds.Errorf(generator.Pos{File: "content/" + a.Path}, "rename or move the file", "this file would be overwritten by %s", what)
		}
	}
}

// fail returns the diagnostics as an error, promoting warnings first when
// strict.
func fail(ds *generator.Diagnostics, opts Options) error {
	list := *ds
	if opts.Strict {
		list = list.Promote()
	}
	list.Sort()
	return list.Err()
}

// Build generates the site at opts.Source and writes it to opts.Dest. On
// any error nothing is written and the previous output stays as it was.
func Build(opts Options) (*Result, error) {
	return BuildContext(context.Background(), opts)
}

// BuildContext is Build, stopped when ctx is done (Ctrl-C): the temporary
// folder is removed at once — a write under way is waited for, and every
// later write fails — and the build returns context.Cause(ctx) as soon as
// the stage under way ends. The destination is left as it was. The
// temporary folder is also removed when a stage fails or panics.
func BuildContext(ctx context.Context, opts Options) (*Result, error) {
	return buildWith(ctx, opts, run)
}

// generateFunc runs the stages, handing each output file to sink: run,
// or a stand-in in tests of what happens to the temporary folder.
type generateFunc func(fsys fs.FS, opts Options, sink func(generator.File) error) (*Result, error)

func buildWith(ctx context.Context, opts Options, generate generateFunc) (*Result, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	if fi, err := os.Stat(opts.Source); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("source folder %s does not exist or is not a folder", opts.Source)
	}
	if err := publish.CheckDest(opts.Source, opts.Dest); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, context.Cause(ctx)
	}
	w, err := publish.Begin(opts.Dest)
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", opts.Dest, err)
	}
	defer w.Abort() // after a failure or a panic; nothing to do after Commit
	stop := context.AfterFunc(ctx, func() { w.Abort() })
	defer stop()
	res, err := generate(sitefs.Dir(opts.Source), opts, w.Write)
	if ctx.Err() != nil {
		return res, context.Cause(ctx)
	}
	if err != nil {
		return res, err
	}
	start := time.Now()
	res.Written, err = w.Commit()
	res.Duration += time.Since(start)
	res.Stages = append(res.Stages, Stage{Name: "swap", Duration: time.Since(start)})
	if ctx.Err() != nil && err != nil {
		return res, context.Cause(ctx)
	}
	if err != nil {
		return res, fmt.Errorf("writing %s: %w", opts.Dest, err)
	}
	return res, nil
}

// IsSiteError reports whether err lists problems in the site's files (as
// opposed to an I/O or usage failure).
func IsSiteError(err error) bool {
	var de *generator.DiagnosticsError
	return errors.As(err, &de)
}

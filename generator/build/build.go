// Package build runs a build as stages in order. Load reads and assembles
// a site into a Model — configuration, content, evidence, charts, theme —
// reusing from the previous Model whatever did not change; Render and
// Publish turn a Model into files, and Model.Lookup renders one file when
// it is asked for. `folio build` (Build), `folio check` (Generate) and the
// preview (serve) all go through Load.
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
	"github.com/folio-sites/folio/generator/internal/parallel"
	"github.com/folio-sites/folio/generator/optimize"
	"github.com/folio-sites/folio/generator/publish"
	"github.com/folio-sites/folio/generator/render"
	"github.com/folio-sites/folio/generator/site"
	"github.com/folio-sites/folio/generator/sitefs"
)

// Result is what a build produced.
type Result struct {
	Site  *site.Site
	Files []generator.File
	// Diagnostics holds every problem found, errors and warnings, sorted.
	Diagnostics generator.Diagnostics
	Pages       int
	// Charts counts the charts on all pages, once rendered (a school's are
	// drawn when its page is): 0 when the build stopped before.
	Charts int
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
}

// result starts a Result from what Load found.
func result(m *Model) *Result {
	if m == nil {
		return &Result{}
	}
	res := &Result{Site: m.Site, Diagnostics: m.Diagnostics, DraftsLeftOut: m.DraftsLeftOut,
		Duration: m.Duration, Stages: slices.Clone(m.Stages)}
	if m.Site != nil {
		res.Pages = m.Pages() // Charts once rendered: they are drawn then
	}
	return res
}

// Pages is the number of pages of the site.
func (m *Model) Pages() int { return len(m.Site.Pages) }

// Charts is the number of charts on all pages (drawing those never drawn).
func (m *Model) Charts() int {
	n := 0
	for _, p := range m.Site.Pages {
		n += p.ChartCount()
	}
	return n
}

// Check loads the site in fsys and renders every file as Generate does,
// keeping none: every problem a build would find, layouts' included, in
// the memory of the pages being rendered rather than of the whole site
// (`folio check` at 1,000 schools: 447 MB peak when it kept the files).
func Check(fsys fs.FS, opts Options) (*Result, error) {
	m, err := Load(context.Background(), fsys, opts, nil)
	if err != nil {
		return result(m), err
	}
	return Render(m, func(f generator.File) error {
		if f.Release != nil {
			f.Release()
		}
		return nil
	})
}

// Generate loads the site in fsys and renders every file in memory,
// sorted by path. When the site has errors, it returns them as a
// *generator.DiagnosticsError and a Result holding the diagnostics.
func Generate(fsys fs.FS, opts Options) (*Result, error) {
	m, err := Load(context.Background(), fsys, opts, nil)
	if err != nil {
		return result(m), err
	}
	var mu sync.Mutex
	var files []generator.File
	res, err := Render(m, func(f generator.File) error {
		f = f.Kept()
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

// Render renders every file of the model — pages, chart CSVs, sitemap,
// feed, evidence files, the theme's static files — and hands each to sink
// as soon as it is ready (minified when the options say so: pages by their
// minified layouts, the rest file by file), from many
// goroutines, so that a build can write pages as they are rendered. A
// template that fails is reported in the Result's diagnostics, returned
// as a *generator.DiagnosticsError.
func Render(m *Model, sink func(generator.File) error) (res *Result, err error) {
	res = result(m)
	if !m.ok {
		return res, errors.New("build: the site has errors; it cannot be rendered")
	}
	start := time.Now()
	var ds generator.Diagnostics
	defer func() {
		if r := recover(); r != nil {
			ds = append(ds, crashIn("render", stageFile["render"], r).Diagnostic())
			err = ds.Err()
		}
		res.Diagnostics = append(slices.Clone(m.Diagnostics), ds...)
		if m.opts.Strict {
			res.Diagnostics = res.Diagnostics.Promote()
		}
		res.Diagnostics.Sort()
		d := time.Since(start)
		res.Stages = append(res.Stages, Stage{Name: "render+write", Duration: d})
		res.Duration += d
	}()
	th := m.theme
	res.Minified = th.minified
	var mu sync.Mutex
	emit := func(f generator.File) error {
		if th.minifier != nil {
			st, err := th.minifier.File(&f)
			if err != nil {
				return err
			}
			mu.Lock()
			res.Minified.Add(st)
			mu.Unlock()
		}
		return sink(f)
	}
	// Pages come out of layouts minified once by Load (and their chart CSVs
	// are not minified): they go out as they are.
	if err := render.Stream(m.Site, th.templates, th.assets, &ds, func(_ int, f generator.File) error { return sink(f) }); err != nil {
		return res, fmt.Errorf("render: %w", err)
	}
	if ds.HasErrors() {
		return res, ds.Err()
	}
	res.Charts = m.Charts() // every page's were drawn, and counted, by now
	rest := render.Extras(m.Site)
	contentFS, err := fs.Sub(m.fsys, "content")
	if err != nil {
		return res, err
	}
	for _, a := range m.Site.Content.Artifacts {
		rest = append(rest, generator.File{Path: a.Path, Source: a.Path, SourceFS: contentFS})
	}
	// The theme's static files were minified (and hashed for their
	// integrity digests) by Load: they go out as they are, since a second
	// minify pass would change the bytes the digest was computed over.
	static := th.static
	errs := parallel.Map(len(rest)+len(static), func(i int) error {
		if i < len(rest) {
			return emit(rest[i])
		}
		return sink(static[i-len(rest)])
	})
	for _, err := range errs {
		if err != nil {
			return res, fmt.Errorf("write: %w", err)
		}
	}
	return res, nil
}

// Publish renders the model into dest atomically: into a temporary folder
// beside it, swapped in only when complete. On any error nothing is
// written and the previous output stays as it was (see BuildContext).
func Publish(ctx context.Context, m *Model, dest string) (*Result, error) {
	opts := m.opts
	opts.Dest = dest
	return buildWith(ctx, opts, func(_ fs.FS, _ Options, sink func(generator.File) error) (*Result, error) {
		return Render(m, sink)
	})
}

// Build loads the site at opts.Source and publishes it to opts.Dest. On
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
	return buildWith(ctx, opts, func(fsys fs.FS, opts Options, sink func(generator.File) error) (*Result, error) {
		m, err := Load(ctx, fsys, opts, nil)
		if err != nil {
			return result(m), err
		}
		return Render(m, sink)
	})
}

// generateFunc makes the files of a build, handing each to sink: Load
// then Render, or a stand-in in tests of what happens to the temporary
// folder.
type generateFunc func(fsys fs.FS, opts Options, sink func(generator.File) error) (*Result, error)

// buildWith writes what generate makes into opts.Dest through a
// temporary folder.
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
	q := publish.NewQueue(w)
	defer q.Wait() // after a panic: the writers end before Abort
	res, err := generate(sitefs.Dir(opts.Source), opts, q.Write)
	if werr := q.Wait(); err == nil && werr != nil {
		err = fmt.Errorf("write: %w", werr)
	}
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

// Package build runs a whole build as stages in order — configuration,
// content, evidence, site assembly, rendering — and, for `folio build`,
// writes the result atomically. `folio check` and `folio serve` run the
// same stages.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/config"
	"github.com/folio-sites/folio/generator/content"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/optimize"
	"github.com/folio-sites/folio/generator/publish"
	"github.com/folio-sites/folio/generator/render"
	"github.com/folio-sites/folio/generator/site"
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
}

// Result is what a build produced.
type Result struct {
	Site  *site.Site
	Files []generator.File
	// Diagnostics holds every problem found, errors and warnings, sorted.
	Diagnostics generator.Diagnostics
	Pages       int
	Charts      int
	// Minified says how many bytes minifying saved.
	Minified optimize.Stats
	// Written is set by Build once the files are on disk.
	Written publish.Stats
	// Duration is the wall time of the stages.
	Duration time.Duration
	// Stages is the wall time of each stage, in order.
	Stages []Stage
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
// memory. When the site has errors, it returns them as a
// *generator.DiagnosticsError and a Result holding the diagnostics.
func Generate(fsys fs.FS, opts Options) (*Result, error) {
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
	cfg := config.Load(fsys, &ds)
	if opts.BaseURL != "" {
		cfg.BaseURL = opts.BaseURL
	}
	cfg.Drafts = opts.Drafts
	c := content.Load(fsys, cfg, &ds)
	tm.done("content")
	ev := evidence.Load(fsys, knownTo(c), &ds)
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
	pages := append(render.Pages(s, templates, assets, &ds), render.Extras(s)...)
	if ds.HasErrors() {
		return res, fail(&ds, opts)
	}
	tm.done("render")
	if minifier != nil {
		st, err := minifier.Files(pages)
		if err != nil {
			return res, err
		}
		res.Minified.Before += st.Before
		res.Minified.After += st.After
		tm.done("minify")
	}
	for _, p := range s.Pages {
		res.Charts += len(p.Charts())
	}
	res.Pages = len(s.Pages)
	res.Files = append(pages, static...)
	contentFS, err := fs.Sub(fsys, "content")
	if err != nil {
		return res, err
	}
	for _, a := range c.Artifacts {
		res.Files = append(res.Files, generator.File{Path: a.Path, Source: a.Path, SourceFS: contentFS})
	}
	return res, nil
}

// knownTo lists what data files may refer to in the content.
func knownTo(c *generator.Content) evidence.Known {
	var k evidence.Known
	for _, s := range c.Schools {
		k.Schools = append(k.Schools, s.ID)
	}
	for _, a := range c.Artifacts {
		k.Artifacts = append(k.Artifacts, a.Path)
	}
	return k
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
	res, err := Generate(os.DirFS(opts.Source), opts)
	if err != nil {
		return res, err
	}
	start := time.Now()
	res.Written, err = publish.Write(opts.Dest, res.Files)
	res.Duration += time.Since(start)
	res.Stages = append(res.Stages, Stage{Name: "write", Duration: time.Since(start)})
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

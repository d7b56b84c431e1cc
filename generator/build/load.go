package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/audit"
	"github.com/folio-sites/folio/generator/config"
	"github.com/folio-sites/folio/generator/content"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/goals"
	"github.com/folio-sites/folio/generator/message"
	"github.com/folio-sites/folio/generator/optimize"
	"github.com/folio-sites/folio/generator/render"
	"github.com/folio-sites/folio/generator/site"
	"github.com/folio-sites/folio/generator/sitefs"
)

// Options are the inputs of a build besides the site's files.
type Options struct {
	// Source is the site folder; Dest the output folder (default
	// Source/public). Load reads the site from its fs.FS argument; Build
	// reads Source.
	Source string
	Dest   string
	// BaseURL, when set, overrides folio.yaml's base_url.
	BaseURL string
	// AtRoot makes links for a server at the site's root whatever
	// base_url says: a base URL's path (/portfolio/) becomes "/". The
	// preview sets it, since it serves at its own root.
	AtRoot bool
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
	// KeepMarkdown keeps every narrative's markdown in the Model, so that
	// its pages can still be rendered once the files changed; without it,
	// rendering reads each narrative again (but those whose HTML loading
	// held, within a budget), and fails if it changed (see
	// content.LoadCached). The preview sets it: it serves the last good
	// Model while a file is broken.
	KeepMarkdown bool
	// Changed, for a Load with a previous Model, lists the files (slash
	// paths relative to the site folder; a folder stands for everything
	// under it) that changed since that Model was loaded: every other
	// file is taken to be as it was and is not read again. nil means
	// unknown: every file is read and compared with the previous one by
	// its hash, and so does a list holding "." (the site folder). The
	// preview, which watches the files, sets it.
	Changed []string
}

// Stage is the time one stage of a build took, from the end of the stage
// before it. Evidence loads beside the narratives (see Load): its stage is
// what was left of it to wait for once content was done.
type Stage struct {
	Name     string
	Duration time.Duration
}

// Model is a loaded and assembled site: everything a build knows before
// it renders. Rendering and publishing consume it (Render, Publish, and
// Lookup for a server that renders pages when asked). A Model is not
// changed once Load returns it, except for Lookup's cache of rendered
// pages, so it can be served while the next one loads.
type Model struct {
	// Site is the assembled site (nil when a stage before assembly
	// crashed).
	Site *site.Site
	// Diagnostics holds every problem found, errors and warnings, sorted.
	Diagnostics generator.Diagnostics
	// Stages is the wall time of each stage, in order; Duration is the
	// whole load's (their sum, but for the wait for evidence to stop when
	// an earlier stage stopped the load).
	Stages   []Stage
	Duration time.Duration
	// DraftsLeftOut counts the narratives marked draft: true that were
	// left out (Options.Drafts off).
	DraftsLeftOut int

	opts Options
	fsys fs.FS
	ok   bool // no errors: the model can be rendered

	// What the next Load may reuse.
	links        generator.Diagnostics // symbolic links found
	linksChecked bool
	cfg          generator.Config
	content      *content.Cache
	evidence     *evidenceState
	theme        *themeState

	// Lookup's index and cache.
	once  sync.Once
	index map[string]output
	pages sync.Map // output path → []byte
}

// evidenceState is the evidence stage's result and what it was made from.
type evidenceState struct {
	cfg   generator.Config
	known evidence.Known
	// sum hashes every file under data/; zero when unknown (the evidence
	// was loaded on the word of Options.Changed, without reading it all).
	sum [sha256.Size]byte
	ev  *evidence.Data
	ds  generator.Diagnostics
}

// themeState is the theme stage's result.
type themeState struct {
	name      string
	minify    bool
	hashNames bool
	templates *render.Templates
	static    []generator.File
	assets    optimize.Assets
	minifier  *optimize.Minifier
	minified  optimize.Stats
	ds        generator.Diagnostics
	err       error
}

// Load loads and assembles the site in fsys — configuration, content,
// evidence, charts, theme — reusing from prev (nil for none) whatever did
// not change: each markdown file whose bytes are the same, the evidence
// and every chart when data/ and the list of schools did not change, the
// theme when no layout or static file changed. See Options.Changed.
// Evidence needs of the content only its schools and evidence files: it
// loads beside the narratives, from the moment content.Start has found
// them (see Stage).
//
// When the site has errors, Load returns them as a
// *generator.DiagnosticsError along with a Model that holds them; that
// Model cannot be rendered, but may be given to the next Load as prev.
// Other errors (a cancelled ctx) are wrapped with the stage they stopped.
// A panic in any stage is recovered into an error at the file being
// processed that asks for a bug report (see generator.Crash).
func Load(ctx context.Context, fsys fs.FS, opts Options, prev *Model) (*Model, error) {
	start := time.Now()
	m := &Model{opts: opts, fsys: fsys}
	if prev != nil && (prev.opts.Drafts != opts.Drafts || prev.opts.Minify != opts.Minify || prev.opts.Fingerprint != opts.Fingerprint ||
		prev.opts.BaseURL != opts.BaseURL || prev.opts.AtRoot != opts.AtRoot || !prev.opts.Since.Equal(opts.Since) ||
		prev.opts.KeepMarkdown != opts.KeepMarkdown) {
		prev = nil
	}
	changed := changedSince(prev, opts.Changed)
	var ds generator.Diagnostics
	// The check for symbolic links walks every input folder: it runs
	// beside the configuration and the content. takeLinks puts its reports
	// first, as they would be had it run before, once: at the end of the
	// content stage (which raises a panic of the check's), or on the way
	// out if an earlier stage stopped the load.
	type linksResult struct {
		ds       generator.Diagnostics
		panicked any
	}
	linksDone := make(chan linksResult, 1)
	go func() {
		var r linksResult
		defer func() {
			r.panicked = recover()
			linksDone <- r
		}()
		r.ds = checkLinks(fsys, prev, changed)
	}()
	linksTaken := false
	takeLinks := func() (panicked any) {
		if linksTaken {
			return nil
		}
		linksTaken = true
		r := <-linksDone
		m.links, m.linksChecked = r.ds, r.panicked == nil
		ds = append(slices.Clip(r.ds), ds...)
		return r.panicked
	}
	// Evidence needs of content only the schools and evidence files,
	// which content has found before it parses the narratives: it loads
	// beside them, and the evidence stage is what is left of it to wait
	// for once content is done. takeEvidence waits for it, once: in the
	// evidence stage (which raises a panic of its), or on the way out if
	// an earlier stage stopped the load, so that no load outlives Load.
	type evidenceResult struct {
		st       *evidenceState
		err      error // ctx's, when the load was given up
		panicked any
	}
	var evidenceDone chan evidenceResult
	takeEvidence := func() evidenceResult {
		if evidenceDone == nil {
			return evidenceResult{}
		}
		r := <-evidenceDone
		evidenceDone = nil
		return r
	}
	last := start
	stage := func(name string, run func() error) (err error) {
		defer func() {
			now := time.Now()
			m.Stages = append(m.Stages, Stage{Name: name, Duration: now.Sub(last)})
			last = now
			if r := recover(); r != nil {
				c := crashIn(name, stageFile[name], r)
				ds = append(ds, c.Diagnostic())
				err = c
			}
		}()
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := run(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	done := func(err error) (*Model, error) {
		takeLinks() // a panic of the check's matters less than what stopped the load
		takeEvidence()
		if opts.Strict {
			ds = ds.Promote()
		}
		ds.Sort()
		m.Diagnostics = ds
		m.Duration = time.Since(start)
		var crash *generator.Crash
		switch {
		case errors.As(err, &crash):
			return m, ds.Err()
		case err != nil:
			return m, err
		case ds.HasErrors():
			return m, ds.Err()
		}
		m.ok = true
		return m, nil
	}

	var cfg generator.Config
	var c *generator.Content
	var ev *evidence.Data
	err := stage("config", func() error {
		cfg = config.Load(fsys, &ds)
		if opts.BaseURL != "" {
			cfg.BaseURL = opts.BaseURL
		}
		if opts.AtRoot && cfg.BaseURL != "" {
			cfg.BaseURL = "/"
		}
		cfg.Drafts = opts.Drafts
		if !opts.Since.IsZero() {
			cfg.Board.Since = opts.Since
		}
		m.cfg = cfg
		return nil
	})
	if err != nil {
		return done(err)
	}
	if err := stage("content", func() error {
		var cache *content.Cache
		if prev != nil {
			cache = prev.content
		}
		var paths []string
		if changed.known {
			paths = changed.paths
		}
		loading := content.Start(fsys, cfg, cache, paths, opts.KeepMarkdown, &ds)
		var old *evidenceState
		if prev != nil {
			old = prev.evidence
		}
		known := evidence.KnownFrom(loading.Outline())
		evidenceDone = make(chan evidenceResult, 1)
		go func() {
			var r evidenceResult
			defer func() {
				r.panicked = recover()
				evidenceDone <- r
			}()
			r.st, r.err = loadEvidence(ctx, fsys, cfg, known, old, changed)
		}()
		c, m.content = loading.Finish()
		m.DraftsLeftOut = c.DraftsLeftOut
		if panicked := takeLinks(); panicked != nil {
			panic(panicked)
		}
		return nil
	}); err != nil {
		return done(err)
	}
	if err := stage("evidence", func() error {
		r := takeEvidence()
		if r.panicked != nil {
			panic(r.panicked)
		}
		if r.err != nil {
			return r.err
		}
		m.evidence = r.st
		ev = m.evidence.ev
		ds = append(ds, m.evidence.ds...)
		return nil
	}); err != nil {
		return done(err)
	}
	if err := stage("assemble", func() error {
		var old *site.Site
		if prev != nil {
			old = prev.Site
		}
		msgs := message.ForSite(fsys, cfg.Theme, cfg.Language, &ds)
		m.Site = site.Reassemble(old, cfg, c, ev, msgs, &ds)
		return nil
	}); err != nil {
		return done(err)
	}
	if err := stage("theme", func() error {
		var old *themeState
		if prev != nil {
			old = prev.theme
		}
		m.theme = loadTheme(fsys, cfg.Theme, opts, old, changed)
		ds = append(ds, m.theme.ds...)
		return m.theme.err
	}); err != nil {
		return done(err)
	}
	if m.theme.templates != nil {
		// It may draw a school's charts (see checkCollisions): a crash
		// there is the assemble stage's, as when they were drawn there.
		var crash *generator.Crash
		func() {
			defer func() {
				if r := recover(); r != nil {
					crash = crashIn("assemble", stageFile["assemble"], r)
					ds = append(ds, crash.Diagnostic())
				}
			}()
			checkCollisions(m.Site, m.theme.static, c.Artifacts, &ds)
		}()
		if crash != nil {
			return done(crash)
		}
	}
	return done(nil)
}

// crashIn is the panic r of the stage named as a crash: at the file a
// Guard named, else at file.
func crashIn(stage, file string, r any) *generator.Crash {
	c, ok := r.(*generator.Crash)
	if !ok {
		c = &generator.Crash{File: file, Value: r}
	}
	c.Stage = stage
	return c
}

// stageFile is what a crash outside any one file names.
var stageFile = map[string]string{
	"config": config.File, "content": "content", "evidence": "data", "assemble": "content",
	"theme": "layouts", "render": "layouts", "write": "public",
}

// changes is what Options.Changed says, relative to a previous Model.
type changes struct {
	known bool // false: nothing is known, compare every file
	paths []string
}

func changedSince(prev *Model, paths []string) changes {
	if prev == nil || paths == nil || slices.Contains(paths, ".") {
		return changes{}
	}
	return changes{known: true, paths: paths}
}

// touches reports whether a changed path is p, under p, or a folder
// holding p; false when nothing is known.
func (ch changes) touches(p string) bool {
	for _, c := range ch.paths {
		if c == p || strings.HasPrefix(c, p+"/") || strings.HasPrefix(p, c+"/") {
			return true
		}
	}
	return false
}

// checkLinks reports every symbolic link among the site's inputs
// (sitefs.Check). With known changes since prev, only the changed paths
// are looked at — a link can only appear as a change — and prev's reports
// of other paths stand.
func checkLinks(fsys fs.FS, prev *Model, ch changes) generator.Diagnostics {
	var ds generator.Diagnostics
	if !ch.known || !prev.linksChecked {
		sitefs.Check(fsys, &ds)
		return ds
	}
	for _, d := range prev.links {
		if !ch.touches(d.Pos.File) {
			ds = append(ds, d)
		}
	}
	for _, p := range ch.paths {
		top, _, _ := strings.Cut(p, "/")
		if slices.Contains(sitefs.Inputs, top) {
			linksUnder(fsys, p, &ds)
		}
	}
	return ds
}

// linksUnder reports p if it is a symbolic link, and the links under it if
// it is a folder.
func linksUnder(fsys fs.FS, p string, ds *generator.Diagnostics) {
	defer generator.Guard(p)
	fi, err := fs.Lstat(fsys, p)
	if err != nil {
		return // removed, or under a link already reported
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		ds.Errorf(generator.Pos{File: p}, sitefs.LinkHint, sitefs.LinkMessage)
		return
	}
	if !fi.IsDir() {
		return
	}
	_ = fs.WalkDir(fsys, p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if q != p && sitefs.Ignored(path.Base(q)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if sitefs.IsLink(d) {
			ds.Errorf(generator.Pos{File: q}, sitefs.LinkHint, sitefs.LinkMessage)
		}
		return nil
	})
}

// loadEvidence loads data/, or reuses old when the configuration, the
// schools and evidence files content knows of, and every file under data/
// are as they were. It runs beside the content stage, so it stops between
// its steps once ctx is done (a load the caller gave up on), returning
// ctx's error and never evidence that has not been audited.
func loadEvidence(ctx context.Context, fsys fs.FS, cfg generator.Config, known evidence.Known, old *evidenceState, ch changes) (*evidenceState, error) {
	known.Dates = cfg.Dates // how the CSV files write dates (folio.yaml dates:)
	same := old != nil && reflect.DeepEqual(old.cfg, cfg) && reflect.DeepEqual(old.known, known)
	st := &evidenceState{cfg: cfg, known: known}
	switch {
	case same && ch.known && !ch.touches("data"):
		st.sum = old.sum
	default:
		st.sum = hashTree(ctx, fsys, "data")
		same = same && old.sum != [sha256.Size]byte{} && st.sum == old.sum
	}
	if same {
		st.ev, st.ds = old.ev, old.ds
		return st, nil
	}
	for _, step := range []func(){
		func() { st.ev = evidence.Load(fsys, known, &st.ds) },
		func() { auditPrivacy(st.ev, &st.ds) },
		func() { st.ev.Goals = goals.Load(fsys, known, st.ev, &st.ds) },
	} {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		step()
	}
	return st, nil
}

// auditPrivacy runs the independent privacy audit over the evidence as it
// will be published: a value suppression withheld that can still be worked
// out is folio's bug, and stops the build before anything is written.
func auditPrivacy(ev *evidence.Data, ds *generator.Diagnostics) {
	for _, l := range audit.Check(ev) {
		ds.Errorf(l.Pos, "this is a bug in folio's suppression, not a problem in your data: please report it (the build was stopped so that nothing is published)",
			"internal error: privacy audit: %s can be worked out from published values (%s)", l.What, l.Derived)
	}
}

// hashTree hashes the names and bytes of every file under dir; zero when
// ctx is done or a file cannot be read (the loader reports it).
func hashTree(ctx context.Context, fsys fs.FS, dir string) [sha256.Size]byte {
	h := sha256.New()
	buf := make([]byte, 64<<10)
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		defer generator.Guard(p)
		// Streamed through a small buffer: reading a 12 MB CSV whole
		// took fresh memory from the system for every build.
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		content := sha256.New()
		n, err := io.CopyBuffer(content, f, buf)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, n)
		h.Write(content.Sum(nil))
		return nil
	})
	if err != nil {
		return [sha256.Size]byte{}
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// themeInputs are the folders a theme is read from.
var themeInputs = []string{"layouts", "static", "themes"}

// loadTheme parses the theme's layouts and prepares its static files
// (minified and hashed when asked), or reuses old when nothing the theme
// is made of changed.
func loadTheme(fsys fs.FS, name string, opts Options, old *themeState, ch changes) *themeState {
	if old != nil && ch.known && old.name == name && old.minify == opts.Minify && old.hashNames == opts.Fingerprint &&
		!slices.ContainsFunc(themeInputs, ch.touches) {
		return old
	}
	st := &themeState{name: name, minify: opts.Minify, hashNames: opts.Fingerprint}
	theme, err := render.LoadTheme(fsys, name)
	if err != nil {
		st.ds.Errorf(generator.Pos{File: config.File}, "", "%v", err)
		return st
	}
	var compact render.Compact
	if opts.Minify {
		st.minifier = optimize.NewMinifier()
		compact = st.minifier.Layout
	}
	st.templates = theme.Templates(&st.ds, compact)
	if st.templates == nil {
		return st
	}
	st.static = theme.StaticFiles()
	if st.minifier != nil {
		if st.minified, err = st.minifier.Files(st.static); err != nil {
			var serr *optimize.SyntaxError
			if errors.As(err, &serr) {
				st.ds.Errorf(serr.Pos, "fix it (a browser cannot read it either), or remove the file",
					"%s cannot be read to be minified: %s", path.Base(serr.Pos.File), serr.Message)
				return st
			}
			st.err = err
			return st
		}
	}
	st.assets = optimize.Assets{}
	if opts.Fingerprint {
		if st.assets, err = optimize.Fingerprint(st.static); err != nil {
			st.err = err
		}
	}
	return st
}

// checkCollisions reports evidence files whose output path is also a file
// the build writes itself — the sitemap or feed, a static file of the
// theme, a chart's CSV — so that `folio check` finds it, not the write.
// (Artifacts that collide with a page are reported by site.Assemble.)
func checkCollisions(s *site.Site, static []generator.File, arts []generator.Artifact, ds *generator.Diagnostics) {
	if len(arts) == 0 {
		return
	}
	// Look the few evidence files up among what the build writes, not the
	// other way round: a district writes tens of thousands of CSVs.
	pos := make(map[string]int, len(arts))
	for i, a := range arts {
		pos[a.Path] = i
	}
	what := make([]string, len(arts))
	// A chart's CSV is written in its page's folder: only the pages of
	// folders holding a CSV file of the author's can collide (and only
	// their charts need be drawn: a school's are drawn when asked for).
	csvFolders := map[string]bool{}
	for _, a := range arts {
		if strings.HasSuffix(a.Path, ".csv") {
			csvFolders[folderURL(a.Path)] = true
		}
	}
	claim := func(p, by string) {
		if i, ok := pos[p]; ok {
			what[i] = by // the last claim is named, as before
		}
	}
	for _, p := range render.ExtraPaths {
		claim(p, "the site's "+p)
	}
	for _, f := range static {
		claim(f.Path, "the theme's "+f.Path)
	}
	for _, p := range s.Pages {
		if !csvFolders[p.URL] {
			continue
		}
		for _, c := range p.Charts() {
			if c.Home == p.URL {
				claim(strings.TrimPrefix(c.CSVPath(), "/"), "the data download of chart "+c.ID)
			}
		}
	}
	for i, a := range arts {
		if what[i] != "" {
			ds.Errorf(generator.Pos{File: "content/" + a.Path}, "rename or move the file", "this file would be overwritten by %s", what[i])
		}
	}
}

// folderURL is the URL of the folder holding the output file at p (a
// slash path relative to the output folder): "schools/x/a.csv" →
// "/schools/x/", "a.csv" → "/". A page's charts' CSVs are in the folder
// whose URL is the page's.
func folderURL(p string) string {
	if d := path.Dir(p); d != "." {
		return "/" + d + "/"
	}
	return "/"
}

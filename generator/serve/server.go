package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/sitefs"
)

// Options configure a Server.
type Options struct {
	// Source is the site folder (default ".").
	Source string
	// Bind is the address to listen on (default 127.0.0.1: this computer
	// only). Port 0 lets the system choose; a port in use makes Run take
	// the next free one.
	Bind string
	Port int
	// Drafts includes narratives marked draft.
	Drafts bool
	// FS reads the site's files (default sitefs.Dir(Source), which
	// refuses symbolic links); Source is still the folder watched.
	FS fs.FS
	// Logger receives what the terminal shows: the URL, each rebuild, the
	// problems. Default: discarded.
	Logger io.Writer
	// Batcher debounces file changes (zero value: default timings).
	Batcher Batcher
	// OnListen, if set, is called by Run with the site's URL once the
	// server listens (to open a browser, or for tests).
	OnListen func(url string)
	// OnRebuild, if set, is called after each rebuild, from the goroutine
	// running Watch.
	OnRebuild func(Update)
}

// Update describes one rebuild.
type Update struct {
	// Changed are the files that started it, slash-separated and relative
	// to the site folder, sorted.
	Changed []string
	// Event is the event sent to pages: EventReload, EventCSS, EventError
	// or EventOK.
	Event string
	// Problems are the diagnostics of the build, warnings included.
	Problems generator.Diagnostics
	// Build identifies the model served after the rebuild.
	Build string
	// Pages is the number of pages built (0 when the build failed).
	Pages int
	// Duration is the time from the start of the build to the event.
	Duration time.Duration
}

// Server builds a site in memory, serves it, and rebuilds it on changes.
type Server struct {
	opts   Options
	source string
	fsys   fs.FS
	log    io.Writer
	// last is the model of the last load, good or not: the next load
	// reuses what did not change from it. Only Watch's goroutine (and
	// New) touch it.
	last     *build.Model
	watcher  *watcher
	hub      *hub
	st       atomic.Pointer[state]
	instance string // random, so build ids differ across restarts
	builds   int    // models served; only Watch's goroutine changes it
	warned   string // warnings last printed, to print them once
	close    sync.Once
}

// New builds the site once and starts watching its files, so that every
// change after New returns is seen. A site with errors is not an error:
// the server starts and shows them. Call Run (or Watch and Handler), then
// Close.
func New(opts Options) (*Server, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Logger == nil {
		opts.Logger = io.Discard
	}
	src, err := filepath.Abs(opts.Source)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(src); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("source folder %s does not exist or is not a folder", opts.Source)
	}
	if opts.FS == nil {
		opts.FS = sitefs.Dir(src)
	}
	var id [4]byte
	_, _ = rand.Read(id[:])
	s := &Server{opts: opts, source: src, fsys: opts.FS, log: opts.Logger, hub: newHub(), instance: hex.EncodeToString(id[:])}
	s.st.Store(&state{site: &served{}, build: s.instance + "-0"})
	// Watch first, build second: a save during the first build is seen.
	if s.watcher, err = newWatcher(src, s.log); err != nil {
		return nil, err
	}
	s.update(context.Background(), nil)
	return s, nil
}

// Close stops watching and ends the event streams. Run calls it.
func (s *Server) Close() error {
	var err error
	s.close.Do(func() {
		s.hub.close()
		err = s.watcher.close()
	})
	return err
}

func (s *Server) current() *state { return s.st.Load() }

// Watch rebuilds the site whenever its files change, until ctx is done or
// the server is closed. Call it once.
func (s *Server) Watch(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	changes := make(chan string, 64)
	batches := make(chan []string)
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Go(func() {
		defer cancel() // the watcher was closed
		s.watcher.run(ctx, changes)
	})
	wg.Go(func() { s.opts.Batcher.Run(ctx, changes, batches) })
	for {
		select {
		case <-ctx.Done():
			return nil
		case batch := <-batches:
			s.update(ctx, batch)
		}
	}
}

// update reloads the model after changed (nil: the first load) through
// build.Load, reusing what did not change from the last one, swaps it in
// if it loaded without errors, and tells the pages and the terminal. A
// failed load keeps the last good model on show. Pages are not rendered
// here: each is rendered when a browser asks for it.
func (s *Server) update(ctx context.Context, changed []string) {
	start := time.Now()
	opts := build.Options{Source: s.source, Drafts: s.opts.Drafts, AtRoot: true, KeepMarkdown: true, Changed: changed}
	m, err := build.Load(ctx, s.fsys, opts, s.last)
	if m != nil && (err == nil || isSiteError(err)) {
		s.last = m
	} else {
		s.last = nil // cancelled midway: start afresh next time
	}
	prev := s.current()
	u := Update{Changed: changed}
	if m != nil {
		u.Problems = m.Diagnostics
	}
	if err != nil {
		if !isSiteError(err) || len(u.Problems) == 0 {
			u.Problems = append(u.Problems, generator.Diagnostic{Pos: generator.Pos{File: s.opts.Source}, Message: err.Error()})
		}
		next := &state{site: prev.site, build: prev.build, problems: u.Problems}
		s.st.Store(next)
		u.Event, u.Build = EventError, next.build
		u.Duration = time.Since(start)
		// The terminal first: whoever reads it after the page has shown
		// the problem finds it there too.
		s.report(u, prev)
		s.hub.publish(event{EventError, next.message()})
	} else {
		s.builds++
		id := fmt.Sprintf("%s-%d", s.instance, s.builds)
		next := &state{site: &served{model: m, built: time.Now()}, build: id}
		_, next.warnings = m.Diagnostics.Count()
		s.st.Store(next)
		u.Build, u.Pages = id, m.Pages()
		switch {
		case prev.problems != nil:
			u.Event = EventOK
		case cssOnly(changed):
			u.Event = EventCSS
		default:
			u.Event = EventReload
		}
		u.Duration = time.Since(start)
		s.report(u, prev)
		s.hub.publish(event{u.Event, next.message()})
	}
	if s.opts.OnRebuild != nil {
		s.opts.OnRebuild(u)
	}
}

func isSiteError(err error) bool {
	var de *generator.DiagnosticsError
	return errors.As(err, &de)
}

// cssOnly reports whether every changed file is a stylesheet, which pages
// can swap without a reload.
func cssOnly(changed []string) bool {
	for _, p := range changed {
		if filepath.Ext(p) != ".css" {
			return false
		}
	}
	return len(changed) > 0
}

package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/sitefs"
	"github.com/fsnotify/fsnotify"
)

// watcher reports the files that change under a site's inputs, as paths
// relative to the site folder with forward slashes. fsnotify watches single
// folders, so watcher adds every folder of the tree, adds folders created
// later (reporting the files already inside them, whose own events were
// missed), and drops the watches of folders removed or renamed.
type watcher struct {
	root string
	fsw  *fsnotify.Watcher
	log  io.Writer
	// dirs are the folders watched, by OS path; only the goroutine that
	// runs the watcher touches it after newWatcher returns.
	dirs map[string]bool
}

func newWatcher(root string, log io.Writer) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch files: %w", err)
	}
	w := &watcher{root: root, fsw: fsw, log: log, dirs: map[string]bool{}}
	if err := w.addAll(nil); err != nil {
		fsw.Close()
		return nil, err
	}
	return w, nil
}

// addAll watches the root and every input folder.
func (w *watcher) addAll(emit func(string)) error {
	if err := w.add(w.root); err != nil {
		return err
	}
	// The root is watched for the inputs (sitefs.Inputs) only.
	for _, name := range sitefs.Inputs {
		if err := w.addTree(filepath.Join(w.root, name), emit); err != nil {
			return err
		}
	}
	return nil
}

func (w *watcher) add(dir string) error {
	if err := w.fsw.Add(dir); err != nil {
		if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
			return fmt.Errorf("cannot watch %s: the system's limit on watched folders is reached (on Linux, raise fs.inotify.max_user_watches): %w", dir, err)
		}
		return fmt.Errorf("cannot watch %s: %w", dir, err)
	}
	w.dirs[dir] = true
	return nil
}

// addTree watches dir and the folders under it, skipping ignored names.
// With emit, it reports every file found: a folder just created or moved
// in may already hold files whose events came before its watch. Each
// folder is watched before it is listed, so no file falls in between.
func (w *watcher) addTree(dir string, emit func(string)) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone already; its removal is reported
			}
			return err
		}
		if p != dir && sitefs.Ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if rel, ok := w.rel(p); ok && emit != nil {
				emit(rel)
			}
			return nil
		}
		if err := w.add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// forget drops the watches of p and of every folder under it. A renamed
// folder keeps its watches in the kernel under its old name, so they must
// go before the new name is added.
func (w *watcher) forget(p string) {
	prefix := p + string(filepath.Separator)
	for d := range w.dirs {
		if d == p || strings.HasPrefix(d, prefix) {
			_ = w.fsw.Remove(d) // often already gone with the folder
			delete(w.dirs, d)
		}
	}
}

// rel returns the slash path of p relative to the site folder, and false
// when p is not one a build reads (sitefs.IsInput).
func (w *watcher) rel(p string) (string, bool) {
	r, err := filepath.Rel(w.root, p)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false
	}
	r = filepath.ToSlash(r)
	if !sitefs.IsInput(r) {
		return "", false
	}
	return r, true
}

// run sends the changed paths to out until ctx is done or the watcher is
// closed.
func (w *watcher) run(ctx context.Context, out chan<- string) {
	emit := func(p string) {
		select {
		case out <- p:
		case <-ctx.Done():
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			w.handle(ev, emit)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: watch everything again and rebuild.
				fmt.Fprintln(w.log, "folio: too many file events at once; rebuilding everything")
				if err := w.addAll(nil); err != nil {
					fmt.Fprintf(w.log, "folio: %s\n", generator.Printable(err.Error()))
				}
				emit(".") // "." stands for every file: compare them all
				continue
			}
			fmt.Fprintf(w.log, "folio: watching files: %s\n", generator.Printable(err.Error()))
		}
	}
}

func (w *watcher) handle(ev fsnotify.Event, emit func(string)) {
	if ev.Op&^fsnotify.Chmod == 0 {
		return // attributes only (touch, chmod, indexers, vim after a save)
	}
	rel, ok := w.rel(ev.Name)
	if !ok {
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			if err := w.addTree(ev.Name, emit); err != nil {
				fmt.Fprintf(w.log, "folio: %s\n", generator.Printable(err.Error()))
			}
			return // its files were reported; an empty folder changes nothing
		}
	}
	if ev.Op&^fsnotify.Chmod == fsnotify.Write && w.dirs[ev.Name] {
		return // kqueue and Windows report a folder's listing changing
	}
	emit(rel)
}

func (w *watcher) close() error { return w.fsw.Close() }

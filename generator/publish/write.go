package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/internal/parallel"
	"github.com/folio-sites/folio/generator/sitefs"
)

// keep lists files of the previous output that survive a rebuild: the
// placeholder that keeps an empty public/ in git.
var keep = []string{".gitkeep"}

// Stats says what was written.
type Stats struct {
	Files int
	Bytes int64
}

// errClosed is what Write and Commit return once the writer was aborted
// (a failed or interrupted build).
var errClosed = errors.New("the build was stopped; its temporary folder is removed")

// Writer builds a new version of a destination folder in a temporary
// folder beside it; Commit swaps it in, Abort throws it away. Write may be
// called from many goroutines, so pages can be written as they are
// rendered instead of being held in memory; Abort may be called from any
// goroutine, at any time (when the build is interrupted).
type Writer struct {
	dest, tmp string

	// life is held shared by each Write and exclusively by Abort and
	// Commit, so that the temporary folder is never removed while a file
	// is being written into it, and nothing is written after.
	life sync.RWMutex
	done bool // aborted or committed

	mu   sync.Mutex
	seen map[string]bool
	dirs map[string]bool
	st   Stats

	// spare is the previous output claimed to be written over (nil for
	// a new folder), listed before the first write (see spare.go);
	// spareFiles and spareDirs are what it held, and removeUnwritten takes
	// away what the build did not write.
	spare                 *spare
	spareFiles, spareDirs map[string]bool
	like                  *fresh          // what a new file gets, when writing into a spare
	spareErr              error           // the spare could not be emptied
	made                  map[string]bool // with a spare: the folders this build wrote into
}

// tempPrefix begins the name of every temporary folder; the process id
// after it tells whether the build that made the folder is still running
// (see removeStale).
const tempPrefix = ".folio-build-"

// Begin starts writing a new version of dest. It first removes the
// temporary folders that killed earlier builds left beside dest.
func Begin(dest string) (*Writer, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	removeStale(parent)
	tmp, err := os.MkdirTemp(parent, fmt.Sprintf("%s%d-", tempPrefix, os.Getpid()))
	if err != nil {
		return nil, fmt.Errorf("create temporary output folder: %w", err)
	}
	w := &Writer{dest: dest, tmp: tmp, seen: map[string]bool{Marker: true}, dirs: map[string]bool{".": true}}
	w.spare = claimSpare(dest, tmp)
	if w.spare != nil {
		w.like = &w.spare.like
	}
	host, _ := os.Hostname()
	mark := markerHeader + "building on " + host + "\n"
	// Readable by this user only until Commit: a claimed spare holds the
	// previous output, pages withdrawn since included, until the build
	// has removed what it did not write.
	if err := os.Chmod(tmp, 0o700); err != nil {
		removeTree(tmp)
		return nil, err
	}
	if err := writeBytes(filepath.Join(tmp, Marker), []byte(mark), w.like); err != nil {
		removeTree(tmp)
		return nil, fmt.Errorf("create temporary output folder: %w", err)
	}
	return w, nil
}

// Write writes one file. Its path must be relative, inside the output and
// not written before.
func (w *Writer) Write(f generator.File) error {
	if !fs.ValidPath(f.Path) || f.Path == "." {
		return fmt.Errorf("invalid output path %q", f.Path)
	}
	w.life.RLock()
	defer w.life.RUnlock()
	if w.done {
		return errClosed
	}
	dir := path.Dir(f.Path)
	w.mu.Lock()
	if err := w.waitSpare(); err != nil {
		w.mu.Unlock()
		return err
	}
	if w.seen[f.Path] {
		w.mu.Unlock()
		return fmt.Errorf("two files would be written to %s", f.Path)
	}
	w.seen[f.Path] = true
	if w.spareFiles != nil {
		for d := dir; !w.made[d]; d = path.Dir(d) {
			w.made[d] = true
		}
	}
	if !w.dirs[dir] {
		// The folders made so far are known: make the missing ones, from
		// the top, one system call each (MkdirAll would stat each first).
		var missing []string
		for d := dir; !w.dirs[d]; d = path.Dir(d) {
			missing = append(missing, d)
		}
		for i := len(missing) - 1; i >= 0; i-- {
			if w.spareFiles[missing[i]] && !w.seen[missing[i]] {
				// A file of the previous output where this one has a
				// folder (not one this build wrote: that fails below).
				os.Remove(filepath.Join(w.tmp, filepath.FromSlash(missing[i])))
				delete(w.spareFiles, missing[i])
			}
			if err := os.Mkdir(filepath.Join(w.tmp, filepath.FromSlash(missing[i])), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				w.mu.Unlock()
				return err
			}
			w.dirs[missing[i]] = true
		}
	}
	if w.spareDirs[f.Path] && !w.made[f.Path] {
		// A folder of the previous output where this one has a file
		// (not one this build wrote into: that fails below).
		if err := os.RemoveAll(filepath.Join(w.tmp, filepath.FromSlash(f.Path))); err != nil {
			w.mu.Unlock()
			return err
		}
		delete(w.spareDirs, f.Path)
		delete(w.dirs, f.Path)
	}
	if f.SourceFS != nil && w.spareFiles[f.Path] {
		// Copied with a truncating open: a new file, never one that
		// might share its contents with another name.
		if err := os.Remove(filepath.Join(w.tmp, filepath.FromSlash(f.Path))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			w.mu.Unlock()
			return err
		}
	}
	w.mu.Unlock()
	n, err := writeFile(filepath.Join(w.tmp, filepath.FromSlash(f.Path)), f, w.like)
	if err != nil {
		return fmt.Errorf("write %s: %w", f.Path, err)
	}
	w.mu.Lock()
	w.st.Files++
	w.st.Bytes += n
	w.mu.Unlock()
	return nil
}

// waitSpare waits, once, for the spare claimed by Begin to be listed (see
// spare.wait), and then writes into it, or into the emptied folder. An
// error stays: a spare that could not be emptied fails every later Write
// and Commit, leaving the destination as it was.
func (w *Writer) waitSpare() error {
	if w.spare != nil {
		ok, err := w.spare.wait(w.tmp)
		if err != nil {
			w.spareErr = err
		} else if ok {
			w.spareFiles, w.spareDirs = w.spare.files, w.spare.dirs
			w.dirs = maps.Clone(w.spareDirs)
			w.made = map[string]bool{".": true}
		}
		w.spare = nil
	}
	return w.spareErr
}

// Abort removes what was written, waiting for writes under way to end;
// the destination is untouched. Later writes fail. It reports whether it
// did anything: false after Commit (or a previous Abort).
func (w *Writer) Abort() bool {
	w.life.Lock()
	defer w.life.Unlock()
	if w.done {
		return false
	}
	w.done = true
	removeTree(w.tmp)
	return true
}

// Commit swaps the new version in place of the destination and removes
// the previous one. On error the previous version is left (or put back)
// in place, and the temporary folder is removed.
func (w *Writer) Commit() (Stats, error) {
	w.life.Lock()
	defer w.life.Unlock()
	if w.done {
		return w.st, errClosed
	}
	w.done = true
	if err := w.commit(); err != nil {
		removeTree(w.tmp)
		return w.st, err
	}
	return w.st, nil
}

func (w *Writer) commit() error {
	if err := w.waitSpare(); err != nil { // nothing was written
		return err
	}
	if w.spareFiles != nil {
		if err := removeUnwritten(w.tmp, w.spareFiles, w.spareDirs, w.seen); err != nil {
			return fmt.Errorf("remove what the previous output held and this build did not write: %w", err)
		}
	}
	files := slices.Collect(maps.Keys(w.seen))
	for _, name := range keep {
		if data, err := readPlain(filepath.Join(w.dest, name)); err == nil && !w.seen[name] {
			if err := writeBytes(filepath.Join(w.tmp, name), data, w.like); err != nil {
				return err
			}
		}
	}
	if err := writeBytes(filepath.Join(w.tmp, Marker), markerText(files), w.like); err != nil {
		return err
	}
	if err := os.Chmod(w.tmp, 0o755); err != nil {
		return err
	}
	return swap(w.tmp, w.dest)
}

// readPlain reads the file at p if it is a plain file: a symbolic link is
// never read through (a .gitkeep pointing anywhere would be published),
// nor a fifo or a device.
func readPlain(p string) ([]byte, error) {
	if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() {
		return nil, fs.ErrInvalid
	}
	f, err := os.OpenFile(p, os.O_RDONLY|noFollow, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// Write replaces dest with a folder holding exactly files, writing them on
// every core. Paths must be unique, relative and inside dest.
func Write(dest string, files []generator.File) (Stats, error) {
	w, err := Begin(dest)
	if err != nil {
		return Stats{}, err
	}
	errs := parallel.Map(len(files), func(i int) error { return w.Write(files[i]) })
	for _, err := range errs {
		if err != nil {
			w.Abort()
			return Stats{}, err
		}
	}
	return w.Commit()
}

func writeFile(target string, f generator.File, like *fresh) (int64, error) {
	if f.SourceFS == nil {
		return int64(len(f.Data)), writeBytes(target, f.Data, like)
	}
	in, err := f.SourceFS.Open(f.Source)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC|noFollow, 0o644)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// swap moves tmp to dest, moving any previous dest aside first and
// restoring it if the move fails; the previous dest is then kept as the
// next build's spare.
func swap(tmp, dest string) error {
	old := ""
	if _, err := os.Lstat(dest); err == nil {
		old = tmp + "-previous"
		if err := os.Rename(dest, old); err != nil {
			return fmt.Errorf("move previous output aside: %w", err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		if old != "" {
			if rerr := os.Rename(old, dest); rerr != nil {
				return fmt.Errorf("install new output: %w (and restoring the previous output failed: %v; it is in %s)", err, rerr, old)
			}
		}
		return fmt.Errorf("install new output: %w", err)
	}
	if old != "" {
		if err := keepAsSpare(old, dest); err != nil {
			return fmt.Errorf("remove previous output %s: %w", old, err)
		}
	}
	return nil
}

// removeTree removes a folder, its subfolders on every core: the previous
// output of a large site holds tens of thousands of files. A symbolic link
// (a destination that was one) is removed itself, never followed.
func removeTree(dir string) error {
	if fi, err := os.Lstat(dir); err == nil && !fi.IsDir() {
		return os.Remove(dir)
	}
	var subdirs []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() { // a symbolic link is not a folder here: never followed
			continue
		}
		inner, _ := os.ReadDir(filepath.Join(dir, e.Name()))
		for _, in := range inner {
			subdirs = append(subdirs, filepath.Join(dir, e.Name(), in.Name()))
		}
	}
	// Removing waits on the file system more than on a core: more
	// goroutines than cores keep it busy.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(queueWriters, len(subdirs)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(subdirs); i = int(next.Add(1) - 1) {
				os.RemoveAll(subdirs[i])
			}
		})
	}
	wg.Wait()
	return os.RemoveAll(dir)
}

// CheckDest reports an error when writing to dest could destroy anything
// but a previous build: dest must not be the source folder, one of its
// parents or one of its input folders, nor a symbolic link; and when it
// already holds files, it must be a previous build (see [Replaceable]) or
// hold nothing but a .gitkeep.
func CheckDest(source, dest string) error {
	// Cleaned as Begin cleans it: "public/" would make Lstat follow a link.
	dest = filepath.Clean(dest)
	if fi, err := os.Lstat(dest); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("the destination %s is a symbolic link; give the folder it points to, or another folder", dest)
	}
	src, err := realPath(source)
	if err != nil {
		return err
	}
	dst, err := realPath(dest)
	if err != nil {
		return err
	}
	if src == dst {
		return fmt.Errorf("the destination %s is the source folder itself; write to a folder such as %s", dest, filepath.Join(source, "public"))
	}
	if rel, err := filepath.Rel(dst, src); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
		return fmt.Errorf("the destination %s contains the source folder; it would be replaced by the build", dest)
	}
	if rel, err := filepath.Rel(src, dst); err == nil {
		top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		for _, input := range sitefs.Inputs {
			if top == input && input != sitefs.ConfigFile {
				return fmt.Errorf("the destination %s is inside the site's %s/ folder, which the build reads", dest, input)
			}
		}
	}
	return Replaceable(dest)
}

// realPath is the absolute path of p with symbolic links resolved, as
// far as p exists.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest), nil
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

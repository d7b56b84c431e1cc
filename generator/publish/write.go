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

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/internal/parallel"
)

// keep lists files of the previous output that survive a rebuild: the
// placeholder that keeps an empty public/ in git.
var keep = []string{".gitkeep"}

// Stats says what Write wrote.
type Stats struct {
	Files int
	Bytes int64
}

// Write replaces dest with a folder holding exactly files. Paths must be
// unique, relative and inside dest.
func Write(dest string, files []generator.File) (Stats, error) {
	var st Stats
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return st, fmt.Errorf("create %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, ".folio-build-")
	if err != nil {
		return st, fmt.Errorf("create temporary output folder: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return st, err
	}

	seen := make(map[string]bool, len(files))
	dirs := map[string]bool{}
	for _, f := range files {
		if !fs.ValidPath(f.Path) || f.Path == "." {
			return st, fmt.Errorf("invalid output path %q", f.Path)
		}
		if seen[f.Path] {
			return st, fmt.Errorf("two files would be written to %s", f.Path)
		}
		seen[f.Path] = true
		dirs[path.Dir(f.Path)] = true
	}
	// Folders first, serially; then the files on every core.
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		if err := os.MkdirAll(filepath.Join(tmp, filepath.FromSlash(d)), 0o755); err != nil {
			return st, err
		}
	}
	type result struct {
		n   int64
		err error
	}
	results := parallel.Map(len(files), func(i int) result {
		n, err := writeFile(filepath.Join(tmp, filepath.FromSlash(files[i].Path)), files[i])
		if err != nil {
			err = fmt.Errorf("write %s: %w", files[i].Path, err)
		}
		return result{n, err}
	})
	for _, r := range results {
		if r.err != nil {
			return st, r.err
		}
		st.Files++
		st.Bytes += r.n
	}
	for _, name := range keep {
		if data, err := os.ReadFile(filepath.Join(dest, name)); err == nil && !seen[name] {
			if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
				return st, err
			}
		}
	}
	if err := swap(tmp, dest); err != nil {
		return st, err
	}
	committed = true
	return st, nil
}

func writeFile(target string, f generator.File) (int64, error) {
	if f.SourceFS == nil {
		return int64(len(f.Data)), os.WriteFile(target, f.Data, 0o644)
	}
	in, err := f.SourceFS.Open(f.Source)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
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
// restoring it if the move fails.
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
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove previous output %s: %w", old, err)
		}
	}
	return nil
}

// inputDirs are the folders of a site that a build reads.
var inputDirs = []string{"content", "data", "layouts", "static", "themes"}

// CheckDest reports an error when dest would overwrite or contain the
// source: the destination may be inside the source (public/) but must not
// be the source folder itself or one of its parents.
func CheckDest(source, dest string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
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
		for _, input := range inputDirs {
			if top == input {
				return fmt.Errorf("the destination %s is inside the site's %s/ folder, which the build reads", dest, input)
			}
		}
	}
	return nil
}

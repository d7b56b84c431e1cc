// Package sitefs opens a site folder for the build so that nothing outside
// it is ever read: a symbolic link anywhere below the folder is refused,
// never followed. A committed link to /etc/passwd or to .git/config (where
// actions/checkout keeps its token) would otherwise be published as an
// evidence file, or read as data or a template.
//
// [Check] reports every link under the site's inputs at its path, once per
// build; the stages that walk folders skip links ([IsLink]), and every
// open through [Dir] — folio.yaml, data/*.csv, a layout, an evidence file —
// fails with [ErrSymlink], so no stage can follow a link by mistake.
package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
)

// Inputs are the files and folders of a site that a build reads.
var Inputs = []string{ConfigFile, "content", "data", "layouts", "static", "themes", "i18n"}

// ConfigFile is the site's configuration, the one input that is a file.
const ConfigFile = "folio.yaml"

// IsInput reports whether rel, a slash path relative to the site folder,
// is one a build reads: folio.yaml, or a path under one of the other
// Inputs, with no Ignored name in it. The preview rebuilds for these
// paths and no others.
func IsInput(rel string) bool {
	top, _, nested := strings.Cut(rel, "/")
	if !slices.Contains(Inputs, top) || (nested && top == ConfigFile) {
		return false
	}
	for name := range strings.SplitSeq(rel, "/") {
		if Ignored(name) {
			return false
		}
	}
	return true
}

// Ignored reports whether a file or folder name is hidden, or an editor's
// or office program's temporary, backup or lock file. Such names are
// never read, published, looked into or watched: the build and the
// preview skip the same ones, so a file a save leaves behind for a moment
// cannot make the two differ.
func Ignored(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "."): // .git, .DS_Store, .x.swp, .#x, .goutputstream-*
		return true
	case strings.HasSuffix(name, "~"): // emacs, gedit backups
		return true
	case strings.HasPrefix(name, "~$"): // Word and Excel lock files
		return true
	case len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs autosave
		return true
	case name == "4913": // vim checks it may write in the folder
		return true
	case strings.HasSuffix(lower, ".swp"), strings.HasSuffix(lower, ".swx"), strings.HasSuffix(lower, ".swo"):
		return true
	case strings.HasSuffix(lower, ".tmp"): // temporary file of an atomic save
		return true
	case strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"): // JetBrains
		return true
	case lower == "thumbs.db", lower == "desktop.ini": // Windows
		return true
	}
	return false
}

// Check reports every symbolic link among the site's Inputs in fsys, at
// its path. Ignored files and folders (".git", an editor's ".#x" lock,
// which is a link) are never read and not looked into.
func Check(fsys fs.FS, ds *generator.Diagnostics) {
	for _, in := range Inputs {
		fi, err := fs.Lstat(fsys, in)
		if err != nil {
			continue // missing, or reported by the stage that reads it
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			ds.Errorf(generator.Pos{File: in}, LinkHint, LinkMessage)
			continue
		}
		if !fi.IsDir() {
			continue
		}
		_ = fs.WalkDir(fsys, in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // the stage that reads the folder reports it
			}
			if p != in && Ignored(path.Base(p)) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if IsLink(d) {
				ds.Errorf(generator.Pos{File: p}, LinkHint, LinkMessage)
			}
			return nil
		})
	}
}

// ErrSymlink is the error of opening a path that is, or passes through, a
// symbolic link. It says what the author needs to know; the path is in the
// *fs.PathError around it.
var ErrSymlink = errors.New("symbolic link: folio reads only files inside the site folder, never what a link points to (replace the link with the file or folder itself)")

// ErrNotPlain is the error for a named pipe, socket or device: reading a
// named pipe would wait for ever, and none of them is a site's file.
var ErrNotPlain = errors.New("not a plain file (a named pipe, socket or device)")

// LinkHint is the hint of a diagnostic about a link found in a walk.
const LinkHint = "replace the link with the file or folder itself"

// LinkMessage is the message of a diagnostic about a link found in a walk.
const LinkMessage = "symbolic link: folio reads only files inside the site folder, never what a link points to"

// IsLink reports whether a walked entry is a symbolic link.
func IsLink(d fs.DirEntry) bool { return d.Type()&fs.ModeSymlink != 0 }

// Dir returns the site folder dir as a file system that refuses links.
// dir itself may be a link (a site opened through one); only what is below
// it is checked.
func Dir(dir string) fs.FS {
	real := ""
	if abs, err := filepath.Abs(dir); err == nil {
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			real = r
		}
	}
	return siteFS{dir: os.DirFS(dir).(dirFS), real: real}
}

// dirFS is what os.DirFS provides.
type dirFS interface {
	fs.ReadDirFS
	fs.ReadFileFS
	fs.StatFS
	fs.ReadLinkFS
}

type siteFS struct {
	dir dirFS
	// real is the site folder's path with its links resolved ("" when it
	// could not be), for opening a file in one system call that refuses
	// any link on the way (see readNoLinks).
	real string
}

// check returns an error if name, or a folder on the way to it, is a
// symbolic link. A part that does not exist is left for the open to report.
func (f siteFS) check(op, name string) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return nil
	}
	for i := 0; ; {
		j := strings.IndexByte(name[i:], '/')
		part := name
		if j >= 0 {
			part = name[:i+j]
		}
		fi, err := f.dir.Lstat(part)
		if err != nil {
			return nil
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return &fs.PathError{Op: op, Path: part, Err: ErrSymlink}
		}
		if j < 0 {
			if !fi.IsDir() && !fi.Mode().IsRegular() {
				return &fs.PathError{Op: op, Path: part, Err: ErrNotPlain}
			}
			return nil
		}
		i += j + 1
	}
}

// Open implements fs.FS.
func (f siteFS) Open(name string) (fs.File, error) {
	if err := f.check("open", name); err != nil {
		return nil, err
	}
	return f.dir.Open(name)
}

// ReadFile implements fs.ReadFileFS. Where the system can open a path
// refusing every link on it in one call (Linux's openat2), it does, and
// checks part by part only to name the link it refused; elsewhere it
// checks each part first. A site reads thousands of files: one call
// instead of one per folder on the way.
func (f siteFS) ReadFile(name string) ([]byte, error) { return f.readFileUpTo(name, -1) }

// readFileUpTo is ReadFile refusing, without reading it, a file of more
// than max bytes (max < 0: no limit); see [ReadFileUpTo].
func (f siteFS) readFileUpTo(name string, max int64) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f.real != "" && name != "." {
		data, done, err := readNoLinks(filepath.Join(f.real, filepath.FromSlash(name)), max)
		switch {
		case done && err == nil:
			return data, nil
		case done && !errors.Is(err, errLinkOnPath):
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		// A link on the way (or no openat2): find it, and say which.
	}
	if err := f.check("open", name); err != nil {
		return nil, err
	}
	if max >= 0 {
		if info, err := f.dir.Stat(name); err == nil && info.Mode().IsRegular() && info.Size() > max {
			return nil, &fs.PathError{Op: "open", Path: name, Err: &TooLargeError{Size: info.Size(), Max: max}}
		}
	}
	return f.dir.ReadFile(name)
}

// TooLargeError is the error of [ReadFileUpTo] for a file larger than its
// limit, which it did not read.
type TooLargeError struct {
	Size, Max int64 // bytes
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("file is %d bytes, more than the limit of %d", e.Size, e.Max)
}

// ReadFileUpTo reads the file name of fsys unless it is a regular file of
// more than max bytes (max < 0: no limit): then it returns, without reading it, an error wrapping a
// *TooLargeError with its size. For a file system of [Dir] on Linux it
// takes the open and one fstat, where fs.Stat and then fs.ReadFile would
// look at every folder on the way twice: a site's thousands of narratives
// are read this way.
func ReadFileUpTo(fsys fs.FS, name string, max int64) ([]byte, error) {
	if f, ok := fsys.(siteFS); ok {
		return f.readFileUpTo(name, max)
	}
	if info, err := fs.Stat(fsys, name); err == nil && max >= 0 && info.Mode().IsRegular() && info.Size() > max {
		return nil, &fs.PathError{Op: "open", Path: name, Err: &TooLargeError{Size: info.Size(), Max: max}}
	}
	return fs.ReadFile(fsys, name)
}

// ReadDir implements fs.ReadDirFS. The entries of links are listed as
// they are, for walks to report.
func (f siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := f.check("open", name); err != nil {
		return nil, err
	}
	return f.dir.ReadDir(name)
}

// Stat implements fs.StatFS.
func (f siteFS) Stat(name string) (fs.FileInfo, error) {
	if err := f.check("stat", name); err != nil {
		return nil, err
	}
	return f.dir.Stat(name)
}

// Lstat implements fs.ReadLinkFS: a link itself is described, not
// refused, so that fs.Lstat can tell it is one.
func (f siteFS) Lstat(name string) (fs.FileInfo, error) {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		if err := f.check("lstat", name[:i]); err != nil {
			return nil, err
		}
	}
	return f.dir.Lstat(name)
}

// ReadLink implements fs.ReadLinkFS; folio never follows what it returns.
func (f siteFS) ReadLink(name string) (string, error) {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		if err := f.check("readlink", name[:i]); err != nil {
			return "", err
		}
	}
	return f.dir.ReadLink(name)
}
